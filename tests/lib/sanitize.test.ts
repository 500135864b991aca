import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/markdown/markdown";

// Written in the style of the OWASP XSS filter-evasion cheat sheet: each line
// is a Markdown body an attacker could commit.
const HOSTILE = [
  "<script>alert('XSS')</script>",
  "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
  '<IMG SRC="javascript:alert(\'XSS\');">',
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
  "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
  "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">",
  '<IMG SRC="jav&#x09;ascript:alert(\'XSS\');">',
  "<BODY ONLOAD=alert('XSS')>",
  '<svg/onload=alert("XSS")>',
  "<iframe src=\"javascript:alert('XSS')\"></iframe>",
  '<OBJECT TYPE="text/x-scriptlet" DATA="https://xss.example/scriptlet.html"></OBJECT>',
  '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH">',
  "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
  '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
  '<DIV STYLE="background-image: url(javascript:alert(\'XSS\'))">',
  "<a href=\"javascript:alert('XSS')\">click</a>",
  "[click](javascript:alert('XSS'))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![x](javascript:alert(1))",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
  "[click](java\tscript:alert(1))",
  "[a]: javascript:alert(1)\n\n[ref link][a]",
  "<javascript:alert(1)>",
  '[x](https://example.com "title\\" onmouseover=\\"alert(1)")',
  "<form action=\"javascript:alert(1)\"><button>go</button></form>",
  '<details open ontoggle=alert(1)><summary>x</summary></details>',
  "<base href=\"javascript:alert('XSS');//\">",
  "```html\n<script>alert(1)</script>\n```",
  "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
];

const FORBIDDEN_ELEMENTS = "script, style, iframe, object, embed, frame, frameset, meta, link, base, form, svg, math";
const SCRIPT_URL = /^\s*(javascript|vbscript|data):/i;

function parse(html: string) {
  return new JSDOM(`<!doctype html><body>${html}</body>`).window.document;
}

describe("hostile Markdown", () => {
  it("has a corpus of at least 25 inputs", () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(25);
  });

  it.each(HOSTILE)("renders %j with nothing executable", (input) => {
    const document = parse(renderMarkdown(input).html);
    expect(document.querySelectorAll(FORBIDDEN_ELEMENTS)).toHaveLength(0);
    for (const element of document.body.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        expect(attribute.name).not.toMatch(/^on/i);
        expect(attribute.name).not.toBe("style");
        if (["href", "src", "action", "formaction", "xlink:href"].includes(attribute.name)) {
          expect(attribute.value).not.toMatch(SCRIPT_URL);
        }
      }
    }
  });

  it("keeps the visible text of hostile code blocks as text", () => {
    expect(renderMarkdown("```html\n<script>alert(1)</script>\n```").html).toContain(
      '<pre tabindex="0"><code class="language-html">&#x3C;script>alert(1)&#x3C;/script>\n</code></pre>',
    );
  });

  it("keeps ordinary Markdown intact", () => {
    const { html } = renderMarkdown(
      '[link](https://example.com/a?b=1&c=2 "Title") ![A map](/images/map.svg "Map")\n\n> A quote.\n\n`inline` **bold** _em_\n\n| a |\n| - |\n| 1 |\n\n1. one\n2. two',
    );
    const document = parse(html);
    expect(document.querySelector("a")!.getAttribute("href")).toBe("https://example.com/a?b=1&c=2");
    expect(document.querySelector("a")!.getAttribute("title")).toBe("Title");
    expect(document.querySelector("img")!.getAttribute("src")).toBe("/images/map.svg");
    expect(document.querySelector("img")!.getAttribute("alt")).toBe("A map");
    expect(document.querySelector("blockquote p")!.textContent).toBe("A quote.");
    expect(document.querySelector("code")!.textContent).toBe("inline");
    expect(document.querySelector("strong")!.textContent).toBe("bold");
    expect(document.querySelector("em")!.textContent).toBe("em");
    expect(document.querySelector("td")!.textContent).toBe("1");
    expect(document.querySelectorAll("ol li")).toHaveLength(2);
    expect(document.querySelector("table")!.getAttribute("tabindex")).toBe("0");
  });
});

// RFC 3986: schemes are case-insensitive. An allowed scheme in any case keeps its URL, the scheme
// lowercased and the rest as written; a disallowed one in any case, or one hidden behind spaces,
// controls or entities, loses it. Each hostile link sits beside an uppercase allowed one, which
// must be the only address left.
describe("URL schemes in any case", () => {
  const hrefs = (html: string) => [...parse(html).querySelectorAll("a")].map((a) => a.getAttribute("href"));
  const srcs = (html: string) => [...parse(html).querySelectorAll("img")].map((img) => img.getAttribute("src"));

  it("keeps a link to HTTPS://, lowercasing only the scheme", () => {
    expect(renderMarkdown("[x](HTTPS://example.com)").html).toContain('<a href="https://example.com" rel="noopener noreferrer">x</a>');
    expect(hrefs(renderMarkdown("[x](HtTpS://Example.com/Path?Q=A#Top)").html)).toEqual(["https://Example.com/Path?Q=A#Top"]);
    expect(hrefs(renderMarkdown("[x](HTTP://example.com/a)").html)).toEqual(["http://example.com/a"]);
  });

  it("keeps a Mailto: link", () => {
    expect(renderMarkdown("[m](Mailto:a@b.example)").html).toContain('<a href="mailto:a@b.example">m</a>');
    expect(hrefs(renderMarkdown("[m](MAILTO:Desk@B.example?subject=Hi)").html)).toEqual(["mailto:Desk@B.example?subject=Hi"]);
  });

  it("keeps the src of an image from HTTPS://", () => {
    expect(renderMarkdown("![i](HTTPS://example.com/a.png)").html).toContain('<img src="https://example.com/a.png" alt="i">');
  });

  it("keeps autolinks and autolink literals with an uppercase scheme", () => {
    expect(hrefs(renderMarkdown("<HTTPS://example.com/auto> and HTTPS://example.com/literal").html)).toEqual(["https://example.com/auto", "https://example.com/literal"]);
  });

  it("keeps reference links with an uppercase scheme", () => {
    expect(hrefs(renderMarkdown("[ref link][a]\n\n[a]: HTTPS://example.com/ref").html)).toEqual(["https://example.com/ref"]);
  });

  it("keeps raw HTML <a href> and <img src> with an uppercase scheme, and the other URL attributes", () => {
    const { html } = renderMarkdown(
      '<a href="HTTPS://example.com/raw">a</a> <a href="MailTo:desk@example.com">m</a> <img src="Https://example.com/raw.png" alt="r">\n\n<blockquote cite="HTTPS://example.com/c">q</blockquote>\n\n<video controls src="HTTPS://example.com/v.mp4" poster="HTTP://example.com/p.png"></video>',
    );
    expect(hrefs(html)).toEqual(["https://example.com/raw", "mailto:desk@example.com"]);
    expect(srcs(html)).toEqual(["https://example.com/raw.png"]);
    expect(html).toContain('<blockquote cite="https://example.com/c">');
    expect(html).toContain('<video controls src="https://example.com/v.mp4" poster="http://example.com/p.png"></video>');
  });

  it.each([
    "[bad](JaVaScRiPt:alert(1))",
    "[bad](JAVASCRIPT:alert(1))",
    "[bad](VbScRiPt:msgbox(1))",
    "[bad](DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[bad](Data:text/html,x)",
    "[bad](java&#x09;script:alert(1))",
    "[bad](JaVa&#x09;ScRiPt:alert(1))",
    "[bad](&#x4A;avaScript&#x3A;alert(1))",
    "[bad](&#74;&#65;&#86;&#65;&#83;&#67;&#82;&#73;&#80;&#84;&#58;alert(1))",
    "[bad](<\u0001JavaScript:alert(1)>)",
    "[bad][r]\n\n[r]: JaVaScRiPt:alert(1)",
    "<JaVaScRiPt:alert(1)>",
    '<a href="JaVaScRiPt:alert(1)">bad</a>',
    '<a href=" JaVaScRiPt:alert(1)">bad</a>',
    '<a href="\u0001JAVASCRIPT:alert(1)">bad</a>',
    '<a href="java&#x09;script:alert(1)">bad</a>',
    '<a href="JaVa&#x0A;ScRiPt:alert(1)">bad</a>',
    '<a href="&#x4A;avascript&#x3A;alert(1)">bad</a>',
    '<a href="JaVaScRiPt&colon;alert(1)">bad</a>',
    '<a href="VBSCRIPT:msgbox(1)">bad</a>',
    '<a href="DATA:text/html,x">bad</a>',
  ])("drops the href of %j, keeping the uppercase HTTPS link beside it", (input) => {
    expect(hrefs(renderMarkdown(`[ok](HTTPS://example.com) ${input}`).html)).toEqual(["https://example.com", null]);
  });

  it.each([
    "![bad](JaVaScRiPt:alert(1))",
    "![bad](DATA:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![bad](Data:text/html,x)",
    "![bad](java&#x09;script:alert(1))",
    '<img src="JaVaScRiPt:alert(1)" alt="bad">',
    '<img src="Data:image/png;base64,AA" alt="bad">',
    '<img src=" VBSCRIPT:x" alt="bad">',
    '<img src="jav&#x09;ascript:alert(1)" alt="bad">',
  ])("drops the src of %j, keeping the uppercase HTTPS image beside it", (input) => {
    expect(srcs(renderMarkdown(`![ok](HTTPS://example.com/ok.png) ${input}`).html)).toEqual(["https://example.com/ok.png", null]);
  });
});

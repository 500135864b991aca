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

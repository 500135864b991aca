import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { frontmatterSchema } from "@/lib/content/article-schema";
import { loadArticles } from "@/lib/content/articles";
import { clientAddress } from "@/lib/http/client-address";
import { ContentError, describeValue } from "@/lib/content/content-error";
import { pageNumber } from "@/lib/archive/pagination";
import { parseArticle, type ParseResult } from "@/lib/content/parse-article";
import { renderBodyNow } from "@/lib/content/render-body";
import { publishDateSchema } from "@/lib/content/publish-date";
import Database from "better-sqlite3";
import { addSearchDocuments, cleanQuery, createSearchTables, finishSearchTables, searchSnapshot, type SearchDocument } from "@/lib/archive/search";
import { identifyReader } from "@/lib/views/reader";
import { expectLinearCost } from "../cost-shape";
import { tempContentDir, type RenderedArticle } from "./fixtures";

// The promise these tests hold the loader to: whatever bytes an editor (or an
// attacker with commit access) puts in the content folder, the file either
// loads, with HTML that cannot run anything, or yields problems that name it.
// Never a crash, never a hang.

const FILE_NAME = "hostile-story.md";
const SHOWN = "content/hostile-story.md";
const FRONT = "---\ntitle: Headline\ndate: 2026-04-21\ncategory: tech\nsummary: A summary.\n---\n\n";
const RUNS = 200;

const encoder = new TextEncoder();

type Parsed = { ok: true; article: Omit<RenderedArticle, "markdown"> } | Extract<ParseResult, { ok: false }>;

/** Parses a file and, when it loads, renders its body as a page would: the whole path from bytes to HTML. */
function parse(source: string | Uint8Array, fileName = FILE_NAME): Parsed {
  const bytes = typeof source === "string" ? encoder.encode(source) : source;
  const result = parseArticle(fileName, bytes, SHOWN);
  if (!result.ok) return result;
  const { article, text, warnings, bodyStart, firstLine } = result.scanned;
  const markdown = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "").slice(bodyStart);
  const body = renderBodyNow({ markdown, firstLine, images: { publicDir: path.resolve("public"), folderUrl: article.url } });
  return { ok: true, article: { ...article, ...body, text, warnings } };
}

// ---------------------------------------------------------------------------
// What "inert HTML" means

const { document } = new JSDOM("<!doctype html><html><body></body></html>").window;

const FORBIDDEN_ELEMENTS =
  "script, style, iframe, frame, frameset, object, embed, applet, form, svg, math, meta, link, base, noscript, template";
const SCRIPT_URL = /^\s*(javascript|vbscript|data):/i;
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "cite", "poster", "background", "srcset", "data"]);

/** The URL a browser acts on: leading controls and spaces dropped, tabs and newlines removed anywhere (WHATWG URL). */
function asBrowserReads(value: string): string {
  let start = 0;
  while (start < value.length && value.charCodeAt(start) <= 0x20) start++;
  return value.slice(start).replace(/[\t\n\r]/g, "");
}

/** Every way `html` could run script or restyle the page, as readable strings (empty when inert). */
function executableParts(html: string): string[] {
  const template = document.createElement("template");
  template.innerHTML = html;
  const content = template.content;
  const found: string[] = [];
  for (const element of content.querySelectorAll(FORBIDDEN_ELEMENTS)) found.push(`<${element.localName}> element`);
  for (const element of content.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) found.push(`${name} attribute on <${element.localName}>`);
      if (name === "style") found.push(`style attribute on <${element.localName}>`);
      if (URL_ATTRIBUTES.has(name) && (SCRIPT_URL.test(attribute.value) || SCRIPT_URL.test(asBrowserReads(attribute.value)))) {
        found.push(`${name}=${JSON.stringify(attribute.value)} on <${element.localName}>`);
      }
    }
  }
  return found;
}

/** The contract: the file loads with inert HTML, or every problem names the file and says what is wrong. */
function expectLoadsOrNamesFile(result: Parsed): void {
  if (result.ok) {
    expect(executableParts(result.article.html)).toEqual([]);
    return;
  }
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    expect(problem.file).toBe(SHOWN);
    expect(typeof problem.field).toBe("string");
    expect(problem.message).not.toBe("");
  }
}

describe("the inert-HTML check itself", () => {
  it("catches every kind of executable HTML it is meant to catch", () => {
    expect(executableParts('<p>fine <a href="https://example.com">x</a></p>')).toEqual([]);
    expect(executableParts("<script>alert(1)</script>")).toEqual(["<script> element"]);
    expect(executableParts("<svg><circle/></svg>")).toEqual(["<svg> element"]);
    expect(executableParts('<img src="x" onerror="alert(1)">')).toEqual(["onerror attribute on <img>"]);
    expect(executableParts('<p style="color:red">x</p>')).toEqual(["style attribute on <p>"]);
    expect(executableParts('<a href=" JaVaScRiPt:alert(1)">x</a>')).toHaveLength(1);
    expect(executableParts('<a href="java&#x09;script:alert(1)">x</a>')).toHaveLength(1);
    expect(executableParts('<img src="data:image/svg+xml,x">')).toHaveLength(1);
    expect(executableParts('<a href="vbscript:msgbox(1)">x</a>')).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------
// 1. Properties

/** Bits of Markdown and HTML from XSS filter-evasion lists, plus the syntax that glues them together. */
const HOSTILE_FRAGMENTS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
  "<script",
  "</script>",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "<img src=x onerror=alert(1)>",
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  "<IMG SRC=`javascript:alert(1)`>",
  '<a href="#" onclick="alert(1)">x</a>',
  "<svg/onload=alert(1)>",
  "<body onload=alert(1)>",
  '<div style="background:url(javascript:alert(1))">',
  "<details open ontoggle=alert(1)><summary>x</summary></details>",
  "<iframe src=javascript:alert(1)></iframe>",
  '<object type="text/x-scriptlet" data="https://xss.example/x.html"></object>',
  "<embed src=data:image/svg+xml;base64,PHN2Zz4=>",
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  "<base href=\"javascript:alert('XSS');//\">",
  "<style>body{display:none}</style>",
  '<input autofocus onfocus="alert(1)">',
  '<a href="javascript&colon;alert(1)">x</a>',
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "vbscript:msgbox(1)",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "data:image/svg+xml,<svg onload=alert(1)>",
  "java\tscript:alert(1)",
  " javascript:alert(1)",
  "\u0001javascript:alert(1)",
  "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
  "&#x6A;avascript&#x3A;alert(1)",
  "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)",
  "javascript&colon;alert(1)",
  "%6A%61%76%61script:alert(1)",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "&#60;script&#62;alert(1)&#60;/script&#62;",
  "<!--",
  "-->",
  "<!-- <script>alert(1)</script> -->",
  "<!--><script>alert(1)</script>-->",
  "<![CDATA[<script>alert(1)</script>]]>",
  "<?xml version='1.0'?>",
  "<!doctype html>",
  "[",
  "]",
  "(",
  ")",
  "[x](",
  "](",
  "![",
  "[[[[x]]]]",
  "[[x](javascript:alert(1))](https://example.com)",
  "[x](javascript:alert(1))",
  "[x](JAVASCRIPT:alert(1))",
  "[x](<javascript:alert(1)>)",
  "[x](vbscript:msgbox(1))",
  "[x](data:text/html,<script>alert(1)</script>)",
  "![x](javascript:alert(1))",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "[x](&#106;avascript:alert(1))",
  "[x](java&#x09;script:alert(1))",
  '[x](https://example.com "t\\" onmouseover=\\"alert(1)")',
  "[x][ref]",
  "[ref]",
  "\n[ref]: javascript:alert(1)\n",
  "\n[ref]: data:text/html,x\n",
  "<javascript:alert(1)>",
  "<https://example.com>",
  "https://example.com/?q=<script>",
  "www.example.com",
  "x@example.com",
  "[^1]",
  "\n[^1]: <script>alert(1)</script>\n",
  "`",
  "```",
  "\n```html\n<script>alert(1)</script>\n```\n",
  "*",
  "**",
  "_",
  "~~",
  "# ",
  "\n## <img src=x onerror=alert(1)>\n",
  "> ",
  "- ",
  "1. ",
  "- [ ] ",
  "- [x] ",
  "\n| a | b |\n| - | - |\n| <script> | [x](javascript:alert(1)) |\n",
  "\\",
  '"',
  "'",
  "<",
  ">",
  "&",
  "=",
  "\u0000",
  "\u2028",
  "\t",
  "    ",
];

const SEPARATORS = ["", "", " ", "\n", "\n\n", "\r\n"];

const hostileMarkdown = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
      ),
      fc.constantFrom(...SEPARATORS),
    ),
    { minLength: 1, maxLength: 30 },
  )
  .map((parts) => parts.flat().join(""));

/** Characters that make YAML and Markdown parsers work hardest. */
const syntaxChar = fc.constantFrom(
  ..."-:\n \t&*!|>[]{}'\"#%@`?,<=~.\\".split(""),
  "a",
  "1",
  "\r\n",
  "---",
  "\u0000",
  "\uFEFF",
);
const syntaxHeavy = fc.string({ unit: syntaxChar, maxLength: 120 });
const anyText = fc.string({ unit: "binary", maxLength: 200 });

const anyValue = fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 2 }), fc.anything({ maxDepth: 2 }));
/** Mostly a value the schema accepts, sometimes a near miss or anything at all. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: fc.oneof(invalid, anyValue) });

const validDate = fc.oneof(
  fc.constantFrom("2026-04-21", "2026-04-21T09:30:00+02:00", "2026-04-21T09:30Z", " 2026-04-21 "),
  fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(Date.UTC(9999, 0, 1)) }).map((date) => date.toISOString()),
);
const invalidDate = fc.oneof(fc.constantFrom("2026-02-30", "2026-04-21T", "2026-04-21T09:30", "April 5th", "21/04/2026"), fc.string());
const validSlug = fc.oneof(fc.constantFrom("tech", "climate-policy", "Tech", " city-hall "), fc.stringMatching(/^[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}$/));
const invalidSlug = fc.oneof(fc.constantFrom("a--b", "-a", "a-", "élan", "a b", "<script>"), fc.string());
const validUrl = fc.oneof(fc.webUrl(), fc.constantFrom("https://example.com/a?b=1&c=2", "HTTP://EXAMPLE.COM"));
const invalidUrl = fc.constantFrom(
  "javascript:alert(1)",
  "JAVASCRIPT:alert(1)",
  " javascript:alert(1)",
  "java\tscript:alert(1)",
  "vbscript:msgbox(1)",
  "data:text/html,<script>alert(1)</script>",
  "//evil.example/x.png",
  "http://",
  "https://exa mple.com",
);
const validImage = fc.oneof(validUrl, fc.constantFrom("/images/map.svg", "/images/<script>.png", '/x" onerror="alert(1)'));
/** Text the schema accepts, hostile or not. */
const validText = fc.oneof(
  fc.constantFrom("A headline", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "&lt;b&gt;"),
  anyText.filter((text) => text.trim() !== ""),
);
const invalidText = fc.constantFrom("", "   ", "\n\t");

const frontMatter = fc
  .tuple(
    fc.record(
      {
        title: mostly(validText, invalidText),
        date: mostly(validDate, invalidDate),
        updated: mostly(fc.constant("9999-12-31"), invalidDate),
        category: mostly(validSlug, invalidSlug),
        summary: mostly(validText, invalidText),
        source: mostly(
          fc.oneof(validText, fc.record({ name: validText, url: validUrl }, { requiredKeys: ["name"] })),
          fc.oneof(invalidText, fc.record({ name: validText, url: invalidUrl })),
        ),
        author: mostly(validText, invalidText),
        authorUrl: mostly(validUrl, invalidUrl),
        tags: mostly(fc.array(validSlug, { maxLength: 4 }), fc.array(invalidSlug, { minLength: 1, maxLength: 2 })),
        image: mostly(validImage, invalidUrl),
        imageAlt: mostly(validText, invalidText),
        draft: mostly(fc.boolean(), fc.constantFrom("yes", "maybe", 1)),
      },
      { requiredKeys: ["title", "date", "category", "summary", "imageAlt"] },
    ),
    // Now and then, keys the schema does not know.
    fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { minKeys: 1, maxKeys: 2 }) }),
  )
  // authorUrl needs an author (a rule tests/lib/structured-data.test.ts covers); kept apart here, it
  // would fail half the files on that alone and leave too few to reach the checks below.
  .map(([{ authorUrl, ...known }, extra]) => ({ ...known, ...(known.author === undefined ? {} : { authorUrl }), ...extra }));

describe("properties: any file loads or names itself, and what loads is inert", () => {
  it("arbitrary text as a whole file", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          syntaxHeavy,
          anyText.map((text) => `---\n${text}`),
          fc.tuple(syntaxHeavy, anyText).map(([yaml, body]) => `---\n${yaml}\n---\n${body}`),
          fc.tuple(anyText, hostileMarkdown).map(([yaml, body]) => `\uFEFF---\r\n${yaml}\r\n---\r\n${body}`),
        ),
        (source) => expectLoadsOrNamesFile(parse(source)),
      ),
      { numRuns: RUNS },
    );
  });

  it("arbitrary bytes as a whole file", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.uint8Array({ maxLength: 300 }).map((bytes) => new Uint8Array([...encoder.encode("---\n"), ...bytes])),
          fc.uint8Array({ maxLength: 60 }).map((bytes) => new Uint8Array([...encoder.encode(FRONT), ...bytes])),
        ),
        (bytes) => expectLoadsOrNamesFile(parse(bytes)),
      ),
      { numRuns: RUNS },
    );
  });

  it("arbitrary file names", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.string().map((name) => `${name}.md`)), (fileName) => {
        const result = parse(`${FRONT}Body.\n`, fileName);
        expectLoadsOrNamesFile(result);
        if (result.ok) expect(result.article.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      }),
      { numRuns: RUNS },
    );
  });

  it("arbitrary front matter (serialized with yaml) over arbitrary hostile Markdown", () => {
    let loaded = 0;
    fc.assert(
      fc.property(frontMatter, hostileMarkdown, (data, body) => {
        const result = parse(`---\n${stringify(data)}---\n\n${body}\n`);
        expectLoadsOrNamesFile(result);
        if (!result.ok) return;
        loaded++;
        // Whatever the front matter held, the only URLs that get through are site paths and http(s).
        const { image, source, authorUrl } = result.article;
        if (image !== undefined) expect(image).toMatch(/^(\/(?!\/)|https?:\/\/)/i);
        if (source?.url !== undefined) expect(source.url).toMatch(/^https?:\/\//i);
        if (authorUrl !== undefined) expect(authorUrl).toMatch(/^https?:\/\//i);
        expect(result.article.title.trim()).not.toBe("");
      }),
      { numRuns: RUNS },
    );
    // The generator must reach the HTML check often enough to mean something.
    expect(loaded).toBeGreaterThan(RUNS / 10);
  });

  it("valid front matter over arbitrary hostile Markdown always loads, with inert HTML", () => {
    fc.assert(
      fc.property(hostileMarkdown, (body) => {
        const result = parse(`${FRONT}${body}\n`);
        if (body.trim() === "") {
          expectLoadsOrNamesFile(result);
          return;
        }
        // A local image that is not there (such as <img src=x>) is the one thing that fails a body.
        if (!result.ok) expect(result.problems.every((problem) => problem.field === "body" && /expected the image/.test(problem.message))).toBe(true);
        expectLoadsOrNamesFile(result);
      }),
      { numRuns: RUNS },
    );
  });

  it("a folder of arbitrary files: articles, or a ContentError whose every problem names one of them", () => {
    const fileName = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,4})?\.(md|markdown)$/);
    const contents = fc.oneof(
      hostileMarkdown.map((body) => `${FRONT}${body}\n`),
      frontMatter.map((data) => `---\n${stringify(data)}---\n\nBody.\n`),
      anyText,
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fileName, contents), { minLength: 1, maxLength: 4, selector: ([name]) => name }), (files) => {
        const dir = tempContentDir();
        try {
          for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
          let problems: { file: string }[] = [];
          try {
            const articles = loadArticles(dir);
            expect(articles.length).toBe(files.length);
          } catch (error) {
            expect(error).toBeInstanceOf(ContentError);
            problems = (error as ContentError).problems;
            expect(problems.length).toBeGreaterThan(0);
          }
          const written = new Set(files.map(([name]) => path.join(dir, name)));
          for (const problem of problems) expect(written.has(problem.file)).toBe(true);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 50 },
    );
  });
});

// ---------------------------------------------------------------------------
// 2. Specific adversarial files

const LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
  "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
  "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
  "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
  "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
  "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
  "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]",
].join("\n");

describe("adversarial files", () => {
  it("a long article body parses in time linear in its length, and loads whole", () => {
    // Mostly prose, as a long article is, with the odd heading, link, emphasis and list (about 5.6 KB a section).
    const prose = "The council voted seven to two on the budget, with amendments to line four and a note about the bus routes. ";
    const section = `## Section\n\n${`${prose.repeat(6)}\n\n`.repeat(8)}Read **the plan** at [the city site](https://example.com/plan).\n\n- one\n- two\n\n`;
    const article = (sections: number) => `${FRONT}${section.repeat(sections)}`;
    expectLinearCost(article, parse, 4);
    const result = parse(article(32));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.article.wordCount).toBeGreaterThan(32 * 8 * 6 * 20);
    expect(result.article.headings).toHaveLength(32);
  });

  // yaml stops at a count of aliases, before expanding them; a hang would meet the test timeout.
  it("a YAML alias bomb (billion laughs) is a front-matter problem about aliases", () => {
    const result = parse(`---\ntitle: Laughs\ndate: 2026-04-21\ncategory: tech\nsummary: Lol.\n${LAUGHS}\n---\n\nBody.\n`);
    expect(result.ok).toBe(false);
    expectLoadsOrNamesFile(result);
    if (result.ok) return;
    expect(result.problems).toEqual([expect.objectContaining({ file: SHOWN, field: "front matter", message: expect.stringMatching(/alias/i) })]);
  });

  it("an alias bomb aimed at a real field (tags) is stopped the same way", () => {
    const result = parse(`---\n${LAUGHS}\ntitle: Laughs\ndate: 2026-04-21\ncategory: tech\nsummary: Lol.\ntags: *i\n---\n\nBody.\n`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.some((problem) => problem.file === SHOWN && /alias/i.test(problem.message))).toBe(true);
  });

  it.each([
    ["nested list", (levels: number) => `${"- ".repeat(levels)}deep\n`, 625],
    ["nested blockquote", (levels: number) => `${">".repeat(levels)} deep\n`, 1_250],
  ])("a %s costs time linear in its depth, up to thousands of levels, and loads or names the file", (_, body, levels) => {
    const article = (depth: number) => `${FRONT}${body(depth)}`;
    expectLinearCost(article, parse, levels);
    expectLoadsOrNamesFile(parse(article(8 * levels)));
  });

  // Up to 40 KB each: an ordinary long article, and the unclosed markers that make parsers quadratic.
  it.each([
    ["ordinary prose", (size: number) => "The council voted on the budget. ".repeat(Math.ceil(size / 32))],
    ["unclosed emphasis", (size: number) => "*a".repeat(size / 2)],
    ["nested brackets", (size: number) => `${"[".repeat(size / 2)}x${"]".repeat(size / 2)}`],
  ])("a body of %s costs time linear in its length, and loads or names the file", (_, body) => {
    const article = (size: number) => `${FRONT}${body(size)}\n`;
    expectLinearCost(article, parse, 5_000);
    expectLoadsOrNamesFile(parse(article(40_000)));
  });

  it("a single paragraph costs time linear in its words, and loads whole", () => {
    const article = (words: number) => `${FRONT}${"word ".repeat(words)}\n`;
    expectLinearCost(article, parse, 5_000);
    const result = parse(article(40_000));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.article.wordCount).toBe(40_000);
  });

  it.each([
    ["raw NUL in a plain title and the body", "---\ntitle: Head\u0000line\ndate: 2026-04-21\ncategory: tech\nsummary: S.\n---\n\nBo\u0000dy <b>x</b>\u0000\n"],
    ["raw NUL in a quoted title", '---\ntitle: "Head\u0000line"\ndate: 2026-04-21\ncategory: tech\nsummary: S.\n---\n\n\u0000\n'],
    ["escaped NUL in a quoted title", '---\ntitle: "Head\\0line"\ndate: 2026-04-21\ncategory: tech\nsummary: S.\n---\n\n[\u0000](java\u0000script:alert(1))\n'],
    ["NUL inside the front-matter fence", "---\u0000\ntitle: T\n---\n\nBody\n"],
  ])("%s: no crash, and no NUL in the HTML", (_, source) => {
    const result = parse(source);
    expectLoadsOrNamesFile(result);
    if (result.ok) expect(result.article.html).not.toContain("\u0000");
  });

  it("invalid UTF-8 (0xff 0xfe) is a problem with field \"file\" that names the file", () => {
    const dir = tempContentDir();
    try {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${FRONT}Body.\n`)]);
      fs.writeFileSync(path.join(dir, "utf16ish.md"), bytes);
      let thrown: unknown;
      try {
        loadArticles(dir);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ContentError);
      expect((thrown as ContentError).problems).toEqual([
        { file: path.join(dir, "utf16ish.md"), field: "file", message: "expected UTF-8 text, found bytes that are not valid UTF-8" },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ["0xff 0xfe in the body", [0xff, 0xfe]],
    ["a truncated sequence", [0xc3]],
    ["an overlong slash", [0xc0, 0xaf]],
    ["an encoded surrogate", [0xed, 0xa0, 0x80]],
    ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
  ])("invalid UTF-8 (%s) is a problem with field \"file\"", (_, bad) => {
    const result = parse(new Uint8Array([...encoder.encode(`${FRONT}Bo`), ...bad, ...encoder.encode("dy.\n")]));
    expect(result).toEqual({ ok: false, problems: [{ file: SHOWN, field: "file", message: expect.stringMatching(/not valid UTF-8/) }] });
  });

  it("a file that starts with a byte-order mark loads", () => {
    const result = parse(`\uFEFF${FRONT}Body.\n`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.article.title).toBe("Headline");
    expect(result.article.html).toBe("<p>Body.</p>");
  });

  it("a file with CRLF line endings loads, with no stray carriage returns", () => {
    const result = parse(`${FRONT}Body.\n\n## Next step\n\n- a\n- b\n`.replace(/\n/g, "\r\n"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.article.title).toBe("Headline");
    expect(result.article.summary).toBe("A summary.");
    expect(result.article.date.iso).toBe("2026-04-21");
    expect(result.article.headings).toEqual([{ depth: 2, text: "Next step", id: "next-step" }]);
    expect(result.article.html).not.toContain("\r");
  });

  it("a BOM plus CRLF file loads", () => {
    const result = parse(`\uFEFF${FRONT}Body.\n`.replace(/\n/g, "\r\n"));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.article.title).toBe("Headline");
  });
});

// ---------------------------------------------------------------------------
// 3. Catastrophic backtracking

// Each input is built at N / 8 characters and at N: a backtracking regex costs far more than
// eight times as much on the larger one (see cost-shape.ts), a linear one about eight times.
const N = 48_000;
const linearUpToN = <T>(make: (n: number) => T, work: (input: T) => unknown) => expectLinearCost(make, work, N / 8);

describe("no catastrophic backtracking on inputs up to ~50,000 characters", () => {
  it.each([
    ["date-time with endless digits", (n: number) => `2026-04-21T${"0".repeat(n)}`, false],
    ["endless digits then a letter", (n: number) => `${"1".repeat(n)}x`, false],
    ["endless seconds", (n: number) => `2026-04-21T09:30${":00".repeat(n / 3)}`, false],
    ["endless fraction", (n: number) => `2026-04-21T09:30:00.${"9".repeat(n)}x`, false],
    ["endless hyphens", (n: number) => "-".repeat(n), false],
    ["endless colons", (n: number) => ":".repeat(n), false],
    ["endless T09", (n: number) => `2026-04-21${"T09".repeat(n / 3)}`, false],
    ["a date padded with spaces", (n: number) => `${" ".repeat(n / 2)}2026-04-21${" ".repeat(n / 2)}`, true],
  ])("publishDateSchema: %s", (_, make, valid) => {
    linearUpToN(make, (input) => publishDateSchema.safeParse(input));
    expect(publishDateSchema.safeParse(make(N)).success).toBe(valid);
  });

  const base = { title: "T", date: "2026-04-21", category: "tech", summary: "S" };
  it.each([
    ["category a-a-…-!", (n: number) => ({ category: `${"a-".repeat(n / 2)}!` }), false],
    ["category a-a-…-a (a valid slug)", (n: number) => ({ category: `${"a-".repeat(n / 2)}a` }), true],
    ["category of hyphens", (n: number) => ({ category: "-".repeat(n) }), false],
    ["a tag a-a-…--", (n: number) => ({ tags: [`${"a-".repeat(n / 2)}-`] }), false],
    ["category of digits then a space", (n: number) => ({ category: `${"1".repeat(n)} x` }), false],
    ["source url with endless colons", (n: number) => ({ source: { name: "x", url: `http://${":".repeat(n)}` } }), false],
    ["source url of endless slashes", (n: number) => ({ source: { name: "x", url: `https:${"/".repeat(n)}` } }), false],
    ["image of endless slashes", (n: number) => ({ image: "/".repeat(n), imageAlt: "x" }), false],
    ["image http:// then hyphens (a parseable URL)", (n: number) => ({ image: `http://${"-".repeat(n)}`, imageAlt: "x" }), true],
    ["image http:// then colons", (n: number) => ({ image: `http://${":".repeat(n)}`, imageAlt: "x" }), false],
    ["title of spaces", (n: number) => ({ title: " ".repeat(n) }), false],
    ["date-time with endless digits", (n: number) => ({ date: `2026-04-21T${"0".repeat(n)}` }), false],
  ])("frontmatterSchema: %s", (_, override, valid) => {
    const make = (n: number) => ({ ...base, ...override(n) });
    linearUpToN(make, (input) => frontmatterSchema.safeParse(input));
    expect(frontmatterSchema.safeParse(make(N)).success).toBe(valid);
  });

  it.each([
    (n: number) => `${"a-".repeat(n / 2)}!.md`,
    (n: number) => `${"a-".repeat(n / 2)}-.md`,
    (n: number) => `${"-".repeat(n)}.md`,
    (n: number) => `${"a".repeat(n)}.markdown.md.txt`,
  ])("the file-name check (SLUG_PATTERN) on %#", (make) => {
    linearUpToN(make, (fileName) => parse(`${FRONT}Body.\n`, fileName));
    expect(parse(`${FRONT}Body.\n`, make(N))).toMatchObject({ ok: false, problems: [{ file: SHOWN, field: "file name" }] });
  });

  it.each([
    (n: number) => `${"1".repeat(n)}x`,
    (n: number) => "1".repeat(n),
    (n: number) => "0".repeat(n),
    (n: number) => `1${"0".repeat(n)}`,
    (n: number) => "-".repeat(n),
  ])("pageNumber(%#)", (make) => {
    linearUpToN(make, pageNumber);
    expect(pageNumber(make(N))).toBeUndefined();
  });

  it.each([
    (n: number) => " \t".repeat(n / 2) + "x",
    (n: number) => "a ".repeat(n / 2),
    (n: number) => "\u00a0\u2028".repeat(n / 2) + "x",
    (n: number) => "-".repeat(n),
    (n: number) => ":".repeat(n),
  ])("cleanQuery(%#)", (make) => {
    linearUpToN(make, cleanQuery);
    const cleaned = cleanQuery(make(N));
    expect(cleaned.length).toBeLessThanOrEqual(200);
    expect(cleaned).not.toMatch(/\s{2}|^\s/);
  });

  it.each([
    (n: number) => ",".repeat(n),
    (n: number) => " , ".repeat(n / 3),
    (n: number) => "-".repeat(n),
    (n: number) => ":".repeat(n),
    (n: number) => `${"203.0.113.7,".repeat(n / 12)}198.51.100.1`,
  ])("clientAddress(%#)", (make) => {
    const headersOf = (n: number) => new Headers({ "x-forwarded-for": make(n) });
    linearUpToN(headersOf, (headers) => clientAddress(headers, 0));
    linearUpToN(headersOf, (headers) => clientAddress(headers, 3));
    const forwarded = make(N);
    expect(clientAddress(headersOf(N), 0)).toBe(forwarded.split(",").map((hop) => hop.trim()).filter(Boolean).at(-1) ?? "unknown");
  });

  it.each([
    (n: number) => ["a".repeat(n), "203.0.113.7"] as const,
    (n: number) => [`${"A".repeat(22)}${"!".repeat(n)}`, "203.0.113.7"] as const,
    (n: number) => [`${"A".repeat(22)}.${"B".repeat(n)}`, "2001:db8::1"] as const,
    (n: number) => [".".repeat(n), "203.0.113.7"] as const,
    (n: number) => ["-".repeat(n), ":".repeat(n)] as const,
    (n: number) => [`${"_".repeat(21)}${"\n".repeat(n)}`, "203.0.113.7"] as const,
  ])("identifyReader(%#)", (make) => {
    linearUpToN(make, (request) => identifyReader(...request));
    const reader = identifyReader(...make(N));
    // None of these cookies is one the site signed, so the reader gets a fresh one.
    expect(reader.newCookie).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    expect(reader.keys).toHaveLength(2);
  });

  it.each([
    [(n: number) => "a".repeat(n), `"${"a".repeat(57)}..."`],
    [(n: number) => " ".repeat(n), "empty text"],
    [(n: number) => "\u2028\u00a0".repeat(n / 2), "empty text"],
    [(n: number) => `${"-".repeat(n)}:`, `"${"-".repeat(57)}..."`],
    [(n: number) => Array.from({ length: n }, () => "lol"), `a list of ${N}`],
  ])("describeValue(%#)", (make, expected) => {
    linearUpToN(make, describeValue);
    expect(describeValue(make(N))).toBe(expected);
  });

  describe("search", () => {
    const db = new Database(":memory:");
    const document = (id: number, slug: string, fields: Partial<SearchDocument>): SearchDocument => ({
      id,
      slug,
      title: `Headline of ${slug}`,
      tags: [],
      summary: `Summary of ${slug}.`,
      text: "Body.",
      category: "tech",
      time: Date.UTC(2026, 3, 22 - id),
      ...fields,
    });
    createSearchTables(db);
    addSearchDocuments(db, [
      document(1, "budget-vote", { title: "Council passes the budget", tags: ["city-hall"], text: "budget vote council", category: "politics" }),
      document(2, "long-title", { title: `${"a-".repeat(N / 2)}!`, summary: `${"1".repeat(N)}x` }),
      document(3, "satellite-launch", { title: "Satellite launch", tags: ["space"], text: `${"word ".repeat(2_000)}`, category: "science" }),
    ]);
    finishSearchTables(db);
    const search = (query: string, options = {}) => searchSnapshot(db, query, options);

    it.each([
      (n: number) => `${"a-".repeat(n / 2)}!`,
      (n: number) => `${"1".repeat(n)}x`,
      (n: number) => "x".repeat(n),
      (n: number) => "-".repeat(n),
      (n: number) => ":".repeat(n),
      (n: number) => "budget ".repeat(n / 7),
      (n: number) => "b ".repeat(n / 2),
      (n: number) => `satelite${" ".repeat(n)}`,
      (n: number) => '"*^:'.repeat(n / 4),
      (n: number) => "v1.0.".repeat(n / 5),
    ])("query %#", (make) => {
      for (const asYouType of [false, true]) {
        linearUpToN(make, (query) => search(query, { asYouType }));
        const results = search(make(N), { asYouType });
        expect(results.query.length).toBeLessThanOrEqual(200);
        expect(results.hits.length).toBe(Math.min(results.total, 20));
      }
    });

    it("still finds what it should after all that", () => {
      expect(search("budget").hits.map((hit) => hit.slug)).toEqual(["budget-vote"]);
      expect(search("satelite").hits.map((hit) => hit.slug)).toEqual(["satellite-launch"]);
    });
  });
});

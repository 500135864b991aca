import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fixture, tempContentDir } from "./fixtures";

// The feed is read as a feed reader and the W3C Feed Validation Service read it: parsed as
// namespaced XML, each item's content:encoded and description parsed again as HTML.

const SITE = "https://news.example.com";
const DC = "http://purl.org/dc/elements/1.1/";
const CONTENT = "http://purl.org/rss/1.0/modules/content/";
const ATOM = "http://www.w3.org/2005/Atom";
const { DOMParser } = new JSDOM().window;

/** Attributes holding URLs in the HTML the body sanitizer keeps; srcset holds a list of them. */
const URL_ATTRIBUTES = ["href", "src", "poster", "cite", "longdesc", "action", "formaction"];
// Addresses the fixture articles link to off the site: any other origin is a URL resolved wrongly.
const EXTERNAL = new Set(["https://example.com", "https://example.org", "https://cdn.example.org"]);

function article(dir: string, slug: string, frontmatter: string, body: string) {
  fs.writeFileSync(path.join(dir, `${slug}.md`), `---\n${frontmatter.trim()}\n---\n\n${body}`);
}

/** The feed GET serves for the content in `dir`, parsed; fails on XML that is not well-formed. */
async function feedOf(dir: string): Promise<{ doc: Document; items: Element[] }> {
  vi.stubEnv("CONTENT_DIR", dir);
  const { GET } = await import("@/app/feed.xml/route");
  const response = await GET();
  expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
  const doc = new DOMParser().parseFromString(await response.text(), "application/xml");
  expect(doc.getElementsByTagName("parsererror")[0]?.textContent).toBeUndefined();
  return { doc, items: [...doc.getElementsByTagName("item")] };
}

/** An item's child elements in no namespace (RSS 2.0's own) or in `namespace`, by local name. */
const children = (item: Element, name: string, namespace: string | null = null) =>
  [...item.children].filter((child) => child.localName === name && child.namespaceURI === namespace);
const childText = (item: Element, name: string, namespace: string | null = null) => children(item, name, namespace)[0]?.textContent ?? "";
const html = (value: string) => JSDOM.fragment(value);

/** Every URL in an item's content:encoded: the URL attributes' values and each srcset candidate's URL. */
function contentUrls(item: Element): string[] {
  const body = html(childText(item, "encoded", CONTENT));
  const urls: string[] = [];
  for (const element of body.querySelectorAll("*")) {
    for (const name of URL_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value !== null) urls.push(value);
    }
    // The fixtures' srcset URLs have no ", " in them: split there, the URL before any descriptor.
    for (const candidate of element.getAttribute("srcset")?.split(/,\s+/) ?? []) urls.push(candidate.trim().split(/\s+/)[0]!);
  }
  return urls;
}

const itemAt = (items: Element[], slug: string) => {
  const found = items.find((item) => childText(item, "link") === `${SITE}/articles/${slug}`);
  if (!found) throw new Error(`no item for ${slug}`);
  return found;
};

beforeAll(() => {
  vi.stubEnv("SITE_URL", SITE);
  vi.resetModules();
});

afterAll(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("the RSS feed", () => {
  let doc: Document;
  let items: Element[];

  beforeAll(async () => {
    const dir = tempContentDir();
    // A folder article with its own images (srcset through /_next/image), one from public/ and one from elsewhere; no byline.
    fs.cpSync(fixture("article-folders"), dir, { recursive: true });
    article(
      dir,
      "notes-from-the-desk",
      `
title: Notes from the desk
date: 2026-05-02
category: world-news
summary: "Why <script> tags & other markup stay text in a summary."
author: "Ana Ruiz & Bo Chen"
`,
      `A claim with a footnote.[^1] See [the sibling story](sibling-story), [the archive](../archive?page=2), [the desk](mailto:desk@example.com), [a mirror](//cdn.example.org/report.pdf) and [elsewhere](https://example.org/a?b=1&c=2).

<blockquote cite="/sources/minutes">Quoted.</blockquote>

<video controls src="/media/clip.mp4" poster="/images/newsroom-default.png">A clip.</video>

<picture><source srcset="/images/wide.png 1x, /images/b,c.png 2x" media="(min-width: 40rem)"><img src="/images/newsroom-default.png" alt="The newsroom"></picture>

[^1]: The source.
`,
    );
    ({ doc, items } = await feedOf(dir));
  });

  it("declares the Dublin Core and content namespaces on <rss>", () => {
    const rss = doc.documentElement;
    expect(rss.localName).toBe("rss");
    expect(rss.getAttribute("xmlns:dc")).toBe(DC);
    expect(rss.getAttribute("xmlns:content")).toBe(CONTENT);
    expect(items).toHaveLength(2);
  });

  it("puts bylines in dc:creator, one per bylined item, and never a name in <author>", () => {
    // RSS 2.0: <author> is an email address, optionally followed by a name in parentheses.
    for (const author of doc.getElementsByTagNameNS(null, "author")) {
      expect(author.textContent).toMatch(/^[\w.%+-]+@[\w-]+(\.[\w-]+)+( \(.+\))?$/);
    }
    const creators = (slug: string) => children(itemAt(items, slug), "creator", DC).map((creator) => creator.textContent);
    expect(creators("notes-from-the-desk")).toEqual(["Ana Ruiz & Bo Chen"]);
    expect(creators("harbour-survey")).toEqual([]);
  });

  it("makes every URL in every item's content absolute: on the site, or the external address as written", () => {
    for (const item of items) {
      const urls = contentUrls(item);
      for (const url of urls) {
        expect(url, `in ${childText(item, "link")}`).toMatch(/^(https?:\/\/|mailto:)/);
        expect(URL.canParse(url), url).toBe(true);
        const { origin, protocol } = new URL(url);
        if (protocol !== "mailto:") expect(origin === SITE || EXTERNAL.has(origin), url).toBe(true);
      }
    }
    expect(contentUrls(itemAt(items, "harbour-survey"))).toEqual(
      expect.arrayContaining([
        `${SITE}/articles/harbour-survey/chart.png`,
        `${SITE}/_next/image?url=%2Farticles%2Fharbour-survey%2Fchart.png&w=640&q=75`,
        `${SITE}/articles/harbour-survey/photos/pier.jpg`,
        `${SITE}/images/newsroom-default.png`,
        "https://example.com/photo.jpg",
      ]),
    );
  });

  it("resolves each kind of URL against the article's own URL, as a browser on its page would", () => {
    const body = html(childText(itemAt(items, "notes-from-the-desk"), "encoded", CONTENT));
    const hrefs = [...body.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    const page = `${SITE}/articles/notes-from-the-desk`;
    expect(hrefs).toEqual([
      `${page}#user-content-fn-1`,
      `${SITE}/articles/sibling-story`,
      `${SITE}/archive?page=2`,
      "mailto:desk@example.com",
      "https://cdn.example.org/report.pdf",
      "https://example.org/a?b=1&c=2",
      `${page}#user-content-fnref-1`,
    ]);
    expect(body.querySelector("blockquote")?.getAttribute("cite")).toBe(`${SITE}/sources/minutes`);
    const video = body.querySelector("video");
    expect([video?.getAttribute("src"), video?.getAttribute("poster")]).toEqual([`${SITE}/media/clip.mp4`, `${SITE}/images/newsroom-default.png`]);
    // A comma inside a srcset URL is part of the URL; the descriptors stay as written.
    expect(body.querySelector("source")?.getAttribute("srcset")).toBe(`${SITE}/images/wide.png 1x, ${SITE}/images/b,c.png 2x`);
    expect(body.querySelector("picture img")?.getAttribute("srcset")).toMatch(new RegExp(`^${SITE}/_next/image\\?url=%2Fimages%2Fnewsroom-default\\.png&w=640&q=75 640w, ${SITE}/_next/image\\?`));
  });

  it("keeps the summary as text in <description>, which readers take as HTML", () => {
    const description = html(childText(itemAt(items, "notes-from-the-desk"), "description"));
    expect(description.querySelector("script")).toBeNull();
    expect(description.textContent).toBe("Why <script> tags & other markup stay text in a summary.");
  });

  it("meets the validator's other item and channel rules: permalink guids, RFC 822 dates, a self link to /feed.xml", () => {
    const self = [...doc.getElementsByTagNameNS(ATOM, "link")].filter((link) => link.getAttribute("rel") === "self");
    expect(self.map((link) => [link.getAttribute("href"), link.getAttribute("type")])).toEqual([[`${SITE}/feed.xml`, "application/rss+xml"]]);
    const rfc822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;
    for (const item of items) {
      const guid = children(item, "guid")[0]!;
      expect([guid.textContent, guid.getAttribute("isPermaLink")]).toEqual([childText(item, "link"), "true"]);
      const pubDate = childText(item, "pubDate");
      expect(pubDate).toMatch(rfc822);
      // The day of the week must be the date's own (the validator's IncorrectDOW).
      expect(new Date(pubDate).toUTCString()).toBe(pubDate);
      const category = children(item, "category")[0]!;
      expect(category.getAttribute("domain")).toMatch(new RegExp(`^${SITE}/category/[a-z0-9-]+$`));
    }
    expect(new Set(items.map((item) => childText(item, "guid"))).size).toBe(items.length);
  });
});

describe("the RSS feed of a body quoting ]]> twice", () => {
  it("stays well-formed, the body's text intact", async () => {
    const dir = tempContentDir();
    article(dir, "quoting-xml", "title: Quoting XML\ndate: 2026-05-01\ncategory: technology\nsummary: Ends a CDATA section twice.", "Write `]]>` to end a CDATA section, and `]]>` again to end the next one.\n");
    const { items } = await feedOf(dir);
    const body = html(childText(items[0]!, "encoded", CONTENT));
    expect([...body.querySelectorAll("code")].map((code) => code.textContent)).toEqual(["]]>", "]]>"]);
  });
});

describe("the RSS feed of bylined articles whose bodies render to nothing", () => {
  it("still declares the namespace of dc:creator, and gives readers the summary as content", async () => {
    const dir = tempContentDir();
    article(dir, "brief", "title: A brief\ndate: 2026-05-03\ncategory: world-news\nsummary: Only a summary.\nauthor: Sam Lee", "<!-- to be written -->\n");
    const { doc, items } = await feedOf(dir);
    expect(doc.documentElement.lookupNamespaceURI("dc")).toBe(DC);
    expect(children(items[0]!, "creator", DC).map((creator) => creator.textContent)).toEqual(["Sam Lee"]);
    expect(html(childText(items[0]!, "encoded", CONTENT)).textContent).toBe("Only a summary.");
  });
});

/** A section's or tag's feed as its route serves it, parsed; or the bare response when it is not a feed. */
async function listingFeed(dir: string, kind: "category" | "tags", name: string) {
  vi.stubEnv("CONTENT_DIR", dir);
  const response =
    kind === "category"
      ? await (await import("@/app/category/[name]/feed.xml/route")).GET(new Request(`${SITE}/category/${name}/feed.xml`), { params: Promise.resolve({ name }) })
      : await (await import("@/app/tags/[tag]/feed.xml/route")).GET(new Request(`${SITE}/tags/${name}/feed.xml`), { params: Promise.resolve({ tag: name }) });
  if (response.status !== 200) return { response, items: [] as Element[], doc: undefined };
  expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
  const doc = new DOMParser().parseFromString(await response.text(), "application/xml");
  expect(doc.getElementsByTagName("parsererror")[0]?.textContent).toBeUndefined();
  return { response, doc, items: [...doc.getElementsByTagName("item")] };
}

describe("section and tag feeds", () => {
  let dir: string;

  beforeAll(() => {
    dir = tempContentDir();
    article(dir, "tram-sensors", "title: Tram sensors\ndate: 2026-05-01\ncategory: tech\nsummary: Sensors on trams.\ntags: [transport]\nauthor: Ana Ruiz", "Trams.\n");
    article(dir, "ferry-times", "title: Ferry times\ndate: 2026-05-02\ncategory: local-news\nsummary: Ferries on time.\ntags: [transport]", "Ferries.\n");
    article(dir, "reef-survey", "title: Reef survey\ndate: 2026-05-03\ncategory: science\nsummary: Coral returns.\ntags: [oceans]", "Coral.\n");
    article(
      dir,
      "chip-plant",
      `
title: Chip plant
date: 2026-05-04
category: tech
summary: A plant opens.
corrections:
  - date: 2026-05-06
    text: "An earlier version gave the plant's size as 40,000 m² <sic>; it is 14,000 m²."
`,
      "A plant.\n",
    );
  });

  const links = (items: Element[]) => items.map((item) => childText(item, "link"));
  const self = (doc: Document) =>
    [...doc.getElementsByTagNameNS(ATOM, "link")].filter((link) => link.getAttribute("rel") === "self").map((link) => link.getAttribute("href"));

  it("carries only that section's articles, newest first, with a self link to its own address", async () => {
    const { doc, items } = await listingFeed(dir, "category", "tech");
    expect(links(items)).toEqual([`${SITE}/articles/chip-plant`, `${SITE}/articles/tram-sensors`]);
    expect(self(doc!)).toEqual([`${SITE}/category/tech/feed.xml`]);
    expect(childText(doc!.getElementsByTagName("channel")[0]!, "link")).toBe(`${SITE}/category/tech`);
    expect(doc!.getElementsByTagName("title")[0]!.textContent).toContain("Tech");
  });

  it("builds items as /feed.xml does: dc:creator, absolute links, the category's domain", async () => {
    const { items } = await listingFeed(dir, "category", "tech");
    const tram = itemAt(items, "tram-sensors");
    expect(children(tram, "creator", DC).map((creator) => creator.textContent)).toEqual(["Ana Ruiz"]);
    expect(children(tram, "category")[0]!.getAttribute("domain")).toBe(`${SITE}/category/tech`);
  });

  it("carries only that tag's articles, with a self link to its own address", async () => {
    const { doc, items } = await listingFeed(dir, "tags", "transport");
    expect(links(items)).toEqual([`${SITE}/articles/ferry-times`, `${SITE}/articles/tram-sensors`]);
    expect(self(doc!)).toEqual([`${SITE}/tags/transport/feed.xml`]);
  });

  it.each([
    ["category", "no-such-section"],
    ["tags", "no-such-tag"],
    ["category", "transport"],
  ] as const)("answers 404 for an unknown %s %s", async (kind, name) => {
    const { response } = await listingFeed(dir, kind, name);
    expect(response.status).toBe(404);
  });

  it("appends an article's corrections to content:encoded as short paragraphs, their text escaped", async () => {
    const { items } = await listingFeed(dir, "category", "tech");
    const body = html(childText(itemAt(items, "chip-plant"), "encoded", CONTENT));
    const paragraphs = [...body.querySelectorAll("p")].map((p) => p.textContent);
    expect(paragraphs.at(-1)).toBe("Correction, May 6, 2026: An earlier version gave the plant's size as 40,000 m² <sic>; it is 14,000 m².");
    expect(body.querySelector("sic")).toBeNull();
    // The site's feed carries it too.
    const site = await feedOf(dir);
    expect(html(childText(itemAt(site.items, "chip-plant"), "encoded", CONTENT)).textContent).toContain("Correction, May 6, 2026:");
  });
});

describe("feed bodies in the content cache", () => {
  // Development reads the folder with the content cache, as the build does.
  async function cachedFeed(dir: string, cacheDir: string, siteUrl: string) {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("CONTENT_CACHE_DIR", cacheDir);
    vi.stubEnv("SITE_URL", siteUrl);
    vi.resetModules();
    // The body cache is opened once per process (lib/archive/process-wide.ts): open it afresh, in this environment.
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("harbor-ledger.article-bodies")];
    return feedOf(dir);
  }
  const feedEntries = (cacheDir: string) => fs.readdirSync(cacheDir).filter((name) => name.endsWith(".feed.json"));

  afterAll(() => {
    vi.stubEnv("NODE_ENV", "test");
    vi.stubEnv("SITE_URL", SITE);
    vi.resetModules();
  });

  it("keeps each item's absolute-URL body once made, for the origin it was made for", async () => {
    const dir = tempContentDir();
    fs.cpSync(fixture("valid"), dir, { recursive: true });
    const cacheDir = tempContentDir();
    const first = await cachedFeed(dir, cacheDir, SITE);
    const entries = feedEntries(cacheDir);
    expect(entries).toHaveLength(first.items.length);

    // Read back rather than made again: a marker put in one entry is what the next feed carries.
    const entry = path.join(cacheDir, entries[0]!);
    const kept = JSON.parse(fs.readFileSync(entry, "utf8")) as { origin: string; html: string };
    expect(kept.origin).toBe(SITE);
    fs.writeFileSync(entry, JSON.stringify({ ...kept, html: "<p>read from the cache</p>" }));
    const again = await cachedFeed(dir, cacheDir, SITE);
    expect(again.items.filter((item) => childText(item, "encoded", CONTENT).includes("read from the cache"))).toHaveLength(1);

    // Another origin makes them again, with its own URLs.
    const moved = await cachedFeed(dir, cacheDir, "https://mirror.example.net");
    const contents = moved.items.map((item) => childText(item, "encoded", CONTENT)).join("");
    expect(contents).not.toContain("read from the cache");
    expect(contents).toContain("https://mirror.example.net/");
    expect(contents).not.toContain(SITE);
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { expected as archive } from "./archive";
import { PRERENDERED_IN_TESTS } from "./global-setup";
import { root } from "./server";

const baseUrl = inject("baseUrl");
const get = (pathname: string) => fetch(`${baseUrl}${pathname}`, { redirect: "manual" });

describe("the production server", () => {
  it.each([
    "/articles/no-such-story",
    "/articles/..%2F..%2Fetc%2Fpasswd",
    "/category/no-such-section",
    "/tags/no-such-tag",
    "/page/2",
    "/page/1",
    "/page/0",
    "/category/tech/page/1",
    "/category/tech/page/99",
    "/category/tech/page/two",
    "/tags/ai/page/02",
    `/articles/${archive.articles[0]!.slug.toUpperCase()}`,
  ])("answers %s with 404", async (pathname) => {
    const response = await get(pathname);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Page not found");
  });

  it.each(["/", "/category/tech", `/tags/${archive.tags[0]!.name}`, archive.articles.at(-1)!.url, "/feed.xml", "/sitemap.xml", "/robots.txt"])(
    "answers %s with 200",
    async (pathname) => {
      expect((await get(pathname)).status).toBe(200);
    },
  );

  it("prerenders only the newest articles, and renders an older one on its first request, then from the cache", async () => {
    const built = (slug: string) => fs.existsSync(path.join(root, ".next/server/app/articles", `${slug}.html`));
    expect(archive.articles.slice(0, PRERENDERED_IN_TESTS).every((article) => built(article.slug))).toBe(true);
    const old = archive.articles.at(-2)!;
    expect(built(old.slug)).toBe(false);

    // Other test files share this server and may have read it first, so whether this answer is MISS or HIT is theirs to decide.
    const first = await get(old.url);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain(`<h1>${old.title}</h1>`);
    // From the cache either way: HIT, or STALE when another file rendered the page more than an
    // article's revalidate window (300 s) ago, which a suite run on a busy machine outlasts; the
    // page is then served as cached while Next renders it again in the background.
    const second = await get(old.url);
    expect(["HIT", "STALE"]).toContain(second.headers.get("x-nextjs-cache"));
    expect(await second.text()).toBe(html);
  });

  it("writes nothing to disk for made-up slugs, whose 404s stay in the bounded memory cache", async () => {
    const files = () => fs.readdirSync(path.join(root, ".next"), { recursive: true }).length;
    const before = files();
    for (let i = 0; i < 40; i++) expect((await get(`/articles/made-up-story-${i}`)).status).toBe(404);
    expect(files()).toBe(before);
  });

  it("lets a shared cache keep pages, lists and the feed for five minutes at most, so a deploy reaches readers", async () => {
    const paths = ["/", "/category/tech", `/tags/${archive.tags[0]!.name}`, archive.articles[0]!.url, archive.articles.at(-1)!.url, "/feed.xml"];
    for (const pathname of paths) {
      expect((await get(pathname)).headers.get("cache-control"), pathname).toMatch(/^s-maxage=300(,|$)/);
    }
    for (const pathname of ["/sitemap.xml", "/robots.txt"]) {
      expect((await get(pathname)).headers.get("cache-control"), pathname).toContain("max-age=0");
    }
  });

  it("serves an RSS 2.0 feed of the newest articles", async () => {
    const response = await get("/feed.xml");
    expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).toContain('<rss version="2.0"');
    const titles = [...xml.matchAll(/<item>\s*<title><!\[CDATA\[(.*?)\]\]><\/title>/g)].map((match) => match[1]);
    expect(titles).toEqual(archive.articles.slice(0, 50).map((a) => a.title));
  });

  it("lists every article, category and tag in the sitemap, and points robots at it", async () => {
    const xml = await (await get("/sitemap.xml")).text();
    for (const path of [...archive.articles.map((a) => a.url), ...archive.categories.map((c) => `/category/${c.name}`), ...archive.tags.map((t) => `/tags/${t.name}`)]) {
      expect(xml).toContain(`${path}</loc>`);
    }
    expect(await (await get("/robots.txt")).text()).toMatch(/Sitemap: .*\/sitemap\.xml/);
  });

  it("sends no X-Powered-By header", async () => {
    expect((await get("/")).headers.get("x-powered-by")).toBeNull();
  });
});

describe("images beside an article that is a folder", () => {
  const folder = "/articles/pellmouth-tide-gauge-upgrade";

  it("serves them, and the page links them with their size and responsive widths", async () => {
    const image = await get(`${folder}/tide-readings.png`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer()).equals(fs.readFileSync(path.join(root, "content/pellmouth-tide-gauge-upgrade/tide-readings.png")))).toBe(true);
    const html = await (await get(folder)).text();
    const body = (/<img src="\/articles\/pellmouth-tide-gauge-upgrade\/tide-readings.png" alt="Eight weekly averages[^>]*>/.exec(html)?.[0] ?? "").replaceAll("&#x26;", "&");
    for (const attribute of ['width="1600"', 'height="900"', 'loading="lazy"', "&w=640&q=75 640w", "&w=1920&q=75 1600w"]) expect(body).toContain(attribute);
    // The hero photo, too, comes through the optimizer.
    expect(html).toMatch(/<img[^>]*alt="Bar chart of eight weekly[^"]*"[^>]*srcSet="\/_next\/image\?url=%2Farticles%2Fpellmouth-tide-gauge-upgrade%2Ftide-readings.png/);
  });

  it("resizes them to WebP through Next's optimizer, for browsers that take it", async () => {
    const response = await fetch(`${baseUrl}/_next/image?url=${encodeURIComponent(`${folder}/tide-readings.png`)}&w=640&q=75`, { headers: { accept: "image/webp,*/*" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(8, 12).toString("latin1")).toBe("WEBP");
  });

  it.each([`${folder}/index.md`, `${folder}/missing.png`, `${folder}/..%2F..%2Fpackage.json`, "/articles/no-such-story/tide-readings.png"])("answers %s with 404", async (pathname) => {
    expect((await get(pathname)).status).toBe(404);
  });

  it("lets the optimizer read only images, never another route", async () => {
    expect((await get(`/_next/image?url=${encodeURIComponent("/api/search?q=bus")}&w=640&q=75`)).status).toBe(400);
  });
});


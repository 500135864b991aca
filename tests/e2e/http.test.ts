import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { contentDir, loadArticles } from "@/lib/articles";
import { buildCollection } from "@/lib/collection";
import { PRERENDERED_IN_TESTS } from "./global-setup";
import { root } from "./server";

const archive = buildCollection(loadArticles(contentDir()), false);
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
    const second = await get(old.url);
    expect(second.headers.get("x-nextjs-cache")).toBe("HIT");
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

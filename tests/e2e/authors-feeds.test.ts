import { describe, expect, inject, it } from "vitest";
import { expected as archive } from "./archive";

const baseUrl = inject("baseUrl");
const get = (pathname: string) => fetch(`${baseUrl}${pathname}`, { redirect: "manual" });

// The sample content's bylined article with a correction, and its author's profile in authors.yml.
const CORRECTED = "pellmouth-reef-survey-coral-recovery";
const AUTHOR = { slug: "rafael-duncombe", name: "Rafael Duncombe" };

const itemLinks = (xml: string) => [...xml.matchAll(/<item>[\s\S]*?<link>(.*?)<\/link>/g)].map((match) => new URL(match[1]!).pathname);

describe("author pages", () => {
  it("lists the author's articles, with the bio from the authors file", async () => {
    const response = await get(`/authors/${AUTHOR.slug}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<h1 class="page-title">${AUTHOR.name}</h1>`);
    expect(html).toContain('class="author-bio"');
    const theirs = archive.articles.filter((article) => article.author === AUTHOR.name);
    expect(theirs.length).toBeGreaterThan(0);
    for (const article of theirs) expect(html).toContain(`href="${article.url}"`);
    const others = archive.articles.filter((article) => article.author !== AUTHOR.name);
    for (const article of others) expect(html).not.toContain(`href="${article.url}"`);
  });

  it("is linked from the byline, and the article shows its correction and update", async () => {
    const html = await (await get(`/articles/${CORRECTED}`)).text();
    // React may put an empty comment between "By" and the name.
    expect(html).toMatch(new RegExp(`By(?:<!-- -->)? <a (?:[^>]* )?href="/authors/${AUTHOR.slug}"[^>]*>${AUTHOR.name}</a>`));
    expect(html).toContain('<section class="corrections" aria-labelledby="article-corrections">');
    // React writes the attribute as dateTime; HTML attribute names are case-insensitive.
    expect(html).toMatch(/Correction, <time datetime="2026-06-05">June 5, 2026<\/time>:/i);
    expect(html).toMatch(/Updated <time datetime="2026-06-05">June 5<\/time>/i);
    expect(html).toContain('"correction":[{"@type":"CorrectionComment"');
    expect(html).toContain('"url":"https://example.org/staff/rafael-duncombe"');
  });

  it.each(["/authors/no-such-author", `/authors/${AUTHOR.slug}/page/2`, `/authors/${AUTHOR.slug}/page/1`])(
    "answers %s with 404 and the complete not-found page",
    async (pathname) => {
      const response = await get(pathname);
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain("<h1>Page not found</h1>");
      expect(html).toMatch(/^<!DOCTYPE html><html lang="en"/);
      expect(html).toContain('class="site-header');
    },
  );
});

describe("section and tag feeds", () => {
  it("serves a section's feed with only that section's articles and a self link to it", async () => {
    const category = archive.categories[0]!.name;
    const response = await get(`/category/${category}/feed.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).toContain('<rss version="2.0"');
    expect(xml).toMatch(new RegExp(`<atom:link href="[^"]*/category/${category}/feed\\.xml" rel="self"`));
    expect(itemLinks(xml)).toEqual(archive.inCategory(category).slice(0, 50).map((article) => article.url));
  });

  it("serves a tag's feed with only that tag's articles", async () => {
    const tag = archive.tags[0]!.name;
    const response = await get(`/tags/${tag}/feed.xml`);
    expect(response.status).toBe(200);
    expect(itemLinks(await response.text())).toEqual(archive.withTag(tag).slice(0, 50).map((article) => article.url));
  });

  it("links each section's and tag's page to its feed", async () => {
    /** Each `<link rel="alternate" type="application/rss+xml">` of a page, as [href, title]. */
    const feedLinks = async (pathname: string) =>
      [...(await (await get(pathname)).text()).matchAll(/<link rel="alternate" type="application\/rss\+xml"([^>]*)>/g)].map(([, attributes]) => [
        new URL(/href="([^"]*)"/.exec(attributes!)![1]!).pathname,
        /title="([^"]*)"/.exec(attributes!)![1],
      ]);
    const category = archive.categories[0]!;
    expect(await feedLinks(`/category/${category.name}`)).toEqual([
      ["/feed.xml", "The Harbor Ledger RSS feed"],
      [`/category/${category.name}/feed.xml`, `The Harbor Ledger: ${category.label} RSS feed`],
    ]);
    const tag = archive.tags[0]!.name;
    expect((await feedLinks(`/tags/${tag}`))[1]).toEqual([`/tags/${tag}/feed.xml`, `The Harbor Ledger: #${tag} RSS feed`]);
  });

  it("leaves the listing pages' own routes as they were (the feed's static segment beside [[...rest]])", async () => {
    const category = archive.categories.find((candidate) => candidate.count > 0)!.name;
    expect((await get(`/category/${category}`)).status).toBe(200);
    expect((await get(`/category/${category}/page/1`)).status).toBe(404);
    expect((await get(`/category/${category}/feed.xml/page/2`)).status).toBe(404);
    expect((await get(`/category/${category}/feed.xml`)).headers.get("content-type")).toContain("application/rss+xml");
  });

  it.each(["/category/no-such-section/feed.xml", "/tags/no-such-tag/feed.xml"])("answers %s with 404", async (pathname) => {
    expect((await get(pathname)).status).toBe(404);
  });
});

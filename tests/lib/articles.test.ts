import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadArticles } from "@/lib/content/articles";
import { buildCollection } from "@/lib/archive/collection";
import { fixture, tempContentDir } from "./fixtures";

const parsed = loadArticles(fixture("valid"));
const published = buildCollection(parsed, false);

describe("the article collection", () => {
  it("lists articles newest first, breaking same-day ties by slug", () => {
    expect(published.articles.map((a) => a.slug)).toEqual(["short-note", "long-read", "same-day-a", "same-day-b", "oldest"]);
  });

  it("derives slug, url, category label, headings, word count and reading time", () => {
    const article = published.bySlug.get("long-read")!;
    expect(article).toMatchObject({
      slug: "long-read",
      url: "/articles/long-read",
      category: "world-news",
      categoryLabel: "World News",
      wordCount: 262,
      readingTime: 2,
      headings: [{ depth: 2, text: "Looking ahead", id: "looking-ahead" }],
      source: { name: "Fixture Gazette", url: "https://example.com/river" },
    });
    expect(article.html).toContain('<h2 id="looking-ahead">Looking ahead</h2>');
    expect(published.bySlug.get("same-day-a")!.readingTime).toBe(1);
  });

  it("fills defaults and normalises at the boundary", () => {
    const article = published.bySlug.get("same-day-a")!;
    expect(article.tags).toEqual([]);
    expect(article.draft).toBe(false);
    expect(published.bySlug.get("oldest")!.tags).toEqual(["ai"]);
    expect(published.bySlug.get("short-note")!.source).toEqual({ name: "Newsroom staff", url: undefined });
  });

  it("leaves drafts out of every list unless drafts are included", () => {
    expect(published.bySlug.has("unfinished")).toBe(false);
    expect(published.byTag.get("ai")!.map((a) => a.slug)).toEqual(["short-note", "oldest"]);
    const withDrafts = buildCollection(parsed, true);
    expect(withDrafts.bySlug.get("unfinished")!.draft).toBe(true);
    expect(withDrafts.byTag.get("ai")!.map((a) => a.slug)).toEqual(["unfinished", "short-note", "oldest"]);
  });

  it("counts categories and tags", () => {
    expect(published.categories).toEqual([
      { name: "science", label: "Science", count: 2 },
      { name: "tech", label: "Tech", count: 2 },
      { name: "world-news", label: "World News", count: 1 },
    ]);
    expect(published.tags).toEqual([
      { name: "ai", count: 2 },
      { name: "budget", count: 2 },
      { name: "river", count: 1 },
    ]);
    expect(published.byCategory.get("science")!.map((a) => a.slug)).toEqual(["same-day-a", "same-day-b"]);
  });
});

describe("the process-wide loader", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("reads CONTENT_DIR once and answers from memory, undefined for an unknown slug", async () => {
    const dir = tempContentDir();
    fs.cpSync(fixture("valid"), dir, { recursive: true });
    vi.stubEnv("CONTENT_DIR", dir);
    vi.stubEnv("NODE_ENV", "production");
    const articles = await import("@/lib/content/articles");
    const read = vi.spyOn(fs, "readFileSync");

    expect(articles.getAllArticles()).toHaveLength(5);
    expect(articles.getArticle("long-read")?.title).toBe("A long read about the river");
    expect(articles.getArticle("no-such-story")).toBeUndefined();
    expect(articles.getArticle("unfinished")).toBeUndefined();
    expect(articles.getArticlesInCategory("tech").map((a) => a.slug)).toEqual(["short-note", "oldest"]);
    expect(articles.getArticlesInCategory("sport")).toEqual([]);
    expect(articles.getArticlesWithTag("budget").map((a) => a.slug)).toEqual(["short-note", "long-read"]);
    expect(articles.getCategories().map((c) => c.name)).toEqual(["science", "tech", "world-news"]);
    expect(articles.getTags()[0]).toEqual({ name: "ai", count: 2 });
    expect(articles.getRelatedArticles(articles.getArticle("long-read")!)).toHaveLength(3);
    expect(read.mock.calls.filter(([file]) => String(file).startsWith(dir))).toHaveLength(6);
    read.mockRestore();
  });

  it("in development shows drafts and re-reads the folder when a file changes", async () => {
    const dir = tempContentDir();
    fs.cpSync(fixture("valid"), dir, { recursive: true });
    vi.stubEnv("CONTENT_DIR", dir);
    vi.stubEnv("NODE_ENV", "development");
    const articles = await import("@/lib/content/articles");

    expect(articles.getArticle("unfinished")?.draft).toBe(true);
    const file = path.join(dir, "same-day-a.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("Same day, first by slug", "Edited headline"));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(articles.getArticle("same-day-a")?.title).toBe("Edited headline");
  });
});

import { describe, expect, it } from "vitest";
import { contentDir } from "@/lib/content/content-dir";
import { renderedArticles } from "./fixtures";

describe("the sample content in content/", () => {
  const articles = renderedArticles(contentDir());

  it("loads without a single problem, with at least 12 articles in at least 4 categories", () => {
    expect(articles.length).toBeGreaterThanOrEqual(12);
    expect(new Set(articles.map((a) => a.category)).size).toBeGreaterThanOrEqual(4);
  });

  it("has tags shared between articles, so related articles mean something", () => {
    const uses = new Map<string, number>();
    for (const tag of articles.flatMap((a) => a.tags)) uses.set(tag, (uses.get(tag) ?? 0) + 1);
    expect([...uses.values()].filter((n) => n >= 3).length).toBeGreaterThanOrEqual(3);
  });

  it("spreads dates over several months", () => {
    expect(new Set(articles.map((a) => a.date.day.slice(0, 7))).size).toBeGreaterThanOrEqual(5);
  });

  it("has an article exercising a table, a code block, a blockquote, a list and an image", () => {
    const showcase = articles.filter((a) => ["<table ", "<pre ", "<blockquote>", "<ul>", "<img "].every((tag) => a.html.includes(tag)));
    expect(showcase.length).toBeGreaterThanOrEqual(1);
  });
});

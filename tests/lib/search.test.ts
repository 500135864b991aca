import { describe, expect, it } from "vitest";
import { MAX_QUERY_LENGTH, cleanQuery, highlight, searchArticles, searchIndexReady } from "@/lib/archive/search";
import { makeArticle } from "../article-factory";

const archive = [
  makeArticle("body-match", "2026-05-01", "tech", [], { title: "Council meets", summary: "A routine meeting.", text: "The ferry timetable changes in spring." }),
  makeArticle("headline-match", "2026-01-01", "world", [], { title: "Ferry timetable changes", summary: "Spring sailings.", text: "Details follow." }),
  makeArticle("tag-match", "2026-02-01", "tech", ["ferries"], { title: "Harbour news", summary: "Around the port.", text: "Nothing else." }),
  makeArticle("summary-match", "2026-03-01", "tech", [], { title: "Port report", summary: "The ferry is late again.", text: "More text." }),
  makeArticle("older-twin", "2025-01-01", "science", [], { title: "Satellite launch", summary: "Same words.", text: "Same words." }),
  makeArticle("newer-twin", "2025-06-01", "science", [], { title: "Satellite launch", summary: "Same words.", text: "Same words." }),
  makeArticle("short-words", "2025-03-01", "culture", [], { title: "The cat sat", summary: "On a mat.", text: "Short words only." }),
];

const slugs = (query: string, options = {}) => searchArticles(query, options, archive).hits.map((hit) => hit.article.slug);

describe("search", () => {
  it("ranks a headline match above tags, above the summary, above the body", () => {
    expect(slugs("ferry")).toEqual(["headline-match", "tag-match", "summary-match", "body-match"]);
  });

  it("matches the last word as the start of a headline word as the reader types", () => {
    expect(slugs("timeta", { asYouType: true })).toEqual(["headline-match"]);
    expect(slugs("ferry timeta", { asYouType: true })).toEqual(["headline-match"]);
    expect(slugs("fer", { asYouType: true })).toEqual(["headline-match"]);
    expect(slugs("timeta")).toEqual([]);
  });

  it("forgives a typo in headline and tag words of five letters or more, but not in short words", () => {
    expect(slugs("satelite")).toEqual(["newer-twin", "older-twin"]);
    expect(slugs("timetible")).toEqual(["headline-match"]);
    expect(slugs("feries")).toEqual(["headline-match", "tag-match"]);
    expect(slugs("cst")).toEqual([]);
  });

  it("does not care about plurals", () => {
    expect(slugs("ferries")).toEqual(slugs("ferry"));
    expect(slugs("satellites")).toEqual(["newer-twin", "older-twin"]);
  });

  it("breaks ties by recency and needs every word", () => {
    expect(slugs("satellite launch")).toEqual(["newer-twin", "older-twin"]);
    expect(slugs("satellite ferry")).toEqual([]);
  });

  it("filters by category and pages through results", () => {
    expect(slugs("ferry", { category: "tech" })).toEqual(["tag-match", "summary-match", "body-match"]);
    const page = searchArticles("ferry", { offset: 1, limit: 2 }, archive);
    expect(page.total).toBe(4);
    expect(page.hits.map((hit) => hit.article.slug)).toEqual(["tag-match", "summary-match"]);
  });

  it("highlights the words that matched, in title and summary", () => {
    const [hit] = searchArticles("ferries timetable", {}, archive).hits;
    expect(hit!.title).toEqual([
      { text: "Ferry", match: true },
      { text: " ", match: false },
      { text: "timetable", match: true },
      { text: " changes", match: false },
    ]);
  });

  it.each(["", "   ", "((", "*", "\\", "'\"", "<script>alert(1)</script>", "🚌", "a".repeat(10_000), "\u0000", "AND OR NOT", "-ferry"])(
    "answers %j without throwing",
    (query) => {
      expect(() => searchArticles(query, {}, archive)).not.toThrow();
    },
  );

  it("treats an empty query as no search, and cuts a long one to 200 characters", () => {
    expect(searchArticles("  ", {}, archive)).toEqual({ query: "", total: 0, hits: [] });
    expect(cleanQuery("abcd".repeat(500))).toHaveLength(MAX_QUERY_LENGTH);
    expect(cleanQuery("x ".repeat(500))).toBe("x ".repeat(100).trimEnd());
    expect(cleanQuery("  two\n\twords  ")).toBe("two words");
  });

  it("keeps markup in highlighted text as plain text runs", () => {
    expect(highlight("<b>Ferry</b> & co", ["ferry"])).toEqual([
      { text: "<b>", match: false },
      { text: "Ferry", match: true },
      { text: "</b> & co", match: false },
    ]);
  });

  it("builds a large index in steps, answering other work in between, and finds what a one-go build finds", async () => {
    const large = Array.from({ length: 1_000 }, (_, i) =>
      makeArticle(`story-${i}`, `2025-01-${String((i % 28) + 1).padStart(2, "0")}`, "tech", [], { text: `Harbor ferry item ${i} ${"word ".repeat(200)}` }),
    );
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await Promise.all([searchIndexReady(large), searchIndexReady(large)]);
    ticking = false;
    // Ten steps of 100 articles, with the event loop turning between them.
    expect(turns).toBeGreaterThanOrEqual(9);

    const stepped = searchArticles("427", {}, large);
    const oneGo = searchArticles("427", {}, [...large]);
    expect(stepped.hits.map((hit) => hit.article.slug)).toEqual(["story-427"]);
    expect(stepped).toEqual(oneGo);
  });
});

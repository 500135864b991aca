import { describe, expect, it } from "vitest";
import type { Article } from "@/lib/content/article-schema";
import { makeArticle } from "../article-factory";
import { buildCollection } from "@/lib/archive/collection";
import { relatedArticles } from "@/lib/archive/related";

const article = (slug: string, day: string, category: string, tags: string[], draft = false) =>
  makeArticle(slug, day, category, tags, { draft });

const archive = [
  article("subject", "2026-06-01", "tech", ["ai", "transport"]),
  article("two-tags", "2025-01-01", "culture", ["ai", "transport"]),
  article("one-tag-same-category", "2026-05-01", "tech", ["ai"]),
  article("one-tag-near", "2026-06-02", "science", ["transport"]),
  article("one-tag-far", "2024-01-01", "science", ["ai"]),
  article("same-category-only", "2026-06-03", "tech", []),
  article("unrelated", "2026-06-04", "world", ["music"]),
  article("draft-twin", "2026-06-01", "tech", ["ai", "transport"], true),
];

const slugs = (articles: Article[]) => articles.map((a) => a.slug);

describe("related articles", () => {
  const { related, bySlug } = buildCollection(archive, true);
  const subject = bySlug.get("subject")!;

  it("rank shared tags first, then the same category, then closeness in date", () => {
    expect(slugs(relatedArticles(related, subject, 5))).toEqual([
      "two-tags",
      "one-tag-same-category",
      "one-tag-near",
      "one-tag-far",
      "same-category-only",
    ]);
  });

  it("give three by default, never the article itself and never a draft", () => {
    const result = relatedArticles(related, subject);
    expect(result).toHaveLength(3);
    for (const count of [3, 10]) {
      const many = slugs(relatedArticles(related, subject, count));
      expect(many).not.toContain("subject");
      expect(many).not.toContain("draft-twin");
    }
  });

  it("fall back to the newest in the same category, then the newest overall", () => {
    const lonely = buildCollection([article("a", "2026-01-01", "world", []), ...archive.slice(1, 4)], false);
    expect(slugs(relatedArticles(lonely.related, lonely.bySlug.get("a")!, 3))).toEqual(["one-tag-near", "one-tag-same-category", "two-tags"]);
    const single = buildCollection([article("only", "2026-01-01", "world", [])], false);
    expect(relatedArticles(single.related, single.bySlug.get("only")!)).toEqual([]);
  });

  it("are deterministic whatever the input order", () => {
    const reversed = buildCollection([...archive].reverse(), true);
    expect(slugs(relatedArticles(reversed.related, reversed.bySlug.get("subject")!, 6))).toEqual(slugs(relatedArticles(related, subject, 6)));
  });

  it("rank by closeness in date among thousands sharing one tag, ties going to the newer", () => {
    const crowd = Array.from({ length: 5_000 }, (_, i) =>
      article(`crowd-${i}`, new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString().slice(0, 19) + "Z", "tech", ["common"]),
    );
    const { related: index, bySlug: crowdBySlug } = buildCollection(crowd, false);
    const middle = crowdBySlug.get("crowd-2500")!;
    expect(slugs(relatedArticles(index, middle))).toEqual(["crowd-2501", "crowd-2499", "crowd-2502"]);
  });
});

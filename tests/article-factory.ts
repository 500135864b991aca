import type { Article } from "@/lib/content/article-schema";
import { categoryLabel } from "@/lib/content/category-label";
import { publishDateSchema } from "@/lib/content/publish-date";

/** A valid Article for tests that do not need a file on disk. */
export function makeArticle(slug: string, day: string, category = "tech", tags: string[] = [], overrides: Partial<Article> = {}): Article {
  return {
    slug,
    url: `/articles/${slug}`,
    title: `Headline of ${slug}`,
    summary: `Summary of ${slug}.`,
    date: publishDateSchema.parse(day),
    category,
    categoryLabel: categoryLabel(category),
    tags,
    draft: false,
    wordCount: 1,
    readingTime: 1,
    ...overrides,
  };
}

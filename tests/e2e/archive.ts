import { archive, countArticles, getCategories, getRelatedArticles, getTags, listArticles } from "@/lib/archive/archive";
import type { Article } from "@/lib/content/article-schema";

/** What the e2e tests expect the server to show, read from the same content folder it was built from. */
export const expected = {
  /** Every published article, newest first. */
  articles: Array.from(archive().all()) as Article[],
  categories: getCategories(),
  tags: getTags(),
  inCategory: (category: string) => listArticles({ category }, 0, countArticles({ category })),
  withTag: (tag: string) => listArticles({ tag }, 0, countArticles({ tag })),
  related: (slug: string) => getRelatedArticles(slug).map((related) => related.article),
};

import type { Article } from "../content/article-schema";
import { newestFirst } from "./newest-first";
import { buildRelatedIndex, type RelatedIndex } from "./related";

export type CategorySummary = { name: string; label: string; count: number };
export type TagSummary = { name: string; count: number };

/** The parsed archive with every lookup the pages need, built once. */
export type Collection = {
  articles: Article[];
  bySlug: Map<string, Article>;
  byCategory: Map<string, Article[]>;
  byTag: Map<string, Article[]>;
  categories: CategorySummary[];
  tags: TagSummary[];
  related: RelatedIndex;
};

function groupBy(articles: readonly Article[], keys: (article: Article) => readonly string[]): Map<string, Article[]> {
  const groups = new Map<string, Article[]>();
  for (const article of articles) {
    for (const key of keys(article)) {
      const group = groups.get(key);
      if (group) group.push(article);
      else groups.set(key, [article]);
    }
  }
  return groups;
}

/** Orders the articles and indexes them; drafts are listed only when `includeDrafts`. */
export function buildCollection(parsed: readonly Article[], includeDrafts: boolean): Collection {
  const articles = parsed.filter((article) => includeDrafts || !article.draft).sort(newestFirst);
  const byCategory = groupBy(articles, (article) => [article.category]);
  const byTag = groupBy(articles, (article) => article.tags);
  return {
    articles,
    bySlug: new Map(articles.map((article) => [article.slug, article])),
    byCategory,
    byTag,
    categories: [...byCategory]
      .map(([name, list]) => ({ name, label: list[0]!.categoryLabel, count: list.length }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    tags: [...byTag].map(([name, list]) => ({ name, count: list.length })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    related: buildRelatedIndex(articles.filter((article) => !article.draft)),
  };
}

import type { Article } from "../content/article-schema";
import { getArticle } from "../archive/archive";
import { reportStoreError } from "./store-errors";
import { viewStore } from "./store";

const MOST_READ_COUNT = 5;

export type ReadArticle = { article: Article; views: number };

/** The count for a page, or undefined when the store is down: the page renders without it. */
export async function viewCountFor(slug: string): Promise<number | undefined> {
  try {
    return await viewStore().get(slug);
  } catch (error) {
    reportStoreError(error);
    return undefined;
  }
}

/** The most-read published articles with their counts. Throws when the store is down. */
export async function topArticles(limit: number): Promise<ReadArticle[]> {
  // Ask for extra in case some counted articles have since been removed or unpublished.
  const top = await viewStore().top(limit * 2);
  return top
    .map(({ slug, views }) => ({ article: getArticle(slug), views }))
    .filter((entry): entry is ReadArticle => entry.article !== undefined && entry.views > 0)
    .slice(0, limit);
}

/** The home page's "Most read" list; empty when the store is down. */
export async function mostRead(count = MOST_READ_COUNT): Promise<ReadArticle[]> {
  try {
    return await topArticles(count);
  } catch (error) {
    reportStoreError(error);
    return [];
  }
}

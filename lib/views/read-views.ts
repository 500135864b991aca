import type { Article } from "../content/article-schema";
import { getArticle } from "../archive/archive";
import { reportStoreError } from "./store-errors";
import { viewStore } from "./store";

const MOST_READ_COUNT = 5;

export type ReadArticle = { article: Article; views: number };

// A page waits no longer than this for a count: a slow or frozen store must not hold up the
// page, which renders without the count and lets the beacon fill it in.
const PAGE_WAIT_MS = 100;

/** What `work` gives within PAGE_WAIT_MS, or `fallback` when it fails or takes longer. */
async function forPage<T>(work: () => Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), PAGE_WAIT_MS);
  });
  try {
    return await Promise.race([work(), late]);
  } catch (error) {
    reportStoreError(error);
    return fallback;
  } finally {
    clearTimeout(timer);
  }
}

/** The count for a page, or undefined when the store is down or slow: the page renders without it. */
export function viewCountFor(slug: string): Promise<number | undefined> {
  return forPage<number | undefined>(() => viewStore().get(slug), undefined);
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

/** The home page's "Most read" list; empty when the store is down or slow. */
export function mostRead(count = MOST_READ_COUNT): Promise<ReadArticle[]> {
  return forPage(() => topArticles(count), []);
}

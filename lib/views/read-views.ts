import type { Article } from "../content/article-schema";
import { getArticle } from "../archive/archive";
import { processWide } from "../archive/process-wide";
import { reportStoreError } from "./store-errors";
import { viewStore } from "./store";
import type { TopEntry } from "./view-store";
import { TREND_WINDOWS, type TrendWindow } from "./windows";

const TRENDING_COUNT = 5;

// A window's list comes from the store's WINDOW_POOL most read in that window, filtered here
// (unpublished and removed articles, other sections): a section's list is exact unless it has
// articles among neither. One answer per window serves every caller for WINDOW_CACHE_MS, so a
// burst of API requests or page renders costs one summing of up to 168 hours per window.
const WINDOW_POOL = 500;
const WINDOW_CACHE_MS = 15_000;

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

type WindowAnswer = { at: number; top: Promise<TopEntry[]> };

/** The store's most read in `window`, shared for WINDOW_CACHE_MS (a failure is not kept). */
function windowTop(window: TrendWindow): Promise<TopEntry[]> {
  const cache = processWide("trending-windows", () => new Map<TrendWindow, WindowAnswer>());
  const now = Date.now();
  const kept = cache.get(window);
  if (kept && now - kept.at < WINDOW_CACHE_MS) return kept.top;
  const top = viewStore().topInWindow(TREND_WINDOWS[window], WINDOW_POOL);
  cache.set(window, { at: now, top });
  top.catch(() => {
    if (cache.get(window)?.top === top) cache.delete(window);
  });
  return top;
}

type TopQuery = {
  limit: number;
  /** Absent: all time. */
  window?: TrendWindow;
  /** Only this section's articles (a category's name). */
  category?: string;
};

/** The most-read published articles with their counts, all time or in a window. Throws when the store is down. */
export async function topArticles({ limit, window, category }: TopQuery): Promise<ReadArticle[]> {
  // Ask for extra in case some counted articles have since been removed or unpublished, or are another section's.
  const top = window ? await windowTop(window) : await viewStore().top(category ? WINDOW_POOL : limit * 2);
  return top
    .map(({ slug, views }) => ({ article: getArticle(slug), views }))
    .filter((entry): entry is ReadArticle => entry.article !== undefined && entry.views > 0 && (!category || entry.article.category === category))
    .slice(0, limit);
}

/** A page's trending list for `window` (a section's, given `category`); empty when the store is down or slow. */
export function trending(window: TrendWindow, category?: string, count = TRENDING_COUNT): Promise<ReadArticle[]> {
  return forPage(() => topArticles({ limit: count, window, category }), []);
}

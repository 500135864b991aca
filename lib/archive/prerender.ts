import { envNumber } from "../http/env-number";
import type { Snapshot } from "./snapshot";

/**
 * How many of the newest articles `next build` renders (PRERENDER_ARTICLES,
 * read at build time). Readers come mostly for those; older ones are rendered
 * on their first request and cached, so the build does not grow with the archive.
 */
export const PRERENDERED_ARTICLES = envNumber("PRERENDER_ARTICLES", 100);

/** How many of the newest articles a feed carries, each with its whole body. */
export const FEED_ARTICLES = 50;

/**
 * The articles whose bodies `next build` needs: the newest PRERENDERED_ARTICLES for their pages,
 * and the newest FEED_ARTICLES of the site and of each section for the feeds it writes.
 */
export function slugsBuildRenders(snapshot: Snapshot): Set<string> {
  const lists = [snapshot.list({}, 0, Math.max(PRERENDERED_ARTICLES, FEED_ARTICLES))];
  for (const { name } of snapshot.categories()) lists.push(snapshot.list({ category: name }, 0, FEED_ARTICLES));
  return new Set(lists.flat().map((article) => article.slug));
}

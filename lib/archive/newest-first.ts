import type { Article } from "../content/article-schema";

/** Newest first; the same instant falls back to slug so every list has one order. */
export function newestFirst(a: Pick<Article, "date" | "slug">, b: Pick<Article, "date" | "slug">): number {
  return b.date.time - a.date.time || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

import { createHash } from "node:crypto";
import type { Article } from "../content/article-schema";
import { absoluteUrl, site } from "./site";

/**
 * Bumped whenever the card's look changes (layout, colours, fonts in lib/pages/fonts/), so every
 * card is made again and social sites fetch the new one.
 */
const SHARE_CARD_VERSION = "1";

export const SHARE_CARD_SIZE = { width: 1200, height: 630 } as const;

/** What a card shows: nothing else of the article changes it. */
export type ShareCardText = Pick<Article, "slug" | "title" | "categoryLabel">;

/**
 * The hash of everything a card shows (headline, section, site name and host) and of its design: the name
 * of its file in the content cache, its ETag, and the `v` of its URL. A headline edit changes it;
 * a body edit does not. Cheap (one SHA-256 of a short string), so pages compute it on render.
 */
export function shareCardKey(article: Pick<Article, "title" | "categoryLabel">): string {
  return createHash("sha256").update(JSON.stringify([SHARE_CARD_VERSION, site.name, new URL(site.url).host, article.title, article.categoryLabel])).digest("hex");
}

/** The card's path: stable per article, with `?v=` naming its content, so a changed headline is a new URL to social sites' caches. */
export function shareCardPath(article: ShareCardText): string {
  return `/cards/${article.slug}.png?v=${shareCardKey(article).slice(0, 16)}`;
}

/** The card as Open Graph's image, its URL absolute. */
export function shareCardImage(article: ShareCardText) {
  return { url: absoluteUrl(shareCardPath(article)), ...SHARE_CARD_SIZE, alt: `${article.title} (${site.name})` };
}

import { envNumber } from "../http/env-number";

/**
 * How many of the newest articles `next build` renders (PRERENDER_ARTICLES,
 * read at build time). Readers come mostly for those; older ones are rendered
 * on their first request and cached, so the build does not grow with the archive.
 */
export const PRERENDERED_ARTICLES = envNumber("PRERENDER_ARTICLES", 100);

import { slugify } from "../../scripts/slugify";

/**
 * An author's page is `/authors/<slug>`, the slug made from the byline by the rules file names,
 * categories and tags follow ("Ana Ruiz & Bo Chen" → ana-ruiz-bo-chen). A byline with nothing
 * sluggable (no Latin letters or digits) has no page: the slug is empty.
 */
export const authorSlug = (name: string): string => slugify(name);

export const authorHref = (slug: string) => `/authors/${slug}`;

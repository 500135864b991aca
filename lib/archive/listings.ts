import type { Article } from "../content/article-schema";
import { authorHref } from "../content/author-slug";
import { countArticles, getAuthor, getCategories, listArticles, type ListFilter } from "./archive";
import { paginate, pageNumber, type Page } from "./pagination";
import { site } from "../pages/site";

/** A paginated list of articles at a stable URL: home, a category, a tag or an author. */
export type Listing = {
  title: string;
  description: string;
  /** The URL of page 1; later pages are `<base>/page/<n>`. */
  base: string;
  /** Which articles it lists, newest first. */
  filter: ListFilter;
  /** Its own RSS feed, for `<link rel="alternate">`, when it has one (categories and tags). */
  feed?: { url: string; title: string };
};

/** A listing with a feed of its own: a section's or a tag's. */
export type FeedListing = Listing & Required<Pick<Listing, "feed">>;

export function homeListing(): Listing {
  return { title: "Latest news", description: site.description, base: "/", filter: {} };
}

export function categoryListing(name: string): FeedListing | undefined {
  const category = getCategories().find((candidate) => candidate.name === name);
  if (!category) return undefined;
  return {
    title: category.label,
    description: `The latest ${category.label} news from ${site.name}.`,
    base: `/category/${category.name}`,
    filter: { category: category.name },
    feed: { url: `/category/${category.name}/feed.xml`, title: `${site.name}: ${category.label} RSS feed` },
  };
}

export function tagListing(tag: string): FeedListing | undefined {
  if (countArticles({ tag }) === 0) return undefined;
  return {
    title: `#${tag}`,
    description: `Articles tagged ${tag} on ${site.name}.`,
    base: `/tags/${tag}`,
    filter: { tag },
    feed: { url: `/tags/${tag}/feed.xml`, title: `${site.name}: #${tag} RSS feed` },
  };
}

/** An author's articles, by the slug of their byline; undefined when no article has it. */
export function authorListing(slug: string): Listing | undefined {
  const author = getAuthor(slug);
  if (!author) return undefined;
  return { title: author.name, description: author.bio ?? `Articles by ${author.name} on ${site.name}.`, base: authorHref(author.slug), filter: { author: author.slug } };
}

export type ListingPage = { listing: Listing; page: Page<Article> };

/**
 * The page a `[[...rest]]` segment names, or undefined: none is page 1,
 * `["page", "2"]` is page 2, and anything else (including `page/1`, whose
 * address is the listing's own) is no page.
 */
export function findListingPage(listing: Listing | undefined, rest: readonly string[] | undefined): ListingPage | undefined {
  if (!listing) return undefined;
  const first = !rest || rest.length === 0;
  const number = first ? 1 : rest.length === 2 && rest[0] === "page" ? pageNumber(rest[1]!) : undefined;
  if (!number || (!first && number === 1)) return undefined;
  const page = paginate(countArticles(listing.filter), number, (offset, limit) => listArticles(listing.filter, offset, limit));
  return page && { listing, page };
}

/**
 * Listing pages `next build` renders: page 1 of each category, which readers
 * reach from every article. Later pages and tag pages render on their first
 * request and are cached from then on, so the build does not grow with them.
 */
export function categoryParams(): { name: string; rest: string[] }[] {
  return getCategories().map(({ name }) => ({ name, rest: [] }));
}

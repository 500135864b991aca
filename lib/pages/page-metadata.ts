import type { Metadata } from "next";
import type { Article } from "../content/article-schema";
import type { Listing } from "../archive/listings";
import { pageHref } from "../archive/pagination";
import { articleDateTime } from "./date-time";
import { shareCardImage } from "./share-card-key";
import { absoluteUrl, site } from "./site";

// Next replaces, not merges, a parent's `alternates`, so every page names the feed with its canonical URL,
// and a section's or tag's page its own feed too.
export function alternates(canonical?: string, feed?: { url: string; title: string }): Metadata["alternates"] {
  return { canonical, types: { "application/rss+xml": [{ url: "/feed.xml", title: `${site.name} RSS feed` }, ...(feed ? [feed] : [])] } };
}

// Social sites do not render SVG previews, so the default card image is a PNG.
export const DEFAULT_IMAGE = { url: absoluteUrl("/images/newsroom-default.png"), width: 1200, height: 630, alt: site.name };

/** The publisher's logo for structured data: a raster square, as Google asks (at least 112 px). */
export const PUBLISHER_LOGO = { path: "/images/newsroom-logo.png", width: 512, height: 512 } as const;

/**
 * Whether an image is a raster format social sites and Google's article results show: anything
 * but SVG, judged by the media type of a data: URL or the path's extension, in any case, ignoring
 * the query and fragment.
 */
export function isRasterImage(src: string): boolean {
  const trimmed = src.trim();
  const data = /^data:([^,;]*)/i.exec(trimmed);
  if (data) {
    const type = data[1]!.trim().toLowerCase();
    return type.startsWith("image/") && type !== "image/svg+xml";
  }
  let pathname = trimmed.split(/[?#]/)[0]!;
  try {
    pathname = decodeURIComponent(pathname);
  } catch {
    // Not percent-encoding; the extension is read as written.
  }
  return !/\.svgz?$/i.test(pathname);
}

/**
 * The og:image and twitter:image of an article, its URL absolute: its own when it is raster,
 * else its share card (/cards/<slug>.png, headline, section and site name, made by
 * lib/pages/share-card.ts).
 */
export function socialImage(article: Pick<Article, "slug" | "title" | "categoryLabel" | "image" | "imageAlt">) {
  return article.image && isRasterImage(article.image)
    ? { url: absoluteUrl(article.image), width: 1200, height: 630, alt: article.imageAlt }
    : shareCardImage(article);
}

/** When an article was published and last modified, as ISO 8601 date-times with an offset. */
export function articleTimes(article: Pick<Article, "date" | "updated">, timeZone = site.timeZone) {
  return { published: articleDateTime(article.date, timeZone), modified: articleDateTime(article.updated ?? article.date, timeZone) };
}

export function listingMetadata(listing: Listing, page: number): Metadata {
  const url = pageHref(listing.base, page);
  const title = page > 1 ? `${listing.title}, page ${page}` : listing.title;
  return {
    title: listing.base === "/" && page === 1 ? { absolute: site.name } : title,
    description: listing.description,
    alternates: alternates(url, listing.feed),
    openGraph: { type: "website", siteName: site.name, locale: site.locale, url, title, description: listing.description, images: [DEFAULT_IMAGE] },
    twitter: { card: "summary", title, description: listing.description },
  };
}

export function articleMetadata(article: Article): Metadata {
  const image = socialImage(article);
  const times = articleTimes(article);
  return {
    title: article.title,
    description: article.summary,
    authors: article.author ? [{ name: article.author, url: article.authorUrl }] : undefined,
    alternates: alternates(article.url),
    openGraph: {
      type: "article",
      siteName: site.name,
      locale: site.locale,
      url: article.url,
      title: article.title,
      description: article.summary,
      publishedTime: times.published,
      modifiedTime: times.modified,
      section: article.categoryLabel,
      tags: article.tags,
      authors: article.author ? [article.author] : undefined,
      images: [image],
    },
    twitter: {
      // Every article has a 1200×630 image now: its own or its card.
      card: "summary_large_image",
      title: article.title,
      description: article.summary,
      images: [{ url: image.url, alt: image.alt }],
    },
  };
}

/** schema.org NewsArticle, for search engines' article results. */
export function newsArticleJsonLd(article: Article, timeZone = site.timeZone) {
  const publisher = {
    "@type": "Organization",
    name: site.name,
    url: absoluteUrl("/"),
    logo: { "@type": "ImageObject", url: absoluteUrl(PUBLISHER_LOGO.path), width: PUBLISHER_LOGO.width, height: PUBLISHER_LOGO.height },
  };
  const times = articleTimes(article, timeZone);
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description: article.summary,
    datePublished: times.published,
    dateModified: times.modified,
    articleSection: article.categoryLabel,
    keywords: article.tags,
    // The same picture social sites get: the article's own raster image, or its card.
    image: [socialImage(article).url],
    author: article.author ? { "@type": "Person", name: article.author, ...(article.authorUrl ? { url: article.authorUrl } : {}) } : publisher,
    publisher,
    mainEntityOfPage: { "@type": "WebPage", "@id": absoluteUrl(article.url) },
    wordCount: article.wordCount,
    ...(article.corrections?.length
      ? {
          correction: article.corrections.map((correction) => ({
            "@type": "CorrectionComment",
            text: correction.text,
            datePublished: articleDateTime(correction.date, timeZone),
          })),
        }
      : {}),
  };
}

import type { Metadata } from "next";
import type { Article } from "../content/article-schema";
import type { Listing } from "../archive/listings";
import { pageHref } from "../archive/pagination";
import { absoluteUrl, site } from "./site";

// Next replaces, not merges, a parent's `alternates`, so every page names the feed with its canonical URL.
export function alternates(canonical?: string): Metadata["alternates"] {
  return { canonical, types: { "application/rss+xml": [{ url: "/feed.xml", title: `${site.name} RSS feed` }] } };
}

// Social sites do not render SVG previews, so the default card image is a PNG.
const DEFAULT_IMAGE = { url: "/images/newsroom-default.png", width: 1200, height: 630, alt: site.name };

function articleImage(article: Article) {
  return article.image ? { url: article.image, width: 1200, height: 630, alt: article.imageAlt } : DEFAULT_IMAGE;
}

export function listingMetadata(listing: Listing, page: number): Metadata {
  const url = pageHref(listing.base, page);
  const title = page > 1 ? `${listing.title}, page ${page}` : listing.title;
  return {
    title: listing.base === "/" && page === 1 ? { absolute: site.name } : title,
    description: listing.description,
    alternates: alternates(url),
    openGraph: { type: "website", siteName: site.name, locale: site.locale, url, title, description: listing.description, images: [DEFAULT_IMAGE] },
    twitter: { card: "summary", title, description: listing.description },
  };
}

export function articleMetadata(article: Article): Metadata {
  const image = articleImage(article);
  return {
    title: article.title,
    description: article.summary,
    authors: article.author ? [{ name: article.author }] : undefined,
    alternates: alternates(article.url),
    openGraph: {
      type: "article",
      siteName: site.name,
      locale: site.locale,
      url: article.url,
      title: article.title,
      description: article.summary,
      publishedTime: article.date.iso,
      modifiedTime: (article.updated ?? article.date).iso,
      section: article.categoryLabel,
      tags: article.tags,
      authors: article.author ? [article.author] : undefined,
      images: [image],
    },
    twitter: {
      card: article.image ? "summary_large_image" : "summary",
      title: article.title,
      description: article.summary,
      images: [{ url: image.url, alt: image.alt }],
    },
  };
}

/** schema.org NewsArticle, for search engines' article results. */
export function newsArticleJsonLd(article: Article) {
  const publisher = { "@type": "Organization", name: site.name, url: absoluteUrl("/") };
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description: article.summary,
    datePublished: article.date.iso,
    dateModified: (article.updated ?? article.date).iso,
    articleSection: article.categoryLabel,
    keywords: article.tags,
    image: [absoluteUrl(articleImage(article).url)],
    author: article.author ? { "@type": "Person", name: article.author } : publisher,
    publisher,
    mainEntityOfPage: { "@type": "WebPage", "@id": absoluteUrl(article.url) },
    wordCount: article.wordCount,
  };
}

import { Feed } from "feed";
import type { Element, Root } from "hast";
import { raw } from "hast-util-raw";
import { toHtml } from "hast-util-to-html";
import { parseSrcset, stringifySrcset } from "srcset";
import { visit } from "unist-util-visit";
import { getArticleFeedBody, listArticles, type ListFilter } from "../archive/archive";
import { FEED_ARTICLES } from "../archive/prerender";
import type { FeedListing } from "../archive/listings";
import type { Article } from "../content/article-schema";
import { absoluteUrl, site } from "../pages/site";

// The RSS 2.0 feeds: the site's (/feed.xml) and each section's and tag's. Every feed's items are
// built here, the same way.

/** hast properties holding one URL, of those the body's sanitizer keeps (html-allowlist.ts) or the renderer adds. */
const URL_PROPERTIES = ["href", "src", "cite", "longDesc", "poster", "action", "formAction"];
const SCHEME = /^\s*[a-z][a-z\d+.-]*:/i;

/** `url` as written when it has a scheme, else resolved against `base` as a browser on the article's page would; undefined if it cannot be. */
function resolve(url: string, base: string): string | undefined {
  if (SCHEME.test(url)) return url;
  return URL.canParse(url, base) ? new URL(url, base).href : undefined;
}

/** A srcset with each candidate's URL resolved, its descriptor kept; candidates that cannot be resolved are dropped. */
function resolveSrcset(srcset: string, base: string): string {
  const candidates = parseSrcset(srcset, { strict: false }).flatMap((candidate) => {
    const url = resolve(candidate.url, base);
    return url === undefined ? [] : [{ ...candidate, url }];
  });
  return stringifySrcset(candidates);
}

/**
 * The article's HTML for content:encoded, every URL in it absolute. A feed reader shows it on its
 * own page, where root paths (/articles/x/chart.png, /_next/image?url=…), relative links and
 * footnote fragments (#user-content-fn-1) would point into the reader, not the site; the W3C
 * validator warns of them (ContainsRelRef). Each is resolved against the article's URL, so a
 * footnote link opens the article at its footnote. A URL that cannot be resolved is dropped.
 */
function feedHtml(html: string, articleUrl: string): string {
  // Parsed as rehype-raw parses the renderer's raw HTML (parse5): a fragment, as the page holds it.
  const tree = raw({ type: "root", children: [{ type: "raw", value: html }] }) as Root;
  visit(tree, "element", (node: Element) => {
    for (const key of URL_PROPERTIES) {
      const value = node.properties[key];
      if (typeof value !== "string") continue;
      const resolved = resolve(value, articleUrl);
      if (resolved === undefined) delete node.properties[key];
      else node.properties[key] = resolved;
    }
    if (typeof node.properties.srcSet === "string") node.properties.srcSet = resolveSrcset(node.properties.srcSet, articleUrl);
  });
  return cdataSafe(toHtml(tree));
}

/**
 * `html` with each `]]>` written `]]&gt;`, the same HTML (it can only be in text or an attribute
 * value, where `&gt;` is `>`). The feed package wraps HTML in CDATA and splits only the first
 * `]]>`, so a second one (an article quoting XML) would end the CDATA and break the feed.
 */
function cdataSafe(html: string): string {
  return html.replaceAll("]]>", "]]&gt;");
}

/** Plain text as HTML (escaped), safe inside the feed's CDATA. */
const textHtml = (value: string) => cdataSafe(toHtml({ type: "text", value }));

/** An article's corrections as a short list of paragraphs after its body: "Correction, April 22, 2026: …". */
function correctionsHtml(article: Pick<Article, "corrections">): string {
  return (article.corrections ?? []).map((correction) => `<p><strong>Correction, ${correction.date.label}:</strong> ${textHtml(correction.text)}</p>`).join("");
}

/** What a feed is of: its title and description, its page (a site path) and its own address (a site path). */
export type FeedOptions = { title: string; description: string; page: string; self: string; filter?: ListFilter };

/** The RSS 2.0 document of the newest FEED_ARTICLES articles of `filter`, full text with absolute URLs, bylines in dc:creator. */
async function rssFeed({ title, description, page, self, filter = {} }: FeedOptions): Promise<string> {
  const articles = listArticles(filter, 0, FEED_ARTICLES);
  const bodies = await Promise.all(
    articles.map((article) => {
      const url = absoluteUrl(article.url);
      return getArticleFeedBody(article.slug, site.url, (body) => (body.html.trim() ? feedHtml(body.html, url) : ""));
    }),
  );
  const feed = new Feed({
    title,
    description,
    id: absoluteUrl(page),
    link: absoluteUrl(page),
    language: site.language,
    copyright: `© ${site.name}`,
    updated: articles[0] ? new Date(articles[0].date.time) : undefined,
    feedLinks: { rss: absoluteUrl(self) },
  });
  for (const [at, article] of articles.entries()) {
    const url = absoluteUrl(article.url);
    // Readers take <description> as HTML: the plain-text summary is escaped, so "a <b> tag" stays text.
    const summary = textHtml(article.summary);
    feed.addItem({
      title: article.title,
      // No id: the guid is then the link, marked isPermaLink="true" (the same value as before).
      link: url,
      description: summary,
      // An empty body still gets content:encoded, with which the package declares xmlns:dc for dc:creator.
      content: (bodies[at] || `<p>${summary}</p>`) + correctionsHtml(article),
      date: new Date(article.date.time),
      category: [{ name: article.categoryLabel, domain: absoluteUrl(`/category/${article.category}`) }],
      // RSS 2.0's <author> must be an email address, and the package writes the name there: a
      // byline goes to Dublin Core's <dc:creator> instead, as an item extension.
      extensions: article.author ? [{ name: "dc:creator", objects: { _text: article.author } }] : undefined,
    });
  }
  return feed.rss2();
}

/** A feed as the routes answer it. */
export async function rssResponse(options: FeedOptions): Promise<Response> {
  return new Response(await rssFeed(options), { headers: { "Content-Type": "application/rss+xml; charset=utf-8" } });
}

/** The feed of a section's or a tag's listing: its articles, under its title and description, at its feed's address. */
export function listingFeedResponse(listing: FeedListing): Promise<Response> {
  return rssResponse({ title: `${site.name}: ${listing.title}`, description: listing.description, page: listing.base, self: listing.feed.url, filter: listing.filter });
}

import { Feed } from "feed";
import { getArticleBody, newestArticles } from "@/lib/archive/archive";
import { absoluteUrl, site } from "@/lib/pages/site";

const FEED_SIZE = 50;
export const dynamic = "force-static";
// A proxy that honours Cache-Control refetches within five minutes, so a deploy reaches readers.
export const revalidate = 300;

export async function GET() {
  const articles = newestArticles(FEED_SIZE);
  const bodies = await Promise.all(articles.map((article) => getArticleBody(article.slug)));
  const feed = new Feed({
    title: site.name,
    description: site.description,
    id: absoluteUrl("/"),
    link: absoluteUrl("/"),
    language: site.language,
    copyright: `© ${site.name}`,
    updated: articles[0] ? new Date(articles[0].date.time) : undefined,
    feedLinks: { rss: absoluteUrl("/feed.xml") },
  });
  for (const [at, article] of articles.entries()) {
    feed.addItem({
      title: article.title,
      id: absoluteUrl(article.url),
      link: absoluteUrl(article.url),
      description: article.summary,
      content: bodies[at]!.html,
      date: new Date(article.date.time),
      category: [{ name: article.categoryLabel, domain: absoluteUrl(`/category/${article.category}`) }],
      author: article.author ? [{ name: article.author }] : undefined,
    });
  }
  return new Response(feed.rss2(), {
    headers: { "Content-Type": "application/rss+xml; charset=utf-8" },
  });
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleView } from "@/components/article-view";
import { JsonLd } from "@/components/json-ld";
import { getAllArticles, getArticle, getRelatedArticles } from "@/lib/articles";
import { envNumber } from "@/lib/env-number";
import { articleMetadata, newsArticleJsonLd } from "@/lib/page-metadata";
import { viewCountFor } from "@/lib/views/read-views";

type Props = { params: Promise<{ slug: string }> };

// Readers come mostly for the newest articles, so only those are rendered by
// `next build`; an older one is rendered on its first request and then served
// from the cache like the rest, which keeps the build short however large the
// archive grows. An unknown slug is a 404. PRERENDER_ARTICLES (read at build) changes how many.
const PRERENDERED_ARTICLES = envNumber("PRERENDER_ARTICLES", 100);
export const dynamicParams = true;
// The view count in the HTML (what readers without JavaScript see) is refreshed every five minutes.
export const revalidate = 300;

export function generateStaticParams() {
  return getAllArticles()
    .slice(0, PRERENDERED_ARTICLES)
    .map((article) => ({ slug: article.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = getArticle((await params).slug);
  return article ? articleMetadata(article) : {};
}

export default async function ArticlePage({ params }: Props) {
  const article = getArticle((await params).slug);
  if (!article) notFound();
  return (
    <>
      <JsonLd data={newsArticleJsonLd(article)} />
      <ArticleView article={article} related={getRelatedArticles(article)} views={await viewCountFor(article.slug)} />
    </>
  );
}

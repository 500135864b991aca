import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleView } from "@/components/article-view";
import { JsonLd } from "@/components/json-ld";
import { getArticle, getArticleBody, getRelatedArticles, newestArticles } from "@/lib/archive/archive";
import { articleMetadata, newsArticleJsonLd } from "@/lib/pages/page-metadata";
import { PRERENDERED_ARTICLES } from "@/lib/archive/prerender";
import { viewCountFor } from "@/lib/views/read-views";

type Props = { params: Promise<{ slug: string }> };

// Older articles than the prerendered ones render on first request; an unknown slug is a 404.
export const dynamicParams = true;
// The view count in the HTML (what readers without JavaScript see) is refreshed every five minutes.
export const revalidate = 300;

export function generateStaticParams() {
  return newestArticles(PRERENDERED_ARTICLES).map((article) => ({ slug: article.slug }));
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
      <ArticleView
        article={article}
        body={await getArticleBody(article.slug)}
        related={getRelatedArticles(article.slug)}
        views={await viewCountFor(article.slug)}
      />
    </>
  );
}

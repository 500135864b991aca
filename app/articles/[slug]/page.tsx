import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleView } from "@/components/article-view";
import { JsonLd } from "@/components/json-ld";
import { getAllArticles, getArticle, getRelatedArticles } from "@/lib/articles";
import { articleMetadata, newsArticleJsonLd } from "@/lib/page-metadata";
import { viewCountFor } from "@/lib/views/read-views";

type Props = { params: Promise<{ slug: string }> };

export const dynamicParams = false;
// The page stays static; the view count in its HTML (what readers without JavaScript see) is refreshed every five minutes.
export const revalidate = 300;

export function generateStaticParams() {
  return getAllArticles().map((article) => ({ slug: article.slug }));
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

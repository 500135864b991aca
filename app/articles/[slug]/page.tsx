import { notFound } from "next/navigation";
import { ArticleView } from "@/components/article-view";
import { getAllArticles, getArticle, getRelatedArticles } from "@/lib/articles";

type Props = { params: Promise<{ slug: string }> };

export const dynamicParams = false;

export function generateStaticParams() {
  return getAllArticles().map((article) => ({ slug: article.slug }));
}

export async function generateMetadata({ params }: Props) {
  const article = getArticle((await params).slug);
  return article ? { title: article.title, description: article.summary } : {};
}

export default async function ArticlePage({ params }: Props) {
  const article = getArticle((await params).slug);
  if (!article) notFound();
  return <ArticleView article={article} related={getRelatedArticles(article)} />;
}

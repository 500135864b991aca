import { ArticleCard, type CardArticle } from "./article-card";

type Props = {
  articles: CardArticle[];
  /** Sets the first article as the lead story. */
  lead?: boolean;
};

export function ArticleList({ articles, lead = false }: Props) {
  if (articles.length === 0) return <p className="empty">No articles yet.</p>;
  return (
    <ol className="article-list" role="list">
      {articles.map((article, index) => (
        <li key={article.url}>
          <ArticleCard article={article} lead={lead && index === 0} />
        </li>
      ))}
    </ol>
  );
}

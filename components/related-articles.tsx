import { ArticleCard, type CardArticle } from "./article-card";

type Props = { articles: CardArticle[] };

export function RelatedArticles({ articles }: Props) {
  if (articles.length === 0) return null;
  return (
    <section className="related" aria-labelledby="related-heading">
      <h2 id="related-heading">Related Articles</h2>
      <ul className="related-list" role="list">
        {articles.map((article) => (
          <li key={article.url}>
            <ArticleCard article={article} headingLevel={3} />
          </li>
        ))}
      </ul>
    </section>
  );
}

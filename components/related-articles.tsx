import { ArticleCard, type CardArticle } from "./article-card";
import { JustReadItem } from "./just-read-item";

/** A related article and why it is offered ("Also about: tides, harbour"). */
export type RelatedItem = { article: CardArticle; reason?: string };

type Props = { articles: RelatedItem[] };

/** With JavaScript, articles the reader opened earlier in this tab are left out (JustReadItem). */
export function RelatedArticles({ articles }: Props) {
  if (articles.length === 0) return null;
  return (
    <section className="related" aria-labelledby="related-heading">
      <h2 id="related-heading">Related Articles</h2>
      <ul className="related-list" role="list">
        {articles.map(({ article, reason }) => (
          <JustReadItem key={article.url} url={article.url}>
            <ArticleCard article={article} headingLevel={3} />
            {reason && <p className="related-reason">{reason}</p>}
          </JustReadItem>
        ))}
      </ul>
    </section>
  );
}

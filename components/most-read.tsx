import Link from "next/link";
import type { Article } from "@/lib/content/article-schema";
import { countLabel } from "@/lib/pages/count-label";

type Props = { entries: { article: Pick<Article, "url" | "title">; views: number }[] };

export function MostRead({ entries }: Props) {
  if (entries.length === 0) return null;
  return (
    <section className="most-read" aria-labelledby="most-read-heading">
      <h2 id="most-read-heading">Most read</h2>
      <ol>
        {entries.map(({ article, views }) => (
          <li key={article.url}>
            <Link href={article.url}>{article.title}</Link> <span className="meta">{countLabel(views, "view")}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

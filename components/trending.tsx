import Link from "next/link";
import type { Article } from "@/lib/content/article-schema";
import { countLabel } from "@/lib/pages/count-label";

export type TrendingList = { label: string; entries: { article: Pick<Article, "url" | "title">; views: number }[] };

type Props = { heading: string; lists: TrendingList[] };

/**
 * Most read over recent windows: one short list per window, side by side where there is room,
 * all in the HTML (no tabs, nothing for JavaScript to do). A list with nothing in it is left out,
 * and the box too when every list is empty (the store was down or slow, or nothing was read).
 */
export function Trending({ heading, lists }: Props) {
  const shown = lists.filter((list) => list.entries.length > 0);
  if (shown.length === 0) return null;
  return (
    <section className="most-read trending" aria-labelledby="trending-heading">
      <h2 id="trending-heading">{heading}</h2>
      <div className="trending-lists">
        {shown.map(({ label, entries }, index) => (
          <div key={label}>
            <h3 id={`trending-list-${index}`}>{label}</h3>
            <ol aria-labelledby={`trending-list-${index}`}>
              {entries.map(({ article, views }) => (
                <li key={article.url}>
                  <Link href={article.url}>{article.title}</Link> <span className="meta">{countLabel(views, "view")}</span>
                </li>
              ))}
            </ol>
          </div>
        ))}
      </div>
    </section>
  );
}

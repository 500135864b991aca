import Link from "next/link";
import type { Article } from "@/lib/content/article-schema";
import type { Highlighted } from "@/lib/archive/search";
import { ArticleMeta } from "./article-meta";
import { CategoryLink } from "./category-link";
import { HighlightedText } from "./highlighted-text";
import { ReadMark } from "./read-mark";

export type CardArticle = Pick<Article, "url" | "title" | "summary" | "category" | "categoryLabel" | "date" | "readingTime" | "draft">;

type Props = {
  article: CardArticle;
  /** The lead story on the home page is set larger. */
  lead?: boolean;
  headingLevel?: 2 | 3;
  /** Search results mark the words that matched. */
  highlight?: { title: Highlighted; summary: Highlighted };
};

export function ArticleCard({ article, lead = false, headingLevel = 2, highlight }: Props) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article className={lead ? "card card-lead" : "card"}>
      <CategoryLink category={article.category} categoryLabel={article.categoryLabel} />
      <Heading className="card-title">
        <Link href={article.url}>{highlight ? <HighlightedText runs={highlight.title} /> : article.title}</Link>
        {article.draft && <span className="draft-badge"> Draft</span>}
      </Heading>
      <ArticleMeta date={article.date} readingTime={article.readingTime} />
      <p className="card-summary">{highlight ? <HighlightedText runs={highlight.summary} /> : article.summary}</p>
      <ReadMark url={article.url} />
    </article>
  );
}

import Link from "next/link";
import type { ReactNode } from "react";
import { authorHref, authorSlug } from "@/lib/content/author-slug";
import type { Article } from "@/lib/content/article-schema";
import type { PublishDate } from "@/lib/content/publish-date";

type Props = Pick<Article, "date" | "readingTime"> & {
  /** When the article was last updated: "Updated April 22" beside the date. */
  updated?: PublishDate;
  /** The view count's slot, between the date and the reading time. */
  views?: ReactNode;
};

/** "April 22" from the day as written, or "April 22, 2027" when the year is not the publication's. */
function updatedLabel(updated: PublishDate, date: PublishDate): string {
  return updated.day.slice(0, 4) === date.day.slice(0, 4) ? updated.label.replace(/, \d+$/, "") : updated.label;
}

export function ArticleMeta({ date, updated, readingTime, views }: Props) {
  return (
    <p className="meta">
      <time dateTime={date.day}>{date.label}</time>
      {updated && updated.iso !== date.iso && (
        <>
          <span aria-hidden="true"> · </span>
          <span className="updated">
            Updated <time dateTime={updated.day}>{updatedLabel(updated, date)}</time>
          </span>
        </>
      )}
      {views}
      <span aria-hidden="true"> · </span>
      <span>{readingTime} min read</span>
    </p>
  );
}

/** "By Ana Ruiz", the name linking to the author's page (a byline with no Latin letters or digits has none). */
export function Byline({ author }: { author: string }) {
  const slug = authorSlug(author);
  return (
    <p className="byline">
      By{" "}
      {slug ? (
        <Link href={authorHref(slug)} rel="author">
          {author}
        </Link>
      ) : (
        author
      )}
    </p>
  );
}

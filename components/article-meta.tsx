import type { ReactNode } from "react";
import type { Article } from "@/lib/content/article-schema";

type Props = Pick<Article, "date" | "readingTime"> & {
  /** The view count's slot, between the date and the reading time. */
  views?: ReactNode;
};

export function ArticleMeta({ date, readingTime, views }: Props) {
  return (
    <p className="meta">
      <time dateTime={date.day}>{date.label}</time>
      {views}
      <span aria-hidden="true"> · </span>
      <span>{readingTime} min read</span>
    </p>
  );
}

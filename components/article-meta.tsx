import type { Article } from "@/lib/article-schema";
import { countLabel } from "@/lib/count-label";

type Props = Pick<Article, "date" | "readingTime"> & {
  /** Omitted while the count is unknown (the store is down, or not yet wired). */
  views?: number;
};

export function ArticleMeta({ date, readingTime, views }: Props) {
  return (
    <p className="meta">
      <time dateTime={date.day}>{date.label}</time>
      {views !== undefined && (
        <>
          <span aria-hidden="true"> · </span>
          <span className="meta-views">{countLabel(views, "view")}</span>
        </>
      )}
      <span aria-hidden="true"> · </span>
      <span>{readingTime} min read</span>
    </p>
  );
}

import Link from "next/link";
import type { Article } from "@/lib/content/article-schema";

type Props = Pick<Article, "category" | "categoryLabel">;

export function CategoryLink({ category, categoryLabel }: Props) {
  return (
    <Link className="kicker" href={`/category/${category}`}>
      {categoryLabel}
    </Link>
  );
}

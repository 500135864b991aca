import Link from "next/link";
import type { Article } from "@/lib/content/article-schema";

type Props = Pick<Article, "tags">;

export function TagList({ tags }: Props) {
  if (tags.length === 0) return null;
  return (
    <nav className="tags" aria-label="Tags">
      <ul role="list">
        {tags.map((tag) => (
          <li key={tag}>
            <Link href={`/tags/${tag}`}>#{tag}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import type { Article } from "@/lib/content/article-schema";

type Props = { source: NonNullable<Article["source"]> };

export function SourceLine({ source }: Props) {
  return (
    <p className="source">
      Source:{" "}
      {source.url ? (
        <a href={source.url} rel="noopener noreferrer">
          {source.name}
        </a>
      ) : (
        source.name
      )}
    </p>
  );
}

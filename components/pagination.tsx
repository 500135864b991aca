import Link from "next/link";
import { pageWindow } from "@/lib/archive/pagination";

type Props = {
  page: number;
  pageCount: number;
  /** The URL of page `n`. */
  href: (n: number) => string;
};

export function Pagination({ page, pageCount, href }: Props) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 && (
        <Link href={href(page - 1)} rel="prev">
          ← Newer<span className="visually-hidden"> articles</span>
        </Link>
      )}
      <ol role="list">
        {pageWindow(page, pageCount).map((entry, index) => (
          <li key={entry === "gap" ? `gap-${index}` : entry}>
            {entry === "gap" ? (
              <span aria-hidden="true">…</span>
            ) : (
              <Link href={href(entry)} aria-current={entry === page ? "page" : undefined}>
                <span className="visually-hidden">Page </span>
                {entry}
              </Link>
            )}
          </li>
        ))}
      </ol>
      {page < pageCount && (
        <Link href={href(page + 1)} rel="next">
          Older<span className="visually-hidden"> articles</span> →
        </Link>
      )}
    </nav>
  );
}

import Link from "next/link";
import { pageHref, pageWindow } from "@/lib/pagination";

type Props = {
  /** The list's own URL, which is page 1. */
  base: string;
  page: number;
  pageCount: number;
};

export function Pagination({ base, page, pageCount }: Props) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 && (
        <Link href={pageHref(base, page - 1)} rel="prev">
          ← Newer<span className="visually-hidden"> articles</span>
        </Link>
      )}
      <ol role="list">
        {pageWindow(page, pageCount).map((entry, index) => (
          <li key={entry === "gap" ? `gap-${index}` : entry}>
            {entry === "gap" ? (
              <span aria-hidden="true">…</span>
            ) : (
              <Link href={pageHref(base, entry)} aria-current={entry === page ? "page" : undefined}>
                <span className="visually-hidden">Page </span>
                {entry}
              </Link>
            )}
          </li>
        ))}
      </ol>
      {page < pageCount && (
        <Link href={pageHref(base, page + 1)} rel="next">
          Older<span className="visually-hidden"> articles</span> →
        </Link>
      )}
    </nav>
  );
}

const PAGE_SIZE = 20;

export type Page<T> = { items: T[]; page: number; pageCount: number; total: number };

/**
 * Page `page` (1-based) of a list of `total` items, fetching only its items; undefined when
 * there is no such page. Page 1 always exists.
 */
export function paginate<T>(total: number, page: number, fetch: (offset: number, limit: number) => T[], size = PAGE_SIZE): Page<T> | undefined {
  const pageCount = Math.max(1, Math.ceil(total / size));
  if (!Number.isInteger(page) || page < 1 || page > pageCount) return undefined;
  return { items: fetch((page - 1) * size, size), page, pageCount, total };
}

/** Parses a `[page]` route segment: only canonical numbers ("2", never "02" or "2.0"). */
export function pageNumber(segment: string): number | undefined {
  return /^[1-9]\d{0,5}$/.test(segment) ? Number(segment) : undefined;
}

/** `/category/tech` → `/category/tech/page/3`; page 1 is the base itself. */
export function pageHref(base: string, page: number): string {
  if (page === 1) return base;
  return `${base === "/" ? "" : base}/page/${page}`;
}

/** Which page numbers to show: the ends and the neighbours of the current page, with gaps between. */
export function pageWindow(page: number, pageCount: number, radius = 2): (number | "gap")[] {
  const shown = [...new Set([1, pageCount, ...Array.from({ length: radius * 2 + 1 }, (_, i) => page - radius + i)])]
    .filter((n) => n >= 1 && n <= pageCount)
    .sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1]! > 1 ? ["gap" as const, n] : [n]));
}

/** The URL of a search results page; only the parameters that are set appear. */
export function searchHref({ q, category, page }: { q: string; category?: string; page?: number }): string {
  const params = new URLSearchParams({ q });
  if (category) params.set("category", category);
  if (page && page > 1) params.set("page", String(page));
  return `/search?${params}`;
}

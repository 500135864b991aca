import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SearchView } from "@/components/search-view";
import { countArticles, getCategories, searchArticles } from "@/lib/archive/archive";
import { alternates } from "@/lib/pages/page-metadata";
import { pageNumber } from "@/lib/archive/pagination";
import { SEARCH_PAGE_SIZE, cleanQuery } from "@/lib/archive/search";

type Param = string | string[] | undefined;
type Props = { searchParams: Promise<{ q?: Param; category?: Param; page?: Param }> };

export const metadata: Metadata = { title: "Search", alternates: alternates("/search"), robots: { index: false, follow: true } };

const first = (value: Param) => (Array.isArray(value) ? value[0] : value);

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const query = cleanQuery(first(params.q));
  const categories = getCategories();
  const category = categories.find((c) => c.name === first(params.category))?.name;
  const page = pageNumber(first(params.page) ?? "1");
  if (!page) notFound();

  const results = query ? searchArticles(query, { category, offset: (page - 1) * SEARCH_PAGE_SIZE, limit: SEARCH_PAGE_SIZE }) : undefined;
  const pageCount = Math.max(1, Math.ceil((results?.total ?? 0) / SEARCH_PAGE_SIZE));
  if (page > pageCount) notFound();

  return (
    <SearchView
      query={query}
      category={category}
      categories={categories}
      articleCount={countArticles()}
      results={results}
      page={page}
      pageCount={pageCount}
    />
  );
}

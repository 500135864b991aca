import { countLabel } from "@/lib/pages/count-label";
import type { CategorySummary, SearchResults } from "@/lib/archive/archive";
import { MAX_QUERY_LENGTH } from "@/lib/archive/search";
import { searchHref } from "@/lib/pages/search-href";
import { ArticleCard } from "./article-card";
import { Pagination } from "./pagination";

type Props = {
  query: string;
  category?: string;
  categories: CategorySummary[];
  articleCount: number;
  results?: SearchResults;
  page: number;
  pageCount: number;
};

export function SearchView({ query, category, categories, articleCount, results, page, pageCount }: Props) {
  return (
    <section className="search-page" aria-labelledby="search-heading">
      <h1 id="search-heading" className="page-title">
        Search
      </h1>
      <form action="/search" method="get" className="search-form" role="search" aria-label="Search with filters">
        <div className="field field-query">
          <label htmlFor="search-query">Words to find</label>
          <input id="search-query" name="q" type="search" defaultValue={query} maxLength={MAX_QUERY_LENGTH} enterKeyHint="search" />
        </div>
        <div className="field">
          <label htmlFor="search-category">Section</label>
          <select id="search-category" name="category" defaultValue={category ?? ""}>
            <option value="">All sections</option>
            {categories.map((c) => (
              <option key={c.name} value={c.name}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      {!results ? (
        <p className="page-intro">Type a word or two to search {countLabel(articleCount, "article")}: headlines, summaries, tags and full text.</p>
      ) : results.total === 0 ? (
        <p className="page-intro" role="status">
          No articles match “{results.query}”. Try fewer or shorter words.
        </p>
      ) : (
        <>
          <p className="page-intro" role="status">
            {countLabel(results.total, "result")} for “{results.query}”
            {pageCount > 1 && ` · page ${page} of ${pageCount}`}
          </p>
          <ol className="article-list" role="list">
            {results.hits.map((hit) => (
              <li key={hit.article.slug}>
                <ArticleCard article={hit.article} highlight={hit} />
              </li>
            ))}
          </ol>
          <Pagination page={page} pageCount={pageCount} href={(n) => searchHref({ q: results.query, category, page: n })} />
        </>
      )}
    </section>
  );
}

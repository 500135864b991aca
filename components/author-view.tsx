import type { Listing } from "@/lib/archive/listings";
import { pageHref, type Page } from "@/lib/archive/pagination";
import type { AuthorSummary } from "@/lib/archive/snapshot";
import type { Article } from "@/lib/content/article-schema";
import { countLabel } from "@/lib/pages/count-label";
import { ArticleList } from "./article-list";
import { Pagination } from "./pagination";

type Props = {
  author: Pick<AuthorSummary, "name" | "bio" | "url">;
  listing: Pick<Listing, "base">;
  page: Page<Article>;
};

/** An author's page: the byline, the bio from the authors file, then their articles, paginated like a section. */
export function AuthorView({ author, listing, page }: Props) {
  return (
    <>
      <header className="listing-header author-header">
        <h1 className="page-title">{author.name}</h1>
        {author.bio && <p className="author-bio">{author.bio}</p>}
        {author.url && (
          <p className="author-link">
            <a href={author.url} rel="author noopener noreferrer">
              More about {author.name}
            </a>
          </p>
        )}
        <p className="page-intro">
          {countLabel(page.total, "article")}
          {page.pageCount > 1 && ` · page ${page.page} of ${page.pageCount}`}
        </p>
      </header>
      <ArticleList articles={page.items} />
      <Pagination page={page.page} pageCount={page.pageCount} href={(n) => pageHref(listing.base, n)} />
    </>
  );
}

import type { Listing } from "@/lib/archive/listings";
import { pageHref, type Page } from "@/lib/archive/pagination";
import type { Article } from "@/lib/content/article-schema";
import { countLabel } from "@/lib/pages/count-label";
import { ArticleList } from "./article-list";
import { Pagination } from "./pagination";

type Props = {
  listing: Pick<Listing, "title" | "base">;
  page: Page<Article>;
  /** Home names itself only for screen readers; the masthead already says where you are. */
  hideTitle?: boolean;
  lead?: boolean;
};

export function ListingView({ listing, page, hideTitle = false, lead = false }: Props) {
  return (
    <>
      <header className={hideTitle ? "visually-hidden" : "listing-header"}>
        <h1 className="page-title">{listing.title}</h1>
        <p className="page-intro">
          {countLabel(page.total, "article")}
          {page.pageCount > 1 && ` · page ${page.page} of ${page.pageCount}`}
        </p>
      </header>
      <ArticleList articles={page.items} lead={lead && page.page === 1} />
      <Pagination page={page.page} pageCount={page.pageCount} href={(n) => pageHref(listing.base, n)} />
    </>
  );
}

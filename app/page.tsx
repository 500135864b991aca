import { ArticleList } from "@/components/article-list";
import { Pagination } from "@/components/pagination";
import { getAllArticles } from "@/lib/articles";
import { paginate } from "@/lib/pagination";

export default function HomePage() {
  const { items, page, pageCount } = paginate(getAllArticles(), 1)!;
  return (
    <>
      <h1 className="visually-hidden">Latest news</h1>
      <ArticleList articles={items} lead />
      <Pagination base="/" page={page} pageCount={pageCount} />
    </>
  );
}

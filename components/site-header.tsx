import Link from "next/link";
import type { CategorySummary } from "@/lib/archive/archive";
import { SearchBox } from "./search-box";

type Props = { siteName: string; categories: CategorySummary[] };

export function SiteHeader({ siteName, categories }: Props) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="masthead">
        <Link href="/" className="site-name">
          {siteName}
        </Link>
        <SearchBox />
      </div>
      {categories.length > 0 && (
        <nav aria-label="Sections" className="sections">
          <ul role="list">
            {categories.map((category) => (
              <li key={category.name}>
                <Link href={`/category/${category.name}`}>{category.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}

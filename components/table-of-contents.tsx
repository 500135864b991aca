import type { Heading } from "@/lib/content/article-schema";
import { TocLinks } from "./toc-links";

/** Bodies with at least this many sections (`##`) get a contents list. */
const MIN_SECTIONS = 3;

/**
 * The body's sections as links to their headings, in a `<details>` that readers can fold away and
 * that works without JavaScript; with it, the section being read is marked (TocLinks).
 */
export function TableOfContents({ headings }: { headings: Heading[] }) {
  const sections = headings.filter((heading) => heading.depth === 2).map(({ id, text }) => ({ id, text }));
  if (sections.length < MIN_SECTIONS) return null;
  return (
    <nav className="toc" aria-label="Contents">
      <details open>
        <summary>Contents</summary>
        <TocLinks sections={sections} />
      </details>
    </nav>
  );
}

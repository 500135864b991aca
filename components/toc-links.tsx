"use client";

import { useEffect, useState } from "react";

type Section = { id: string; text: string };

/** A section is current once its heading has passed this line, a share of the window from the top. */
const LINE = 0.3;

/** The index of the last heading at or above `line` (tops in document order), or -1 before the first. */
export function currentSection(tops: readonly number[], line: number): number {
  let current = -1;
  tops.forEach((top, index) => {
    if (top <= line) current = index;
  });
  return current;
}

/**
 * The contents list's links. With JavaScript, an IntersectionObserver watches the headings cross
 * the top 30% of the window and marks the current section's link with aria-current="location".
 */
export function TocLinks({ sections }: { sections: Section[] }) {
  const [current, setCurrent] = useState<string>();
  const ids = sections.map((section) => section.id).join(" ");

  useEffect(() => {
    if (typeof IntersectionObserver === "undefined") return;
    const headings = ids
      .split(" ")
      .map((id) => document.getElementById(id))
      .filter((heading): heading is HTMLElement => heading !== null);
    if (headings.length === 0) return;
    // Crossing the line triggers a look at every heading: a jump can pass several at once.
    const update = () => {
      const index = currentSection(
        headings.map((heading) => heading.getBoundingClientRect().top),
        window.innerHeight * LINE,
      );
      setCurrent(index < 0 ? undefined : headings[index]!.id);
    };
    const observer = new IntersectionObserver(update, { rootMargin: `0px 0px -${Math.round((1 - LINE) * 100)}% 0px` });
    for (const heading of headings) observer.observe(heading);
    return () => observer.disconnect();
  }, [ids]);

  return (
    <ol className="toc-list">
      {sections.map((section) => (
        <li key={section.id}>
          <a href={`#${section.id}`} aria-current={section.id === current ? "location" : undefined}>
            {section.text}
          </a>
        </li>
      ))}
    </ol>
  );
}

"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { type ReadingEntry, startedEntries, subscribeReading } from "./reading-store";

const NONE: ReadingEntry[] = [];
const SHOWN = 5;

/**
 * Articles this browser started and left before the end, most recent first. Only in the browser,
 * after hydration: the server's page, and the page without JavaScript, have no such list.
 */
export function ContinueReading() {
  const entries = useSyncExternalStore(subscribeReading, startedEntries, () => NONE);
  if (entries.length === 0) return null;
  return (
    <section className="continue-reading" aria-labelledby="continue-reading-heading">
      <h2 id="continue-reading-heading">Continue reading</h2>
      <ul role="list">
        {entries.slice(0, SHOWN).map((entry) => (
          <li key={entry.url}>
            <Link href={entry.url}>{entry.title}</Link> <span className="meta">{Math.round(entry.progress * 100)}% read</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

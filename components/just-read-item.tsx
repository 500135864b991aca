"use client";

import { useSyncExternalStore, type ReactNode } from "react";
import { openedThisSession, subscribeReading } from "./reading-store";

/**
 * A related article's list item, hidden once hydrated when the reader has already opened that
 * article in this tab. The server's HTML always shows it, so without JavaScript nothing changes.
 */
export function JustReadItem({ url, children }: { url: string; children: ReactNode }) {
  const justRead = useSyncExternalStore(
    subscribeReading,
    () => openedThisSession().includes(url),
    () => false,
  );
  return <li hidden={justRead || undefined}>{children}</li>;
}

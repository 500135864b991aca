"use client";

import { useSyncExternalStore } from "react";
import { isRead, subscribeReading } from "./reading-store";

/**
 * "Read" on the card of an article this browser has read to the end. Nothing on the server or
 * without JavaScript; after hydration an absolutely positioned badge, so nothing moves.
 */
export function ReadMark({ url }: { url: string }) {
  const read = useSyncExternalStore(
    subscribeReading,
    () => isRead(url),
    () => false,
  );
  return read ? <span className="read-mark">Read</span> : null;
}

"use client";

import { useEffect, useRef, useState } from "react";
import { ViewCount } from "./view-count";

type Props = {
  slug: string;
  /** The count when the page was rendered; undefined when the store was down. */
  initialViews?: number;
};

// A page the browser prerenders runs its scripts before anyone reads it (Speculation Rules).
const prerendering = () => (document as Document & { prerendering?: boolean }).prerendering === true;

/**
 * Counts this reading once the page is actually visible (not for a prefetch, a prerender
 * or a tab opened in the background), then shows the count the server returns.
 */
export function LiveViewCount({ slug, initialViews }: Props) {
  const [views, setViews] = useState(initialViews);
  // React StrictMode runs effects twice in development; the ref keeps it to one
  // beacon per article, even when a client-side navigation reuses this instance.
  const sentFor = useRef<string>(undefined);

  useEffect(() => {
    const send = () => {
      if (sentFor.current === slug || document.visibilityState !== "visible" || prerendering()) return;
      sentFor.current = slug;
      document.removeEventListener("visibilitychange", send);
      document.removeEventListener("prerenderingchange", send);
      fetch(`/api/views/${encodeURIComponent(slug)}`, { method: "POST", keepalive: true, credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : undefined))
        .then((body: { views?: unknown } | undefined) => {
          if (typeof body?.views === "number") setViews(body.views);
        })
        .catch(() => {});
    };
    send();
    document.addEventListener("visibilitychange", send);
    document.addEventListener("prerenderingchange", send);
    return () => {
      document.removeEventListener("visibilitychange", send);
      document.removeEventListener("prerenderingchange", send);
    };
  }, [slug]);

  return views === undefined ? null : <ViewCount views={views} />;
}

"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";
import { markOpened, READ_AT, saveProgress } from "./reading-store";

type Props = { url: string; title: string };

/**
 * How far through the body the reader is: 0 at the top of the page, 1 once the body's end is in
 * view (at once for a body that fits the window).
 */
export function readingProgress(scrollY: number, bodyBottom: number, viewportHeight: number): number {
  const distance = scrollY + bodyBottom - viewportHeight;
  return distance <= 0 ? 1 : Math.min(1, Math.max(0, scrollY / distance));
}

const noSubscription = () => () => {};

/**
 * A thin bar at the top of an article page that grows as the reader scrolls through the body, and
 * remembers in this browser how far they got (for "Read" marks and "Continue reading") and that
 * they opened the article in this tab. Rendered only after hydration: without JavaScript the page
 * has no bar. Decoration: hidden from assistive technology.
 */
export function ReadingProgress({ url, title }: Props) {
  const bar = useRef<HTMLDivElement>(null);
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  useEffect(() => {
    if (!hydrated) return;
    markOpened(url);
    const body = document.querySelector<HTMLElement>(".article .prose");
    let furthest = 0;
    let saved = -1;
    let frame = 0;
    const save = () => {
      if (furthest === saved) return;
      saved = furthest;
      saveProgress(url, title, furthest);
    };
    const measure = () => {
      frame = 0;
      const bottom = body ? body.getBoundingClientRect().bottom : document.documentElement.scrollHeight - window.scrollY;
      const progress = readingProgress(window.scrollY, bottom, window.innerHeight);
      if (bar.current) bar.current.style.transform = `scaleX(${progress})`;
      furthest = Math.max(furthest, progress);
      // A write every 5% of the way, and at the point an article counts as read.
      if (saved < 0 || furthest - saved >= 0.05 || (furthest >= READ_AT && saved < READ_AT)) save();
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    const hide = () => {
      if (document.visibilityState === "hidden") save();
    };
    measure();
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule, { passive: true });
    document.addEventListener("visibilitychange", hide);
    window.addEventListener("pagehide", save);
    return () => {
      cancelAnimationFrame(frame);
      save();
      window.removeEventListener("scroll", schedule);
      window.removeEventListener("resize", schedule);
      document.removeEventListener("visibilitychange", hide);
      window.removeEventListener("pagehide", save);
    };
  }, [hydrated, url, title]);

  if (!hydrated) return null;
  return (
    <div className="reading-progress" aria-hidden="true">
      <div className="reading-progress-bar" ref={bar} />
    </div>
  );
}

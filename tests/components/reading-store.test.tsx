import { afterEach, describe, expect, it, vi } from "vitest";
import {
  isRead,
  markOpened,
  MAX_ENTRIES,
  openedThisSession,
  PROGRESS_KEY,
  readingEntries,
  saveProgress,
  SESSION_KEY,
  startedEntries,
} from "@/components/reading-store";

afterEach(() => {
  vi.restoreAllMocks();
  localStorage.clear();
  sessionStorage.clear();
});

describe("the reading store", () => {
  it("keeps the furthest point reached, newest entry first, and counts 90% as read", () => {
    saveProgress("/articles/a", "A", 0.5, 1);
    saveProgress("/articles/b", "B", 0.95, 2);
    saveProgress("/articles/a", "A", 0.2, 3);
    expect(readingEntries()).toEqual([
      { url: "/articles/a", title: "A", progress: 0.5, at: 3 },
      { url: "/articles/b", title: "B", progress: 0.95, at: 2 },
    ]);
    expect([isRead("/articles/a"), isRead("/articles/b"), isRead("/articles/c")]).toEqual([false, true, false]);
    expect(startedEntries().map((entry) => entry.url)).toEqual(["/articles/a"]);
    // The same array until the stored text changes, as useSyncExternalStore needs.
    expect(readingEntries()).toBe(readingEntries());
    expect(startedEntries()).toBe(startedEntries());
  });

  it(`remembers at most ${MAX_ENTRIES} articles, forgetting the oldest`, () => {
    for (let i = 0; i <= MAX_ENTRIES; i++) saveProgress(`/articles/a${i}`, `A${i}`, 1, i);
    const entries = readingEntries();
    expect(entries).toHaveLength(MAX_ENTRIES);
    expect(entries[0]!.url).toBe(`/articles/a${MAX_ENTRIES}`);
    expect(entries.some((entry) => entry.url === "/articles/a0")).toBe(false);
  });

  it("ignores what is not its own: bad JSON, other shapes, addresses that are not articles", () => {
    localStorage.setItem(PROGRESS_KEY, "{not json");
    expect(readingEntries()).toEqual([]);
    localStorage.setItem(
      PROGRESS_KEY,
      JSON.stringify([{ url: "javascript:alert(1)", title: "x", progress: 0.5, at: 1 }, { url: "/articles/ok", title: "OK", progress: 0.5, at: 1 }, 7]),
    );
    expect(readingEntries().map((entry) => entry.url)).toEqual(["/articles/ok"]);
    saveProgress("https://elsewhere.example/articles/x", "X", 1);
    expect(readingEntries()).toHaveLength(1);
  });

  it("goes without, silently, when storage refuses (private mode, full) or is missing", () => {
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("full", "QuotaExceededError");
    });
    expect(() => saveProgress("/articles/a", "A", 0.5)).not.toThrow();
    expect(() => markOpened("/articles/a")).not.toThrow();
    vi.spyOn(Storage.prototype, "getItem").mockImplementation(() => {
      throw new DOMException("denied", "SecurityError");
    });
    expect(readingEntries()).toEqual([]);
    expect(isRead("/articles/a")).toBe(false);
    expect(openedThisSession()).toEqual([]);
  });

  it("lists the articles opened in this tab, each once, the newest last", () => {
    markOpened("/articles/a");
    markOpened("/articles/b");
    markOpened("/articles/a");
    expect(openedThisSession()).toEqual(["/articles/b", "/articles/a"]);
    expect(JSON.parse(sessionStorage.getItem(SESSION_KEY)!)).toEqual(["/articles/b", "/articles/a"]);
    expect(localStorage.length).toBe(0);
  });
});

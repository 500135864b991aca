/**
 * What this browser remembers of the reader's reading, on the client only: nothing is sent to the
 * server. localStorage keeps how far each article was read (at most MAX_ENTRIES, the oldest
 * forgotten first); sessionStorage keeps the articles opened in this tab. Storage that is missing,
 * full or refused (private mode, a blocked site, a quota) is ignored: the page shows no marks.
 * Reads return the same array until the stored text changes, as useSyncExternalStore needs.
 */
export const PROGRESS_KEY = "harbor-ledger:reading";
export const SESSION_KEY = "harbor-ledger:opened-this-session";
export const MAX_ENTRIES = 200;
/** From here on an article counts as read... */
export const READ_AT = 0.9;
/** ...and from here on as started, worth continuing. */
const STARTED_AT = 0.1;

export type ReadingEntry = { url: string; title: string; progress: number; at: number };

type Kind = "localStorage" | "sessionStorage";
const CHANGE = "harbor-ledger:reading-change";
/** Only article addresses are kept or linked, whatever another script wrote to the key. */
const ARTICLE_URL = /^\/articles\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

function getItem(kind: Kind, key: string): string | null {
  try {
    return window[kind].getItem(key);
  } catch {
    return null;
  }
}

function setItem(kind: Kind, key: string, value: string): boolean {
  try {
    window[kind].setItem(key, value);
    return true;
  } catch {
    return false;
  } finally {
    window.dispatchEvent(new Event(CHANGE));
  }
}

/** Calls `onChange` when reading state changes in this tab or (localStorage) in another. */
export function subscribeReading(onChange: () => void): () => void {
  window.addEventListener(CHANGE, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGE, onChange);
    window.removeEventListener("storage", onChange);
  };
}

function parse<T>(raw: string | null, valid: (item: unknown) => item is T): T[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter(valid) : [];
  } catch {
    return [];
  }
}

const isEntry = (item: unknown): item is ReadingEntry => {
  const entry = item as ReadingEntry | null;
  return (
    typeof entry === "object" &&
    entry !== null &&
    typeof entry.url === "string" &&
    ARTICLE_URL.test(entry.url) &&
    typeof entry.title === "string" &&
    typeof entry.progress === "number" &&
    entry.progress >= 0 &&
    entry.progress <= 1 &&
    typeof entry.at === "number"
  );
};
const isUrl = (item: unknown): item is string => typeof item === "string" && ARTICLE_URL.test(item);

/** The last text read for each key and what it parsed to. */
const parsed = new Map<string, { raw: string | null; value: unknown[] }>();
function cached<T>(kind: Kind, key: string, valid: (item: unknown) => item is T): T[] {
  const raw = getItem(kind, key);
  const last = parsed.get(key);
  if (last && last.raw === raw) return last.value as T[];
  const value = parse(raw, valid);
  parsed.set(key, { raw, value });
  return value;
}

/** Every remembered article, most recently read first. */
export const readingEntries = (): ReadingEntry[] => cached("localStorage", PROGRESS_KEY, isEntry);

export function isRead(url: string): boolean {
  return readingEntries().some((entry) => entry.url === url && entry.progress >= READ_AT);
}

let startedFrom: ReadingEntry[] | undefined;
let started: ReadingEntry[] = [];
/** Articles started but left before the end, most recently read first. */
export function startedEntries(): ReadingEntry[] {
  const entries = readingEntries();
  if (entries !== startedFrom) {
    startedFrom = entries;
    started = entries.filter((entry) => entry.progress >= STARTED_AT && entry.progress < READ_AT);
  }
  return started;
}

/** Remembers the furthest point reached in an article (0 to 1), as its newest entry. */
export function saveProgress(url: string, title: string, progress: number, now = Date.now()) {
  if (!ARTICLE_URL.test(url)) return;
  const entries = readingEntries();
  const before = entries.find((entry) => entry.url === url)?.progress ?? 0;
  const furthest = Math.round(Math.min(1, Math.max(before, progress)) * 1000) / 1000;
  const next = [{ url, title, progress: furthest, at: now }, ...entries.filter((entry) => entry.url !== url)].slice(0, MAX_ENTRIES);
  // Full storage: keep fewer, once; otherwise go without.
  if (!setItem("localStorage", PROGRESS_KEY, JSON.stringify(next))) setItem("localStorage", PROGRESS_KEY, JSON.stringify(next.slice(0, MAX_ENTRIES / 4)));
}

/** Articles opened in this tab, the newest last. */
export const openedThisSession = (): string[] => cached("sessionStorage", SESSION_KEY, isUrl);

export function markOpened(url: string) {
  const opened = openedThisSession();
  if (!ARTICLE_URL.test(url) || opened.at(-1) === url) return;
  setItem("sessionStorage", SESSION_KEY, JSON.stringify([...opened.filter((other) => other !== url), url].slice(-MAX_ENTRIES)));
}

import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { ArticleBody } from "../content/article-schema";
import { articleBody } from "../content/article-body";
import { contentDir, folderSignature, forEachArticle, type LoadedArticle, type LoadOptions } from "../content/articles";
import { authorsSignature, loadAuthors } from "../content/authors";
import { openContentCache } from "../content/content-cache";
import { parserFingerprint } from "../content/parser-fingerprint";
import { processWide } from "./process-wide";
import { Snapshot, writeSnapshot, type ListFilter } from "./snapshot";
import { contentCacheDir, snapshotFile } from "./snapshot-file.mjs";

export { snapshotFile };
export type { AuthorSummary, CategorySummary, ListFilter, SearchResults } from "./snapshot";

/**
 * Writes the snapshot of `dir` to `file`: into a temporary file renamed over the old one only
 * once complete, so a server that has the old one open keeps reading it, and a content error
 * leaves the old one in place.
 */
export function writeSnapshotFile(dir: string, file: string, { cache, warn }: LoadOptions = {}) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(temporary, { force: true });
  const db = new Database(temporary);
  try {
    // Written once and never updated: nothing to journal, and a crash leaves only the temporary file.
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    // Every article's cache key, drafts included: what the content cache must keep.
    const cacheKeys = new Set<string>();
    const load = (accept: (article: LoadedArticle) => void) =>
      forEachArticle(
        dir,
        (article) => {
          if (article.cacheKey) cacheKeys.add(article.cacheKey);
          accept(article);
        },
        { cache, warn },
      );
    const summary = writeSnapshot(db, load, { fingerprint: parserFingerprint() ?? "", authors: loadAuthors() });
    db.close();
    fs.renameSync(temporary, file);
    return { ...summary, cacheKeys };
  } catch (error) {
    db.close();
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

// In development the folder is re-read when any file changes, so an edit shows on reload, and
// drafts are listed. Tests read their fixture folders the same way. A production server reads
// only the snapshot the build wrote.
const readsFolder = process.env.NODE_ENV !== "production";
const includeDrafts = process.env.NODE_ENV === "development";

/** A snapshot of the folder, in memory: what development and tests serve. */
function snapshotOfFolder(dir: string): Snapshot {
  const fingerprint = includeDrafts ? parserFingerprint() : undefined;
  const cache = fingerprint ? openContentCache(contentCacheDir(), fingerprint) : undefined;
  const db = new Database(":memory:");
  try {
    writeSnapshot(db, (accept) => forEachArticle(dir, accept, { cache }), { includeDrafts, authors: loadAuthors() });
  } catch (error) {
    db.close();
    throw error;
  }
  return new Snapshot(db);
}

type Opened = { source: string; signature: string | undefined; snapshot: Snapshot };
const state = processWide("archive", (): { opened?: Opened } => ({}));

/** The snapshot this process serves, opened (or, from a folder, written) on first use. */
export function archive(): Snapshot {
  const source = readsFolder ? contentDir() : snapshotFile();
  const signature = readsFolder ? `${folderSignature(source)}|authors:${authorsSignature()}` : undefined;
  const { opened } = state;
  if (opened?.source === source && opened.signature === signature) return opened.snapshot;
  const snapshot = readsFolder ? snapshotOfFolder(source) : Snapshot.open(source);
  opened?.snapshot.db.close();
  state.opened = { source, signature, snapshot };
  return snapshot;
}

export const getArticle = (slug: string) => archive().article(slug);
export const getCategories = () => archive().categories();
export const getTags = () => archive().tags();
export const getAuthor = (slug: string) => archive().author(slug);
export const getAuthors = () => archive().authors();
export const getRelatedArticles = (slug: string) => archive().related(slug);
export const listArticles = (filter: ListFilter, offset: number, limit: number) => archive().list(filter, offset, limit);
export const countArticles = (filter: ListFilter = {}) => archive().count(filter);
export const newestArticles = (limit: number) => archive().list({}, 0, limit);
export const searchArticles = (...args: Parameters<Snapshot["search"]>) => archive().search(...args);

/** The body of the article at `slug`, rendered (or read from the content cache); throws for an unknown slug. */
export async function getArticleBody(slug: string): Promise<ArticleBody> {
  const source = archive().body(slug);
  if (!source) throw new Error(`no article ${slug} in the archive`);
  return articleBody(source);
}

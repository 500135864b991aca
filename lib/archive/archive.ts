import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { ArticleBody } from "../content/article-schema";
import { articleBody, feedBody } from "../content/article-body";
import { contentDir, folderSignature, forEachArticle, type LoadedArticle, type LoadOptions } from "../content/articles";
import { authorsSignature, loadAuthors } from "../content/authors";
import { openContentCache } from "../content/content-cache";
import { ContentError } from "../content/content-error";
import { parserFingerprint } from "../content/parser-fingerprint";
import { processWide } from "./process-wide";
import { Snapshot, updateSnapshot, writeSnapshot, type ListFilter, type SnapshotSummary } from "./snapshot";
import { contentCacheDir, snapshotFile } from "./snapshot-file.mjs";

export { snapshotFile };
export type { AuthorSummary, CategorySummary, ListFilter, SearchResults } from "./snapshot";

type SnapshotWriter = (db: Database.Database, load: Parameters<typeof writeSnapshot>[1]) => SnapshotSummary | undefined;

/**
 * Writes `file` through a temporary file renamed over it only once complete, so a server that has
 * the old one open keeps reading it, and a content error leaves the old one in place. With
 * `fromOld`, the temporary file starts as a copy of the old one; undefined when `write` declines.
 */
function writeThrough(dir: string, file: string, { cache, warn }: LoadOptions, fromOld: boolean, write: SnapshotWriter) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(temporary, { force: true });
  if (fromOld) fs.copyFileSync(file, temporary, fs.constants.COPYFILE_FICLONE);
  const db = new Database(temporary);
  try {
    // A crash or a refusal leaves only the temporary file; a fresh write has nothing to roll back.
    db.pragma(`journal_mode = ${fromOld ? "MEMORY" : "OFF"}`);
    db.pragma("synchronous = OFF");
    // Every article's cache key, drafts included: what the content cache must keep.
    const cacheKeys = new Set<string>();
    // Passed on only from the write that lands, so a declined update does not list them twice.
    const warnings: Parameters<NonNullable<LoadOptions["warn"]>>[] = [];
    const load = (accept: (article: LoadedArticle) => void) =>
      forEachArticle(
        dir,
        (article) => {
          if (article.cacheKey) cacheKeys.add(article.cacheKey);
          accept(article);
        },
        { cache, warn: (...warning) => warnings.push(warning) },
      );
    const summary = write(db, load);
    db.close();
    if (!summary) {
      fs.rmSync(temporary, { force: true });
      return undefined;
    }
    fs.renameSync(temporary, file);
    for (const warning of warnings) warn?.(...warning);
    return { ...summary, cacheKeys };
  } catch (error) {
    db.close();
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes the snapshot of `dir` to `file`. With a content cache and an earlier snapshot, a copy of
 * that one is updated with the articles that changed, when few did; otherwise it is written afresh.
 */
export function writeSnapshotFile(dir: string, file: string, options: LoadOptions = {}) {
  const { cache } = options;
  const snapshot = { fingerprint: parserFingerprint() ?? "", authors: loadAuthors() };
  if (cache && fs.existsSync(file)) {
    const indexedText = (key: string) => cache.get(key, "scan")?.text;
    try {
      const updated = writeThrough(dir, file, options, true, (db, load) => updateSnapshot(db, load, { ...snapshot, indexedText }));
      if (updated) return updated;
    } catch (error) {
      // A content error is the folder's, and the fresh write would find it again. Anything else
      // (a damaged or unreadable last snapshot) only costs the update.
      if (error instanceof ContentError) throw error;
    }
  }
  return writeThrough(dir, file, options, false, (db, load) => writeSnapshot(db, load, snapshot))!;
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

function bodySource(slug: string) {
  const source = archive().body(slug);
  if (!source) throw new Error(`no article ${slug} in the archive`);
  return source;
}

/** The body of the article at `slug`, rendered (or read from the content cache); throws for an unknown slug. */
export async function getArticleBody(slug: string): Promise<ArticleBody> {
  return articleBody(bodySource(slug));
}

/** The body of the article at `slug` as feeds carry it (see feedBody); throws for an unknown slug. */
export async function getArticleFeedBody(slug: string, origin: string, make: (body: ArticleBody) => string): Promise<string> {
  return feedBody(bodySource(slug), origin, make);
}

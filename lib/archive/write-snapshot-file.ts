import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { forEachArticle, type LoadedArticle, type LoadOptions } from "../content/articles";
import { loadAuthors } from "../content/authors";
import { ContentError } from "../content/content-error";
import { parserFingerprint } from "../content/parser-fingerprint";
import { updateSnapshot, writeSnapshot, type SnapshotSummary } from "./snapshot-writer";

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

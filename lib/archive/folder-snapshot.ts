import Database from "better-sqlite3";
import { folderSignature, forEachArticle } from "../content/articles";
import { authorsSignature, loadAuthors } from "../content/authors";
import { openContentCache } from "../content/content-cache";
import { parserFingerprint } from "../content/parser-fingerprint";
import { Snapshot } from "./snapshot";
import { contentCacheDir } from "./snapshot-file.mjs";
import { writeSnapshot } from "./snapshot-writer";

/** What a snapshot of the folder `dir` is out of date on: its files' sizes and times, and the authors file. */
export const folderSnapshotSignature = (dir: string) => `${folderSignature(dir)}|authors:${authorsSignature()}`;

/**
 * A snapshot of the folder, in memory: what development and tests serve. Development lists
 * drafts, and keeps what it scans in the content cache so a restart need not scan again.
 */
export function snapshotOfFolder(dir: string, includeDrafts: boolean): Snapshot {
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

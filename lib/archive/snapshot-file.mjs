// @ts-check
// Where the content snapshot lives, and whether a server can serve it. Plain JavaScript so that
// server.mjs can refuse to start on a missing or damaged snapshot before it loads Next; the
// TypeScript modules import the same rules.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** Bumped when the tables change, so a server never reads a snapshot it does not understand. */
export const SNAPSHOT_FORMAT = "3";

/** `CONTENT_CACHE_DIR`, or `.cache/content` under the project. */
export function contentCacheDir() {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.CONTENT_CACHE_DIR || ".cache/content");
}

/** `CONTENT_SNAPSHOT`, or `snapshot.db` in the content cache's folder: where the build writes the snapshot and servers read it. */
export function snapshotFile() {
  return process.env.CONTENT_SNAPSHOT
    ? path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.CONTENT_SNAPSHOT)
    : path.join(contentCacheDir(), "snapshot.db");
}

/** @param {unknown} error */
const reason = (error) => (error instanceof Error ? error.message : String(error)).split("\n")[0];

/**
 * The page count and page size a SQLite file's header declares (https://sqlite.org/fileformat.html),
 * or undefined when the file does not start like a SQLite database.
 * @param {string} file
 */
function declaredSize(file) {
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, "r");
  try {
    if (fs.readSync(fd, header, 0, 100, 0) < 100 || header.toString("latin1", 0, 16) !== "SQLite format 3\0") return undefined;
  } finally {
    fs.closeSync(fd);
  }
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  return pageSize * header.readUInt32BE(28);
}

/**
 * What keeps the snapshot at `file` from being served, as one line naming the file and the
 * problem, or undefined when it can be served. It costs the same at any archive size: the header,
 * the file's length against it, the format, and one read of the articles' index; a fault deeper
 * in the file shows as an error page on the requests that meet it.
 * @param {string} file
 * @returns {string | undefined}
 */
export function snapshotProblem(file) {
  const rebuild = "run npm run build to write it";
  if (!fs.existsSync(file)) return `no content snapshot at ${file}: ${rebuild}`;
  let declared;
  try {
    declared = declaredSize(file);
  } catch (error) {
    return `cannot read the content snapshot ${file}: ${reason(error)}`;
  }
  if (declared === undefined) return `the content snapshot ${file} is not a SQLite database: ${rebuild} again`;
  const actual = fs.statSync(file).size;
  if (actual < declared) return `the content snapshot ${file} is cut short (${actual} of ${declared} bytes): ${rebuild} again`;
  let db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const format = db.prepare("SELECT value FROM info WHERE key = 'format'").pluck().get();
    if (format !== SNAPSHOT_FORMAT) return `the content snapshot ${file} has format ${format ?? "none"}, this code reads format ${SNAPSHOT_FORMAT}: ${rebuild} again`;
    db.prepare("SELECT count(*) FROM articles").get();
    return undefined;
  } catch (error) {
    return `the content snapshot ${file} is damaged (${reason(error)}): ${rebuild} again`;
  } finally {
    db?.close();
  }
}

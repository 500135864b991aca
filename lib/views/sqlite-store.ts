import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { StoreUnavailableError, type Allowance, type RecordResult, type TopEntry, type ViewStore } from "./view-store";
import { LONGEST_WINDOW_HOURS, hourOf, windowHours, type Clock } from "./windows";

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS views (slug TEXT PRIMARY KEY, count INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS seen (
    slug TEXT NOT NULL,
    reader TEXT NOT NULL,
    expires INTEGER NOT NULL,
    PRIMARY KEY (slug, reader)
  );
  CREATE INDEX IF NOT EXISTS seen_expires ON seen (expires);
  CREATE INDEX IF NOT EXISTS views_by_count ON views (count DESC, slug);
  CREATE TABLE IF NOT EXISTS allowance (
    slug TEXT NOT NULL,
    client TEXT NOT NULL,
    used INTEGER NOT NULL,
    expires INTEGER NOT NULL,
    PRIMARY KEY (slug, client)
  );
  CREATE INDEX IF NOT EXISTS allowance_expires ON allowance (expires);
  CREATE TABLE IF NOT EXISTS hourly (
    hour INTEGER NOT NULL,
    slug TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (slug, hour)
  ) WITHOUT ROWID;
  -- Windows and the sweep select by hour across every article.
  CREATE INDEX IF NOT EXISTS hourly_by_hour ON hourly (hour);
`;

// Expired dedupe and allowance rows are swept every so many writes, keeping
// the tables to about one window's worth of readers and clients. Hourly counts
// past KEPT_HOURS are swept then too, and by the first write of each hour.
export const SWEEP_EVERY = 1_000;

// better-sqlite3 is synchronous: while SQLite waits for a lock that another
// process holds (a backup, VACUUM, BEGIN IMMEDIATE in the sqlite3 shell), the
// whole event loop waits with it. So SQLite itself waits only a few ms per
// statement, and the waiting between attempts is done here, on a timer, until
// RETRY_FOR_MS have passed; then the caller gets StoreUnavailableError (a 503
// within a second) rather than a server that stalls for everyone.
const BUSY_TIMEOUT_MS = 5;
const RETRY_FOR_MS = 800;
const FIRST_PAUSE_MS = 5;
const LONGEST_PAUSE_MS = 50;

type FileId = { dev: number; ino: number };

function fileId(file: string): FileId | undefined {
  const stats = fs.statSync(file, { throwIfNoEntry: false });
  return stats && { dev: stats.dev, ino: stats.ino };
}

const sameFile = (a: FileId | undefined, b: FileId | undefined) => a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;

function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code);
}

function open(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    return prepare(file, db);
  } catch (error) {
    db.close();
    throw error;
  }
}

function prepare(file: string, db: Database.Database) {
  // WAL lets readers run beside the writer; NORMAL sync keeps every committed
  // view across a process crash (only an OS crash can lose the last commits).
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(SCHEMA);

  const seen = db.prepare<[string, string, number], { found: 1 }>("SELECT 1 AS found FROM seen WHERE slug = ? AND reader = ? AND expires > ?");
  // Marks a reader unless it is still within its window, which is never extended.
  const mark = db.prepare<[string, string, number, number]>(
    "INSERT INTO seen (slug, reader, expires) VALUES (?, ?, ?) ON CONFLICT (slug, reader) DO UPDATE SET expires = excluded.expires WHERE seen.expires <= ?",
  );
  // Takes one unit of a client's allowance for an article, returning a row only when one was
  // left: a client without a live row starts a new window with this view; one with a live row
  // counts on in it, up to the limit. (SET expressions all read the row as it was.)
  const take = db.prepare<[{ slug: string; client: string; now: number; expires: number; limit: number }], { used: number }>(
    `INSERT INTO allowance (slug, client, used, expires) VALUES (@slug, @client, 1, @expires)
     ON CONFLICT (slug, client) DO UPDATE SET
       used = CASE WHEN allowance.expires <= @now THEN 1 ELSE allowance.used + 1 END,
       expires = CASE WHEN allowance.expires <= @now THEN excluded.expires ELSE allowance.expires END
     WHERE allowance.expires <= @now OR allowance.used < @limit
     RETURNING used`,
  );
  const bump = db.prepare<[string], { count: number }>(
    "INSERT INTO views (slug, count) VALUES (?, 1) ON CONFLICT (slug) DO UPDATE SET count = count + 1 RETURNING count",
  );
  const read = db.prepare<[string], { count: number }>("SELECT count FROM views WHERE slug = ?");
  const top = db.prepare<[number], { slug: string; views: number }>("SELECT slug, count AS views FROM views ORDER BY count DESC, slug LIMIT ?");
  const sweepSeen = db.prepare<[number]>("DELETE FROM seen WHERE expires <= ?");
  const sweepAllowance = db.prepare<[number]>("DELETE FROM allowance WHERE expires <= ?");
  const bumpHour = db.prepare<[number, string]>("INSERT INTO hourly (hour, slug, count) VALUES (?, ?, 1) ON CONFLICT (hour, slug) DO UPDATE SET count = count + 1");
  const sweepHours = db.prepare<[number]>("DELETE FROM hourly WHERE hour < ?");
  const topInWindow = db.prepare<[number, number, number], { slug: string; views: number }>(
    "SELECT slug, SUM(count) AS views FROM hourly WHERE hour BETWEEN ? AND ? GROUP BY slug ORDER BY views DESC, slug LIMIT ?",
  );

  // One transaction, so the sweep can never fail after a view was committed (and be retried as a second view).
  const record = db.transaction(
    (
      slug: string,
      readers: readonly string[],
      now: number,
      windowMs: number,
      allowance: Allowance | undefined,
      sweep: boolean,
      sweepBuckets: boolean,
    ): RecordResult => {
      const hour = hourOf(now);
      if (sweep) {
        sweepSeen.run(now);
        sweepAllowance.run(now);
      }
      if (sweep || sweepBuckets) sweepHours.run(hour - LONGEST_WINDOW_HOURS);
      const known = readers.some((reader) => seen.get(slug, reader, now));
      for (const reader of readers) mark.run(slug, reader, now + windowMs, now);
      const allowed =
        !known &&
        (allowance === undefined ||
          (allowance.limit >= 1 && take.get({ slug, client: allowance.client, now, expires: now + windowMs, limit: allowance.limit }) !== undefined));
      if (!allowed) return { views: read.get(slug)?.count ?? 0, counted: false };
      bumpHour.run(hour, slug);
      return { views: bump.get(slug)!.count, counted: true };
    },
  );

  // The files this connection uses, as they are now: they stay these while it is open, since
  // SQLite removes a -wal or -shm only when the last connection to the database closes.
  const files = { db: fileId(file), wal: fileId(`${file}-wal`), shm: fileId(`${file}-shm`) };
  return { db, files, record, read, top, topInWindow };
}

type Handle = ReturnType<typeof open>;

/**
 * Lets go of a connection whose file was deleted, or replaced by another, at its path.
 *
 * SQLite finds a database's -wal and -shm by name (the database's path plus a suffix), not
 * through the open file. So the -wal and -shm now at the path may still be the old file's,
 * and a connection opened on the path would adopt them: it would replay the old database's
 * log over a replacement (its pages would read as the old database's; we checked), or share
 * a wal-index with a process still writing the old file. Hence the order:
 *   1. checkpoint the old connection, so a file moved away (renamed, not deleted) keeps the
 *      views still in its log;
 *   2. close it: SQLite sees its file has moved and neither checkpoints into nor deletes the
 *      -wal and -shm by name (so this cannot hit a new database's files either);
 *   3. remove the -wal and -shm at the path only if they are still the very files this
 *      connection used (same inode): they belong to no file at that path any more. Ones that
 *      differ belong to a newer database (another process may have reopened first) and stay;
 *   4. only then open the path afresh (in the caller).
 * Opening before closing is worse: the new connection maps the same -shm as the old one
 * (SQLite keys it by name) and resets it under it; in our tests the new file then failed
 * integrity_check.
 */
function retire(handle: Handle, file: string): void {
  try {
    handle.db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Best effort: a deleted file's log has nowhere to go anyway.
  }
  try {
    handle.db.close();
  } catch {
    // Closing cannot be retried; the connection is given up either way.
  }
  for (const [suffix, used] of [
    ["-wal", handle.files.wal],
    ["-shm", handle.files.shm],
  ] as const) {
    if (sameFile(fileId(`${file}${suffix}`), used)) fs.rmSync(`${file}${suffix}`, { force: true });
  }
}

/** The embedded default: one SQLite file, shared safely by every process on the machine. */
export class SqliteViewStore implements ViewStore {
  private handle: Handle | undefined;
  private writes = 0;
  /** The hour whose first write swept the hourly counts: each process sweeps once an hour. */
  private sweptHour: number | undefined;

  constructor(
    private readonly file: string,
    private readonly clock: Clock = Date.now,
  ) {}

  /**
   * The connection to the file now at the path: opened on first use, again after a failure (so a
   * folder that appears or becomes writable later is picked up without a restart), and again
   * when the file was deleted or replaced, so a view is never acknowledged into a file that is
   * gone from the path (and lost with it); a missing path gets a new database.
   */
  private current(): Handle {
    if (this.handle && !sameFile(fileId(this.file), this.handle.files.db)) {
      const stale = this.handle;
      this.handle = undefined;
      retire(stale, this.file);
    }
    this.handle ??= open(this.file);
    return this.handle;
  }

  private drop(): void {
    try {
      this.handle?.db.close();
    } catch {
      // Already unusable; the next use opens afresh.
    }
    this.handle = undefined;
  }

  /**
   * Runs `work` on the current connection, waiting out another process's lock on a timer (with
   * jitter, so that processes retrying together do not collide again) for up to RETRY_FOR_MS.
   * Each attempt is one synchronous statement or transaction that either commits or rolls back,
   * so a view is acknowledged only once committed, and a retried one is never counted twice.
   */
  private async use<T>(work: (handle: Handle) => T): Promise<T> {
    const deadline = performance.now() + RETRY_FOR_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return work(this.current());
      } catch (error) {
        if (!isBusy(error)) {
          this.drop();
          throw new StoreUnavailableError(error);
        }
        const pause = Math.min(FIRST_PAUSE_MS * 2 ** attempt, LONGEST_PAUSE_MS) * (0.5 + Math.random());
        if (performance.now() + pause >= deadline) throw new StoreUnavailableError(error);
        await sleep(pause);
      }
    }
  }

  async record(slug: string, readers: readonly string[], windowMs: number, allowance?: Allowance): Promise<RecordResult> {
    return this.use((handle) => {
      const now = this.clock();
      const sweep = (this.writes + 1) % SWEEP_EVERY === 0;
      const result = handle.record.immediate(slug, readers, now, windowMs, allowance, sweep, hourOf(now) !== this.sweptHour);
      this.writes += 1;
      this.sweptHour = hourOf(now);
      return result;
    });
  }

  async get(slug: string): Promise<number> {
    return this.use((handle) => handle.read.get(slug)?.count ?? 0);
  }

  async top(limit: number): Promise<TopEntry[]> {
    return this.use((handle) => handle.top.all(limit));
  }

  async topInWindow(hours: number, limit: number): Promise<TopEntry[]> {
    const { first, last } = windowHours(hours, this.clock());
    return this.use((handle) => handle.topInWindow.all(first, last, limit));
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    // A file replaced under a closing store still has its -wal and -shm beside the replacement.
    if (handle && !sameFile(fileId(this.file), handle.files.db)) retire(handle, this.file);
    else handle?.db.close();
  }
}

import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { StoreUnavailableError, type RecordResult, type TopEntry, type ViewStore } from "./view-store";

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
`;

// Expired dedupe rows are swept every so many writes, keeping the table to
// about one window's worth of readers.
const SWEEP_EVERY = 1_000;

function open(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL lets readers run beside the writer; NORMAL sync keeps every committed
  // view across a process crash (only an OS crash can lose the last commits).
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.exec(SCHEMA);

  const seen = db.prepare<[string, string, number], { found: 1 }>("SELECT 1 AS found FROM seen WHERE slug = ? AND reader = ? AND expires > ?");
  // Marks a reader unless it is still within its window, which is never extended.
  const mark = db.prepare<[string, string, number, number]>(
    "INSERT INTO seen (slug, reader, expires) VALUES (?, ?, ?) ON CONFLICT (slug, reader) DO UPDATE SET expires = excluded.expires WHERE seen.expires <= ?",
  );
  const bump = db.prepare<[string], { count: number }>(
    "INSERT INTO views (slug, count) VALUES (?, 1) ON CONFLICT (slug) DO UPDATE SET count = count + 1 RETURNING count",
  );
  const read = db.prepare<[string], { count: number }>("SELECT count FROM views WHERE slug = ?");
  const top = db.prepare<[number], { slug: string; views: number }>("SELECT slug, count AS views FROM views ORDER BY count DESC, slug LIMIT ?");
  const sweep = db.prepare<[number]>("DELETE FROM seen WHERE expires <= ?");

  const record = db.transaction((slug: string, readers: readonly string[], now: number, windowMs: number): RecordResult => {
    const known = readers.some((reader) => seen.get(slug, reader, now));
    for (const reader of readers) mark.run(slug, reader, now + windowMs, now);
    if (known) return { views: read.get(slug)?.count ?? 0, counted: false };
    return { views: bump.get(slug)!.count, counted: true };
  });

  return { db, record, read, top, sweep };
}

/** The embedded default: one SQLite file, shared safely by every process on the machine. */
export class SqliteViewStore implements ViewStore {
  private handle: ReturnType<typeof open> | undefined;
  private writes = 0;

  constructor(private readonly file: string) {}

  // Opened on first use and again after a failure, so a folder that appears
  // or becomes writable later is picked up without a restart.
  private use<T>(work: (handle: ReturnType<typeof open>) => T): T {
    try {
      this.handle ??= open(this.file);
      return work(this.handle);
    } catch (error) {
      this.handle?.db.close();
      this.handle = undefined;
      throw new StoreUnavailableError(error);
    }
  }

  async record(slug: string, readers: readonly string[], windowMs: number): Promise<RecordResult> {
    return this.use((handle) => {
      const now = Date.now();
      const result = handle.record.immediate(slug, readers, now, windowMs);
      if (++this.writes % SWEEP_EVERY === 0) handle.sweep.run(now);
      return result;
    });
  }

  async get(slug: string): Promise<number> {
    return this.use((handle) => handle.read.get(slug)?.count ?? 0);
  }

  async top(limit: number): Promise<TopEntry[]> {
    return this.use((handle) => handle.top.all(limit));
  }

  async close(): Promise<void> {
    this.handle?.db.close();
    this.handle = undefined;
  }
}

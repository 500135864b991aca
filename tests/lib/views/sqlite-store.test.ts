import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SWEEP_EVERY, SqliteViewStore } from "@/lib/views/sqlite-store";
import { StoreUnavailableError, type RecordResult } from "@/lib/views/view-store";
import { HOUR_MS } from "@/lib/views/windows";
import { holdLock, ticksDuring } from "./lock-holder";
import { describeViewStoreContract } from "./store-contract";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "sqlite-views-"));

describeViewStoreContract("SqliteViewStore", (clock) => new SqliteViewStore(path.join(tempDir(), "views.db"), clock));

describe("SqliteViewStore on disk", () => {
  it("creates its folder and file on first use, in WAL mode, and keeps counts across reopening", async () => {
    const file = path.join(tempDir(), "nested", "views.db");
    const store = new SqliteViewStore(file);
    expect(fs.existsSync(file)).toBe(false);
    await store.record("a", ["c:one"], 60_000);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.prepare("SELECT count FROM views WHERE slug = 'a'").get()).toEqual({ count: 1 });
    db.close();
    expect(await new SqliteViewStore(file).get("a")).toBe(1);
  });

  it("reports an unwritable location as unavailable, then recovers without a restart", async () => {
    const dir = tempDir();
    const blocker = path.join(dir, "not-a-folder");
    fs.writeFileSync(blocker, "a file where the folder should be");
    const store = new SqliteViewStore(path.join(blocker, "views.db"));
    await expect(store.record("a", ["c:one"], 60_000)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.get("a")).rejects.toThrow(/view store unavailable/);
    fs.rmSync(blocker);
    expect(await store.record("a", ["c:one"], 60_000)).toEqual({ views: 1, counted: true });
  });
});

const WINDOW = 60_000;

describe("SqliteViewStore beside another process's lock", () => {
  it("answers a write unavailable before the lock goes, without stalling the event loop, then counts again", async () => {
    const file = path.join(tempDir(), "views.db");
    const store = new SqliteViewStore(file);
    expect(await store.record("a", ["c:one"], WINDOW)).toEqual({ views: 1, counted: true });
    const holder = await holdLock(file, "write");
    try {
      const { outcome, ticks, expected } = await ticksDuring(() => store.record("a", ["c:two"], WINDOW));
      expect(holder.released()).toBe(false);
      expect(outcome.status === "rejected" && outcome.reason).toBeInstanceOf(StoreUnavailableError);
      // It waited on timers (the loop turned many times), not inside SQLite (the loop would stand still).
      expect(ticks).toBeGreaterThanOrEqual(10);
      expect(ticks / expected).toBeGreaterThan(0.25);
      // In WAL mode, readers go on beside a writer.
      expect(await store.get("a")).toBe(1);
    } finally {
      await holder.release();
    }
    // The refused view was not half-recorded: the same reader counts now.
    expect(await store.record("a", ["c:two"], WINDOW)).toEqual({ views: 2, counted: true });
    expect(await store.get("held")).toBe(1);
    await store.close();
  });

  it("answers reads unavailable while the file is locked exclusively, before the lock goes, then reads", async () => {
    const file = path.join(tempDir(), "views.db");
    const writer = new SqliteViewStore(file);
    await writer.record("a", ["c:one"], WINDOW);
    await writer.close();
    const holder = await holdLock(file, "exclusive");
    const store = new SqliteViewStore(file);
    try {
      for (const read of [() => store.get("a"), () => store.top(5)] as (() => Promise<unknown>)[]) {
        const { outcome, ticks, expected } = await ticksDuring(read);
        expect(holder.released()).toBe(false);
        expect(outcome.status === "rejected" && outcome.reason).toBeInstanceOf(StoreUnavailableError);
        expect(ticks).toBeGreaterThanOrEqual(10);
        expect(ticks / expected).toBeGreaterThan(0.25);
      }
    } finally {
      await holder.release();
    }
    expect(await store.get("a")).toBe(1);
    expect(await store.top(5)).toEqual([
      { slug: "a", views: 1 },
      { slug: "held", views: 1 },
    ]);
    await store.close();
  });
});

/** The counts in a database file, read through a connection of its own. */
/** The counts `file` holds while `store` has it open, and the same once the store has closed it. */
async function expectOnDiskThroughClose(store: SqliteViewStore, file: string, expected: { slug: string; count: number }[]) {
  expect(countsIn(file)).toEqual(expected);
  await store.close();
  expect(countsIn(file)).toEqual(expected);
}

function countsIn(file: string): { slug: string; count: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    return db.prepare<[], { slug: string; count: number }>("SELECT slug, count FROM views ORDER BY slug").all();
  } finally {
    db.close();
  }
}

describe("SqliteViewStore when its file is deleted or replaced while it runs", () => {
  it.each([
    ["with its -wal and -shm", ["", "-wal", "-shm"]],
    ["leaving its -wal and -shm behind", [""]],
  ])("after the file is deleted %s, counts into a new file at the path", async (_, suffixes) => {
    const file = path.join(tempDir(), "views.db");
    const store = new SqliteViewStore(file);
    expect(await store.record("a", ["c:one"], WINDOW)).toEqual({ views: 1, counted: true });
    for (const suffix of suffixes) fs.rmSync(`${file}${suffix}`);
    expect(await store.record("a", ["c:two"], WINDOW)).toEqual({ views: 1, counted: true });
    expect(await store.record("b", ["c:two"], WINDOW)).toEqual({ views: 1, counted: true });
    // On disk as soon as acknowledged (here, in the new file's log), and in the file itself once closed.
    await expectOnDiskThroughClose(store, file, [
      { slug: "a", count: 1 },
      { slug: "b", count: 1 },
    ]);
  });

  it("after another database is moved over the file, counts into it, and it keeps its own counts", async () => {
    const dir = tempDir();
    const file = path.join(dir, "views.db");
    const store = new SqliteViewStore(file);
    for (let i = 0; i < 20; i++) await store.record(`old-${i}`, ["c:one"], WINDOW);
    const restored = path.join(dir, "restored.db");
    const seed = new SqliteViewStore(restored);
    for (let i = 0; i < 3; i++) await seed.record("b", [`c:b${i}`], WINDOW);
    await seed.close();
    fs.renameSync(restored, file);
    // The old file's -wal and -shm are still beside it: adopting them would show the old counts.
    expect(await store.record("a", ["c:one"], WINDOW)).toEqual({ views: 1, counted: true });
    expect(await store.get("b")).toBe(3);
    expect(await store.get("old-0")).toBe(0);
    await expectOnDiskThroughClose(store, file, [
      { slug: "a", count: 1 },
      { slug: "b", count: 3 },
    ]);
  });

  it("after the file is moved away, counts into a new one, and the moved file keeps every view it acknowledged", async () => {
    const dir = tempDir();
    const file = path.join(dir, "views.db");
    const store = new SqliteViewStore(file);
    expect(await store.record("a", ["c:one"], WINDOW)).toEqual({ views: 1, counted: true });
    const archive = path.join(dir, "archive.db");
    fs.renameSync(file, archive);
    expect(await store.record("a", ["c:two"], WINDOW)).toEqual({ views: 1, counted: true });
    await store.close();
    expect(countsIn(archive)).toEqual([{ slug: "a", count: 1 }]);
    expect(countsIn(file)).toEqual([{ slug: "a", count: 1 }]);
  });
});

describe("SqliteViewStore housekeeping", () => {
  it("sweeps expired readers and allowances as it writes", async () => {
    const file = path.join(tempDir(), "views.db");
    const store = new SqliteViewStore(file);
    for (let i = 0; i < SWEEP_EVERY - 1; i++) await store.record("s", [`c:s${i}`], 1, { client: `k:${i}`, limit: 1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // This write sweeps, within its transaction, every row past its window.
    expect(await store.record("s", ["c:last"], WINDOW, { client: "k:last", limit: 1 })).toEqual({ views: SWEEP_EVERY, counted: true });
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT reader FROM seen").all()).toEqual([{ reader: "c:last" }]);
    expect(db.prepare("SELECT client, used FROM allowance").all()).toEqual([{ client: "k:last", used: 1 }]);
    db.close();
    await store.close();
  });
});

describe("SqliteViewStore hourly counts", () => {
  const hoursIn = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare<[], { hour: number; slug: string; count: number }>("SELECT hour, slug, count FROM hourly ORDER BY hour, slug").all();
    } finally {
      db.close();
    }
  };

  it("keeps one row per article and hour, and deletes those older than 7 days and an hour with the first write of an hour", async () => {
    const file = path.join(tempDir(), "views.db");
    const H = Math.floor(Date.UTC(2026, 2, 1) / HOUR_MS);
    let now = H * HOUR_MS + 10;
    const store = new SqliteViewStore(file, () => now);
    await store.record("a", ["c:1"], WINDOW);
    await store.record("a", ["c:2"], WINDOW);
    await store.record("b", ["c:1"], WINDOW);
    // A repeat, and a view past the allowance, leave no trace in the hour either.
    await store.record("b", ["c:1"], WINDOW);
    await store.record("b", ["c:3"], WINDOW, { client: "k:none", limit: 0 });
    now = (H + 1) * HOUR_MS;
    await store.record("a", ["c:3"], WINDOW);
    expect(hoursIn(file)).toEqual([
      { hour: H, slug: "a", count: 2 },
      { hour: H, slug: "b", count: 1 },
      { hour: H + 1, slug: "a", count: 1 },
    ]);
    // At hour H + 168 the oldest hour is past every window, but kept (the slack hour).
    now = (H + 168) * HOUR_MS + 5;
    await store.record("c", ["c:1"], WINDOW);
    expect(hoursIn(file).map((row) => row.hour)).toEqual([H, H, H + 1, H + 168]);
    expect(await store.topInWindow(168, 5)).toEqual([
      { slug: "a", views: 1 },
      { slug: "c", views: 1 },
    ]);
    // From hour H + 169 it is gone, whatever the write (this one does not even count).
    now = (H + 169) * HOUR_MS;
    expect(await store.record("c", ["c:9"], WINDOW, { client: "k:none", limit: 0 })).toEqual({ views: 1, counted: false });
    expect(hoursIn(file)).toEqual([
      { hour: H + 1, slug: "a", count: 1 },
      { hour: H + 168, slug: "c", count: 1 },
    ]);
    now = (H + 400) * HOUR_MS;
    await store.record("d", ["c:1"], WINDOW);
    expect(hoursIn(file)).toEqual([{ hour: H + 400, slug: "d", count: 1 }]);
    expect(await store.top(5)).toEqual([
      { slug: "a", views: 3 },
      { slug: "b", views: 1 },
      { slug: "c", views: 1 },
      { slug: "d", views: 1 },
    ]);
    await store.close();
  });

  it("adds the table to a database made before it, keeping its counts", async () => {
    const file = path.join(tempDir(), "views.db");
    const old = new Database(file);
    old.exec("CREATE TABLE views (slug TEXT PRIMARY KEY, count INTEGER NOT NULL); INSERT INTO views VALUES ('a', 7);");
    old.close();
    const store = new SqliteViewStore(file);
    expect(await store.topInWindow(24, 5)).toEqual([]);
    expect(await store.record("a", ["c:1"], WINDOW)).toEqual({ views: 8, counted: true });
    expect(await store.topInWindow(24, 5)).toEqual([{ slug: "a", views: 1 }]);
    await store.close();
  });
});

describe("SqliteViewStore shared by several processes", () => {
  // Each process writes through its own store; they start together on a word from the test.
  const WRITER = `
    import { SqliteViewStore } from ${JSON.stringify(fileURLToPath(new URL("../../../lib/views/sqlite-store.ts", import.meta.url)))};
    const [file, name, count] = process.argv.slice(1);
    const store = new SqliteViewStore(file);
    await store.get("warm-up");
    process.stdout.write("ready\\n");
    await new Promise((resolve) => process.stdin.once("data", resolve));
    const results = await Promise.allSettled(Array.from({ length: Number(count) }, (_, i) =>
      store.record("shared", [\`c:\${name}-\${i}\`], 60000, { client: "k:one-office", limit: 20 })));
    await store.close();
    process.stdout.write(JSON.stringify(results.map((r) => r.status === "fulfilled" ? r.value : { error: String(r.reason) })) + "\\n");
    process.exit(0);
  `;

  it("counts one client's views exactly up to its limit, whichever process records them", async () => {
    const file = path.join(tempDir(), "views.db");
    const writers = Array.from({ length: 4 }, (_, i) =>
      spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", WRITER, file, `p${i}`, "300"], { stdio: ["pipe", "pipe", "inherit"] }),
    );
    const outputs = writers.map((writer) => {
      let out = "";
      writer.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      return {
        ready: expect.poll(() => out, { timeout: 20_000, interval: 20 }).toContain("ready"),
        done: new Promise<string>((resolve) => writer.once("exit", () => resolve(out))),
      };
    });
    await Promise.all(outputs.map((output) => output.ready));
    for (const writer of writers) writer.stdin.write("go\n");
    const results = (await Promise.all(outputs.map((output) => output.done))).flatMap(
      (out) => JSON.parse(out.slice(out.indexOf("\n") + 1)) as (RecordResult | { error: string })[],
    );
    expect(results.filter((result) => "error" in result)).toEqual([]);
    const counted = (results as RecordResult[]).filter((result) => result.counted);
    expect(counted.map((result) => result.views).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(countsIn(file)).toEqual([{ slug: "shared", count: 20 }]);
  });
});

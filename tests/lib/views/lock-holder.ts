import { spawn } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../..", import.meta.url));

// Run in another process: a lock held by a connection in the test's own thread could never be
// waited out asynchronously (that thread is the one that would have to release it).
//   write:     BEGIN IMMEDIATE and a write, left uncommitted: other writers get SQLITE_BUSY, while
//              WAL readers go on (a backup, `BEGIN IMMEDIATE` in the sqlite3 shell);
//   exclusive: locking_mode=EXCLUSIVE and a committed write: it keeps an exclusive lock on the
//              file, and readers get SQLITE_BUSY too (as during VACUUM or a truncating checkpoint).
// The marker is written just BEFORE the lock is let go, so while it is absent the lock is held.
const SCRIPT = `
const Database = require("better-sqlite3");
const fs = require("node:fs");
const [file, marker, mode, holdMs] = process.argv.slice(1);
const db = new Database(file, { timeout: 10000 });
if (mode === "exclusive") db.pragma("locking_mode = EXCLUSIVE");
db.exec("BEGIN IMMEDIATE");
db.prepare("INSERT INTO views (slug, count) VALUES ('held', 1) ON CONFLICT (slug) DO UPDATE SET count = count + 1").run();
if (mode === "exclusive") db.exec("COMMIT");
process.stdout.write("locked\\n");
const release = () => {
  fs.writeFileSync(marker, "released");
  if (db.inTransaction) db.exec("COMMIT");
  db.close();
  process.exit(0);
};
process.stdin.on("data", release);
setTimeout(release, Number(holdMs));
`;

export type LockHolder = {
  /** False until the holder is about to let the lock go. */
  released(): boolean;
  /** Lets the lock go, and resolves when the holder has exited. */
  release(): Promise<void>;
};

/**
 * Holds a lock on `file` from another process until told to let go, or after `holdMs` (a hang
 * guard, not a budget: a store that is still waiting by then gets the lock, and fails the test).
 */
export async function holdLock(file: string, mode: "write" | "exclusive", holdMs = 10_000): Promise<LockHolder> {
  const marker = `${file}.released-${process.pid}-${Date.now()}`;
  const child = spawn(process.execPath, ["-e", SCRIPT, file, marker, mode, String(holdMs)], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("locked")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the lock holder exited (${code}) before taking the lock`)));
  });
  return {
    released: () => fs.existsSync(marker),
    async release() {
      if (child.exitCode === null) child.stdin.write("go\n");
      await exited;
    },
  };
}

/** Counts the turns of the event loop (10 ms ticks) while `work` is pending. */
export async function ticksDuring<T>(work: () => Promise<T>): Promise<{ outcome: PromiseSettledResult<T>; ticks: number; expected: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  const started = performance.now();
  const [outcome] = await Promise.allSettled([work()]);
  const expected = (performance.now() - started) / 10;
  clearInterval(timer);
  return { outcome: outcome!, ticks, expected };
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SqliteViewStore } from "@/lib/views/sqlite-store";
import { StoreUnavailableError } from "@/lib/views/view-store";
import { describeViewStoreContract } from "./store-contract";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "sqlite-views-"));

describeViewStoreContract("SqliteViewStore", () => new SqliteViewStore(path.join(tempDir(), "views.db")));

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

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeSyntheticArchive } from "@/bench/synthetic-archive";
import { Snapshot } from "@/lib/archive/snapshot";
import { loadArticles } from "@/lib/content/articles";
import { openContentCache } from "@/lib/content/content-cache";
import { parserFingerprint } from "@/lib/content/parser-fingerprint";
import { fixture } from "./fixtures";

const root = path.resolve(__dirname, "../..");
const temp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

function checkContent(dir: string, cacheDir = temp("cache-")) {
  return spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/check-content.ts"], {
    cwd: root,
    env: { ...process.env, CONTENT_DIR: dir, CONTENT_CACHE_DIR: cacheDir },
    encoding: "utf8",
  });
}

describe("npm run check-content", () => {
  it("fails with every problem listed, naming file and field", () => {
    const run = checkContent(fixture("many-problems"));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Content has 8 problems:");
    expect(run.stderr).toContain("tests/fixtures/many-problems/first.md: category: expected a category as lowercase words joined by hyphens");
    expect(run.stderr).toContain("tests/fixtures/many-problems/second.md: body:");
  });

  it("passes on good content, says how many articles it read, and writes the snapshot servers read", () => {
    const cacheDir = temp("cache-");
    const run = checkContent(fixture("valid"), cacheDir);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Content OK: 5 articles and 1 draft in .*tests\/fixtures\/valid, snapshot .*snapshot\.db \(/m);
    expect(run.status).toBe(0);
    const snapshot = Snapshot.open(path.join(cacheDir, "snapshot.db"));
    expect(snapshot.count()).toBe(5);
    expect(snapshot.article("long-read")?.title).toBe("A long read about the river");
  });

  it("parses a large folder on worker threads into the cache, then reads it back, re-parsing only an edited file", () => {
    const dir = temp("archive-");
    const cacheDir = temp("cache-");
    const files = writeSyntheticArchive(dir, 250);
    const entries = () => fs.readdirSync(cacheDir).filter((name) => name.endsWith(".scan.json")).length;

    const cold = checkContent(dir, cacheDir);
    expect(cold.stderr).toBe("");
    expect(cold.stdout).toMatch(/Content OK: 250 articles in .*250 parsed on [1-9] threads?/);
    expect(entries()).toBe(250);
    // The bodies `next build` needs are rendered into the cache, on render threads: the newest 100
    // articles' for their pages, and each section's newest 50 for its feed (tests/lib/prerender.test.ts),
    // which in an archive this small (8 sections) is every article.
    expect(cold.stdout).toContain("250 bodies rendered for the pages and feeds");
    expect(fs.readdirSync(cacheDir).filter((name) => name.endsWith(".body.json"))).toHaveLength(250);
    // What the threads stored is what the loader would have parsed, and every file hits.
    const cache = openContentCache(cacheDir, parserFingerprint(root)!);
    let stored = 0;
    expect(loadArticles(dir, { cache: { ...cache, set: () => void stored++ } })).toEqual(loadArticles(dir).map((a) => ({ ...a, cacheKey: expect.any(String) })));
    expect(stored).toBe(0);

    const warm = checkContent(dir, cacheDir);
    expect(warm.stdout).not.toContain("parsed on");
    expect(warm.stdout).toContain("0 stale entries removed, 0 bodies rendered for the pages and feeds");

    // The oldest article: its scan and its body go, and its edit is rendered again.
    const oldest = files.reduce((a, b) => (b.date < a.date ? b : a));
    fs.appendFileSync(path.join(dir, oldest.name), "\nA late correction.\n");
    expect(checkContent(dir, cacheDir).stdout).toContain("2 stale entries removed, 1 body rendered for the pages and feeds");
    expect(entries()).toBe(250);
  }, 120_000); // About 16 s on an idle machine: three processes, 250 files parsed and their bodies rendered on worker threads.
});

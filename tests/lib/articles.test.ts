import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Snapshot, SnapshotError } from "@/lib/archive/snapshot";
import { writeSnapshot } from "@/lib/archive/snapshot-writer";
import { forEachArticle, loadArticles } from "@/lib/content/articles";
import { ContentError } from "@/lib/content/content-error";
import { fixture, tempContentDir } from "./fixtures";

/** The snapshot of a content folder, written into memory as the build writes it to a file. */
function snapshotOf(dir: string, includeDrafts = false): Snapshot {
  const db = new Database(":memory:");
  writeSnapshot(db, (accept) => forEachArticle(dir, accept), { includeDrafts });
  return new Snapshot(db);
}

const published = snapshotOf(fixture("valid"));
const all = (snapshot: Snapshot) => Array.from(snapshot.all(), (a) => a.slug);

describe("the content snapshot", () => {
  it("lists articles newest first, breaking same-day ties by slug", () => {
    expect(all(published)).toEqual(["short-note", "long-read", "same-day-a", "same-day-b", "oldest"]);
    expect(published.list({}, 1, 2).map((a) => a.slug)).toEqual(["long-read", "same-day-a"]);
    expect(published.count()).toBe(5);
  });

  it("derives slug, url, category label, word count and reading time, and keeps the body to render", () => {
    const article = published.article("long-read")!;
    expect(article).toMatchObject({
      slug: "long-read",
      url: "/articles/long-read",
      category: "world-news",
      categoryLabel: "World News",
      wordCount: 262,
      readingTime: 2,
      source: { name: "Fixture Gazette", url: "https://example.com/river" },
    });
    expect(published.article("same-day-a")!.readingTime).toBe(1);
    const file = fs.readFileSync(path.join(fixture("valid"), "long-read.md"), "utf8");
    const body = published.body("long-read")!;
    expect(file.endsWith(body.markdown)).toBe(true);
    expect(body.markdown).toContain("## Looking ahead");
    expect(file.split("\n").slice(0, body.firstLine - 1).join("\n")).toMatch(/^---[\s\S]*---$/);
  });

  it("fills defaults and normalises at the boundary", () => {
    const article = published.article("same-day-a")!;
    expect(article.tags).toEqual([]);
    expect(article.draft).toBe(false);
    expect(published.article("oldest")!.tags).toEqual(["ai"]);
    expect(published.article("short-note")!.source).toEqual({ name: "Newsroom staff" });
  });

  it("leaves drafts out of every list unless drafts are included", () => {
    expect(published.article("unfinished")).toBeUndefined();
    expect(published.list({ tag: "ai" }, 0, 20).map((a) => a.slug)).toEqual(["short-note", "oldest"]);
    const withDrafts = snapshotOf(fixture("valid"), true);
    expect(withDrafts.article("unfinished")!.draft).toBe(true);
    expect(withDrafts.list({ tag: "ai" }, 0, 20).map((a) => a.slug)).toEqual(["unfinished", "short-note", "oldest"]);
  });

  it("counts categories and tags, and lists each", () => {
    expect(published.categories()).toEqual([
      { name: "science", label: "Science", count: 2 },
      { name: "tech", label: "Tech", count: 2 },
      { name: "world-news", label: "World News", count: 1 },
    ]);
    expect(published.tags()).toEqual([
      { name: "ai", count: 2 },
      { name: "budget", count: 2 },
      { name: "river", count: 1 },
    ]);
    expect(published.list({ category: "science" }, 0, 20).map((a) => a.slug)).toEqual(["same-day-a", "same-day-b"]);
    expect(published.count({ category: "science" })).toBe(2);
    expect(published.count({ tag: "budget" })).toBe(2);
    expect(published.count({ tag: "no-such-tag" })).toBe(0);
    expect(published.list({ category: "sport" }, 0, 20)).toEqual([]);
  });

  it("stores three related articles for every article, each with a reason, never itself", () => {
    for (const slug of all(published)) {
      const related = published.related(slug);
      expect(related).toHaveLength(3);
      expect(related.map((r) => r.article.slug)).not.toContain(slug);
      for (const { reason } of related) expect(reason).not.toBe("");
    }
  });

  it("holds what loading the folder validated: the same articles and bodies", () => {
    const loaded = loadArticles(fixture("valid")).filter((a) => !a.article.draft);
    expect(new Set(all(published))).toEqual(new Set(loaded.map((a) => a.article.slug)));
    for (const { article, markdown } of loaded) {
      expect(published.article(article.slug)).toEqual(JSON.parse(JSON.stringify(article)));
      expect(published.body(article.slug)!.markdown).toBe(markdown);
    }
  });

  it("commits nothing when a file is bad, and names the problem", () => {
    const db = new Database(":memory:");
    expect(() => writeSnapshot(db, (accept) => forEachArticle(fixture("many-problems"), accept))).toThrow(ContentError);
    expect(() => new Snapshot(db)).toThrow(SnapshotError);
  });
});

/** A copy of the valid fixture, and its snapshot written as the build writes it, by the writer module imported afresh. */
async function builtCopy() {
  const dir = tempContentDir();
  fs.cpSync(fixture("valid"), dir, { recursive: true });
  const file = path.join(tempContentDir(), "snapshot.db");
  const { writeSnapshotFile } = await import("@/lib/archive/write-snapshot-file");
  return { dir, file, written: writeSnapshotFile(dir, file), writeSnapshotFile };
}

describe("opening a snapshot file", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("refuses a missing file or a database that is not a snapshot, in one line naming it", () => {
    const dir = tempContentDir();
    const missing = path.join(dir, "none.db");
    expect(() => Snapshot.open(missing)).toThrow(/^cannot open the content snapshot .*none\.db.*run npm run build$/);
    const other = path.join(dir, "other.db");
    new Database(other).exec("CREATE TABLE t (x)");
    expect(() => Snapshot.open(other)).toThrow(SnapshotError);
  });

  it("a production server reads only the snapshot: a folder changed or broken after the build changes nothing", async () => {
    const { dir, file, written } = await builtCopy();
    expect(written).toMatchObject({ articles: 5, drafts: 1 });
    vi.stubEnv("CONTENT_DIR", dir);
    vi.stubEnv("CONTENT_SNAPSHOT", file);
    vi.stubEnv("NODE_ENV", "production");
    const archive = await import("@/lib/archive/archive");
    fs.writeFileSync(path.join(dir, "broken.md"), "no front matter");
    fs.rmSync(path.join(dir, "long-read.md"));

    expect(archive.countArticles()).toBe(5);
    expect(archive.getArticle("long-read")?.title).toBe("A long read about the river");
    expect(archive.getArticle("no-such-story")).toBeUndefined();
    expect(archive.getArticle("unfinished")).toBeUndefined();
    expect((await archive.getArticleBody("long-read")).html).toContain('<h2 id="looking-ahead">Looking ahead</h2>');
    expect(archive.getRelatedArticles("long-read")).toHaveLength(3);
  });

  it("a production server loads neither the parser, the snapshot writer nor the renderer", async () => {
    const { file } = await builtCopy();
    vi.resetModules();
    vi.stubEnv("CONTENT_SNAPSHOT", file);
    vi.stubEnv("NODE_ENV", "production");
    const buildOnly = ["@/lib/content/articles", "@/lib/archive/snapshot-writer", "@/lib/markdown/markdown"];
    const loaded: string[] = [];
    for (const name of buildOnly) {
      vi.doMock(name, () => {
        loaded.push(name);
        return {};
      });
    }
    try {
      const archive = await import("@/lib/archive/archive");
      expect(archive.getArticle("long-read")?.title).toBe("A long read about the river");
      expect(archive.getRelatedArticles("long-read")).toHaveLength(3);
      expect(archive.searchArticles("river").total).toBeGreaterThan(0);
      // Rendered on a thread, which loads the renderer for itself.
      expect((await archive.getArticleBody("long-read")).html).toContain("<h2");
      expect(loaded).toEqual([]);
    } finally {
      for (const name of buildOnly) vi.doUnmock(name);
    }
  });

  it("a rebuild replaces the file whole, and a content error leaves the last good snapshot", async () => {
    const { dir, file, writeSnapshotFile } = await builtCopy();
    fs.writeFileSync(path.join(dir, "broken.md"), "no front matter");
    // The module was imported afresh, with a ContentError class of its own: match the message.
    expect(() => writeSnapshotFile(dir, file)).toThrow(/^Content has 1 problem:\n.*broken\.md: front matter/);
    expect(Snapshot.open(file).count()).toBe(5);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["snapshot.db"]);
  });

  it("in development shows drafts and re-reads the folder when a file changes", async () => {
    const dir = tempContentDir();
    fs.cpSync(fixture("valid"), dir, { recursive: true });
    vi.stubEnv("CONTENT_DIR", dir);
    vi.stubEnv("NODE_ENV", "development");
    const archive = await import("@/lib/archive/archive");

    expect(archive.getArticle("unfinished")?.draft).toBe(true);
    const file = path.join(dir, "same-day-a.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("Same day, first by slug", "Edited headline"));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(archive.getArticle("same-day-a")?.title).toBe("Edited headline");
  });
});

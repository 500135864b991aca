import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { Snapshot } from "@/lib/archive/snapshot";
import { updateSnapshot, writeSnapshot } from "@/lib/archive/snapshot-writer";
import { writeSnapshotFile } from "@/lib/archive/write-snapshot-file";
import { forEachArticle } from "@/lib/content/articles";
import { openContentCache } from "@/lib/content/content-cache";
import { ContentError } from "@/lib/content/content-error";
import { writeSyntheticArchive } from "../../bench/synthetic-archive";
import { tempContentDir } from "./fixtures";

/** A rebuild after a few edits updates a copy of the last snapshot; what it serves must be what a fresh write serves. */

const article = (title: string, date: string, body: string, extra = "") =>
  `---\ntitle: "${title}"\ndate: ${date}\ncategory: science\nsummary: "A note written for the snapshot update tests."\n${extra}---\n\n${body}\n`;

/** A realistic archive of 150 articles plus two of ours, its cache, and a snapshot file written afresh from it. */
function builtArchive() {
  const dir = tempContentDir();
  const files = writeSyntheticArchive(dir, 150, "realistic");
  fs.writeFileSync(path.join(dir, "harbour-ledger.md"), article("Harbour ledger", "2021-03-04", "The keeper wrote quillwhistle in the margin of release v7.4.2."));
  fs.writeFileSync(path.join(dir, "lantern-count.md"), article("Lantern count", "2021-03-05", "Every lantern on the pier was counted twice."));
  const cacheDir = tempContentDir();
  const cache = openContentCache(cacheDir, "fingerprint");
  const file = path.join(tempContentDir(), "snapshot.db");
  const first = writeSnapshotFile(dir, file, { cache });
  return { dir, files, cache, cacheDir, file, first };
}

/** The same folder written afresh, in memory, from the same cache. */
function freshSnapshot(dir: string, cache: ReturnType<typeof openContentCache>): Snapshot {
  const db = new Database(":memory:");
  writeSnapshot(db, (accept) => forEachArticle(dir, accept, { cache }));
  return new Snapshot(db);
}

/** Everything a server asks a snapshot, as plain data. */
function answers(snapshot: Snapshot, queries: string[]) {
  const slugs = Array.from(snapshot.all(), (a) => a.slug);
  const lists = [
    ...snapshot.categories().map((c) => ({ category: c.name })),
    ...snapshot.tags().map((t) => ({ tag: t.name })),
    ...snapshot.authors().map((a) => ({ author: a.slug })),
  ].map((filter) => [filter, snapshot.count(filter), snapshot.list(filter, 0, 1_000).map((a) => a.slug)]);
  const search = queries.map((query) => {
    const results = snapshot.search(query, { limit: 50 });
    return [query, results.total, results.hits.map((hit) => [hit.article.slug, hit.title, hit.summary])];
  });
  const asYouType = queries.map((query) => snapshot.search(query.slice(0, 4), { asYouType: true, limit: 20 }).hits.map((hit) => hit.article.slug));
  return {
    articles: Array.from(snapshot.all()),
    count: snapshot.count(),
    categories: snapshot.categories(),
    tags: snapshot.tags(),
    authors: snapshot.authors(),
    lists,
    related: slugs.map((slug) => [slug, snapshot.related(slug).map((r) => [r.article.slug, r.reason])]),
    bodies: slugs.map((slug) => snapshot.body(slug)),
    search,
    asYouType,
    vocabulary: snapshot.db.prepare("SELECT word, docs FROM search_vocab ORDER BY word").all(),
    // Ties and "newest first" beyond the ranked matches read the index's key order.
    searchOrder: snapshot.db.prepare("SELECT slug FROM search_docs ORDER BY key").pluck().all(),
  };
}

/** Queries from the archive's own words: headline words, tags, identifiers and words of ours. */
function queriesOf(snapshot: Snapshot): string[] {
  const words = Array.from(snapshot.all(), (a) => a.title.split(/\s+/)[0]!).filter((word) => word.length > 3);
  return [...new Set([...words.slice(0, 25), ...snapshot.tags().map((t) => t.name), "v7.4.2", "quillwhistle", "duskfarrow", "lantern", "embassy", "release"])];
}

const setField = (file: string, field: string, value: string) =>
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(new RegExp(`^${field}: .*$`, "m"), `${field}: ${value}`));

describe("updating the last snapshot", () => {
  it("after edits, additions, removals, a moved date, new tags and a draft, answers every query as a fresh write does", () => {
    const { dir, files, cache, file, first } = builtArchive();
    expect(first).toMatchObject({ mode: "written", articles: 152 });
    const untagged = files.filter((f) => !/^tags:/m.test(f.source));
    const [moved, retagged, drafted, removed] = [untagged[10]!, untagged[20]!, untagged[30]!, untagged[40]!].map((f) => path.join(dir, f.name));

    fs.writeFileSync(path.join(dir, "harbour-ledger.md"), article("Harbour ledger", "2021-03-04", "The keeper wrote duskfarrow in the margin of release v7.4.3."));
    fs.writeFileSync(path.join(dir, "zz-newest-dispatch.md"), article("Newest dispatch on lanterns", "2030-01-01", "Filed after every other article."));
    fs.writeFileSync(path.join(dir, "lantern-count-again.md"), article("Lantern count again", "2021-03-05", "Counted a third time, the same day."));
    setField(moved!, "date", "2019-07-08");
    fs.writeFileSync(retagged!, fs.readFileSync(retagged!, "utf8").replace(/^category: /m, "tags: [lanterns, harbours]\ncategory: "));
    fs.writeFileSync(drafted!, fs.readFileSync(drafted!, "utf8").replace(/^category: /m, "draft: true\ncategory: "));
    fs.rmSync(removed!);

    const second = writeSnapshotFile(dir, file, { cache });
    expect(second).toMatchObject({ mode: "updated", changed: 7, articles: 152, drafts: 1 });
    const updated = Snapshot.open(file);
    const fresh = freshSnapshot(dir, cache);
    expect(answers(updated, queriesOf(fresh))).toEqual(answers(fresh, queriesOf(fresh)));

    // What the edit took out is no longer found; what it put in is.
    expect(updated.search("quillwhistle").total).toBe(0);
    expect(updated.search("v7.4.2").total).toBe(0);
    expect(updated.search("duskfarrow").hits.map((hit) => hit.article.slug)).toEqual(["harbour-ledger"]);
    expect(updated.search("v7.4.3").hits[0]?.article.slug).toBe("harbour-ledger");
    expect(updated.article(path.basename(removed!, ".md"))).toBeUndefined();
    expect(updated.list({}, 0, 1)[0]?.slug).toBe("zz-newest-dispatch");
    expect(updated.list({ tag: "lanterns" }, 0, 5).map((a) => a.slug)).toEqual([path.basename(retagged!, ".md")]);
  });

  it("a rebuild with nothing changed keeps every answer and rewrites no article", () => {
    const { dir, cache, file } = builtArchive();
    const before = answers(Snapshot.open(file), ["lantern", "v7.4.2"]);
    expect(writeSnapshotFile(dir, file, { cache })).toMatchObject({ mode: "updated", changed: 0 });
    expect(answers(Snapshot.open(file), ["lantern", "v7.4.2"])).toEqual(before);
  });

  it("writes afresh when more than a tenth of the articles changed", () => {
    const { dir, files, cache, file } = builtArchive();
    // 100 is the least an update takes on; this archive's tenth is 15.
    for (const f of files.slice(0, 101)) fs.appendFileSync(path.join(dir, f.name), "\nOne more line.\n");
    expect(writeSnapshotFile(dir, file, { cache })).toMatchObject({ mode: "written", articles: 152 });
    const fresh = freshSnapshot(dir, cache);
    expect(answers(Snapshot.open(file), ["lantern"])).toEqual(answers(fresh, ["lantern"]));
  });

  it("writes afresh when the cache no longer holds the text indexed for a changed article", () => {
    const { dir, cacheDir, cache, file } = builtArchive();
    const ledger = path.join(dir, "harbour-ledger.md");
    const oldKey = cache.keyOf("harbour-ledger.md", fs.readFileSync(ledger));
    fs.rmSync(path.join(cacheDir, `${oldKey}.scan.json`));
    fs.writeFileSync(ledger, article("Harbour ledger", "2021-03-04", "Rewritten without the old word."));
    expect(writeSnapshotFile(dir, file, { cache })).toMatchObject({ mode: "written" });
    expect(Snapshot.open(file).search("quillwhistle").total).toBe(0);
  });

  it("writes afresh when articles crowd one place in time order past the room between two keys", () => {
    const { dir, cache, file } = builtArchive();
    // Six fit between two neighbours' keys (64 apart, halved each time); the seventh does not.
    const crowd = (n: number) => Array.from({ length: n }, (_, i) => `crowd-${String.fromCharCode(97 + i)}`);
    for (const slug of crowd(6)) fs.writeFileSync(path.join(dir, `${slug}.md`), article(`Crowd ${slug}`, "2021-03-04T12:00:00Z", "In the crowd."));
    expect(writeSnapshotFile(dir, file, { cache })).toMatchObject({ mode: "updated", changed: 6 });
    fs.writeFileSync(path.join(dir, "crowd-g.md"), article("Crowd g", "2021-03-04T12:00:00Z", "Last into the crowd."));
    expect(writeSnapshotFile(dir, file, { cache })).toMatchObject({ mode: "written" });
    const fresh = freshSnapshot(dir, cache);
    expect(answers(Snapshot.open(file), ["crowd"])).toEqual(answers(fresh, ["crowd"]));
  });

  it("declines a snapshot written by other code or for another authors file", () => {
    const { dir, cache } = builtArchive();
    const load = (accept: Parameters<typeof forEachArticle>[1]) => forEachArticle(dir, accept, { cache });
    const db = new Database(":memory:");
    writeSnapshot(db, load, { fingerprint: "old code" });
    const indexedText = (key: string) => cache.get(key, "scan")?.text;
    expect(updateSnapshot(db, load, { fingerprint: "new code", indexedText })).toBeUndefined();
    expect(updateSnapshot(db, load, { fingerprint: "old code", authors: new Map([["ana", { name: "Ana" }]]), indexedText })).toBeUndefined();
    expect(updateSnapshot(db, load, { fingerprint: "old code", indexedText })).toMatchObject({ mode: "updated", changed: 0 });
  });

  it("writes afresh over a damaged last snapshot", () => {
    const { dir, cache, file } = builtArchive();
    // Cut short: the header still reads, the pages past the cut do not.
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    fs.writeFileSync(path.join(dir, "harbour-ledger.md"), article("Harbour ledger", "2021-03-04", "Rewritten after the damage."));
    expect(writeSnapshotFile(dir, file, { cache })).toMatchObject({ mode: "written", articles: 152 });
    expect(Snapshot.open(file).search("damage").hits.map((hit) => hit.article.slug)).toEqual(["harbour-ledger"]);
  });

  it("a content error found while updating keeps the last good snapshot and leaves no temporary file", () => {
    const { dir, cache, file } = builtArchive();
    fs.writeFileSync(path.join(dir, "broken.md"), "no front matter");
    expect(() => writeSnapshotFile(dir, file, { cache })).toThrow(ContentError);
    expect(Snapshot.open(file).count()).toBe(152);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["snapshot.db"]);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  MAX_QUERY_LENGTH,
  RANK_LIMIT,
  SEARCH_PAGE_SIZE,
  addSearchDocuments,
  cleanQuery,
  createSearchTables,
  finishSearchTables,
  searchSnapshot,
  type SearchDocument,
  type SearchOptions,
} from "@/lib/archive/search";
import { expectLinearCost } from "../cost-shape";

let nextId = 1;

/** A search document; `day` is its publish date. */
function doc(slug: string, day: string, category = "tech", tags: string[] = [], fields: Partial<SearchDocument> = {}): SearchDocument {
  return { id: nextId++, slug, title: `Headline of ${slug}`, summary: `Summary of ${slug}.`, text: "Body.", category, tags, time: Date.parse(day), ...fields };
}

/** Writes `docs` into the search tables of `db` as the snapshot build does: in batches, each in a transaction. */
function build(docs: SearchDocument[], db = new Database(":memory:")): Database.Database {
  createSearchTables(db);
  const half = Math.ceil(docs.length / 2);
  for (const batch of [docs.slice(0, half), docs.slice(half)]) db.transaction(() => addSearchDocuments(db, batch))();
  db.transaction(() => finishSearchTables(db))();
  return db;
}

const archive = build([
  doc("body-match", "2026-05-01", "tech", [], { title: "Council meets", summary: "A routine meeting.", text: "The ferry timetable changes in spring." }),
  doc("headline-match", "2026-01-01", "world", [], { title: "Ferry timetable changes", summary: "Spring sailings.", text: "Details follow." }),
  doc("tag-match", "2026-02-01", "tech", ["ferries"], { title: "Harbour news", summary: "Around the port.", text: "Nothing else." }),
  doc("summary-match", "2026-03-01", "tech", [], { title: "Port report", summary: "The ferry is late again.", text: "More text." }),
  doc("older-twin", "2025-01-01", "science", [], { title: "Satellite launch", summary: "Same words.", text: "Same words." }),
  doc("newer-twin", "2025-06-01", "science", [], { title: "Satellite launch", summary: "Same words.", text: "Same words." }),
  doc("short-words", "2025-03-01", "culture", [], { title: "The cat sat", summary: "On a mat.", text: "Short words only." }),
  doc("buses", "2024-01-01", "world", [], { title: "Night buses return", summary: "Routes restored.", text: "Two routes." }),
  doc("bus", "2024-02-01", "world", [], { title: "A bus stop moves", summary: "Round the corner.", text: "One stop." }),
  doc("cafe", "2024-03-01", "culture", [], { title: "Café society", summary: "Coffee and talk.", text: "Crème brûlée." }),
]);

const slugs = (query: string, options: SearchOptions = {}, db = archive) => searchSnapshot(db, query, options).hits.map((hit) => hit.slug);

describe("search on the snapshot", () => {
  it("ranks a headline match above tags, above the summary, above the body", () => {
    expect(slugs("ferry")).toEqual(["headline-match", "tag-match", "summary-match", "body-match"]);
  });

  it("matches the last word as the start of a headline word as the reader types", () => {
    expect(slugs("timeta", { asYouType: true })).toEqual(["headline-match"]);
    expect(slugs("ferry timeta", { asYouType: true })).toEqual(["headline-match"]);
    expect(slugs("fer", { asYouType: true })).toEqual(["headline-match"]);
    expect(slugs("SATEL", { asYouType: true })).toEqual(["newer-twin", "older-twin"]);
    // A stop word is dropped as ever, and so is not taken for the start of one.
    expect(slugs("ferry the", { asYouType: true })).toEqual(slugs("ferry", { asYouType: true }));
    // Only the last word, only from two letters, only as the reader types.
    expect(slugs("timeta ferry", { asYouType: true })).toEqual([]);
    expect(slugs("f", { asYouType: true })).toEqual([]);
    expect(slugs("timeta")).toEqual([]);
  });

  it("marks the headline words the last word starts", () => {
    const [hit] = searchSnapshot(archive, "timeta", { asYouType: true }).hits;
    expect(hit!.title).toEqual([
      { text: "Ferry ", match: false },
      { text: "timetable", match: true },
      { text: " changes", match: false },
    ]);
  });

  it("forgives a typo in headline and tag words of five letters or more, but not in short words", () => {
    expect(slugs("satelite")).toEqual(["newer-twin", "older-twin"]);
    expect(slugs("satelite launch")).toEqual(["newer-twin", "older-twin"]);
    expect(slugs("timetabel")).toEqual(["headline-match"]);
    expect(slugs("feries")).toEqual(["headline-match", "tag-match"]);
    expect(slugs("cst")).toEqual([]);
    // Body words are not corrected: the body's "routine" is not near enough a headline word.
    expect(slugs("routinr")).toEqual([]);
    const [hit] = searchSnapshot(archive, "satelite").hits;
    expect(hit!.title).toEqual([
      { text: "Satellite", match: true },
      { text: " launch", match: false },
    ]);
  });

  it("does not care about plurals", () => {
    expect(slugs("ferries")).toEqual(slugs("ferry"));
    expect(slugs("satellites")).toEqual(["newer-twin", "older-twin"]);
    expect(slugs("buses").sort()).toEqual(["bus", "buses"]);
    expect(slugs("bus").sort()).toEqual(["bus", "buses"]);
    expect(slugs("routes")).toEqual(slugs("route"));
  });

  it("does not care about case or accents", () => {
    expect(slugs("cafe")).toEqual(["cafe"]);
    expect(slugs("CAFÉ")).toEqual(["cafe"]);
    expect(slugs("creme brulee")).toEqual(["cafe"]);
  });

  it("breaks ties by recency and needs every word", () => {
    expect(slugs("satellite launch")).toEqual(["newer-twin", "older-twin"]);
    expect(slugs("satellite ferry")).toEqual([]);
  });

  it("drops stop words when the query has other words, and searches them when it has not", () => {
    expect(slugs("the ferry")).toEqual(slugs("ferry"));
    expect(slugs("which of the ferry")).toEqual(slugs("ferry"));
    const alone = slugs("the");
    expect(alone[0]).toBe("short-words");
    expect(alone).toEqual(expect.arrayContaining(["body-match", "summary-match", "tag-match"]));
    expect(alone).not.toContain("headline-match");
  });

  it("filters by category and pages through results", () => {
    expect(slugs("ferry", { category: "tech" })).toEqual(["tag-match", "summary-match", "body-match"]);
    expect(slugs("ferry", { category: "world" })).toEqual(["headline-match"]);
    expect(slugs("ferry", { category: "science" })).toEqual([]);
    expect(slugs("ferry", { category: "tec" })).toEqual([]);
    expect(slugs("ferry", { category: "" })).toEqual(slugs("ferry"));
    const page = searchSnapshot(archive, "ferry", { offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.hits.map((hit) => hit.slug)).toEqual(["tag-match", "summary-match"]);
    expect(searchSnapshot(archive, "ferry", { offset: 3, limit: 2 })).toMatchObject({ total: 4, hits: [{ slug: "body-match" }] });
    expect(searchSnapshot(archive, "ferry", { offset: 10 })).toMatchObject({ total: 4, hits: [] });
    expect(searchSnapshot(archive, "ferry", { category: "tech", offset: 2, limit: 1 })).toMatchObject({ total: 3, hits: [{ slug: "body-match" }] });
    expect(searchSnapshot(archive, "ferry", { limit: 0 })).toMatchObject({ total: 4, hits: [] });
  });

  it("answers ids and slugs for the caller to look up", () => {
    const ids = new Map(searchSnapshot(archive, "ferry").hits.map((hit) => [hit.slug, hit.id]));
    expect(ids.size).toBe(4);
    for (const id of ids.values()) expect(Number.isInteger(id) && id > 0).toBe(true);
    expect(new Set(ids.values()).size).toBe(4);
  });

  it("highlights the words that matched, in title and summary", () => {
    const [hit] = searchSnapshot(archive, "ferries timetable").hits;
    expect(hit!.title).toEqual([
      { text: "Ferry", match: true },
      { text: " ", match: false },
      { text: "timetable", match: true },
      { text: " changes", match: false },
    ]);
    const summary = searchSnapshot(archive, "ferry", { category: "tech" }).hits.find((h) => h.slug === "summary-match")!;
    expect(summary.summary).toEqual([
      { text: "The ", match: false },
      { text: "ferry", match: true },
      { text: " is late again.", match: false },
    ]);
    expect(summary.title).toEqual([{ text: "Port report", match: false }]);
  });

  it("keeps markup in highlighted text as plain text runs", () => {
    const db = build([doc("markup", "2026-01-01", "tech", [], { title: "<b>Ferry</b> & co", summary: "" })]);
    const [hit] = searchSnapshot(db, "ferry").hits;
    expect(hit!.title).toEqual([
      { text: "<b>", match: false },
      { text: "Ferry", match: true },
      { text: "</b> & co", match: false },
    ]);
    expect(hit!.summary).toEqual([]);
  });

  it("leaves a title unmarked, but found, when it holds the characters highlight() marks with", () => {
    const db = build([doc("odd", "2026-01-01", "tech", [], { title: "Ferry \u0001news\u0002 today" })]);
    const [hit] = searchSnapshot(db, "ferry").hits;
    expect(hit!.title).toEqual([{ text: "Ferry \u0001news\u0002 today", match: false }]);
  });

  it("treats an empty query as no search, and cuts a long one to 200 characters", () => {
    expect(searchSnapshot(archive, "  ")).toEqual({ query: "", total: 0, hits: [] });
    expect(searchSnapshot(archive, "?!")).toEqual({ query: "?!", total: 0, hits: [] });
    expect(cleanQuery("abcd".repeat(500))).toHaveLength(MAX_QUERY_LENGTH);
    expect(cleanQuery("x ".repeat(500))).toBe("x ".repeat(100).trimEnd());
    expect(cleanQuery("  two\n\twords  ")).toBe("two words");
    expect(cleanQuery(undefined)).toBe("");
    expect(searchSnapshot(archive, `ferry ${"x".repeat(500)}`).query).toHaveLength(MAX_QUERY_LENGTH);
  });
});

describe("identifiers", () => {
  const code = (slug: string, day: string, title: string, text: string) => doc(slug, day, "tech", [], { title, summary: "", text });
  const db = build([
    code("node-20", "2023-04-18", "Node.js v20.0.0 released", "Upgrade with nvm install v20.0.0 today."),
    code("node-20-body", "2023-04-19", "Runtime news", "The v20.0.0 line brings a permission model."),
    code("separate", "2024-01-01", "v20 of the plan, take 0", "Draft v20 had 0 changes, then 0 again."),
    code("spaced", "2024-01-02", "Version 20 0 0", "Nothing."),
    code("plain-20", "2024-01-03", "Node 20.0.0 and 20.1.0", "Nothing."),
    code("later-20", "2024-01-04", "Release 2.20.0 and 120.0", "Nothing."),
    code("one-oh", "2024-01-05", "Library 1.0 ships", "Stable."),
    code("two-one-oh", "2024-01-06", "Library 2.1.0 ships", "Patch."),
    code("cve", "2023-10-10", "HTTP/2 rapid reset", "Tracked as CVE-2023-44487, patch now."),
    code("cve-parts", "2023-10-11", "CVE roundup", "In 2023 we counted 44487 reports."),
    code("cpp", "2022-01-01", "C++ templates", "Generic code."),
    code("csharp", "2022-01-02", "C# records", "Value types."),
    code("c", "2022-01-03", "C pointers", "Memory."),
    code("snake", "2022-01-04", "Naming", "Call it snake_case_name, not snake-case-name."),
    code("kebab", "2022-01-05", "More naming", "Prefer snake-case-name in URLs."),
    code("thousand", "2022-01-06", "Counting", "It cost 1,000 dollars."),
    code("url", "2022-01-07", "Links", "See example.com/p/q/r/s/t/u/v/w/x/y/z for more."),
  ]);
  const found = (query: string) => slugs(query, {}, db);

  it("ranks the identifier written whole first, and not its parts scattered", () => {
    expect(found("v20.0.0")).toEqual(["node-20", "node-20-body"]);
    expect(found("V20.0.0")).toEqual(["node-20", "node-20-body"]);
    expect(found("v20").sort()).toEqual(["node-20", "node-20-body", "separate"]);
    expect(found("CVE-2023-44487")).toEqual(["cve"]);
    expect(found("cve 2023 44487").sort()).toEqual(["cve", "cve-parts"]);
  });

  it("finds a version by its first parts, not by parts in the middle", () => {
    expect(found("20.0").sort()).toEqual(["plain-20"]);
    expect(found("20.0.0")).toEqual(["plain-20"]);
    expect(found("v20.0")).toEqual(["node-20", "node-20-body"]);
    expect(found("1.0")).toEqual(["one-oh"]);
    expect(found("2.1")).toEqual(["two-one-oh"]);
    expect(found("120.0")).toEqual(["later-20"]);
    expect(found("CVE-2023")).toEqual(["cve"]);
  });

  it("tells C++ from C# from C", () => {
    expect(found("C++")).toEqual(["cpp"]);
    expect(found("c#")).toEqual(["csharp"]);
    expect(found("C").sort()).toEqual(["c", "cpp", "csharp"]);
    const [hit] = searchSnapshot(db, "C++").hits;
    expect(hit!.title).toEqual([
      { text: "C++", match: true },
      { text: " templates", match: false },
    ]);
  });

  it("finds dotted, snake_case and dashed names whole and by their parts", () => {
    expect(found("node.js")).toEqual(["node-20"]);
    expect(found("node").sort()).toEqual(["node-20", "plain-20"]);
    expect(found("js")).toEqual(["node-20"]);
    expect(found("snake_case_name")).toEqual(["snake"]);
    expect(found("snake-case-name").sort()).toEqual(["kebab", "snake"]);
    expect(found("snake").sort()).toEqual(["kebab", "snake"]);
    expect(found("1,000")).toEqual(["thousand"]);
    expect(found("example.com/p/q/r/s/t/u/v/w/x/y/z")).toEqual(["url"]);
    expect(found("example.com/p/q")).toEqual(["url"]);
    expect(found("example.com/q")).toEqual([]);
  });

  it("finds any identifier written in a body by searching for it (property)", () => {
    const part = fc.stringMatching(/^[a-z0-9é]{1,4}$/);
    const joiner = fc.constantFrom(".", "-", "_", "/", "\u2013");
    const identifier = fc
      .tuple(part, fc.array(fc.tuple(joiner, part), { minLength: 1, maxLength: 10 }), fc.constantFrom("", "++", "#"))
      .map(([first, rest, end]) => first + rest.map(([j, p]) => j + p).join("") + end);
    fc.assert(
      fc.property(identifier, fc.constantFrom(" ", ", ", " (", "\n"), (id, around) => {
        const db = build([doc("it", "2026-01-01", "tech", [], { title: "Notes", summary: "", text: `See${around}${id}${around}now.` }), doc("other", "2026-01-02")]);
        expect(slugs(id, {}, db)).toEqual(["it"]);
        db.close();
      }),
      { numRuns: 200 },
    );
  });

  it("marks the whole identifier", () => {
    const [hit] = searchSnapshot(db, "v20.0.0").hits;
    expect(hit!.title).toEqual([
      { text: "Node.js ", match: false },
      { text: "v20.0.0", match: true },
      { text: " released", match: false },
    ]);
  });
});

describe("every body word", () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `filler${i % 50}`).join(" ");

  it("is searchable, however deep in a long body, however common", () => {
    const docs = Array.from({ length: 40 }, (_, i) =>
      doc(`long-${i}`, new Date(Date.UTC(2025, 0, 1 + i)).toISOString(), "tech", [], {
        title: `Report ${i}`,
        text: `${filler(3_000)} everywhere ${i === 17 ? "needleword " : ""}${filler(2_000)}`,
      }),
    );
    const db = build(docs);
    expect(slugs("needleword", {}, db)).toEqual(["long-17"]);
    expect(searchSnapshot(db, "everywhere").total).toBe(40);
    expect(searchSnapshot(db, "filler7 everywhere", { limit: 100 }).hits).toHaveLength(40);
    // A stop word alone is searched in bodies too.
    const river = build([doc("river", "2025-01-01", "tech", [], { title: "One", summary: "", text: "Down by the river." }), doc("other", "2025-01-02")]);
    expect(slugs("by", {}, river)).toEqual(["river"]);
  });

  it("beyond RANK_LIMIT matches: headline matches first, then newest first, every match counted once", () => {
    const count = RANK_LIMIT + 60;
    const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString();
    const docs = Array.from({ length: count }, (_, i) =>
      doc(`common-${i}`, day(i), i % 2 ? "tech" : "world", [], {
        title: i % 100 === 0 ? `Commonword headline ${i}` : `Story ${i}`,
        summary: "",
        text: `The commonword appears here. ${i}`,
      }),
    );
    const db = build(docs);
    const first = searchSnapshot(db, "commonword", { limit: 50 });
    expect(first.total).toBe(count);
    const headlines = docs.filter((_, i) => i % 100 === 0).length;
    expect(first.hits.slice(0, headlines).every((hit) => /^common-\d+00$|^common-0$/.test(hit.slug))).toBe(true);
    // Then the newest of the rest.
    expect(first.hits[headlines]!.slug).toBe(`common-${count - 1}`);
    expect(first.hits[headlines + 1]!.slug).toBe(`common-${count - 2}`);

    const seen = new Set<string>();
    for (let offset = 0; offset < count; offset += 500) for (const hit of searchSnapshot(db, "commonword", { offset, limit: 500 }).hits) seen.add(hit.slug);
    expect(seen.size).toBe(count);

    const world = searchSnapshot(db, "commonword", { category: "world", limit: 5 });
    expect(world.total).toBe(Math.ceil(count / 2));
    expect(world.hits[0]!.slug).toMatch(/^common-\d*[02468]$/);
  });
});

describe("storage", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "search-snapshot-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("searches a snapshot opened read-only, which does not hold the bodies as text", () => {
    const file = path.join(dir, "snapshot.db");
    const writer = new Database(file);
    const body = "Quietly the unmistakable lighthouse keeper polished every brass fitting before dawn broke.";
    build([doc("lighthouse", "2026-01-01", "science", ["coast"], { title: "Lighthouse keepers", text: body }), doc("other", "2026-01-02")], writer);
    writer.close();

    const reader = new Database(file, { readonly: true, fileMustExist: true });
    expect(slugs("brass fitting", {}, reader)).toEqual(["lighthouse"]);
    expect(slugs("keeper", { asYouType: true }, reader)).toEqual(["lighthouse"]);
    expect(slugs("lighthuose", {}, reader)).toEqual(["lighthouse"]);
    expect(slugs("coast", { category: "science" }, reader)).toEqual(["lighthouse"]);
    expect(reader.prepare("SELECT count(*) FROM search_docs WHERE body IS NOT NULL").pluck().get()).toBe(0);
    reader.close();

    const bytes = fs.readFileSync(file);
    expect(bytes.includes("Lighthouse keepers")).toBe(true);
    expect(bytes.includes("polished every brass")).toBe(false);
  });

  it("keeps one set of statements per database", () => {
    const a = build([doc("in-a", "2026-01-01", "tech", [], { title: "Alpha story" })]);
    const b = build([doc("in-b", "2026-01-01", "tech", [], { title: "Alpha tale" })]);
    expect(slugs("alpha", {}, a)).toEqual(["in-a"]);
    expect(slugs("alpha", {}, b)).toEqual(["in-b"]);
    expect(slugs("story", {}, a)).toEqual(["in-a"]);
  });

  it("refuses a document without a positive integer id or a time", () => {
    const db = new Database(":memory:");
    createSearchTables(db);
    expect(() => addSearchDocuments(db, [doc("no-id", "2026-01-01", "tech", [], { id: 0 })])).toThrow(/positive integer/);
    expect(() => addSearchDocuments(db, [doc("bad-id", "2026-01-01", "tech", [], { id: 1.5 })])).toThrow(/positive integer/);
    expect(() => addSearchDocuments(db, [doc("no-time", "not a date")])).toThrow(/time/);
  });

  it("indexes hostile text in time linear in its length", () => {
    const shapes = [
      (n: number) => "a".repeat(n),
      (n: number) => `${"a".repeat(n)}.`,
      (n: number) => `${"a-".repeat(n / 2)}!`,
      (n: number) => `${"1,".repeat(n / 2)}x`,
      (n: number) => `C${"+".repeat(n)}`,
      (n: number) => "\u01C2".repeat(n),
      (n: number) => `${"é".repeat(n / 2)}!`,
    ];
    for (const make of shapes) {
      expectLinearCost(
        (n) => doc("hostile", "2026-01-01", "tech", [], { title: make(n).slice(0, 2_000), text: make(n) }),
        (document) => build([document]).close(),
        4_000,
      );
    }
  });
});

describe("any query is safe", () => {
  const syntax = ['"', "*", ":", "^", "NEAR", "NEAR(", "AND", "OR", "NOT", "-", "+", "(", ")", "{", "}", "title", "title:", "{title}:", ".", "_", "#", ",", "'", "\u01C2", "\u0000", " ", "ferry", "v20.0.0", "C++", "satelite", "fer"];
  const queries = fc.oneof(
    fc.array(fc.constantFrom(...syntax), { maxLength: 30 }).map((pieces) => pieces.join("")),
    fc.array(fc.constantFrom(...syntax), { maxLength: 30 }).map((pieces) => pieces.join(" ")),
    fc.string({ unit: "binary", maxLength: 250 }),
  );
  const options = fc.record(
    { category: fc.constantFrom("tech", "world", "", '"', "t*"), offset: fc.integer({ min: -5, max: 30 }), limit: fc.integer({ min: -1, max: 30 }), asYouType: fc.boolean() },
    { requiredKeys: [] },
  );

  it.each(["", "   ", "((", "*", "\\", "'\"", "<script>alert(1)</script>", "🚌", "a".repeat(10_000), "\u0000", "AND OR NOT", "-ferry", 'ferry" OR "x', "NEAR(ferry timetable)", "title:ferry", "{title}: ferry", "^ferry", "ferry*", "ǂtǂfǂ", "ǂǂ"])(
    "answers %j without throwing",
    (query) => {
      for (const asYouType of [false, true]) expect(() => searchSnapshot(archive, query, { asYouType, category: query })).not.toThrow();
    },
  );

  it("never throws, and answers a consistent page, whatever is typed (property)", () => {
    fc.assert(
      fc.property(queries, options, (query, opts) => {
        const results = searchSnapshot(archive, query, opts);
        expect(results.query.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
        expect(results.hits.length).toBeLessThanOrEqual(Math.max(0, opts.limit ?? SEARCH_PAGE_SIZE));
        expect(results.hits.length).toBeLessThanOrEqual(results.total);
        for (const hit of results.hits) {
          expect(hit.title.map((run) => run.text).join("")).not.toBe("");
        }
      }),
      { numRuns: 500 },
    );
  });

  it("does not let query syntax widen a search", () => {
    expect(slugs('ferry" OR "satellite')).toEqual([]);
    expect(slugs("ferry OR satellite")).toEqual([]);
    expect(slugs("satellite NOT launch")).toEqual([]);
    expect(slugs("title:ferry")).toEqual([]);
    expect(slugs("ǂtǂfǂ")).toEqual([]);
  });
});

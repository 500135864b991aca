import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArticles, type LoadedArticle } from "@/lib/content/articles";
import { openContentCache, type ContentCache } from "@/lib/content/content-cache";
import { parserFingerprint } from "@/lib/content/parser-fingerprint";
import { processWide } from "@/lib/archive/process-wide";
import { contentErrorOf, fixture } from "./fixtures";

const root = path.resolve(__dirname, "../..");
const temp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** A copy of the valid fixture folder, to edit freely. */
function contentCopy(): string {
  const dir = temp("content-");
  fs.cpSync(fixture("valid"), dir, { recursive: true });
  return dir;
}

/** The cache, counting what it is asked to store. */
function countingCache(dir: string, fingerprint = "test-fingerprint"): ContentCache & { stored: number } {
  const cache = openContentCache(dir, fingerprint);
  const counting: ContentCache & { stored: number } = { ...cache, stored: 0, set: (key, kind, value) => (counting.stored++, cache.set(key, kind, value)) };
  return counting;
}

/** Loads `dir` through `cache`, without the cache keys, to compare with a load without a cache. */
const load = (dir: string, cache?: ContentCache): Omit<LoadedArticle, "cacheKey">[] =>
  loadArticles(dir, { cache }).map((article) => {
    const copy: Partial<LoadedArticle> = { ...article };
    delete copy.cacheKey;
    return copy as Omit<LoadedArticle, "cacheKey">;
  });

const entries = (dir: string) => fs.readdirSync(dir).filter((name) => name.endsWith(".json"));

describe("the content cache", () => {
  it("gives back articles equal to a fresh parse, stored once and read after", () => {
    const cacheDir = temp("cache-");
    const fresh = load(fixture("valid"));
    const first = countingCache(cacheDir);
    expect(load(fixture("valid"), first)).toEqual(fresh);
    expect(first.stored).toBe(fresh.length);
    expect(entries(cacheDir)).toHaveLength(fresh.length);
    const [name] = fs.readdirSync(fixture("valid")).filter((file) => file.endsWith(".md"));
    const bytes = fs.readFileSync(path.join(fixture("valid"), name!));
    expect(first.has(first.keyOf(name!, bytes), "scan")).toBe(true);
    expect(first.has(first.keyOf(name!, bytes), "body")).toBe(false);
    expect(first.has(first.keyOf(name!, Buffer.concat([bytes, Buffer.from(" ")])), "scan")).toBe(false);

    const second = countingCache(cacheDir);
    expect(load(fixture("valid"), second)).toEqual(fresh);
    expect(second.stored).toBe(0);
  });

  it("reads the stored entry instead of parsing the file", () => {
    const cacheDir = temp("cache-");
    const cache = openContentCache(cacheDir, "test-fingerprint");
    const [loaded] = loadArticles(fixture("valid"), { cache });
    const { article, text, terms, warnings, bodyStart, firstLine } = loaded!;
    cache.set(loaded!.cacheKey!, "scan", { text, terms, warnings, bodyStart, firstLine, article: { ...article, title: "Read from the cache" } });
    expect(load(fixture("valid"), cache).map((a) => a.article.title)).toContain("Read from the cache");
  });

  it("re-parses only the edited file, and prune drops the entry it replaced", () => {
    const dir = contentCopy();
    const cacheDir = temp("cache-");
    const count = load(dir, countingCache(cacheDir)).length;
    const [name] = fs.readdirSync(dir).filter((file) => file.endsWith(".md"));
    fs.appendFileSync(path.join(dir, name!), "\nOne more sentence for the record.\n");

    const cache = countingCache(cacheDir);
    const articles = load(dir, cache);
    expect(cache.stored).toBe(1);
    expect(articles.find((a) => `${a.article.slug}.md` === name)!.text).toMatch(/One more sentence for the record\.$/);
    expect(entries(cacheDir)).toHaveLength(count + 1);

    const keep = new Set(fs.readdirSync(dir).map((file) => cache.keyOf(file, fs.readFileSync(path.join(dir, file)))));
    expect(cache.prune(keep)).toBe(1);
    expect(entries(cacheDir)).toHaveLength(count);
    expect(countingCache(cacheDir).stored).toBe(0);
  });

  it("misses when the parser's fingerprint changes", () => {
    const cacheDir = temp("cache-");
    load(fixture("valid"), countingCache(cacheDir, "one"));
    const other = countingCache(cacheDir, "two");
    load(fixture("valid"), other);
    expect(other.stored).toBe(entries(cacheDir).length / 2);
  });

  it("treats a damaged entry as a miss and parses the file again", () => {
    const cacheDir = temp("cache-");
    const fresh = load(fixture("valid"), openContentCache(cacheDir, "f"));
    for (const name of entries(cacheDir)) fs.writeFileSync(path.join(cacheDir, name), '{"title": "cut off');
    const cache = countingCache(cacheDir, "f");
    expect(load(fixture("valid"), cache)).toEqual(fresh);
    expect(cache.stored).toBe(fresh.length);
  });

  it("never caches a bad file: its problems are reported on every load", () => {
    const cacheDir = temp("cache-");
    for (let run = 0; run < 2; run++) {
      expect(contentErrorOf(() => load(fixture("many-problems"), openContentCache(cacheDir, "f"))).problems).toHaveLength(8);
    }
  });

  it("still loads when the cache folder cannot be written", () => {
    const blocked = path.join(temp("cache-"), "a-file");
    fs.writeFileSync(blocked, "not a folder");
    expect(load(fixture("valid"), openContentCache(blocked, "f"))).toEqual(load(fixture("valid")));
  });
});

describe("parserFingerprint", () => {
  function project(): string {
    const dir = temp("project-");
    fs.mkdirSync(path.join(dir, "lib/views"), { recursive: true });
    fs.writeFileSync(path.join(dir, "lib/markdown.ts"), "export const a = 1;\n");
    fs.writeFileSync(path.join(dir, "lib/views/store.ts"), "export const b = 2;\n");
    fs.writeFileSync(path.join(dir, "package-lock.json"), '{"packages": {}}\n');
    return dir;
  }

  it("changes with any source under lib/ or the locked dependencies, and only then", () => {
    const dir = project();
    const before = parserFingerprint(dir);
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    expect(parserFingerprint(dir)).toBe(before);
    fs.writeFileSync(path.join(dir, "README.md"), "docs do not parse articles\n");
    expect(parserFingerprint(dir)).toBe(before);
    for (const file of ["lib/views/store.ts", "package-lock.json"]) {
      const other = project();
      fs.appendFileSync(path.join(other, file), " ");
      expect(parserFingerprint(other), file).not.toBe(before);
    }
  });

  it("is undefined where the sources are not on disk, which turns the cache off", () => {
    expect(parserFingerprint(temp("empty-"))).toBeUndefined();
    expect(parserFingerprint(root)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("processWide", () => {
  it("creates a value once per process, however many copies of a module ask", () => {
    const name = `test-${Math.random()}`;
    const first = processWide(name, () => ({ created: Date.now() }));
    expect(processWide(name, () => ({ created: -1 }))).toBe(first);
  });
});

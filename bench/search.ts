/**
 * Search on the build-time snapshot: writes the search tables of a synthetic archive to a SQLite
 * file as the build does, reopens it read-only as a server does, and times queries.
 *
 *   node --import tsx bench/search.ts --articles 50000 [--shape realistic|simple] [--keep]
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import matter from "gray-matter";
import { eng as ENGLISH_STOP_WORDS } from "stopword";
import { createSearchTables, addSearchDocuments, finishSearchTables, searchSnapshot, type SearchDocument } from "../lib/archive/search";
import * as archives from "./synthetic-archive";

const REPEATS = 20;
const BATCH = 500;

/** Markdown to plain words, roughly as the renderer's text: no markup, link targets or tags. */
function plainText(markdown: string): string {
  return markdown
    .replace(/<[^>]*>/g, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*`|>#]+|^\s*[-+]\s+|\s_+|_+\s/gm, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function documentsOf(files: readonly archives.SyntheticFile[]): SearchDocument[] {
  return files.map((file, i) => {
    const { data, content } = matter(file.source);
    return {
      id: i + 1,
      slug: file.slug,
      title: String(data.title ?? ""),
      tags: Array.isArray(data.tags) ? data.tags.map(String) : [],
      summary: String(data.summary ?? ""),
      text: plainText(content),
      category: String(data.category ?? "tech"),
      time: Date.parse(file.date),
    };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (ms: number) => +ms.toFixed(3);

function timeQueries(queries: readonly string[], run: (query: string) => unknown) {
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    for (const query of queries) {
      const start = performance.now();
      run(query);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return { queries: times.length, p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)), maxMs: round(times.at(-1)!) };
}

/** Writes the search tables of `count` articles to `file`, reopens it read-only and times searches. */
export function benchSearch(
  count: number,
  shape: archives.ArchiveShape = "realistic",
  file = path.join(os.tmpdir(), `search-snapshot-${count}.db`),
  reuse = false,
) {
  const generate = archives.archiveOf(shape);
  const documents = documentsOf(generate(count));
  const bodyBytes = documents.reduce((sum, doc) => sum + Buffer.byteLength(doc.text), 0);

  let build: { addMs: number; buildMs: number; buildCpuMs: number } | undefined;
  if (!reuse || !fs.existsSync(file)) {
    fs.rmSync(file, { force: true });
    const writer = new Database(file);
    writer.pragma("journal_mode = OFF");
    writer.pragma("synchronous = OFF");
    const buildStart = performance.now();
    const cpuStart = process.cpuUsage();
    createSearchTables(writer);
    const addBatch = writer.transaction((batch: SearchDocument[]) => addSearchDocuments(writer, batch));
    for (let start = 0; start < documents.length; start += BATCH) addBatch(documents.slice(start, start + BATCH));
    const addMs = performance.now() - buildStart;
    writer.transaction(() => finishSearchTables(writer))();
    const cpu = process.cpuUsage(cpuStart);
    build = { addMs: Math.round(addMs), buildMs: Math.round(performance.now() - buildStart), buildCpuMs: Math.round((cpu.user + cpu.system) / 1000) };
    writer.exec("VACUUM");
    writer.close();
  }
  const stats = new Database(file, { readonly: true });
  const tables = stats
    .prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC")
    .all() as { name: string; bytes: number }[];
  stats.close();
  const fileBytes = fs.statSync(file).size;

  // Queries drawn from one article, as a reader would type them.
  const stopWords = new Set(ENGLISH_STOP_WORDS);
  const sample = documents[Math.floor(documents.length / 2)]!;
  const words = [...new Set(sample.text.toLowerCase().match(/\p{L}{4,}/gu) ?? [])].filter((word) => !stopWords.has(word));
  const identifiers = [...new Set(documents.flatMap((doc) => doc.title.match(/\b\d+\.\d+\.\d+\b|CVE-\d+-\d+/g) ?? []))];
  const queries = [
    ...words.slice(0, 10),
    ...words.slice(20, 25).map((word) => `${word.slice(0, -1)}x`),
    `${words[30]} ${words[31]}`,
    sample.title,
    sample.summary.split(" ").slice(0, 4).join(" "),
    ...(sample.tags.length ? [sample.tags[0]!] : []),
    ...identifiers.slice(0, 5),
    "nothingmatchesthis",
  ];
  const typing = words.slice(10, 20).flatMap((word) => [word.slice(0, 2), word.slice(0, 3), `${words[0]} ${word.slice(0, 4)}`]);
  // The costliest: the words found in the most bodies, which every article has to be ranked for.
  const frequency = new Map<string, number>();
  for (const doc of documents.slice(0, 2_000)) for (const word of new Set(doc.text.toLowerCase().match(/\p{L}{3,}/gu))) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const byFrequency = [...frequency].sort((a, b) => b[1] - a[1]).map(([word]) => word);
  const common = byFrequency.filter((word) => !stopWords.has(word)).slice(0, 5);
  const worst = ["the", "year", ...common, `${common[0]} ${common[1]}`];

  // The first search of a server: a fresh process opens the file read-only and searches, nothing built before.
  const searchModule = new URL("../lib/archive/search.ts", import.meta.url).href;
  const firstSearch = (query: string) =>
    JSON.parse(
      execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", `
        import Database from "better-sqlite3";
        const { searchSnapshot } = await import(${JSON.stringify(searchModule)});
        const openStart = performance.now();
        const db = new Database(${JSON.stringify(file)}, { readonly: true, fileMustExist: true });
        const openMs = performance.now() - openStart;
        const start = performance.now();
        const { total } = searchSnapshot(db, ${JSON.stringify(query)}, { asYouType: true });
        console.log(JSON.stringify({ query: ${JSON.stringify(query)}, total, openMs: +openMs.toFixed(3), firstQueryMs: +(performance.now() - start).toFixed(3) }));
      `], { encoding: "utf8" }),
    ) as { query: string; total: number; openMs: number; firstQueryMs: number };
  const firsts = [words[0]!, sample.title, identifiers[0] ?? words[1]!, "the", words[2]!.slice(0, 3)].map(firstSearch);

  const db = new Database(file, { readonly: true, fileMustExist: true });
  const hits = Object.fromEntries(queries.map((query) => [query, searchSnapshot(db, query).total]));
  const result = {
    articles: documents.length,
    shape,
    bodyMB: +(bodyBytes / 2 ** 20).toFixed(1),
    ...build,
    fileMB: +(fileBytes / 2 ** 20).toFixed(1),
    bytesPerArticle: Math.round(fileBytes / documents.length),
    indexBytesPerBodyByte: +(fileBytes / bodyBytes).toFixed(2),
    tablesMB: Object.fromEntries(tables.map(({ name, bytes }) => [name, +(bytes / 2 ** 20).toFixed(1)])),
    firstSearch: firsts,
    query: timeQueries(queries, (query) => searchSnapshot(db, query)),
    page3: timeQueries(queries, (query) => searchSnapshot(db, query, { offset: 40 })),
    inCategory: timeQueries(queries, (query) => searchSnapshot(db, query, { category: "science" })),
    asYouType: timeQueries(typing, (query) => searchSnapshot(db, query, { asYouType: true, limit: 8 })),
    commonWords: { words: worst, ...timeQueries(worst, (query) => searchSnapshot(db, query)) },
    totals: hits,
    commonTotals: Object.fromEntries(worst.map((query) => [query, searchSnapshot(db, query).total])),
  };
  db.close();
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      articles: { type: "string", default: "10000" },
      shape: { type: "string", default: "realistic" },
      // Keep the database file, and measure again on it without writing it anew.
      keep: { type: "boolean", default: false },
      reuse: { type: "boolean", default: false },
    },
  });
  const file = path.join(os.tmpdir(), `search-snapshot-${values.articles}.db`);
  const result = benchSearch(Number(values.articles), values.shape === "simple" ? "simple" : "realistic", file, values.reuse);
  console.log(JSON.stringify(result, null, 2));
  if (!values.keep) fs.rmSync(file, { force: true });
}

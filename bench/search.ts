import { performance } from "node:perf_hooks";
import type { Article } from "../lib/article-schema";
import { parseArticle } from "../lib/parse-article";
import { searchArticles } from "../lib/search";
import { eng as ENGLISH_STOP_WORDS } from "stopword";
import { syntheticArchive } from "./synthetic-archive";

const REPEATS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function timeQueries(queries: string[], run: (query: string) => unknown) {
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    for (const query of queries) {
      const start = performance.now();
      run(query);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return { p50Ms: +percentile(times, 50).toFixed(3), p99Ms: +percentile(times, 99).toFixed(3) };
}

/** Builds the search index over `count` synthetic articles and times a fixed list of queries against it. */
export function benchSearch(count: number) {
  const articles: Article[] = syntheticArchive(count).flatMap(({ name, source }) => {
    const result = parseArticle(name, new TextEncoder().encode(source), name);
    return result.ok ? [result.article] : [];
  });
  const sample = articles[Math.floor(articles.length / 2)]!;
  // Content words only: a query of "the" costs nothing, and would flatter the figures.
  const stopWords = new Set(ENGLISH_STOP_WORDS);
  const words = [...new Set(sample.text.toLowerCase().match(/[a-z]{4,}/g) ?? [])].filter((word) => !stopWords.has(word));
  const queries = [
    ...words.slice(0, 10),
    ...words.slice(10, 20).map((word) => word.slice(0, 3)),
    ...words.slice(20, 25).map((word) => `${word.slice(0, -1)}x`),
    `${words[30]} ${words[31]}`,
    sample.title,
    sample.tags[0]!,
    "nothingmatchesthis",
  ];

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStart = performance.now();
  searchArticles("warm", {}, articles);
  const buildMs = performance.now() - buildStart;
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;

  const indexed = timeQueries(queries, (query) => searchArticles(query, {}, articles));
  const typing = timeQueries(queries, (query) => searchArticles(query, { asYouType: true, limit: 8 }, articles));
  // The baseline: a plain scan of every article's text for the words, as code without an index would do.
  const scan = timeQueries(queries, (query) => {
    const terms = query.toLowerCase().split(" ");
    return articles.filter((article) => terms.every((term) => `${article.title} ${article.summary} ${article.text}`.toLowerCase().includes(term)));
  });

  return {
    articles: articles.length,
    queries: queries.length * REPEATS,
    indexBuildMs: Math.round(buildMs),
    indexHeapMB: global.gc ? Math.round((heapAfter - heapBefore) / 2 ** 20) : undefined,
    query: indexed,
    asYouType: typing,
    linearScanBaseline: scan,
    p50SpeedupOverScan: +(scan.p50Ms / indexed.p50Ms).toFixed(1),
  };
}

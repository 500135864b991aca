import MiniSearch, { type Query, type SearchResult } from "minisearch";
import pluralize from "pluralize";
import { eng as ENGLISH_STOP_WORDS } from "stopword";
import type { Article } from "../content/article-schema";
import { getAllArticles } from "../content/articles";
import { newestFirst } from "./newest-first";
import { processWide } from "./process-wide";

export const MAX_QUERY_LENGTH = 200;
export const SEARCH_PAGE_SIZE = 20;

/** A run of text, marked when it matched the query, so a component can wrap it in `<mark>`. */
export type Highlighted = { text: string; match: boolean }[];

export type SearchHit = { article: Article; title: Highlighted; summary: Highlighted };

export type SearchResults = { query: string; total: number; hits: SearchHit[] };

type Indexed = {
  index: MiniSearch<Article>;
  bySlug: Map<string, Article>;
  /** In how many article bodies each normalised word appears. */
  bodyFrequency: Map<string, number>;
  /** Every normalised word in the index, to tell a typo from a word. */
  known: Set<string>;
};

// A word in more than this share of article bodies says little about any one
// of them, and scoring every article that has it costs the most.
const COMMON_SHARE = 0.2;
const ALL_FIELDS = ["title", "tags", "summary", "text"];
const HEADLINE_FIELDS = ["title", "tags"];

const WORD = /[\p{L}\p{N}]+/gu;

// Words such as "the" or "which" are in nearly every article: they tell results apart no better than chance, and cost the most to score.
const STOP_WORDS = new Set(ENGLISH_STOP_WORDS);

/** One normal form for index and query: lowercase and singular, so "buses" finds "bus"; stop words are dropped. */
function normalise(term: string): string | null {
  const lower = term.toLowerCase();
  return STOP_WORDS.has(lower) ? null : pluralize.singular(lower);
}

// Indexing 10,000 articles takes seconds; in steps of this many a server
// answers other requests in between, instead of stalling on the first search.
const ARTICLES_PER_STEP = 100;

/** Builds the index, pausing (yield) after each step. */
function* indexSteps(articles: readonly Article[]): Generator<void, Indexed> {
  // pluralize runs a list of rules per word; an archive has far fewer distinct words than words.
  const forms = new Map<string, string | null>();
  const known = new Set<string>();
  const normaliseIndexed = (term: string) => {
    let form = forms.get(term);
    if (form === undefined) {
      form = normalise(term);
      forms.set(term, form);
      if (form) known.add(form);
    }
    return form;
  };
  const index = new MiniSearch<Article>({
    idField: "slug",
    fields: ALL_FIELDS,
    extractField: (article, field) => (field === "tags" ? article.tags.join(" ").replace(/-/g, " ") : String(article[field as keyof Article] ?? "")),
    tokenize: (text) => text.match(WORD) ?? [],
    processTerm: normaliseIndexed,
    searchOptions: {
      processTerm: normalise,
      // Headline above tags above summary above body.
      boost: { title: 8, tags: 5, summary: 2, text: 1 },
      combineWith: "AND",
    },
  });
  const bodyFrequency = new Map<string, number>();
  for (let start = 0; start < articles.length; start += ARTICLES_PER_STEP) {
    const step = articles.slice(start, start + ARTICLES_PER_STEP);
    index.addAll(step);
    for (const article of step) {
      const forms = new Set(article.text.match(WORD)?.map(normaliseIndexed));
      for (const form of forms) if (form) bodyFrequency.set(form, (bodyFrequency.get(form) ?? 0) + 1);
    }
    yield;
  }
  return { index, bySlug: new Map(articles.map((article) => [article.slug, article])), bodyFrequency, known };
}

// Built once per list of articles: once per process in production, again
// after an edit in development (when the loader returns a new list).
const indexes = processWide("search-indexes", () => new WeakMap<readonly Article[], Indexed | Promise<Indexed>>());

function searchIndex(articles: readonly Article[]): Indexed {
  const found = indexes.get(articles);
  if (found && !(found instanceof Promise)) return found;
  const steps = indexSteps(articles);
  let step = steps.next();
  while (!step.done) step = steps.next();
  indexes.set(articles, step.value);
  return step.value;
}

/**
 * Builds the search index without blocking the server, one step per turn of
 * the event loop. Routes await this before searching, so the first search of
 * a process waits for the index while every other request is still answered.
 */
export async function searchIndexReady(articles: readonly Article[] = getAllArticles()): Promise<void> {
  const found = indexes.get(articles);
  if (found) {
    await found;
    return;
  }
  const building = (async () => {
    const steps = indexSteps(articles);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  indexes.set(articles, building);
  try {
    indexes.set(articles, await building);
  } catch (error) {
    // The next search tries again rather than failing for the life of the process.
    indexes.delete(articles);
    throw error;
  }
}

/** Splits `text` into runs, marking each word whose normal form is one of the index terms that matched. */
export function highlight(text: string, matchedTerms: readonly string[]): Highlighted {
  const matched = new Set(matchedTerms);
  const runs: Highlighted = [];
  let last = 0;
  for (const word of text.matchAll(WORD)) {
    const form = normalise(word[0]);
    if (!form || !matched.has(form)) continue;
    if (word.index > last) runs.push({ text: text.slice(last, word.index), match: false });
    runs.push({ text: word[0], match: true });
    last = word.index + word[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), match: false });
  return runs;
}

/** Trims, collapses space and cuts a query to MAX_QUERY_LENGTH characters. */
export function cleanQuery(raw: string | undefined): string {
  return (raw ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH).trimEnd();
}

/**
 * One sub-query a word, all of which must match. A common word matches
 * headlines and tags only. A word of five letters or more that the archive
 * does not contain is taken as a typo: it matches headline and tag words one
 * edit away ("satelite" finds "satellite"). As the reader types, the last word
 * may also be the start of a headline word ("tim" finds "Timetable"), which is
 * what the suggestions show.
 */
function queryFor(query: string, asYouType: boolean, { index, bodyFrequency, known }: Indexed): Query {
  const words = (query.match(WORD) ?? []).filter((word) => normalise(word));
  const common = index.documentCount * COMMON_SHARE;
  return {
    combineWith: "AND",
    queries: words.map((word, position): Query => {
      const form = normalise(word)!;
      const typo = !known.has(form) && word.length >= 5;
      const whole: Query = typo
        ? { queries: [word], fuzzy: 1, fields: HEADLINE_FIELDS }
        : { queries: [word], fields: (bodyFrequency.get(form) ?? 0) > common ? HEADLINE_FIELDS : ALL_FIELDS };
      const typing = asYouType && position === words.length - 1 && word.length >= 2;
      return typing ? { combineWith: "OR", queries: [whole, { queries: [word], prefix: true, fields: ["title"] }] } : whole;
    }),
  };
}

function rank(a: SearchResult, b: SearchResult, bySlug: Map<string, Article>): number {
  return b.score - a.score || newestFirst(bySlug.get(a.id)!, bySlug.get(b.id)!);
}

/**
 * Articles matching every word of `query` (small typos allowed; with
 * `asYouType`, the last word as a prefix), best first, ties going to the
 * newer; `offset`/`limit` select a page.
 */
export function searchArticles(
  rawQuery: string,
  options: { category?: string; offset?: number; limit?: number; asYouType?: boolean } = {},
  articles: readonly Article[] = getAllArticles(),
): SearchResults {
  const query = cleanQuery(rawQuery);
  if (!query) return { query, total: 0, hits: [] };
  const indexed = searchIndex(articles);
  const { index, bySlug } = indexed;
  const { category, offset = 0, limit = SEARCH_PAGE_SIZE, asYouType = false } = options;
  const results = index
    .search(queryFor(query, asYouType, indexed), { filter: category ? (result) => bySlug.get(result.id)?.category === category : undefined })
    .sort((a, b) => rank(a, b, bySlug));
  return {
    query,
    total: results.length,
    hits: results.slice(offset, offset + limit).map((result) => {
      const article = bySlug.get(result.id)!;
      return { article, title: highlight(article.title, result.terms), summary: highlight(article.summary, result.terms) };
    }),
  };
}

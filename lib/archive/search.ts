/**
 * Full-text search over the build-time content snapshot (SQLite FTS5).
 *
 * The build fills the search tables once (createSearchTables, addSearchDocuments per batch,
 * finishSearchTables); servers open the file read-only and search it. Nothing is built in the
 * server process, so its first search costs what any other does.
 *
 * Tables, all owned by this module:
 * - `search_docs`: one row per article: its id, slug, title, tags, summary, category and time.
 *   Its key follows the article's place in time order (newest last), so the index lists articles
 *   in time order. Keys are KEY_GAP apart when written, so a rebuild can slot an article in
 *   between (see `updateSearchDocuments`). The body is not stored (its column is always NULL):
 *   it is only indexed.
 * - `search_fts`: FTS5 over title, tags, summary, body and category, with `search_docs` as
 *   external content, so highlight() reads title and summary from there and the body is held
 *   once, as index. Tokenizer `porter unicode61 remove_diacritics 2`: case, accents and English
 *   suffixes ("ferries", "ferry") do not matter.
 * - `search_vocab`: the words of titles and tags, for typos.
 * - `temp.search_stage`, while the snapshot is written: the documents as added. Only when all
 *   are in is their time order known, and FTS5 builds fastest, and smallest, fed in key order.
 *
 * A rebuild after a few edits updates a copy of the last snapshot instead (`updateSearchDocuments`).
 * FTS5 forgets a document of an external-content table only when told the values it indexed, and
 * the body is not kept here: the caller hands back the plain text the build indexed.
 *
 * What a column indexes is its text, then (at positions after the text's own, so highlight()
 * is undisturbed) extra tokens. All contain "ǂ" (U+01C2, a click letter: a letter to unicode61,
 * and in no English text), so no word of a query can match one unless built to:
 * - identifiers: unicode61 splits `v20.0.0` into v20, 0, 0, so the parts are searchable on their
 *   own. Each leading run of two or more parts is also indexed joined, `v20ǂd0` and `v20ǂd0ǂd0`
 *   (the letter after ǂ says which punctuation stood there), and a trailing `+`, `++` or `#` is
 *   kept: `C++` adds `cǂpǂp`. A query word with inner punctuation must match its joined token and
 *   its parts as an adjacent phrase (the phrase is what highlight() marks).
 * - title words spelled `ǂtǂiǂmǂeǂ`: the ending ǂ keeps the porter stemmer off them, so a prefix
 *   query finds the start of a headline word letter for letter as the reader types, and their
 *   short lists tell cheaply which articles have a word in the headline (see `pageKeys`).
 * - the category as one exact token `ǂǂ…ǂ`, so a section filter is part of the match, and `ǂǂ`,
 *   which every article has.
 */
import type Database from "better-sqlite3";
import pluralize from "pluralize";
import { eng as ENGLISH_STOP_WORDS } from "stopword";

export const MAX_QUERY_LENGTH = 200;
export const SEARCH_PAGE_SIZE = 20;

/** A run of text, marked when it matched the query, so a component can wrap it in `<mark>`. */
export type Highlighted = { text: string; match: boolean }[];

export type SearchDocument = {
  /** A positive integer: the article's row id in the snapshot. */
  id: number;
  slug: string;
  title: string;
  tags: string[];
  summary: string;
  /** The body as plain words. */
  text: string;
  category: string;
  /** Publish time, ms. */
  time: number;
};

export type SearchHitRow = { id: number; slug: string; title: Highlighted; summary: Highlighted };

export type SearchResults = { query: string; total: number; hits: SearchHitRow[] };

export type SearchOptions = { category?: string; offset?: number; limit?: number; asYouType?: boolean };

const TOKENIZER = "porter unicode61 remove_diacritics 2";
// bm25 weights in column order: headline above tags above summary above body; the category token counts nothing.
const RANK = "bm25(search_fts, 8.0, 5.0, 2.0, 1.0, 0.0)";

// BM25 scores every matching article, 1-5 µs each (more the more often the words occur): a query
// matching more than this many (a word many articles have) is ranked in two tiers, see `pageKeys`.
export const RANK_LIMIT = 2_500;
// A typo is a word of this many characters or more that the archive does not contain.
const TYPO_MIN_LENGTH = 5;
// As the reader types, a last word of this many characters or more also matches the start of headline words.
const PREFIX_MIN_LENGTH = 2;
// Longer than any word: a longer "word" is not taken for a typo.
const TYPO_MAX_LENGTH = 30;
// Joined tokens are made for at most this many leading parts of an identifier (a long path or URL).
const MAX_JOINED_PARTS = 8;
// Room between neighbours' keys: six articles can be slotted in at one place before a rebuild writes afresh.
const KEY_GAP = 64;

const STOP_WORDS = new Set(ENGLISH_STOP_WORDS);

// Characters unicode61 keeps in a token: letters, digits (and combining marks, which it folds away).
const PART = String.raw`[\p{L}\p{N}\p{M}]+`;
// Punctuation that joins parts into one identifier: . - (or another dash) _ / and a comma between digits (1,000).
const DASHES = String.raw`\-\u2010-\u2015\uFE58\uFE63\uFF0D`;
const JOINER = String.raw`[._/${DASHES}]|(?<=\p{N}),(?=\p{N})`;
/** A word, or an identifier: parts joined by single joiners, with an optional trailing + ++ or # (C++, C#). */
const WORD_OR_IDENTIFIER = new RegExp(String.raw`${PART}(?:(?:${JOINER})${PART})*(?:\+\+|\+|#)?(?![\p{L}\p{N}])`, "gu");
/** WORD_OR_IDENTIFIER where a word starts, for indexing. */
const WORD_OR_IDENTIFIER_AT = new RegExp(WORD_OR_IDENTIFIER.source, "uy");
/** Where an identifier may be: a character that joins or ends one. A plain class, so scanning a body for it is quick. */
const JOIN_OR_END = new RegExp(`[._/,+#${DASHES}]`, "gu");
const TOKEN_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const PIECE = new RegExp(String.raw`${PART}|${JOINER}|[+#]`, "gu");
const IS_PART = /^[\p{L}\p{N}\p{M}]/u;
const PLAIN_WORD = /[\p{L}\p{N}]+/gu;

const MARK = "\u01C2"; // ǂ
const JOIN_CODE: Record<string, string> = { ".": "d", _: "u", "/": "s", ",": "c", "+": "p", "#": "n" };
const joinCode = (joiner: string) => MARK + (JOIN_CODE[joiner] ?? "h"); // any dash → h

type Word = { text: string; parts: string[]; joined: string | null; tokens: string[] };

/** Splits a word or identifier (a match of WORD_OR_IDENTIFIER) into its parts and joined tokens (none for a plain word). */
function parseWord(text: string): Word {
  const parts: string[] = [];
  const tokens: string[] = [];
  let joined = "";
  let marked = false;
  for (const [piece] of text.matchAll(PIECE)) {
    if (IS_PART.test(piece)) {
      parts.push(piece);
      if (parts.length <= MAX_JOINED_PARTS) {
        joined += piece;
        if (parts.length >= 2) tokens.push(joined);
      }
    } else if (parts.length <= MAX_JOINED_PARTS) {
      joined += joinCode(piece);
      marked ||= piece === "+" || piece === "#";
    }
  }
  if (marked && parts.length <= MAX_JOINED_PARTS) tokens.push(joined);
  return { text, parts, joined: tokens.at(-1) ?? null, tokens };
}

/** The form unicode61 gives a word: lowercase, accents (and private-use characters) removed. */
function fold(word: string): string {
  return word.normalize("NFD").replace(/[\p{M}\p{Co}]/gu, "").toLowerCase();
}

/** A headline word (or the start of one) spelled letter by letter: `ǂtǂiǂmǂeǂ`. */
function titleToken(word: string): string {
  return MARK + [...fold(word)].map((c) => c + MARK).join("");
}

/** The category as one token the tokenizer leaves whole: each character's code, `ǂǂ` before and ǂ after each. */
function categoryToken(category: string): string {
  return MARK + MARK + [...category].map((c) => c.codePointAt(0)!.toString(36) + MARK).join("");
}

/** A token every article has (in its category column): `ǂǂ`. */
const ALL_TOKEN = MARK + MARK;

/** The character before `index` (a whole surrogate pair), or "" at the start. */
function charBefore(text: string, index: number): string {
  if (index <= 0) return "";
  const low = text.charCodeAt(index - 1);
  return low >= 0xdc00 && low <= 0xdfff && index >= 2 ? text.slice(index - 2, index) : text.charAt(index - 1);
}

/**
 * The joined tokens of the identifiers in `text`: what WORD_OR_IDENTIFIER finds there, but
 * only looked for where a joiner follows a letter or digit (a regex with Unicode classes over
 * every word of every body would cost most of the build).
 */
function identifierTokens(text: string): string[] {
  const tokens: string[] = [];
  let covered = 0;
  for (const { index } of text.matchAll(JOIN_OR_END)) {
    if (index < covered) continue;
    let start = index;
    for (let c = charBefore(text, start); c && TOKEN_CHAR.test(c); c = charBefore(text, start)) start -= c.length;
    if (start === index) continue;
    WORD_OR_IDENTIFIER_AT.lastIndex = start;
    const [match] = WORD_OR_IDENTIFIER_AT.exec(text) ?? [""];
    covered = start + match.length;
    if (covered > index) tokens.push(...parseWord(match).tokens);
  }
  return tokens;
}

/** A column's text as indexed: the text itself, then the joined tokens of its identifiers and any `extra` tokens. */
function indexedText(text: string, extra: string[] = []): string {
  const tokens = [...identifierTokens(text), ...extra];
  return tokens.length ? `${text}\n${tokens.join(" ")}` : text;
}

type StatementName = "stage" | "exists" | "vocabIn" | "count" | "ranked" | "recent" | "hit";

const SQL: Record<StatementName, string> = {
  stage: "INSERT INTO temp.search_stage (id, slug, title, tags, summary, text, category, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  exists: "SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT 1",
  vocabIn: "SELECT word FROM search_vocab WHERE word IN (SELECT value FROM json_each(?)) ORDER BY docs DESC, word",
  count: "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?",
  ranked: `SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY ${RANK}, rowid DESC LIMIT ? OFFSET ?`,
  recent: "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?",
  hit: `SELECT d.id, d.slug, d.title, d.summary,
      highlight(search_fts, 0, char(1), char(2)) AS markedTitle, highlight(search_fts, 2, char(1), char(2)) AS markedSummary
    FROM search_fts JOIN search_docs AS d ON d.key = search_fts.rowid WHERE search_fts MATCH ? AND search_fts.rowid = ?`,
};

const statements = new WeakMap<Database.Database, Partial<Record<StatementName, Database.Statement>>>();

/** The prepared statement `name` for `db`, prepared on first use (a read-only db never prepares the inserts). */
function statement(db: Database.Database, name: StatementName): Database.Statement {
  let cached = statements.get(db);
  if (!cached) statements.set(db, (cached = {}));
  return (cached[name] ??= db.prepare(SQL[name]));
}

/** Creates the search tables in a new snapshot database being written. */
export function createSearchTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE search_docs (
      key INTEGER PRIMARY KEY, -- follows the article's place in time order: newest last
      id INTEGER NOT NULL,     -- the article's row id in the snapshot
      slug TEXT NOT NULL,
      title TEXT NOT NULL,
      tags TEXT NOT NULL,
      summary TEXT NOT NULL,
      body TEXT,               -- always NULL: FTS5 reads columns from here, and the body is only indexed
      category TEXT NOT NULL,
      time INTEGER NOT NULL
    );
    CREATE VIRTUAL TABLE search_fts USING fts5(
      title, tags, summary, body, category,
      content = 'search_docs', content_rowid = 'key',
      tokenize = '${TOKENIZER}'
    );
    CREATE TABLE search_vocab (word TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TEMP TABLE search_stage (id INTEGER, slug TEXT, title TEXT, tags TEXT, summary TEXT, text TEXT, category TEXT, time INTEGER);
  `);
}

/**
 * Adds documents (called once per batch while the snapshot is written, inside the writer's
 * transaction, on the connection that created the tables: they wait in a temporary table).
 */
export function addSearchDocuments(db: Database.Database, documents: Iterable<SearchDocument>): void {
  const stage = statement(db, "stage");
  for (const doc of documents) {
    if (!Number.isSafeInteger(doc.id) || doc.id <= 0) throw new Error(`search document ${doc.slug}: id must be a positive integer, not ${doc.id}`);
    if (!Number.isFinite(doc.time)) throw new Error(`search document ${doc.slug}: time must be a number of ms, not ${doc.time}`);
    stage.run(doc.id, doc.slug, doc.title, doc.tags.join(" "), doc.summary, doc.text, doc.category, Math.trunc(doc.time));
  }
}

type Staged = { id: number; slug: string; title: string; tags: string; summary: string; text: string; category: string; time: number };

/** What FTS5 indexes for a document, in column order: what it must be told again to forget the document. */
function indexedColumns(doc: Staged): string[] {
  return [
    indexedText(doc.title, [...titleWords(doc.title)].map(titleToken)),
    indexedText(doc.tags),
    indexedText(doc.summary),
    indexedText(doc.text),
    `${categoryToken(doc.category)} ${ALL_TOKEN}`,
  ];
}

const titleWords = (title: string) => new Set(fold(title).match(PLAIN_WORD));

/** The words of a headline and its tags that a typo may be taken for (search_vocab counts the articles with each). */
function vocabularyOf(doc: Pick<Staged, "title" | "tags">): string[] {
  return [...new Set([...titleWords(doc.title), ...(fold(doc.tags).match(PLAIN_WORD) ?? [])])].filter((word) => [...word].length >= TYPO_MIN_LENGTH - 1);
}

const INSERT_DOC = "INSERT INTO search_docs (key, id, slug, title, tags, summary, category, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
const INSERT_FTS = "INSERT INTO search_fts (rowid, title, tags, summary, body, category) VALUES (?, ?, ?, ?, ?, ?)";

/**
 * Called once after the last batch: writes the documents in time order (oldest first; at one
 * instant, slugs in reverse, so that newest first lists them by slug as the site does), indexes
 * them, merges the index into one segment and builds the vocabulary of title and tag words.
 */
export function finishSearchTables(db: Database.Database): void {
  const order = db.prepare("SELECT rowid FROM temp.search_stage ORDER BY time, slug DESC").pluck().all() as number[];
  const staged = db.prepare("SELECT * FROM temp.search_stage WHERE rowid = ?");
  const insertDoc = db.prepare(INSERT_DOC);
  const insertFts = db.prepare(INSERT_FTS);
  const vocabulary = new Map<string, number>();
  order.forEach((rowid, index) => {
    const doc = staged.get(rowid) as Staged;
    const key = (index + 1) * KEY_GAP;
    for (const word of vocabularyOf(doc)) vocabulary.set(word, (vocabulary.get(word) ?? 0) + 1);
    insertDoc.run(key, doc.id, doc.slug, doc.title, doc.tags, doc.summary, doc.category, doc.time);
    insertFts.run(key, ...indexedColumns(doc));
  });
  db.exec("DROP TABLE temp.search_stage; INSERT INTO search_fts (search_fts) VALUES ('optimize')");
  const insertWord = db.prepare("INSERT INTO search_vocab (word, docs) VALUES (?, ?)");
  for (const [word, count] of vocabulary) insertWord.run(word, count);
}

/** Before `b` in the index's order: older, or at one instant, a later slug. */
const before = (a: Pick<Staged, "time" | "slug">, b: Pick<Staged, "time" | "slug">) => a.time < b.time || (a.time === b.time && a.slug > b.slug);

/**
 * Replaces, in a snapshot finishSearchTables wrote (and perhaps this updated since), the
 * documents of the articles `removed` (by id, each with the plain text the build indexed for its
 * body) with `added`. Returns false when an added document finds no free key at its place in
 * time order (too many slotted in at one place): the caller then writes the snapshot afresh.
 * The index is left in the segments FTS5 merges as it goes, not merged into one.
 */
export function updateSearchDocuments(db: Database.Database, removed: ReadonlyMap<number, string>, added: readonly SearchDocument[]): boolean {
  const old = db.prepare("SELECT key, id, slug, title, tags, summary, category, time FROM search_docs WHERE id IN (SELECT value FROM json_each(?))").all(JSON.stringify([...removed.keys()])) as (Staged & { key: number })[];
  const forget = db.prepare("INSERT INTO search_fts (search_fts, rowid, title, tags, summary, body, category) VALUES ('delete', ?, ?, ?, ?, ?, ?)");
  const dropDoc = db.prepare("DELETE FROM search_docs WHERE key = ?");
  const unvocab = db.prepare("UPDATE search_vocab SET docs = docs - 1 WHERE word = ?");
  for (const doc of old) {
    forget.run(doc.key, ...indexedColumns({ ...doc, text: removed.get(doc.id)! }));
    dropDoc.run(doc.key);
    for (const word of vocabularyOf(doc)) unvocab.run(word);
  }
  db.exec("DELETE FROM search_vocab WHERE docs <= 0");

  // Every document's place, oldest first, to find each added one's neighbours.
  const places = db.prepare("SELECT key, time, slug FROM search_docs ORDER BY key").all() as { key: number; time: number; slug: string }[];
  const insertDoc = db.prepare(INSERT_DOC);
  const insertFts = db.prepare(INSERT_FTS);
  const vocab = db.prepare("INSERT INTO search_vocab (word, docs) VALUES (?, 1) ON CONFLICT (word) DO UPDATE SET docs = docs + 1");
  for (const document of added) {
    const doc: Staged = { ...document, tags: document.tags.join(" "), time: Math.trunc(document.time) };
    let low = 0;
    let high = places.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (before(places[middle]!, doc)) low = middle + 1;
      else high = middle;
    }
    const previous = places[low - 1]?.key ?? 0;
    const next = places[low]?.key;
    const key = next === undefined ? previous + KEY_GAP : Math.floor((previous + next) / 2);
    if (key <= previous) return false;
    places.splice(low, 0, { key, time: doc.time, slug: doc.slug });
    insertDoc.run(key, doc.id, doc.slug, doc.title, doc.tags, doc.summary, doc.category, doc.time);
    insertFts.run(key, ...indexedColumns(doc));
    for (const word of vocabularyOf(doc)) vocab.run(word);
  }
  return true;
}

/** Trims, collapses space and cuts a query to MAX_QUERY_LENGTH characters. */
export function cleanQuery(raw: string | undefined): string {
  return (raw ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH).trimEnd();
}

/** An FTS5 string: every term is quoted, so nothing a reader types is query syntax. */
const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;
const any = (terms: string[]) => (terms.length === 1 ? terms[0]! : `(${terms.join(" OR ")})`);

/**
 * Singular and plural forms the porter stemmer does not bring together ("bus" and "buses",
 * "fly" and "flies"); a plain -s plural ("cats") it does, and is left out.
 */
function numberForms(word: string): string[] {
  if (word.length < 3 || !/^\p{L}+$/u.test(word) || STOP_WORDS.has(word)) return [];
  const forms = new Set([pluralize.singular(word), pluralize.plural(word)]);
  forms.delete(word);
  const regular = (short: string, long: string) => long === `${short}s` && !/(s|ie)$/.test(short);
  return [...forms].filter((form) => form && !regular(word, form) && !regular(form, word));
}

/** Every string one edit (delete, transpose, replace, insert) away from `word`. */
function oneEditAway(word: string): string[] {
  const letters = [...word];
  const alphabet = new Set([..."abcdefghijklmnopqrstuvwxyz0123456789", ...letters]);
  const variants = new Set<string>();
  for (let i = 0; i <= letters.length; i++) {
    const head = letters.slice(0, i).join("");
    const rest = letters.slice(i).join("");
    const after = letters.slice(i + 1).join("");
    if (i < letters.length) variants.add(head + after);
    if (i < letters.length - 1) variants.add(head + letters[i + 1] + letters[i] + letters.slice(i + 2).join(""));
    for (const c of alphabet) {
      if (i < letters.length) variants.add(head + c + after);
      variants.add(head + c + rest);
    }
  }
  variants.delete(word);
  return [...variants];
}

type Match = {
  /** All words, as an FTS5 expression. */
  expression: string;
  /**
   * All words in the headline: an expression on the indexed title words, whose lists are short,
   * so it is cheap. What it matches, `expression` matches too.
   */
  inTitle: string;
  /** Every phrase that can match, ORed, for highlight(): no prefixes, which cost a scan of the terms each time. */
  phrases: string;
  /** The trailing + ++ # of identifiers in the query, to add to highlight()'s mark on the letter. */
  markers: string[];
  /** As the reader types, the last word, to mark the headline words it starts. */
  prefix: string | null;
};

/** The FTS5 expressions for a cleaned query: one group per word, all of which must match; null when some word matches nothing. */
function parseQuery(db: Database.Database, query: string, asYouType: boolean): Match | null {
  const found = [...query.normalize("NFC").replaceAll(MARK, " ").matchAll(WORD_OR_IDENTIFIER)].map(([text]) => parseWord(text));
  const isStop = (word: Word) => !word.joined && STOP_WORDS.has(word.text.toLowerCase());
  // Stop words ("the", "which") say little, so they are dropped when the query has other words.
  const words = found.some((word) => !isStop(word)) ? found.filter((word) => !isStop(word)) : found;
  if (words.length === 0) return null;
  const last = asYouType ? found.at(-1) : undefined;

  const groups: string[] = [];
  const inTitle: string[] = [];
  const phrases: string[] = [];
  let prefix: string | null = null;
  for (const word of words) {
    if (word.joined) {
      // An identifier: its joined token, and its parts side by side for highlight() to mark.
      groups.push(`(${quote(word.joined)} AND ${quote(word.parts.join(" "))})`);
      inTitle.push(`{title} : ${quote(word.joined)}`);
      phrases.push(quote(word.parts.join(" ")));
      continue;
    }
    const lower = word.text.toLowerCase();
    const forms = [lower, ...numberForms(lower)];
    const options: string[] = [];
    const titleOptions: string[] = [];
    const whole = any(forms.map(quote));
    if (statement(db, "exists").get(whole) !== undefined) {
      options.push(whole);
      phrases.push(whole);
      titleOptions.push(...forms.map((form) => quote(titleToken(form))));
    } else if ([...lower].length >= TYPO_MIN_LENGTH && [...lower].length <= TYPO_MAX_LENGTH && /\p{L}/u.test(lower)) {
      // Not in the archive: a typo for a headline or tag word one edit away ("satelite").
      const near = statement(db, "vocabIn").pluck().all(JSON.stringify(oneEditAway(fold(lower)))) as string[];
      if (near.length) options.push(`{title tags} : ${any(near.map(quote))}`);
      phrases.push(...near.map(quote));
      titleOptions.push(...near.map((form) => quote(titleToken(form))));
    }
    if (word === last && [...lower].length >= PREFIX_MIN_LENGTH) {
      // As the reader types: also the start of a headline word ("timeta" finds "Timetable").
      options.push(`${quote(titleToken(lower))}*`);
      titleOptions.push(`${quote(titleToken(lower))}*`);
      prefix = lower;
    }
    if (options.length === 0) return null;
    groups.push(any(options));
    inTitle.push(any(titleOptions));
  }
  const markers = [...new Set(words.map((word) => /(\+\+|\+|#)$/.exec(word.text)?.[0] ?? ""))].filter(Boolean).sort((a, b) => b.length - a.length);
  // ALL_TOKEN, which every article has, so the row is found even when only a prefix matched it.
  phrases.push(quote(ALL_TOKEN));
  return { expression: groups.join(" AND "), inTitle: inTitle.join(" AND "), phrases: phrases.join(" OR "), markers, prefix };
}

/**
 * Row keys of one page of the articles matching the query (`total` of them), best first.
 * Up to RANK_LIMIT matches, all are ranked by BM25, ties going to the newer. Beyond that (a word
 * in many articles, whose BM25 weight is small anyway, and whose every mention BM25 would count)
 * the articles with every word in the headline come first, ranked by BM25 on their headline
 * words (newest first if there are more than RANK_LIMIT of them too), then the rest, newest
 * first. Newest first costs nothing: the index is in time order.
 */
function pageKeys(db: Database.Database, match: Match, filter: string, total: number, offset: number, limit: number): number[] {
  const ranked = (expression: string, take: number, skip: number) => statement(db, "ranked").pluck().all(expression, take, skip) as number[];
  const recent = (expression: string, take: number, skip: number) => statement(db, "recent").pluck().all(expression, take, skip) as number[];
  if (total <= RANK_LIMIT) return ranked(`(${match.expression})${filter}`, limit, offset);
  // Every word in the headline implies the whole query matches (see parseQuery).
  const headline = `(${match.inTitle})${filter}`;
  const inHeadline = statement(db, "count").pluck().get(headline) as number;
  const keys = offset < inHeadline ? (inHeadline <= RANK_LIMIT ? ranked : recent)(headline, limit, offset) : [];
  if (keys.length < limit) keys.push(...recent(`((${match.expression})${filter}) NOT (${match.inTitle})`, limit - keys.length, Math.max(0, offset - inHeadline)));
  return keys;
}

const OPEN = "\u0001";
const CLOSE = "\u0002";
const MARKED_RUN = new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}|([^${OPEN}]+)`, "g");

/**
 * Turns highlight() output back into runs. A marked identifier's trailing `markers` (the ++ of
 * C++) join its mark; with `prefix`, words starting with it are marked too. The text is left
 * unmarked if it holds a marker character itself.
 */
function runs(original: string, marked: string | null, markers: readonly string[], prefix: string | null): Highlighted {
  if (!original) return [];
  if (marked === null || original.includes(OPEN) || original.includes(CLOSE)) return [{ text: original, match: false }];
  let result: Highlighted = [];
  for (const [, matched, plain] of marked.matchAll(MARKED_RUN)) {
    const text = matched ?? plain!;
    if (text) result.push({ text, match: matched !== undefined });
  }
  // highlight() read the text it marks from the same row; if it differs, show the text unmarked.
  if (result.map((run) => run.text).join("") !== original) return [{ text: original, match: false }];
  for (let i = 0; i < result.length - 1; i++) {
    const [run, next] = [result[i]!, result[i + 1]!];
    const marker = run.match && !next.match && markers.find((m) => next.text.startsWith(m) && !/^[\p{L}\p{N}]/u.test(next.text.slice(m.length)));
    if (!marker) continue;
    run.text += marker;
    next.text = next.text.slice(marker.length);
    if (!next.text) result.splice(i + 1, 1);
  }
  if (prefix) {
    const start = fold(prefix);
    result = result.flatMap((run) => {
      if (run.match) return [run];
      const split: Highlighted = [];
      let last = 0;
      for (const word of run.text.matchAll(PLAIN_WORD)) {
        if (!fold(word[0]).startsWith(start)) continue;
        if (word.index > last) split.push({ text: run.text.slice(last, word.index), match: false });
        split.push({ text: word[0], match: true });
        last = word.index + word[0].length;
      }
      if (last < run.text.length) split.push({ text: run.text.slice(last), match: false });
      return split;
    });
  }
  return result;
}

const whole = (value: number | undefined, fallback: number, max: number) =>
  value === undefined || !Number.isFinite(value) ? fallback : Math.min(max, Math.max(0, Math.trunc(value)));

/**
 * Articles matching every word of the query, best first (headline above tags above summary above
 * body, by BM25), ties going to the newer; `offset`/`limit` select a page. Runs on a read-only
 * database.
 */
export function searchSnapshot(db: Database.Database, rawQuery: string, options: SearchOptions = {}): SearchResults {
  const query = cleanQuery(rawQuery);
  const none = { query, total: 0, hits: [] };
  if (!query) return none;
  const { category, asYouType = false } = options;
  const offset = whole(options.offset, 0, Number.MAX_SAFE_INTEGER);
  const limit = whole(options.limit, SEARCH_PAGE_SIZE, 1_000);
  const match = parseQuery(db, query, asYouType);
  if (!match) return none;

  const filter = category ? ` AND ${quote(categoryToken(category))}` : "";
  const total = statement(db, "count").pluck().get(`(${match.expression})${filter}`) as number;
  if (total === 0 || offset >= total || limit === 0) return { query, total, hits: [] };
  const keys = pageKeys(db, match, filter, total, offset, limit);

  const hit = statement(db, "hit");
  const hits = keys.map((key): SearchHitRow => {
    // A BigInt binds as an integer: beside MATCH, FTS5 ignores `rowid = ?` bound to a real (as a JS number is).
    const row = hit.get(match.phrases, BigInt(key)) as { id: number; slug: string; title: string; summary: string; markedTitle: string | null; markedSummary: string | null };
    return {
      id: row.id,
      slug: row.slug,
      title: runs(row.title, row.markedTitle, match.markers, match.prefix),
      summary: runs(row.summary, row.markedSummary, match.markers, null),
    };
  });
  return { query, total, hits };
}

import type Database from "better-sqlite3";
import type { Article } from "../content/article-schema";
import type { LoadedArticle } from "../content/articles";
import { authorSlug } from "../content/author-slug";
import type { AuthorProfile } from "../content/authors";
import { categoryLabel } from "../content/category-label";
import { newestFirst } from "./newest-first";
import { RELATED_COUNT, rankRelated, type RelatedInput } from "./related";
import { SNAPSHOT_FORMAT } from "./snapshot-file.mjs";
import { addSearchDocuments, createSearchTables, finishSearchTables, updateSearchDocuments, type SearchDocument } from "./search";

// Writes the content snapshot (lib/archive/snapshot.ts reads it): only the build and, for
// development and tests, the folder reader load this module and what ranks related articles.

const SCHEMA = `
  CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE articles (id INTEGER PRIMARY KEY, position INTEGER, slug TEXT NOT NULL UNIQUE, category TEXT NOT NULL, author TEXT, meta TEXT NOT NULL);
  CREATE TABLE bodies (id INTEGER PRIMARY KEY, cache_key TEXT, folder INTEGER NOT NULL, first_line INTEGER NOT NULL, markdown TEXT NOT NULL, terms TEXT NOT NULL);
  CREATE TABLE article_tags (tag TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (tag, position)) WITHOUT ROWID;
  CREATE TABLE categories (name TEXT PRIMARY KEY, label TEXT NOT NULL, count INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE tags (name TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE authors (slug TEXT PRIMARY KEY, name TEXT NOT NULL, count INTEGER NOT NULL, bio TEXT, url TEXT) WITHOUT ROWID;
  CREATE TABLE related (id INTEGER NOT NULL, rank INTEGER NOT NULL, other INTEGER NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (id, rank)) WITHOUT ROWID;
`;

// Created once every row is in: building an index at the end is faster than keeping it up to date.
const INDEXES = `
  CREATE UNIQUE INDEX articles_position ON articles (position);
  CREATE INDEX articles_category ON articles (category, position);
  CREATE INDEX articles_author ON articles (author, position);
`;

// Search documents go to FTS5 in batches of this many, so the writer never holds more than a batch of bodies.
const SEARCH_BATCH = 500;

/** What the writer keeps of each article until every article is in: a few hundred bytes, no body. */
type Kept = RelatedInput & { id: number; date: Article["date"]; author?: string; byline?: string };

export type SnapshotSummary = {
  articles: number;
  drafts: number;
  /** "written" afresh, or "updated" from the last snapshot, with `changed` articles added, edited or removed. */
  mode: "written" | "updated";
  changed: number;
};

type SnapshotOptions = {
  /** Development shows drafts; the build leaves them out. */
  includeDrafts?: boolean;
  /** The parser's fingerprint: an update is only made on a snapshot the same code wrote. */
  fingerprint?: string;
  /** The authors file's profiles by slug: a profile's url is the byline's authorUrl where the article gives none. */
  authors?: ReadonlyMap<string, AuthorProfile>;
};

/** What an update needs beyond a full write. */
type UpdateOptions = SnapshotOptions & {
  /** The plain text the build indexed for the body the content cache keeps under `cacheKey`, if it still does. */
  indexedText: (cacheKey: string) => string | undefined;
};

// An update is made when at most this share of the articles changed (or this many, in a small
// archive): past that, writing afresh, with FTS5 fed in key order, is faster.
const UPDATE_SHARE = 0.1;
const UPDATE_ALWAYS = 100;

/** Hands each article of the folder to `accept`, then throws a ContentError if any file is bad. */
type Load = (accept: (article: LoadedArticle) => void) => void;

function insertStatements(db: Database.Database) {
  return {
    article: db.prepare("INSERT INTO articles (id, slug, category, author, meta) VALUES (?, ?, ?, ?, ?)"),
    body: db.prepare("INSERT INTO bodies (id, cache_key, folder, first_line, markdown, terms) VALUES (?, ?, ?, ?, ?, ?)"),
  };
}

/** Writes one article's rows; returns what the snapshot's lists and related articles need of it, and its search document. */
function insertArticle(statements: ReturnType<typeof insertStatements>, id: number, loaded: LoadedArticle, authors: ReadonlyMap<string, AuthorProfile>) {
  const { article } = loaded;
  const author = (article.author && authorSlug(article.author)) || undefined;
  const authorUrl = article.authorUrl ?? (author ? authors.get(author)?.url : undefined);
  statements.article.run(id, article.slug, article.category, author ?? null, JSON.stringify(authorUrl ? { ...article, authorUrl } : article));
  statements.body.run(id, loaded.cacheKey ?? null, loaded.folder ? 1 : 0, loaded.firstLine, loaded.markdown, JSON.stringify(loaded.terms));
  const { slug, title, summary, tags, category, date } = article;
  const kept: Kept = { id, slug, title, tags, category, time: date.time, date, terms: loaded.terms, author, byline: article.author };
  const search: SearchDocument = { id, slug, title, tags, summary, text: loaded.text, category, time: date.time };
  return { kept, search };
}

/** A fingerprint of the authors file's profiles: the articles' rows depend on it. */
const authorsKey = (authors: ReadonlyMap<string, AuthorProfile>) => JSON.stringify([...authors].sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * Writes every table derived from the whole archive: positions in time order, tag lists, the
 * category, tag and author counts, related articles and the info row. `kept` is every article.
 */
function writeDerived(db: Database.Database, kept: Kept[], { fingerprint = "", authors = new Map() }: SnapshotOptions) {
  db.exec("DELETE FROM article_tags; DELETE FROM categories; DELETE FROM tags; DELETE FROM authors; DELETE FROM related; DELETE FROM info");
  db.exec("DROP INDEX IF EXISTS articles_position; DROP INDEX IF EXISTS articles_category; DROP INDEX IF EXISTS articles_author");
  kept.sort(newestFirst);
  const setPosition = db.prepare("UPDATE articles SET position = ? WHERE id = ?");
  const insertTag = db.prepare("INSERT INTO article_tags (tag, position) VALUES (?, ?)");
  const tagCounts = new Map<string, number>();
  const categoryCounts = new Map<string, number>();
  const authorCounts = new Map<string, { name: string; count: number }>();
  kept.forEach((article, position) => {
    if (article.author) {
      // Newest first: a byline spelled two ways ("Ana Ruiz", "ANA RUIZ") is named as its newest article writes it.
      const counted = authorCounts.get(article.author) ?? { name: article.byline!, count: 0 };
      counted.count += 1;
      authorCounts.set(article.author, counted);
    }
    setPosition.run(position, article.id);
    for (const tag of article.tags) {
      insertTag.run(tag, position);
      tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    }
    categoryCounts.set(article.category, (categoryCounts.get(article.category) ?? 0) + 1);
  });
  db.exec(INDEXES);

  const insertCategory = db.prepare("INSERT INTO categories (name, label, count) VALUES (?, ?, ?)");
  for (const [name, count] of categoryCounts) insertCategory.run(name, categoryLabel(name), count);
  const insertTagCount = db.prepare("INSERT INTO tags (name, count) VALUES (?, ?)");
  for (const [name, count] of tagCounts) insertTagCount.run(name, count);
  const insertAuthor = db.prepare("INSERT INTO authors (slug, name, count, bio, url) VALUES (?, ?, ?, ?, ?)");
  for (const [slug, { name, count }] of authorCounts) {
    const profile = authors.get(slug);
    insertAuthor.run(slug, profile?.name ?? name, count, profile?.bio ?? null, profile?.url ?? null);
  }

  const idOf = new Map(kept.map((article) => [article.slug, article.id]));
  const insertRelated = db.prepare("INSERT INTO related (id, rank, other, reason) VALUES (?, ?, ?, ?)");
  for (const [slug, list] of rankRelated(kept, RELATED_COUNT, categoryLabel)) {
    list.forEach((related, rank) => insertRelated.run(idOf.get(slug), rank, idOf.get(related.slug), related.reason));
  }

  const insertInfo = db.prepare("INSERT INTO info (key, value) VALUES (?, ?)");
  insertInfo.run("format", SNAPSHOT_FORMAT);
  insertInfo.run("fingerprint", fingerprint);
  insertInfo.run("authors", authorsKey(authors));
  insertInfo.run("articles", String(kept.length));
}

/**
 * Writes a snapshot into the empty database `db` from the articles `load` hands over, one at a
 * time. If `load` throws (a content error), nothing is committed and the error passes on.
 * Drafts are left out unless `includeDrafts`.
 */
export function writeSnapshot(db: Database.Database, load: Load, options: SnapshotOptions = {}): SnapshotSummary {
  const { includeDrafts = false, authors = new Map() } = options;
  db.exec(SCHEMA);
  createSearchTables(db);
  const statements = insertStatements(db);
  const kept: Kept[] = [];
  let drafts = 0;
  let batch: SearchDocument[] = [];

  db.transaction(() => {
    load((loaded) => {
      if (loaded.article.draft && !includeDrafts) {
        drafts += 1;
        return;
      }
      const inserted = insertArticle(statements, kept.length + 1, loaded, authors);
      kept.push(inserted.kept);
      batch.push(inserted.search);
      if (batch.length >= SEARCH_BATCH) {
        addSearchDocuments(db, batch);
        batch = [];
      }
    });
    addSearchDocuments(db, batch);
    batch = [];
    writeDerived(db, kept, options);
    finishSearchTables(db);
  })();
  return { articles: kept.length, drafts, mode: "written", changed: kept.length };
}

class NoRoom extends Error {}

/**
 * Brings `db`, a copy of the last snapshot written, up to date with the articles `load` hands
 * over: the rows and search entries of the articles added, edited (their cache key changed) or
 * removed are replaced, and the tables derived from the whole archive (lists, counts, related
 * articles) are derived again, so the result answers every query as a fresh write would.
 * Returns undefined, having written nothing, when it cannot: the copy was written by other code
 * or for other authors, too many articles changed, the content cache no longer has the text
 * indexed for a changed one, or search keys ran out at one place. If `load` throws (a content
 * error), the error passes on.
 */
export function updateSnapshot(db: Database.Database, load: Load, options: UpdateOptions): SnapshotSummary | undefined {
  const { includeDrafts = false, fingerprint = "", authors = new Map(), indexedText } = options;
  let info: Map<string, string>;
  try {
    info = new Map((db.prepare("SELECT key, value FROM info").all() as { key: string; value: string }[]).map(({ key, value }) => [key, value]));
  } catch {
    return undefined;
  }
  if (info.get("format") !== SNAPSHOT_FORMAT || info.get("fingerprint") !== fingerprint || info.get("authors") !== authorsKey(authors)) return undefined;

  const rows = db.prepare("SELECT a.id, a.slug, a.author, a.meta, b.cache_key AS cacheKey, b.terms FROM articles a JOIN bodies b ON b.id = a.id").all() as {
    id: number;
    slug: string;
    author: string | null;
    meta: string;
    cacheKey: string | null;
    terms: string;
  }[];
  const previous = new Map(rows.map((row) => [row.slug, row]));
  const maxChanges = Math.max(UPDATE_ALWAYS, Math.floor(rows.length * UPDATE_SHARE));
  const unchanged = new Set<string>();
  const changed: LoadedArticle[] = [];
  let drafts = 0;
  let tooMany = false;
  load((loaded) => {
    if (loaded.article.draft && !includeDrafts) {
      drafts += 1;
      return;
    }
    const { slug } = loaded.article;
    if (loaded.cacheKey !== undefined && previous.get(slug)?.cacheKey === loaded.cacheKey) unchanged.add(slug);
    else if (changed.length < maxChanges) changed.push(loaded);
    else tooMany = true;
  });
  const gone = rows.filter((row) => !unchanged.has(row.slug));
  // Distinct slugs: an edited article counts once, though its old row goes and a new one comes.
  const touched = new Set([...gone.map((row) => row.slug), ...changed.map((loaded) => loaded.article.slug)]);
  if (tooMany || touched.size > maxChanges) return undefined;
  const removedText = new Map<number, string>();
  for (const row of gone) {
    const text = row.cacheKey === null ? undefined : indexedText(row.cacheKey);
    if (text === undefined) return undefined;
    removedText.set(row.id, text);
  }

  const statements = insertStatements(db);
  const kept = rows
    .filter((row) => unchanged.has(row.slug))
    .map((row): Kept => {
      const article = JSON.parse(row.meta) as Article;
      const { slug, title, tags, category, date } = article;
      return { id: row.id, slug, title, tags, category, time: date.time, date, terms: JSON.parse(row.terms) as Kept["terms"], author: row.author ?? undefined, byline: article.author };
    });
  try {
    db.transaction(() => {
      const drop = ["articles", "bodies"].map((table) => db.prepare(`DELETE FROM ${table} WHERE id = ?`));
      for (const row of gone) for (const statement of drop) statement.run(row.id);
      let nextId = rows.reduce((max, row) => Math.max(max, row.id), 0) + 1;
      const added: SearchDocument[] = [];
      for (const loaded of changed) {
        const inserted = insertArticle(statements, nextId++, loaded, authors);
        kept.push(inserted.kept);
        added.push(inserted.search);
      }
      if (!updateSearchDocuments(db, removedText, added)) throw new NoRoom();
      writeDerived(db, kept, options);
    })();
  } catch (error) {
    if (error instanceof NoRoom) return undefined;
    throw error;
  }
  return { articles: kept.length, drafts, mode: "updated", changed: touched.size };
}

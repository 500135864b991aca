import Database from "better-sqlite3";
import type { Article } from "../content/article-schema";
import type { LoadedArticle } from "../content/articles";
import { authorSlug } from "../content/author-slug";
import type { AuthorProfile } from "../content/authors";
import { categoryLabel } from "../content/category-label";
import { newestFirst } from "./newest-first";
import { RELATED_COUNT, rankRelated, type RelatedInput } from "./related";
import { SNAPSHOT_FORMAT } from "./snapshot-file.mjs";
import { addSearchDocuments, createSearchTables, finishSearchTables, searchSnapshot, type SearchDocument, type Highlighted } from "./search";

/**
 * The content snapshot: one SQLite database holding everything the site serves, written once by
 * the build from the validated articles, then opened read-only by every server process. Lists,
 * related articles and search are queries on it, so a server's start-up and memory do not grow
 * with the archive, and what the build validated is exactly what is served.
 */


export type CategorySummary = { name: string; label: string; count: number };
export type TagSummary = { name: string; count: number };
/** A byline with a page: its slug, the name as its newest article (or the authors file) writes it, its profile. */
export type AuthorSummary = { slug: string; name: string; count: number; bio?: string; url?: string };
/** Which articles a list holds: all, one category's, one tag's or one author's (by slug). */
export type ListFilter = { category?: string; tag?: string; author?: string };
export type RelatedArticle = { article: Article; reason: string };
export type SearchHit = { article: Article; title: Highlighted; summary: Highlighted };
export type SearchResults = { query: string; total: number; hits: SearchHit[] };
/** What rendering a body needs: its Markdown, where it starts in the file, and whether its images sit beside it. */
export type BodySource = { slug: string; markdown: string; firstLine: number; folder: boolean; cacheKey?: string };

const SCHEMA = `
  CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE articles (id INTEGER PRIMARY KEY, position INTEGER, slug TEXT NOT NULL UNIQUE, category TEXT NOT NULL, author TEXT, meta TEXT NOT NULL);
  CREATE TABLE bodies (id INTEGER PRIMARY KEY, cache_key TEXT, folder INTEGER NOT NULL, first_line INTEGER NOT NULL, markdown TEXT NOT NULL);
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

type SnapshotSummary = { articles: number; drafts: number };

/**
 * Writes a snapshot into the empty database `db` from the articles `load` hands over, one at a
 * time. If `load` throws (a content error), nothing is committed and the error passes on.
 * Drafts are left out unless `includeDrafts` (development shows them). `authors` are the authors
 * file's profiles by slug: a profile's url is the byline's authorUrl where the article gives none.
 */
export function writeSnapshot(
  db: Database.Database,
  load: (accept: (article: LoadedArticle) => void) => void,
  {
    includeDrafts = false,
    fingerprint = "",
    authors = new Map(),
  }: { includeDrafts?: boolean; fingerprint?: string; authors?: ReadonlyMap<string, AuthorProfile> } = {},
): SnapshotSummary {
  db.exec(SCHEMA);
  createSearchTables(db);
  const insertArticle = db.prepare("INSERT INTO articles (id, slug, category, author, meta) VALUES (?, ?, ?, ?, ?)");
  const insertBody = db.prepare("INSERT INTO bodies (id, cache_key, folder, first_line, markdown) VALUES (?, ?, ?, ?, ?)");
  const kept: Kept[] = [];
  let drafts = 0;
  let batch: SearchDocument[] = [];

  db.transaction(() => {
    load((loaded) => {
      const { article } = loaded;
      if (article.draft && !includeDrafts) {
        drafts += 1;
        return;
      }
      const id = kept.length + 1;
      const author = (article.author && authorSlug(article.author)) || undefined;
      const authorUrl = article.authorUrl ?? (author ? authors.get(author)?.url : undefined);
      insertArticle.run(id, article.slug, article.category, author ?? null, JSON.stringify(authorUrl ? { ...article, authorUrl } : article));
      insertBody.run(id, loaded.cacheKey ?? null, loaded.folder ? 1 : 0, loaded.firstLine, loaded.markdown);
      const { slug, title, summary, tags, category, date } = article;
      kept.push({ id, slug, title, tags, category, time: date.time, date, terms: loaded.terms, author, byline: article.author });
      batch.push({ id, slug, title, tags, summary, text: loaded.text, category, time: date.time });
      if (batch.length >= SEARCH_BATCH) {
        addSearchDocuments(db, batch);
        batch = [];
      }
    });
    addSearchDocuments(db, batch);
    batch = [];

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

    finishSearchTables(db);
    const insertInfo = db.prepare("INSERT INTO info (key, value) VALUES (?, ?)");
    insertInfo.run("format", SNAPSHOT_FORMAT);
    insertInfo.run("fingerprint", fingerprint);
    insertInfo.run("articles", String(kept.length));
  })();
  return { articles: kept.length, drafts };
}

/** A snapshot that cannot be served: missing, unreadable, or written by other code. */
export class SnapshotError extends Error {}

type Row = { meta: string };
type AuthorRow = { slug: string; name: string; count: number; bio: string | null; url: string | null };
const article = (row: Row | undefined): Article | undefined => (row ? (JSON.parse(row.meta) as Article) : undefined);

/** Read-only queries on a written snapshot. */
export class Snapshot {
  private readonly statements = new Map<string, Database.Statement>();
  private summaries?: {
    categories: CategorySummary[];
    tags: TagSummary[];
    count: number;
    byTag: Map<string, number>;
    byCategory: Map<string, number>;
    byAuthor: Map<string, AuthorSummary>;
  };

  constructor(readonly db: Database.Database) {
    let format: string | undefined;
    try {
      format = (db.prepare("SELECT value FROM info WHERE key = 'format'").get() as { value: string } | undefined)?.value;
    } catch (error) {
      throw new SnapshotError(`expected a content snapshot, found a database without one (${error instanceof Error ? error.message : String(error)})`);
    }
    if (format !== SNAPSHOT_FORMAT) throw new SnapshotError(`expected a content snapshot of format ${SNAPSHOT_FORMAT}, found ${format ?? "none"}: run npm run build`);
  }

  /** Opens the snapshot file read-only, or throws a SnapshotError that names the problem in one line. */
  static open(file: string): Snapshot {
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw new SnapshotError(`cannot open the content snapshot ${file}: ${error instanceof Error ? error.message : String(error)}; run npm run build`);
    }
    try {
      return new Snapshot(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private query(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private summary() {
    if (!this.summaries) {
      const categories = (this.query("SELECT name, label, count FROM categories").all() as CategorySummary[]).sort((a, b) => a.label.localeCompare(b.label));
      const tags = this.query("SELECT name, count FROM tags ORDER BY count DESC, name").all() as TagSummary[];
      const count = (this.query("SELECT count(*) AS n FROM articles").get() as { n: number }).n;
      // A tag page asks for its count on every request; an archive may have thousands of tags.
      const byTag = new Map(tags.map((tag) => [tag.name, tag.count]));
      const byCategory = new Map(categories.map((category) => [category.name, category.count]));
      const authors = (this.query("SELECT slug, name, count, bio, url FROM authors ORDER BY slug").all() as AuthorRow[]).map(
        ({ slug, name, count, bio, url }): AuthorSummary => ({ slug, name, count, ...(bio ? { bio } : {}), ...(url ? { url } : {}) }),
      );
      const byAuthor = new Map(authors.map((author) => [author.slug, author]));
      this.summaries = { categories, tags, count, byTag, byCategory, byAuthor };
    }
    return this.summaries;
  }

  article(slug: string): Article | undefined {
    return article(this.query("SELECT meta FROM articles WHERE slug = ?").get(slug) as Row | undefined);
  }

  /** Articles of a list, newest first, `limit` from `offset`. */
  list(filter: ListFilter, offset: number, limit: number): Article[] {
    const rows = filter.author
      ? this.query("SELECT meta FROM articles WHERE author = ? ORDER BY position LIMIT ? OFFSET ?").all(filter.author, limit, offset)
      : filter.tag
      ? this.query("SELECT a.meta FROM article_tags t JOIN articles a ON a.position = t.position WHERE t.tag = ? ORDER BY t.position LIMIT ? OFFSET ?").all(filter.tag, limit, offset)
      : filter.category
        ? this.query("SELECT meta FROM articles WHERE category = ? ORDER BY position LIMIT ? OFFSET ?").all(filter.category, limit, offset)
        : this.query("SELECT meta FROM articles ORDER BY position LIMIT ? OFFSET ?").all(limit, offset);
    return (rows as Row[]).map((row) => article(row)!);
  }

  /** How many articles a list holds. */
  count(filter: ListFilter = {}): number {
    const { count, byTag, byCategory, byAuthor } = this.summary();
    if (filter.author) return byAuthor.get(filter.author)?.count ?? 0;
    if (filter.tag) return byTag.get(filter.tag) ?? 0;
    if (filter.category) return byCategory.get(filter.category) ?? 0;
    return count;
  }

  /** Categories in use, by label, with how many articles each holds. */
  categories(): CategorySummary[] {
    return this.summary().categories;
  }

  /** Tags in use, most used first. */
  tags(): TagSummary[] {
    return this.summary().tags;
  }

  /** The author whose byline makes `slug`, with their profile from the authors file; undefined when no article has that byline. */
  author(slug: string): AuthorSummary | undefined {
    return this.summary().byAuthor.get(slug);
  }

  /** Every author with a page, by slug. */
  authors(): AuthorSummary[] {
    return [...this.summary().byAuthor.values()];
  }

  /** Up to RELATED_COUNT related articles, best first, each with why. */
  related(slug: string): RelatedArticle[] {
    const rows = this.query(
      "SELECT o.meta, r.reason FROM articles a JOIN related r ON r.id = a.id JOIN articles o ON o.id = r.other WHERE a.slug = ? ORDER BY r.rank",
    ).all(slug) as (Row & { reason: string })[];
    return rows.map((row) => ({ article: article(row)!, reason: row.reason }));
  }

  body(slug: string): BodySource | undefined {
    const row = this.query(
      "SELECT b.cache_key AS cacheKey, b.folder, b.first_line AS firstLine, b.markdown FROM articles a JOIN bodies b ON b.id = a.id WHERE a.slug = ?",
    ).get(slug) as { cacheKey: string | null; folder: number; firstLine: number; markdown: string } | undefined;
    return row && { slug, markdown: row.markdown, firstLine: row.firstLine, folder: row.folder === 1, cacheKey: row.cacheKey ?? undefined };
  }

  /** Every article, newest first, one at a time (the sitemap lists them all). */
  *all(): Generator<Article> {
    for (const row of this.query("SELECT meta FROM articles ORDER BY position").iterate() as IterableIterator<Row>) yield article(row)!;
  }

  search(query: string, options: { category?: string; offset?: number; limit?: number; asYouType?: boolean } = {}): SearchResults {
    const results = searchSnapshot(this.db, query, options);
    const byId = this.query("SELECT meta FROM articles WHERE id = ?");
    return {
      query: results.query,
      total: results.total,
      hits: results.hits.map((hit) => ({ article: article(byId.get(hit.id) as Row)!, title: hit.title, summary: hit.summary })),
    };
  }
}

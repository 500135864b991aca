import Database from "better-sqlite3";
import type { Article } from "../content/article-schema";
import { SNAPSHOT_FORMAT } from "./snapshot-file.mjs";
import { searchSnapshot, type Highlighted } from "./search";

/**
 * The content snapshot: one SQLite database holding everything the site serves, written by the
 * build from the validated articles (afresh, or after a few edits as an update of a copy of the
 * last one), then opened read-only by every server process. Lists, related articles and search
 * are queries on it, so a server's start-up and memory do not grow with the archive, and what
 * the build validated is exactly what is served.
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

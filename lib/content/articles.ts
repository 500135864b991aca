import fs from "node:fs";
import path from "node:path";
import type { Article, BodyWarning } from "./article-schema";
import { buildCollection, type CategorySummary, type Collection, type TagSummary } from "../archive/collection";
import { contentCacheDir, openContentCache, type ContentCache } from "./content-cache";
import { ContentError, type ContentProblem } from "./content-error";
import { parseArticle } from "./parse-article";
import { parserFingerprint } from "./parser-fingerprint";
import { processWide } from "../archive/process-wide";
import { RELATED_COUNT, relatedArticles } from "../archive/related";

export type { Article, CategorySummary, TagSummary };

/** `CONTENT_DIR` points the site at another archive without touching the repo. */
export function contentDir(): string {
  // The folder is chosen at run time, so the bundler must not try to trace it.
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.CONTENT_DIR || "content");
}

function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}

const INDEX_FILES = ["index.md", "index.markdown"];

/** The file an entry of the content folder holds: itself, or for a folder, its index.md, with the folder for its images. */
function articleSource(dir: string, entry: fs.Dirent): { name: string; path: string; folder?: string } | { problem: string } {
  if (entry.isFile()) return { name: entry.name, path: path.join(dir, entry.name) };
  if (entry.isDirectory()) {
    const folder = path.join(dir, entry.name);
    const index = INDEX_FILES.find((name) => fs.statSync(path.join(folder, name), { throwIfNoEntry: false })?.isFile());
    if (index) return { name: `${entry.name}/${index}`, path: path.join(folder, index), folder };
    return { problem: `expected an article folder to hold ${INDEX_FILES.join(" or ")}, found neither` };
  }
  return { problem: `expected an article file, found ${entry.isSymbolicLink() ? "a symbolic link, which is not followed" : "a special file"}` };
}

/** The names, sizes and times of every file under `dir`: what changes when an editor saves or adds an image. */
function filesSignature(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .sort()
    .map((name) => {
      const stat = fs.lstatSync(path.join(dir, name));
      return `${name}:${stat.size}:${stat.mtimeMs}`;
    })
    .join("|");
}

/**
 * Reads and validates every article in `dir`, taking what `cache` already
 * parsed from the same bytes. Throws one ContentError listing every problem in
 * the folder, so no bad file is ever half-rendered. Warnings (what a file lost in rendering)
 * go to `warn` and never fail the load.
 */
export function loadArticles(dir: string, cache?: ContentCache, warn?: (file: string, warning: BodyWarning) => void): Article[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (!isMissing(error)) throw error;
    throw new ContentError([{ file: shown(dir), field: "folder", message: "expected a content folder, found none" }]);
  }

  const problems: ContentProblem[] = [];
  const articles: Article[] = [];
  const fileOfSlug = new Map<string, string>();
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith(".")) continue;
    const file = shown(path.join(dir, entry.name));
    const source = articleSource(dir, entry);
    if ("problem" in source) {
      problems.push({ file, field: "file", message: source.problem });
      continue;
    }
    const shownFile = shown(source.path);
    const bytes = fs.readFileSync(source.path);
    const key = cache?.keyOf(source.name, bytes, source.folder && filesSignature(source.folder));
    const cached = key === undefined ? undefined : cache?.get(key);
    const result = cached ? { ok: true as const, article: cached } : parseArticle(source.name, bytes, shownFile, { folder: source.folder });
    if (result.ok && key !== undefined && !cached) cache?.set(key, result.article);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const twin = fileOfSlug.get(result.article.slug);
    if (twin) {
      problems.push({ file: shownFile, field: "slug", message: `expected a slug of its own, found "${result.article.slug}", which ${twin} already gives` });
      continue;
    }
    fileOfSlug.set(result.article.slug, shownFile);
    for (const warning of result.article.warnings) warn?.(shownFile, warning);
    articles.push(result.article);
  }
  if (problems.length > 0) throw new ContentError(problems);
  return articles;
}

// In development the folder is re-read when any file changes, so an edit shows
// on reload; in production content is parsed once per process.
const watchesFiles = process.env.NODE_ENV === "development";

function folderSignature(dir: string): string {
  try {
    return filesSignature(dir);
  } catch {
    return "missing";
  }
}

/**
 * The cache the site reads: the build inlines the fingerprint of the code it
 * bundled (next.config.ts), while development re-reads the sources so an edit
 * to the renderer shows on reload. Without a fingerprint (tests), no cache.
 */
function siteCache(): ContentCache | undefined {
  const fingerprint = watchesFiles ? parserFingerprint() : process.env.CONTENT_PARSER_FINGERPRINT;
  return fingerprint ? openContentCache(contentCacheDir(), fingerprint) : undefined;
}

type Loaded = { dir: string; signature: string | undefined; collection: Collection };
const state = processWide("content", (): { loaded?: Loaded } => ({}));

function collection(): Collection {
  const dir = contentDir();
  const signature = watchesFiles ? folderSignature(dir) : undefined;
  const { loaded } = state;
  if (loaded?.dir === dir && loaded.signature === signature) return loaded.collection;
  state.loaded = { dir, signature, collection: buildCollection(loadArticles(dir, siteCache()), watchesFiles) };
  return state.loaded.collection;
}

/** Every published article, newest first (drafts too, in development). */
export function getAllArticles(): Article[] {
  return collection().articles;
}

/** The article at `slug`, or undefined: a missing article is the route's to handle. */
export function getArticle(slug: string): Article | undefined {
  return collection().bySlug.get(slug);
}

/** Categories in use, by label, with how many articles each holds. */
export function getCategories(): CategorySummary[] {
  return collection().categories;
}

/** Tags in use, most used first. */
export function getTags(): TagSummary[] {
  return collection().tags;
}

export function getArticlesInCategory(category: string): Article[] {
  return collection().byCategory.get(category) ?? [];
}

export function getArticlesWithTag(tag: string): Article[] {
  return collection().byTag.get(tag) ?? [];
}

export function getRelatedArticles(article: Article, count = RELATED_COUNT): Article[] {
  return relatedArticles(collection().related, article, count);
}

import fs from "node:fs";
import path from "node:path";
import type { BodyWarning } from "./article-schema";
import type { ContentCache } from "./content-cache";
import { ContentError, type ContentProblem } from "./content-error";
import { decodeArticle, parseArticle, type ScannedArticle } from "./parse-article";

/** A file's path as messages show it: relative to the working directory when inside it. */
export function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

export function isMissing(error: unknown): boolean {
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

/** A valid article as loaded: its scan, its body's Markdown, and where its rendered body is cached. */
export type LoadedArticle = ScannedArticle & {
  markdown: string;
  /** The content cache's key for this file's bytes (and images); undefined without a cache. */
  cacheKey?: string;
  /** Whether the article is a folder, whose images are served beside it. */
  folder: boolean;
};

export type LoadOptions = {
  /** Takes what an earlier run scanned from the same bytes, and keeps what this run scans. */
  cache?: ContentCache;
  /** What a file loses in rendering; warnings never fail the load. */
  warn?: (file: string, warning: BodyWarning) => void;
};

/**
 * Reads and validates every article in `dir`, handing each valid one to `accept` as it is read,
 * so an archive of any size passes through without being held. Throws one ContentError listing
 * every problem in the folder once all are read: the caller discards what it was handed, so no
 * bad file is ever half-served.
 */
export function forEachArticle(dir: string, accept: (article: LoadedArticle) => void, { cache, warn }: LoadOptions = {}): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (!isMissing(error)) throw error;
    throw new ContentError([{ file: shown(dir), field: "folder", message: "expected a content folder, found none" }]);
  }

  const problems: ContentProblem[] = [];
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
    const bytes = fs.readFileSync(/* turbopackIgnore: true */ source.path);
    const cacheKey = cache?.keyOf(source.name, bytes, source.folder && filesSignature(source.folder));
    const cached = cacheKey === undefined ? undefined : cache?.get(cacheKey, "scan");
    const result = cached ? { ok: true as const, scanned: cached } : parseArticle(source.name, bytes, shownFile, { folder: source.folder });
    if (result.ok && cacheKey !== undefined && !cached) cache?.set(cacheKey, "scan", result.scanned);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const { slug } = result.scanned.article;
    const twin = fileOfSlug.get(slug);
    if (twin) {
      problems.push({ file: shownFile, field: "slug", message: `expected a slug of its own, found "${slug}", which ${twin} already gives` });
      continue;
    }
    fileOfSlug.set(slug, shownFile);
    for (const warning of result.scanned.warnings) warn?.(shownFile, warning);
    // Problems are reported all at once at the end; until one is found, every article passes on.
    if (problems.length > 0) continue;
    const markdown = decodeArticle(bytes)!.slice(result.scanned.bodyStart);
    accept({ ...result.scanned, markdown, cacheKey, folder: source.folder !== undefined });
  }
  if (problems.length > 0) throw new ContentError(problems);
}

/** Every valid article in `dir`, in file-name order; for archives small enough to hold (tests, tools). */
export function loadArticles(dir: string, options: LoadOptions = {}): LoadedArticle[] {
  const articles: LoadedArticle[] = [];
  forEachArticle(dir, (article) => articles.push(article), options);
  return articles;
}

/** The names, sizes and times of every file under `dir`, or "missing": what changes when an editor saves or adds an image. */
export function folderSignature(dir: string): string {
  try {
    return filesSignature(dir);
  } catch {
    return "missing";
  }
}

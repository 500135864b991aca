import path from "node:path";
import matter from "gray-matter";
import YAML from "yaml";
import { articleTerms, type Term } from "../archive/related";
import { resolveImage, type ImageContext } from "../markdown/article-images";
import { scanBody } from "../markdown/body-scan";
import { FRONTMATTER_KEYS, SLUG_PATTERN, frontmatterSchema, type Article, type BodyWarning } from "./article-schema";
import { categoryLabel } from "./category-label";
import { problemsFromIssues, type ContentProblem } from "./content-error";
import { readingTime } from "./reading-time";

const ARTICLE_EXTENSIONS = [".md", ".markdown"] as const;

/**
 * What the build knows of a file without rendering its body: the article, the body's plain words
 * (for search) and distinctive terms (for related articles), what rendering will drop, and where
 * the body starts, so it can be rendered on demand without reading the front matter again.
 */
export type ScannedArticle = {
  article: Article;
  text: string;
  terms: Term[];
  warnings: BodyWarning[];
  /** The body is the decoded file (without a byte order mark) from this character on. */
  bodyStart: number;
  /** The line of the file on which the body starts, so that warnings name lines of the file. */
  firstLine: number;
};

export type ParseResult = { ok: true; scanned: ScannedArticle } | { ok: false; problems: ContentProblem[] };

// The core schema keeps dates as the text the editor wrote (no implicit
// timestamps), and a low alias budget turns "billion laughs" into an error.
const matterOptions = {
  engines: {
    yaml: (source: string) => YAML.parse(source, { schema: "core", maxAliasCount: 50, prettyErrors: false }) as object,
  },
};

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The slug a file name gives (`<slug>.md`, or `<slug>/index.md` for an article that is a folder
 * with its images), or undefined when the name breaks the contract.
 */
function slugFromFileName(fileName: string): string | undefined {
  const extension = ARTICLE_EXTENSIONS.find((ext) => fileName.endsWith(ext));
  const stem = extension ? fileName.slice(0, -extension.length) : undefined;
  const slug = stem?.endsWith("/index") ? stem.slice(0, -"/index".length) : stem;
  return slug && SLUG_PATTERN.test(slug) ? slug : undefined;
}

/** Where an article's files are: its folder when it is one, and public/ for root image paths. */
export type ArticlePlace = { folder?: string; publicDir?: string };

function firstLineOf(message: string): string {
  return message.split("\n")[0]?.trim() ?? message;
}

/** The line of the file on which the body, starting at character `start`, starts. */
function bodyFirstLine(source: string, start: number): number {
  let line = 1;
  for (let i = 0; i < start; i++) if (source.charCodeAt(i) === 10) line += 1;
  return line;
}

/** The decoded text of an article file: UTF-8, without a byte order mark; undefined for other bytes. */
export function decodeArticle(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return undefined;
  }
}

/** One file's bytes to a scanned Article (validated front matter, body scanned but not rendered), or every problem with it. */
export function parseArticle(fileName: string, bytes: Uint8Array, displayPath: string, place: ArticlePlace = {}): ParseResult {
  const fail = (field: string, message: string): ParseResult => ({ ok: false, problems: [{ file: displayPath, field, message }] });

  const slug = slugFromFileName(fileName);
  if (!slug) {
    return fail(
      "file name",
      `expected lowercase words joined by hyphens ending in ${ARTICLE_EXTENSIONS.join(" or ")} (like "city-budget-vote.md", or "city-budget-vote/index.md" for a folder), found ${JSON.stringify(fileName)}`,
    );
  }

  const source = decodeArticle(bytes);
  if (source === undefined) return fail("file", "expected UTF-8 text, found bytes that are not valid UTF-8");
  if (source.trim() === "") return fail("file", "expected front matter and a body, found an empty file");
  if (!/^---\r?\n/.test(source)) {
    return fail("front matter", 'expected the file to start with a "---" line opening the front matter, found none');
  }

  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(source, matterOptions);
  } catch (error) {
    return fail("front matter", `expected valid YAML, found an error: ${firstLineOf(error instanceof Error ? error.message : String(error))}`);
  }

  const data: unknown = parsed.data;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return fail("front matter", "expected a mapping of keys to values, found something else");
  }

  const result = frontmatterSchema.safeParse(data);
  const problems = result.success ? [] : problemsFromIssues(displayPath, data, result.error.issues, FRONTMATTER_KEYS);
  if (parsed.content.trim() === "") problems.push({ file: displayPath, field: "body", message: "expected the article text after the front matter, found nothing" });
  if (!result.success || problems.length > 0) return { ok: false, problems };

  const images: ImageContext = { publicDir: place.publicDir ?? path.resolve("public"), folder: place.folder, folderUrl: `/articles/${slug}` };
  const hero = result.data.image === undefined ? undefined : resolveImage(result.data.image, images);
  if (hero && "problem" in hero) problems.push({ file: displayPath, field: "image", message: hero.problem });

  // gray-matter's content is the end of the file, after the front matter's closing line.
  const bodyStart = source.length - parsed.content.length;
  const firstLine = bodyFirstLine(source, bodyStart);
  let body: ReturnType<typeof scanBody>;
  try {
    body = scanBody(parsed.content, { firstLine, images });
  } catch (error) {
    return fail("body", `expected Markdown the renderer can handle, found an error: ${firstLineOf(error instanceof Error ? error.message : String(error))}`);
  }
  for (const missing of body.missingImages) {
    problems.push({ file: displayPath, field: "body", message: `${missing.line === undefined ? "" : `line ${missing.line}: `}${missing.message}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  const article: Article = {
    ...result.data,
    image: hero && !("problem" in hero) ? hero.src : result.data.image,
    slug,
    url: `/articles/${slug}`,
    categoryLabel: categoryLabel(result.data.category),
    wordCount: body.wordCount,
    readingTime: readingTime(body.wordCount),
  };
  return {
    ok: true,
    scanned: { article, text: body.text, terms: articleTerms({ title: article.title, summary: article.summary, text: body.text }), warnings: body.warnings, bodyStart, firstLine },
  };
}

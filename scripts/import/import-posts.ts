import fs from "node:fs";
import { ArticleImages } from "./article-images";
import { FrontMatterError, readSourceFile } from "./front-matter";
import { placeBodyImages } from "./body-images";
import type { Report, ReportKind } from "./report";
import { convertTemplates } from "./shortcodes";
import { requireFolder, ImportError, type Generator, type SourcePost } from "./site";
import { toContract } from "./to-contract";
import { existingArticle, writeArticle } from "./write-article";

export type ImportOptions = { generator: Generator; siteDir: string; outDir: string; defaultCategory: string };

export type ImportResult = { reports: Report[]; imported: number; withImages: number };

type PostOutcome = { reports: Report[]; written?: "file" | "folder" };

function importPost(post: SourcePost, options: ImportOptions): PostOutcome {
  const reports: Report[] = [];
  const report = (line: number, kind: ReportKind, what: string) => reports.push({ file: post.shown, line, kind, what });
  const notImported = (line: number, what: string): PostOutcome => {
    report(line, "not imported", `not imported: ${what}`);
    return { reports };
  };

  if (!post.slug) return notImported(1, "the file name has no letters or digits to make a slug of");
  const existing = existingArticle(options.outDir, post.slug);
  if (existing) {
    report(1, "skipped", `not imported: ${existing} is already there`);
    return { reports };
  }

  let source: ReturnType<typeof readSourceFile>;
  try {
    source = readSourceFile(fs.readFileSync(post.file, "utf8"));
  } catch (error) {
    if (!(error instanceof FrontMatterError) && !(error instanceof Error && "code" in error)) throw error;
    return notImported(1, error.message);
  }
  const { body, bodyLine, keyLine } = source;
  const lineAt = (offset: number) => bodyLine + (body.slice(0, offset).match(/\n/g)?.length ?? 0);

  const converted = convertTemplates(body);
  const images = new ArticleImages(post.images);
  const placed = placeBodyImages(converted.text, images);
  if (placed.text.trim() === "") return notImported(bodyLine, "the post has no text after its front matter");
  const { frontMatter, notes } = toContract(options.generator.fields(source.data), {
    keyLine,
    dateFromName: post.dateFromName,
    defaultCategory: options.defaultCategory,
    body: placed.text,
    images,
  });
  for (const note of notes) report(note.line, note.kind, note.what);
  if (!frontMatter) return { reports };

  for (const problem of converted.problems) report(lineAt(problem.offset), "not converted", problem.what);
  for (const problem of placed.problems) report(lineAt(converted.sourceOffset(problem.offset)), "not converted", problem.what);
  try {
    writeArticle(options.outDir, { slug: post.slug, frontMatter, body: placed.text, images: images.files });
  } catch (error) {
    return notImported(1, error instanceof Error ? error.message : String(error));
  }
  return { reports, written: images.files.size > 0 ? "folder" : "file" };
}

/** Imports every post of a Hugo or Jekyll site into the content folder, reporting what it could not convert. */
export function importSite(options: ImportOptions): ImportResult {
  requireFolder(options.siteDir, "cannot read the site folder");
  const posts = options.generator.findPosts(options.siteDir);
  if (posts.length === 0) throw new ImportError(`found no posts in ${options.siteDir}`);
  try {
    fs.mkdirSync(options.outDir, { recursive: true });
  } catch (error) {
    throw new ImportError(`cannot write articles to ${options.outDir}: ${error instanceof Error ? error.message : String(error)}`);
  }

  const reports: Report[] = [];
  let imported = 0;
  let withImages = 0;
  for (const post of posts) {
    const { reports: found, written } = importPost(post, options);
    reports.push(...found.sort((a, b) => a.line - b.line));
    if (written) imported++;
    if (written === "folder") withImages++;
  }
  return { reports, imported, withImages };
}

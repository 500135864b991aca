import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { ContractFrontMatter } from "./to-contract";

export type ArticleToWrite = {
  slug: string;
  frontMatter: ContractFrontMatter;
  body: string;
  /** Path beside the article → source file; any image makes the article a folder. */
  images: ReadonlyMap<string, string>;
};

/** What already holds this slug in the content folder, in any form the loader reads. */
export function existingArticle(outDir: string, slug: string): string | undefined {
  return [`${slug}.md`, `${slug}.markdown`, slug].map((name) => path.join(outDir, name)).find((file) => fs.existsSync(file));
}

/** The article's file text: quoted YAML front matter, so no value is read back as another type. */
function articleText({ frontMatter, body }: ArticleToWrite): string {
  const yaml = YAML.stringify(frontMatter, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 });
  return `---\n${yaml}---\n\n${body.replace(/^(?:[ \t]*\n)+/, "").trimEnd()}\n`;
}

/**
 * Writes `<slug>.md`, or `<slug>/index.md` with its images beside it, and answers the path
 * written. Exclusive creation makes it throw rather than replace anything already there.
 */
export function writeArticle(outDir: string, article: ArticleToWrite): string {
  const text = articleText(article);
  if (article.images.size === 0) {
    const file = path.join(outDir, `${article.slug}.md`);
    fs.writeFileSync(file, text, { flag: "wx" });
    return file;
  }
  const dir = path.join(outDir, article.slug);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "index.md"), text, { flag: "wx" });
  for (const [name, source] of article.images) {
    const target = path.join(dir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(source, target, fs.constants.COPYFILE_EXCL);
  }
  return dir;
}

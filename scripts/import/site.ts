import fs from "node:fs";
import path from "node:path";
import type { ImageRoots } from "./article-images";
import type { SourceFields } from "./fields";

/** A post file found in the source site. */
export type SourcePost = {
  file: string;
  /** Relative to the site folder, with forward slashes: the name reports use. */
  shown: string;
  /** Empty when the file name has nothing to make a slug of. */
  slug: string;
  images: ImageRoots;
  dateFromName?: string;
};

/** Where one generator keeps its posts, and what its front-matter keys are called. */
export type Generator = {
  findPosts(siteDir: string): SourcePost[];
  fields(data: Record<string, unknown>): SourceFields;
};

/** The import cannot start: the message names the folder and what is wrong with it. */
export class ImportError extends Error {}

export function requireFolder(dir: string, what: string): void {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) throw new ImportError(`${what}: ${dir} ${stat ? "is not a folder" : "does not exist"}`);
}

/** A relative path with forward slashes, as reports and Markdown write it. */
export const toPosix = (relative: string) => relative.split(path.sep).join("/");

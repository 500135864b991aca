import { slugify } from "../slugify";

/** The slug of a post file or bundle path: its last segment without extension or Jekyll's date prefix. */
export function slugFromPath(postPath: string): string {
  const segments = postPath.replace(/\/(?:_?index\.(?:md|markdown))?$/i, "").split("/");
  const name = (segments.at(-1) ?? "").replace(/\.(?:md|markdown|html)$/i, "");
  return slugify(name.replace(/^\d{4}-\d{1,2}-\d{1,2}-/, ""));
}

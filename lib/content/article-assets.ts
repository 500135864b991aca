import fs from "node:fs";
import path from "node:path";

/** The image types an article folder may serve, by extension; anything else there (index.md, notes) is never served. */
const IMAGE_TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".svg": "image/svg+xml",
};

/**
 * The image at `segments` inside the folder of the article `slug` under `contentDir`, with its
 * type; undefined for anything else: another type, a hidden file, a symbolic link, or a path
 * that leaves the folder.
 */
export function articleImageFile(contentDir: string, slug: string, segments: string[]): { file: string; type: string } | undefined {
  if (segments.length === 0 || segments.some((segment) => segment === "" || segment.startsWith(".") || segment.includes("/") || segment.includes("\\"))) return undefined;
  const type = IMAGE_TYPES[path.extname(segments.at(-1)!).toLowerCase()];
  if (!type) return undefined;
  const folder = path.join(contentDir, slug);
  const file = path.resolve(folder, ...segments);
  if (!file.startsWith(`${folder}${path.sep}`)) return undefined;
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  return stat?.isFile() ? { file, type } : undefined;
}

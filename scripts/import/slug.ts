/**
 * Lowercase ASCII words joined by single hyphens, the form this site gives file names, categories
 * and tags. Accents are stripped rather than dropped so "Café" keeps its letters, and apostrophes
 * vanish so "don't" reads "dont", not "don-t". Empty when nothing sluggable is left.
 */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/['’]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The slug of a post file or bundle path: its last segment without extension or Jekyll's date prefix. */
export function slugFromPath(postPath: string): string {
  const segments = postPath.replace(/\/(?:_?index\.(?:md|markdown))?$/i, "").split("/");
  const name = (segments.at(-1) ?? "").replace(/\.(?:md|markdown|html)$/i, "");
  return slugify(name.replace(/^\d{4}-\d{1,2}-\d{1,2}-/, ""));
}

// Latin letters that NFKD does not decompose into a base letter and a mark.
const LETTERS: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", ł: "l", þ: "th", ı: "i" };

/**
 * The words of `text` as lowercase ASCII, the form this site gives file names, categories and
 * tags (join them with hyphens). Accents are stripped rather than dropped, so "Café" keeps its
 * letters, and apostrophes vanish, so "Don't" reads "dont", not "don-t".
 */
export function slugWords(text: string): string[] {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (letter) => LETTERS[letter] ?? "")
    .replace(/\p{M}/gu, "")
    .replace(/['’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** `text` as a slug: its words joined by single hyphens; empty when nothing sluggable is left. */
export function slugify(text: string): string {
  return slugWords(text).join("-");
}

import { TomlDate } from "smol-toml";

/** A front-matter value and the key it was written under, so a report can name its line. */
export type Field<T = unknown> = { key: string; value: T };

/** What a post's front matter says, under the names this site uses, whichever generator wrote it. */
export type SourceFields = {
  title?: Field;
  date?: Field;
  updated?: Field;
  categories?: Field<unknown[]>;
  tags?: Field<unknown[]>;
  summary?: Field;
  author?: Field<unknown[]>;
  image?: Field;
  imageAlt?: Field;
  draft: boolean;
};

function valueAt(data: Record<string, unknown>, key: string): unknown {
  let value: unknown = data;
  for (const part of key.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const isMapping = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof TomlDate);

/**
 * The first of the keys (dotted for nested ones, like "cover.image") with a value. Mappings are
 * passed over, so `image: {path: …}` falls through to "image.path"; a list gives its first item.
 */
export function pick(data: Record<string, unknown>, keys: string[]): Field | undefined {
  for (const key of keys) {
    const found = valueAt(data, key);
    const value = Array.isArray(found) ? found[0] : found;
    if (value !== undefined && value !== null && value !== "" && !isMapping(value)) return { key, value };
  }
  return undefined;
}

/** A list-valued field; a single value is a list of one, or with splitSpaces (Jekyll) a space-separated list. */
export function pickList(data: Record<string, unknown>, keys: string[], splitSpaces = false): Field<unknown[]> | undefined {
  for (const key of keys) {
    const value = valueAt(data, key);
    if (Array.isArray(value)) return { key, value };
    if (typeof value === "string" && splitSpaces) return { key, value: value.split(/\s+/).filter(Boolean) };
    if (typeof value === "string" || typeof value === "number") return { key, value: [value] };
  }
  return undefined;
}

import { TomlDate } from "smol-toml";
import type { ArticleImages } from "./article-images";
import { canonicalDate } from "./dates";
import type { Field, SourceFields } from "./fields";
import type { ReportKind } from "./report";
import { slugify } from "../slugify";
import { firstParagraph } from "./summary";

/** The front matter this site's loader validates, in the order an editor reads it. */
export type ContractFrontMatter = {
  title: string;
  date: string;
  updated?: string;
  category: string;
  summary: string;
  author?: string;
  tags?: string[];
  image?: string;
  imageAlt?: string;
  draft?: true;
};

export type Note = { line: number; what: string; kind: ReportKind };

export type PostContext = {
  keyLine(key: string): number;
  /** Jekyll's date from the file name, used when the front matter has none. */
  dateFromName?: string;
  defaultCategory: string;
  /** The converted body, for a summary when the front matter has none. */
  body: string;
  images: ArticleImages;
};

function text(value: unknown): string | undefined {
  const written = typeof value === "string" || typeof value === "number" ? String(value).replace(/\s+/g, " ").trim() : "";
  return written === "" ? undefined : written;
}

function shown(value: unknown): string {
  // smol-toml writes every time with milliseconds; the author wrote none.
  if (value instanceof TomlDate) return value.toISOString().replace(/\.000(?=$|[Z+-])/, "");
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/**
 * Maps a post's fields onto this site's front matter, noting every value it had to choose or
 * leave out. Undefined front matter means the post cannot be imported; the last note says why.
 */
export function toContract(fields: SourceFields, context: PostContext): { frontMatter?: ContractFrontMatter; notes: Note[] } {
  const notes: Note[] = [];
  const lineOf = (field: Field | undefined) => (field ? context.keyLine(field.key.split(".")[0]!) : 1);
  const note = (field: Field | undefined, kind: ReportKind, what: string) => notes.push({ line: lineOf(field), kind, what });
  const fail = (field: Field | undefined, what: string) => {
    note(field, "not imported", `not imported: ${what}`);
    return { notes };
  };

  const title = text(fields.title?.value);
  if (!title) return fail(fields.title, "no title");

  const written = fields.date && canonicalDate(fields.date.value);
  const date = written ?? (context.dateFromName ? { text: context.dateFromName, noZone: false } : undefined);
  if (!date) return fail(fields.date, fields.date ? `date ${shown(fields.date.value)} is not a date` : "no date");
  if (fields.date && !written) note(fields.date, "filled in", `date ${shown(fields.date.value)} is not a date; used ${date.text} from the file name`);
  if (date.noZone) note(fields.date, "filled in", `date ${shown(fields.date?.value)} has no time zone; written as ${date.text}`);

  let updated = fields.updated && canonicalDate(fields.updated.value);
  if (fields.updated && !updated) {
    note(fields.updated, "not converted", `${fields.updated.key} ${shown(fields.updated.value)} is not a date; left out`);
  } else if (updated && Date.parse(updated.text) < Date.parse(date.text)) {
    note(fields.updated, "not converted", `${fields.updated!.key} ${updated.text} is before the date; left out`);
    updated = undefined;
  } else if (updated?.noZone) {
    note(fields.updated, "filled in", `${fields.updated!.key} ${shown(fields.updated!.value)} has no time zone; written as ${updated.text}`);
  }

  const firstCategory = fields.categories?.value[0];
  let category = slugify(text(firstCategory) ?? "");
  if (!category) {
    category = context.defaultCategory;
    const why = firstCategory === undefined ? "no category" : `category ${shown(firstCategory)} has no letters or digits to make a slug of`;
    note(fields.categories, "filled in", `${why}; filed under "${category}"`);
  }

  let summary = text(fields.summary?.value);
  if (!summary) {
    summary = firstParagraph(context.body);
    note(fields.summary, "filled in", summary ? "no summary in the front matter; used the first paragraph" : "no summary in the front matter and no paragraph to take one from; used the title");
    summary ??= title;
  }

  const tags = new Set<string>();
  for (const tag of fields.tags?.value ?? []) {
    const slug = slugify(text(tag) ?? "");
    if (slug) tags.add(slug);
    else note(fields.tags, "not converted", `tag ${shown(tag)} has no letters or digits to make a slug of; left out`);
  }

  const image = text(fields.image?.value);
  let imageAlt = text(fields.imageAlt?.value);
  const placement = image ? context.images.place(image) : undefined;
  if (placement && "notFound" in placement) note(fields.image, "not converted", `image ${image} not found at ${placement.notFound}; left as written`);
  if (image && !imageAlt) {
    imageAlt = title;
    note(fields.image, "filled in", "no alt text for the image; used the title");
  }

  const authors = (fields.author?.value ?? []).map(text).filter((name) => name !== undefined);
  const frontMatter: ContractFrontMatter = {
    title,
    date: date.text,
    ...(updated ? { updated: updated.text } : {}),
    category,
    summary,
    ...(authors.length > 0 ? { author: authors.join(", ") } : {}),
    ...(tags.size > 0 ? { tags: [...tags] } : {}),
    ...(image ? { image: placement && "written" in placement ? placement.written : image, imageAlt } : {}),
    ...(fields.draft ? { draft: true as const } : {}),
  };
  return { frontMatter, notes };
}

import { z } from "zod";
import { publishDateSchema } from "./publish-date";

/** Lowercase words joined by single hyphens: the form of slugs, categories and tags. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Text that is not empty once trimmed; `what` names it in the error. */
export const text = (what: string) =>
  z.string({ error: `expected ${what} as text` }).trim().min(1, { error: `expected ${what}, not empty text` });

const slug = (what: string) =>
  z
    .string({ error: `expected ${what} as text` })
    .trim()
    .toLowerCase()
    .regex(SLUG_PATTERN, { error: `expected ${what} as lowercase words joined by hyphens (like "climate-policy")` });

/** An absolute http(s) URL; `expected` is the whole error message. */
const httpUrlSaying = (expected: string) =>
  z
    .string({ error: expected })
    .trim()
    .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), { error: expected });

const httpUrl = httpUrlSaying("expected an http(s) URL");
/** An author's page, in front matter and in the authors file. */
export const authorUrl = httpUrlSaying("expected the author's page as an http(s) URL (like https://example.com/staff/jane-doe)");

const IMAGE = "expected an image path under public/ (like /images/map.svg), a path beside the article (like chart.png), or an http(s) URL";
// Where the path leads, and whether the file is there, is checked when the article is parsed (article-images.ts).
const imagePath = z
  .string({ error: IMAGE })
  .trim()
  .refine((value) => value !== "" && !value.startsWith("//") && (!/^[a-z][a-z0-9+.-]*:/i.test(value) || (/^https?:\/\//i.test(value) && URL.canParse(value))), {
    error: IMAGE,
  });

const CORRECTIONS = "expected a list of corrections, each a mapping with date and text";
const correctionSchema = z.strictObject(
  { date: publishDateSchema, text: text("the correction's text") },
  { error: "expected a correction as a mapping with date and text" },
);

const sourceSchema = z.union(
  [
    text("a source name").transform((name) => ({ name, url: undefined as string | undefined })),
    z.strictObject({ name: text("a source name"), url: httpUrl.optional() }),
  ],
  { error: "expected a source name, or a mapping with name and url" },
);

/**
 * The front matter an editor writes. Its parsed output is the typed core of
 * every Article; unknown keys are errors so that a typo such as `catgory`
 * cannot silently drop a field.
 */
export const frontmatterSchema = z
  .strictObject({
    title: text("a headline"),
    date: publishDateSchema,
    updated: publishDateSchema.optional(),
    category: slug("a category"),
    summary: text("a one-paragraph summary"),
    source: sourceSchema.optional(),
    author: text("an author name").optional(),
    /** The byline's page (a staff profile, a personal site): structured data's author.url. */
    authorUrl: authorUrl.optional(),
    tags: z
      // YAML reads a tag such as 47 as a number; it is still a tag.
      .array(z.preprocess((tag) => (typeof tag === "number" ? String(tag) : tag), slug("a tag")), { error: "expected a list of tags" })
      .default([])
      .transform((tags) => [...new Set(tags)]),
    image: imagePath.optional(),
    imageAlt: text("image alt text").optional(),
    draft: z.boolean({ error: "expected true or false" }).default(false),
    /** Corrections to the published text, shown under the body in the order written. */
    corrections: z.array(correctionSchema, { error: CORRECTIONS }).optional(),
  })
  .superRefine((data, ctx) => {
    if (data.image && !data.imageAlt) {
      ctx.addIssue({ code: "custom", path: ["imageAlt"], message: "expected alt text describing the image, since an image is given" });
    }
    if (data.authorUrl && !data.author) {
      ctx.addIssue({ code: "custom", path: ["author"], message: "expected an author name, since authorUrl is given" });
    }
    if (data.updated && data.updated.time < data.date.time) {
      ctx.addIssue({ code: "custom", path: ["updated"], message: `expected a date on or after the date (${data.date.iso})` });
    }
    data.corrections?.forEach((correction, at) => {
      if (correction.date.time < data.date.time) {
        ctx.addIssue({ code: "custom", path: ["corrections", at, "date"], message: `expected a date on or after the article's date (${data.date.iso})` });
      }
    });
  });

export const FRONTMATTER_KEYS = Object.keys(frontmatterSchema.shape);

export type Frontmatter = z.infer<typeof frontmatterSchema>;

export type Correction = z.infer<typeof correctionSchema>;

export type Heading = { depth: number; text: string; id: string };

/** Something the renderer dropped or could not read, on a line of the file: reported, never fatal. */
export type BodyWarning = { line: number; message: string };

/** Fields computed once by the loader from the file name and a scan of the body. */
type Derived = {
  slug: string;
  url: `/articles/${string}`;
  categoryLabel: string;
  wordCount: number;
  /** Minutes, ceil(words / 200), at least 1. */
  readingTime: number;
};

/**
 * An article as lists, pages and feeds see it: front matter and what the scan derived. The
 * body's HTML is not part of it: it is rendered when a page first needs it (ArticleBody).
 */
export type Article = Frontmatter & Derived;

/** A body rendered to sanitized HTML, with its outline. */
export type ArticleBody = { html: string; headings: Heading[] };

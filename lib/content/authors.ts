import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { authorUrl, text } from "./article-schema";
import { isMissing, shown } from "./articles";
import { authorSlug } from "./author-slug";
import { ContentError, problemsFromIssues } from "./content-error";

// The authors file: a byline's profile (bio, page) keyed by the byline as articles write it.

const profileSchema = z.strictObject(
  {
    name: text("the byline as articles write it"),
    bio: text("a short biography").optional(),
    url: authorUrl.optional(),
  },
  { error: "expected an author as a mapping with name, and optionally bio and url" },
);

const authorsSchema = z
  .array(profileSchema, { error: "expected a list of authors, each with name, and optionally bio and url" })
  .superRefine((profiles, ctx) => {
    const seen = new Map<string, number>();
    profiles.forEach((profile, at) => {
      const slug = authorSlug(profile.name);
      if (!slug) {
        ctx.addIssue({ code: "custom", path: [at, "name"], message: "expected a name with Latin letters or digits, which its page's address is made of" });
        return;
      }
      const earlier = seen.get(slug);
      if (earlier !== undefined) {
        ctx.addIssue({ code: "custom", path: [at, "name"], message: `expected each author once; [${earlier}] has the same address /authors/${slug}` });
      }
      seen.set(slug, at);
    });
  });

export type AuthorProfile = z.infer<typeof profileSchema>;

/** `AUTHORS_FILE`, or `authors.yml` in the working directory (beside `content/`, which holds only articles). */
export function authorsFile(): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.AUTHORS_FILE || "authors.yml");
}

/**
 * The profiles in the authors file, by slug; none when the file does not exist (it is optional).
 * A file that is not valid YAML or not a valid list throws a ContentError naming the file and each
 * field, as a bad article does.
 */
export function loadAuthors(file = authorsFile()): Map<string, AuthorProfile> {
  let source: string;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (isMissing(error)) return new Map();
    throw error;
  }
  const name = shown(file);
  let data: unknown;
  try {
    data = YAML.parse(source, { schema: "core", maxAliasCount: 50, prettyErrors: false }) ?? [];
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new ContentError([{ file: name, field: "authors", message: `expected YAML, found a syntax error (${reason})` }]);
  }
  const result = authorsSchema.safeParse(data);
  if (!result.success) {
    throw new ContentError(
      problemsFromIssues(name, data, result.error.issues, Object.keys(profileSchema.shape)).map((problem) => ({
        ...problem,
        field: problem.field === "front matter" ? "authors" : `authors${problem.field.startsWith("[") ? "" : "."}${problem.field}`,
        message: problem.message === "unknown key" ? `unknown key; allowed keys are ${Object.keys(profileSchema.shape).join(", ")}` : problem.message,
      })),
    );
  }
  return new Map(result.data.map((profile) => [authorSlug(profile.name), profile]));
}

/** What changes when an editor saves the authors file: development re-reads it then. */
export function authorsSignature(file = authorsFile()): string {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.size}:${stat.mtimeMs}` : "none";
}

// `npm run new -- "Headline" --category tech`: the house equivalent of `hugo new`.
// Writes content/<slug>.md as a draft with valid front matter and a body
// skeleton, checks it with the site's own parser, and never overwrites a file.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import YAML from "yaml";
import { SLUG_PATTERN } from "../lib/content/article-schema";
import { contentDir } from "../lib/content/content-dir";
import { parseArticle } from "../lib/content/parse-article";
import { slugWords, slugify } from "./slugify";

const USAGE = `Usage: npm run new -- "Headline" --category <slug> [options]

  --category <slug>   required: a lowercase slug such as tech or local-news
  --tags <a,b>        tags, comma-separated lowercase slugs
  --author <name>     the byline
  --summary <text>    the standfirst (otherwise a placeholder to replace)
  --slug <slug>       the file name and address, instead of one made from the headline
  --help              this text

Writes <CONTENT_DIR or content>/<slug>.md as a draft; it never overwrites a file.`;

const SUMMARY_PLACEHOLDER = "One paragraph: what happened and why it matters.";
const BODY = `The opening paragraph: who, what, where and when. Replace this with the first paragraph of the story.

## What happens next

Replace this section. Sections start at \`##\`; the headline is the page's only first-level heading.
`;
const SLUG_MAX = 80;
const EXTENSIONS = [".md", ".markdown"];

/** A failure the editor can fix; `usage` adds the usage text. */
class Failure extends Error {
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

/** The headline's words as a slug of at most SLUG_MAX characters, cut at a word boundary. */
function slugOfHeadline(text: string): string {
  let slug = "";
  for (const word of slugWords(text)) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_MAX) return slug || word.slice(0, SLUG_MAX);
    slug = next;
  }
  return slug;
}

/** One line of text: whitespace runs, line breaks included, become one space. */
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

function slugOption(what: string, value: string): string {
  const slug = value.trim().toLowerCase();
  if (SLUG_PATTERN.test(slug)) return slug;
  const suggestion = slugify(value);
  const hint = suggestion ? ` (like "${suggestion}")` : "";
  throw new Failure(`${what}: expected lowercase words joined by hyphens${hint}, found ${JSON.stringify(value)}`, true);
}

function textOption(what: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = oneLine(value);
  if (!text) throw new Failure(`${what}: expected text, found nothing`, true);
  return text;
}

/** Today in the machine's own calendar, as YYYY-MM-DD. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A path relative to the working directory when inside it, as the site's own messages show files. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

type Options = { title: string; slug: string; category: string; tags: string[]; author?: string; summary?: string };

function readOptions(argv: string[]): Options | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        category: { type: "string" },
        tags: { type: "string" },
        author: { type: "string" },
        summary: { type: "string" },
        slug: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new Failure(error instanceof Error ? error.message : String(error), true);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";

  // An unquoted headline arrives as several words; they are one headline.
  const title = oneLine(positionals.join(" "));
  if (!title) throw new Failure("Missing the headline.", true);
  if (values.category === undefined) throw new Failure("Missing --category.", true);
  const category = slugOption("--category", values.category);
  const tags = [
    ...new Set(
      (values.tags ?? "")
        .split(",")
        .filter((tag) => tag.trim())
        .map((tag) => slugOption("--tags", tag)),
    ),
  ];

  let slug: string;
  if (values.slug !== undefined) {
    slug = slugOption("--slug", values.slug);
  } else {
    slug = slugOfHeadline(title);
    if (!slug) {
      throw new Failure(
        `The headline ${JSON.stringify(title)} has no letters or digits to make a file name from. Choose one with --slug, for example --slug night-buses-return.`,
      );
    }
  }
  return { title, slug, category, tags, author: textOption("--author", values.author), summary: textOption("--summary", values.summary) };
}

/** The file's text: front matter written by the YAML library, so any headline is quoted safely, then a body skeleton. */
function articleText(options: Options): string {
  const data: Record<string, unknown> = {
    title: options.title,
    date: today(),
    category: options.category,
    summary: options.summary ?? SUMMARY_PLACEHOLDER,
  };
  if (options.tags.length > 0) data.tags = options.tags;
  if (options.author) data.author = options.author;
  data.draft = true;

  const doc = new YAML.Document(data);
  // Free text is always double-quoted, so an editor can type a colon or a quote into it later.
  for (const key of ["title", "summary", "author"]) {
    const node = doc.get(key, true);
    if (YAML.isScalar(node)) node.type = "QUOTE_DOUBLE";
  }
  const tags = doc.get("tags", true);
  if (YAML.isSeq(tags)) tags.flow = true;
  return `---\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}---\n\n${BODY}`;
}

function problemsOf(fileName: string, bytes: Uint8Array, shownPath: string): string | undefined {
  const result = parseArticle(fileName, bytes, shownPath);
  return result.ok ? undefined : result.problems.map((p) => `  ${p.file}: ${p.field}: ${p.message}`).join("\n");
}

/** Where the command's lines go: the console, or a test's arrays. */
export type Output = { out(line: string): void; error(line: string): void };

function create(argv: string[], output: Output): void {
  const options = readOptions(argv);
  if (options === "help") {
    output.out(USAGE);
    return;
  }

  const dir = contentDir();
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Failure(`The content folder ${shown(dir)} does not exist (CONTENT_DIR chooses another).`);
  }
  // content/x.markdown gives the same slug as content/x.md, so either one is taken.
  for (const extension of EXTENSIONS) {
    const existing = path.join(dir, `${options.slug}${extension}`);
    if (fs.existsSync(existing)) {
      throw new Failure(`${shown(existing)} already exists; it was left as it is. Choose another file name with --slug.`);
    }
  }

  const fileName = `${options.slug}.md`;
  const file = path.join(dir, fileName);
  const bytes = Buffer.from(articleText(options), "utf8");
  // Checked before writing, so a file the site would reject is never left behind.
  const before = problemsOf(fileName, bytes, shown(file));
  if (before) throw new Error(`The new article would not pass the site's checks (a bug in this script):\n${before}`);

  try {
    fs.writeFileSync(file, bytes, { flag: "wx" }); // wx: fails rather than overwrite, even in a race.
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "EEXIST") {
      throw new Failure(`${shown(file)} already exists; it was left as it is. Choose another file name with --slug.`);
    }
    throw error;
  }

  // And checked again as written.
  const after = problemsOf(fileName, fs.readFileSync(file), shown(file));
  if (after) {
    fs.rmSync(file);
    throw new Error(`The article as written did not pass the site's checks, so it was removed:\n${after}`);
  }

  // Drafts show only in development, so the address is the dev server's, not SITE_URL (the public origin).
  const port = /^\d+$/.test(process.env.PORT ?? "") ? process.env.PORT : "3000";
  output.out(`Created ${shown(file)}`);
  output.out(`Open http://localhost:${port}/articles/${options.slug} with \`npm run dev\` running.`);
  output.out(`It is a draft: it shows in \`npm run dev\` only, marked "Draft". Set draft: false to publish it.`);
}

/** Runs the command; returns its exit code. A mistake the editor can fix is a message, never a stack trace. */
export function main(argv: string[], output: Output = { out: console.log, error: console.error }): number {
  try {
    create(argv, output);
    return 0;
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    output.error(error.usage ? `${error.message}\n\n${USAGE}` : error.message);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = main(process.argv.slice(2));

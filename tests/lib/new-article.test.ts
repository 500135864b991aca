import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SLUG_PATTERN } from "@/lib/content/article-schema";
import { main } from "@/scripts/new-article";
import { tempContentDir as newTempDir, renderedArticles } from "./fixtures";

const root = path.resolve(__dirname, "../..");
const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempContentDir(): string {
  const dir = newTempDir();
  tempDirs.push(dir);
  return dir;
}

/**
 * Runs the command in this process, as `npm run new` would with CONTENT_DIR=dir and `env`, and
 * returns what it printed and its exit code. (One test below runs it as a real command.)
 */
function newArticle(dir: string, args: string[], env: Record<string, string> = {}) {
  const saved = { ...process.env };
  const stdout: string[] = [];
  const stderr: string[] = [];
  // The printed address is checked against the default port.
  delete process.env.PORT;
  Object.assign(process.env, { CONTENT_DIR: dir, ...env });
  try {
    const status = main(args, { out: (line) => stdout.push(`${line}\n`), error: (line) => stderr.push(`${line}\n`) });
    return { status, stdout: stdout.join(""), stderr: stderr.join("") };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

/** The real command, in a process of its own. */
function newArticleCommand(dir: string, args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/new-article.ts", ...args], {
    cwd: root,
    env: { ...process.env, CONTENT_DIR: dir },
    encoding: "utf8",
  });
}

/** YYYY-MM-DD in a time zone, or in the machine's own when none is given. */
function dayIn(timeZone?: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/** Runs `run`, returning its result and the days it may have seen (two only across midnight). */
function aroundRun<T>(run: () => T, timeZone?: string): { result: T; days: string[] } {
  const before = dayIn(timeZone);
  const result = run();
  return { result, days: [...new Set([before, dayIn(timeZone)])] };
}

const files = (dir: string) => fs.readdirSync(dir).sort();
const STACK_FRAME = /^\s+at /m;

describe("npm run new", () => {
  it("writes a valid draft whose headline, with quotes, colon and accent, round-trips exactly", () => {
    const dir = tempContentDir();
    const headline = 'Café: the "new" menu';
    const { result: run, days } = aroundRun(() =>
      newArticle(dir, [headline, "--category", "Tech", "--tags", "AI, climate-policy,ai", "--author", "Ada Reporter"], {
        SITE_URL: "https://news.example",
      }),
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(files(dir)).toEqual(["cafe-the-new-menu.md"]);
    const file = path.join(dir, "cafe-the-new-menu.md");
    expect(run.stdout).toContain(`Created ${file}\n`);
    // Drafts show only in `npm run dev`, so the address is the dev server's, not the public SITE_URL.
    expect(run.stdout).toContain("http://localhost:3000/articles/cafe-the-new-menu");
    expect(run.stdout).toContain("npm run dev");
    expect(run.stdout).toContain('"Draft"');

    const text = fs.readFileSync(file, "utf8");
    const date = /^date: (\d{4}-\d{2}-\d{2})$/m.exec(text)?.[1];
    expect(days).toContain(date);
    expect(text).toBe(
      [
        "---",
        'title: "Café: the \\"new\\" menu"',
        `date: ${date}`,
        "category: tech",
        'summary: "One paragraph: what happened and why it matters."',
        "tags: [ai, climate-policy]",
        'author: "Ada Reporter"',
        "draft: true",
        "---",
        "",
        "The opening paragraph: who, what, where and when. Replace this with the first paragraph of the story.",
        "",
        "## What happens next",
        "",
        "Replace this section. Sections start at `##`; the headline is the page's only first-level heading.",
        "",
      ].join("\n"),
    );

    const [article, ...others] = renderedArticles(dir);
    expect(others).toEqual([]);
    expect(article).toMatchObject({
      slug: "cafe-the-new-menu",
      url: "/articles/cafe-the-new-menu",
      title: headline,
      category: "tech",
      tags: ["ai", "climate-policy"],
      author: "Ada Reporter",
      summary: "One paragraph: what happened and why it matters.",
      draft: true,
    });
    expect(article!.date.day).toBe(date);
    expect(article!.headings.map((heading) => heading.text)).toEqual(["What happens next"]);
  });

  it("dates the article by the machine's own calendar, not UTC", () => {
    // UTC+14 and UTC-11 are 25 hours apart, so their calendar days always differ.
    const zones = ["Pacific/Kiritimati", "Pacific/Pago_Pago"];
    const dates = zones.map((zone, index) => {
      const dir = tempContentDir();
      const { result: run, days } = aroundRun(() => newArticle(dir, [`Zone test ${index}`, "--category", "world"], { TZ: zone }), zone);
      expect(run.status).toBe(0);
      const [article] = renderedArticles(dir);
      expect(days).toContain(article!.date.day);
      return article!.date.day;
    });
    expect(dates[0]).not.toBe(dates[1]);
  });

  it("keeps a summary given on the command line, and makes every headline one line", () => {
    const dir = tempContentDir();
    const summary = "Prices rise 4%: the board's #1 concern, says \"everyone\" — again.\nSecond line.";
    const run = newArticle(dir, ["  Night   buses\nreturn  ", "--category", "local-news", "--summary", summary]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const [article] = renderedArticles(dir);
    expect(article).toMatchObject({
      slug: "night-buses-return",
      title: "Night buses return",
      summary: "Prices rise 4%: the board's #1 concern, says \"everyone\" — again. Second line.",
      tags: [],
      draft: true,
    });
    expect(article).not.toHaveProperty("author", expect.anything());
    expect(fs.readFileSync(path.join(dir, "night-buses-return.md"), "utf8")).not.toMatch(/^(tags|author):/m);
  });

  it("makes the slug from ASCII words of the headline, at most about 80 characters, cut between words", () => {
    const dir = tempContentDir();
    const long = "Ærø’s ferry: Straße & Œuvre —  2026 edition, the longest headline anyone has written for this newspaper so far";
    expect(newArticle(dir, [long, "--category", "world"]).status).toBe(0);
    const [name] = files(dir);
    const slug = name!.replace(/\.md$/, "");
    expect(slug).toBe("aeros-ferry-strasse-oeuvre-2026-edition-the-longest-headline-anyone-has-written");
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(renderedArticles(dir)[0]!.title).toBe("Ærø’s ferry: Straße & Œuvre — 2026 edition, the longest headline anyone has written for this newspaper so far");
  });

  it("never overwrites: an existing file is left as it was and named, with --slug suggested", () => {
    const dir = tempContentDir();
    const file = path.join(dir, "city-budget-vote.md");
    const original = "---\ntitle: The editor's own\n---\n\nDo not touch.\n";
    fs.writeFileSync(file, original);

    const run = newArticle(dir, ["City budget vote", "--category", "politics"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toContain("--slug");
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(fs.readFileSync(file, "utf8")).toBe(original);
    expect(files(dir)).toEqual(["city-budget-vote.md"]);

    // A .markdown file gives the same slug, so it blocks the name too.
    fs.renameSync(file, path.join(dir, "city-budget-vote.markdown"));
    const twin = newArticle(dir, ["City budget vote", "--category", "politics"]);
    expect(twin.status).toBe(1);
    expect(twin.stderr).toContain("city-budget-vote.markdown");
    expect(files(dir)).toEqual(["city-budget-vote.markdown"]);

    const chosen = newArticle(dir, ["City budget vote", "--category", "politics", "--slug", "city-budget-vote-2"]);
    expect(chosen.status).toBe(0);
    expect(files(dir)).toEqual(["city-budget-vote-2.md", "city-budget-vote.markdown"]);
  });

  it("refuses a headline with no letters or digits for a slug, unless --slug names the file", () => {
    const dir = tempContentDir();
    const headline = "🎉 新闻发布会";
    const run = newArticle(dir, [headline, "--category", "world"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("--slug");
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(files(dir)).toEqual([]);

    const badSlug = newArticle(dir, [headline, "--category", "world", "--slug", "Press conference!"]);
    expect(badSlug.status).toBe(1);
    expect(badSlug.stderr).toContain('--slug: expected lowercase words joined by hyphens (like "press-conference"), found "Press conference!"');
    expect(files(dir)).toEqual([]);

    const chosen = newArticle(dir, [headline, "--category", "world", "--slug", "press-conference"]);
    expect(chosen.stderr).toBe("");
    expect(chosen.status).toBe(0);
    expect(chosen.stdout).toContain("http://localhost:3000/articles/press-conference");
    const [article] = renderedArticles(dir);
    expect(article).toMatchObject({ slug: "press-conference", title: headline, draft: true });
  });

  it.each([
    { case: "no headline", args: ["--category", "tech"], message: "Missing the headline." },
    { case: "no category", args: ["A headline"], message: "Missing --category." },
    { case: "a category that is no slug", args: ["A headline", "--category", "Local News"], message: '--category: expected lowercase words joined by hyphens (like "local-news"), found "Local News"' },
    { case: "a tag that is no slug", args: ["A headline", "--category", "tech", "--tags", "ai,Climate Policy"], message: '--tags: expected lowercase words joined by hyphens (like "climate-policy"), found "Climate Policy"' },
    { case: "a misspelt option", args: ["A headline", "--catgory", "tech"], message: "Unknown option '--catgory'" },
    { case: "an option without its value", args: ["A headline", "--category"], message: "--category" },
    { case: "an empty author", args: ["A headline", "--category", "tech", "--author", " "], message: "--author: expected text, found nothing" },
  ])("exits 1 with a usage message and writes nothing for $case", ({ args, message }) => {
    const dir = tempContentDir();
    const run = newArticle(dir, args);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage: npm run new -- "Headline" --category <slug>');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(files(dir)).toEqual([]);
  });

  it("prints the usage for --help and writes nothing", () => {
    const dir = tempContentDir();
    const run = newArticle(dir, ["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: npm run new -- "Headline" --category <slug>');
    expect(files(dir)).toEqual([]);
  });

  it("fails without a stack trace when the content folder does not exist", () => {
    const dir = path.join(tempContentDir(), "missing");
    const run = newArticle(dir, ["A headline", "--category", "tech"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`The content folder ${dir} does not exist`);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it("runs as a command: exit 0 with the path written, exit 1 with a message and no stack trace", () => {
    const dir = tempContentDir();
    const ok = newArticleCommand(dir, ["Night buses return", "--category", "local-news"]);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`Created ${path.join(dir, "night-buses-return.md")}`);
    const bad = newArticleCommand(dir, ["Night buses return", "--category", "local-news"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("already exists");
    expect(bad.stderr).not.toMatch(STACK_FRAME);
  }, 60_000); // Two processes, about 1 s each on an idle machine.
});


import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Snapshot } from "@/lib/archive/snapshot";
import { writeSnapshot } from "@/lib/archive/snapshot-writer";
import { authorSlug } from "@/lib/content/author-slug";
import { loadArticles } from "@/lib/content/articles";
import { loadAuthors } from "@/lib/content/authors";
import { contentErrorOf, tempContentDir } from "./fixtures";

const SITE = "https://news.example.com";

function article(dir: string, slug: string, frontmatter: string) {
  fs.writeFileSync(path.join(dir, `${slug}.md`), `---\n${frontmatter.trim()}\n---\n\nThe story of ${slug}.\n`);
}

/** An authors file with `yaml` in it, in a folder of its own (never in the content folder). */
function authorsFile(yaml: string): string {
  const file = path.join(tempContentDir(), "authors.yml");
  fs.writeFileSync(file, yaml);
  return file;
}

const PROFILES = `
- name: Ana Ruiz
  bio: "Ana Ruiz covers transport."
  url: https://example.com/staff/ana-ruiz
- name: Bo Chen
  url: https://example.com/staff/bo-chen
- name: Nobody Yet
  bio: Has written nothing.
`;

/** A content folder: 23 articles by Ana Ruiz (one spelled in capitals), two by Bo Chen (one with its own authorUrl), one unsigned, one by a byline with no Latin letters. */
function archiveFolder(): string {
  const dir = tempContentDir();
  for (let i = 1; i <= 22; i++) {
    article(dir, `ana-story-${i}`, `title: Story ${i}\ndate: 2026-03-${String(i).padStart(2, "0")}\ncategory: tech\nsummary: One of Ana's.\nauthor: Ana Ruiz`);
  }
  article(dir, "ana-newest", "title: Newest\ndate: 2026-04-30\ncategory: tech\nsummary: Ana's newest.\nauthor: ANA RUIZ");
  article(dir, "bo-first", "title: Bo first\ndate: 2026-02-01\ncategory: science\nsummary: Bo's first.\nauthor: Bo Chen");
  article(dir, "bo-own-page", "title: Bo second\ndate: 2026-02-02\ncategory: science\nsummary: Bo's second.\nauthor: Bo Chen\nauthorUrl: https://bo.example.org/");
  article(dir, "unsigned", "title: Unsigned\ndate: 2026-02-03\ncategory: science\nsummary: No byline.");
  article(dir, "no-latin", "title: No Latin\ndate: 2026-02-04\ncategory: science\nsummary: A byline with no letters a slug keeps.\nauthor: 王芳");
  return dir;
}

describe("the authors file", () => {
  it("is optional: a missing file is no profiles", () => {
    expect(loadAuthors(path.join(tempContentDir(), "authors.yml")).size).toBe(0);
  });

  it("keys each profile by the slug of its name", () => {
    const profiles = loadAuthors(authorsFile(PROFILES));
    expect([...profiles.keys()]).toEqual(["ana-ruiz", "bo-chen", "nobody-yet"]);
    expect(profiles.get("ana-ruiz")).toEqual({ name: "Ana Ruiz", bio: "Ana Ruiz covers transport.", url: "https://example.com/staff/ana-ruiz" });
  });

  it("fails loudly on a bad file, naming the file and each field", () => {
    const file = authorsFile("- name: Ana Ruiz\n  url: ftp://example.com/ana\n- bio: No name.\n- name: Bo Chen\n  biography: typo\n");
    const error = contentErrorOf(() => loadAuthors(file));
    expect(error.problems.map((problem) => problem.file)).toEqual([file, file, file]);
    expect(error.problems.map((problem) => `${problem.field}: ${problem.message}`)).toEqual([
      'authors[0].url: expected the author\'s page as an http(s) URL (like https://example.com/staff/jane-doe), found "ftp://example.com/ana"',
      "authors[1].name: required, but missing (expected the byline as articles write it as text)",
      "authors[2].biography: unknown key; allowed keys are name, bio, url",
    ]);
  });

  it("refuses two profiles for one address, and a name with nothing to make an address of", () => {
    const error = contentErrorOf(() => loadAuthors(authorsFile("- name: Ana Ruiz\n- name: ana ruiz\n- name: 王芳\n")));
    expect(error.problems.map((problem) => `${problem.field}: ${problem.message}`)).toEqual([
      'authors[1].name: expected each author once; [0] has the same address /authors/ana-ruiz, found "ana ruiz"',
      'authors[2].name: expected a name with Latin letters or digits, which its page\'s address is made of, found "王芳"',
    ]);
  });

  it("fails on a file that is not YAML or not a list", () => {
    expect(contentErrorOf(() => loadAuthors(authorsFile("- name: [unclosed\n"))).problems[0]!.field).toBe("authors");
    expect(contentErrorOf(() => loadAuthors(authorsFile("name: Ana Ruiz\n"))).message).toContain("authors: expected a list of authors");
  });

  it("gives every byline its slug by the site's slug rules", () => {
    expect(authorSlug("Ana Ruiz & Bo Chen")).toBe("ana-ruiz-bo-chen");
    expect(authorSlug("Zoë O’Brien")).toBe("zoe-obrien");
    expect(authorSlug("王芳")).toBe("");
  });
});

describe("authors in the snapshot", () => {
  let snapshot: Snapshot;

  beforeAll(() => {
    const dir = archiveFolder();
    const db = new Database(":memory:");
    const loaded = loadArticles(dir);
    writeSnapshot(db, (accept) => loaded.forEach(accept), { authors: loadAuthors(authorsFile(PROFILES)) });
    snapshot = new Snapshot(db);
  });

  afterAll(() => snapshot.db.close());

  it("lists an author's articles newest first, paged, with a count, bylines spelled two ways as one", () => {
    expect(snapshot.count({ author: "ana-ruiz" })).toBe(23);
    expect(snapshot.list({ author: "ana-ruiz" }, 0, 3).map((a) => a.slug)).toEqual(["ana-newest", "ana-story-22", "ana-story-21"]);
    expect(snapshot.list({ author: "ana-ruiz" }, 20, 20).map((a) => a.slug)).toEqual(["ana-story-3", "ana-story-2", "ana-story-1"]);
    expect(snapshot.list({ author: "bo-chen" }, 0, 20).map((a) => a.slug)).toEqual(["bo-own-page", "bo-first"]);
  });

  it("knows only bylines some article has, with their profiles", () => {
    expect(snapshot.authors()).toEqual([
      { slug: "ana-ruiz", name: "Ana Ruiz", count: 23, bio: "Ana Ruiz covers transport.", url: "https://example.com/staff/ana-ruiz" },
      { slug: "bo-chen", name: "Bo Chen", count: 2, url: "https://example.com/staff/bo-chen" },
    ]);
    expect(snapshot.author("nobody-yet")).toBeUndefined();
    expect(snapshot.count({ author: "nobody-yet" })).toBe(0);
    expect(snapshot.list({ author: "nobody-yet" }, 0, 20)).toEqual([]);
  });

  it("gives a byline the profile's url unless the article gives its own", () => {
    expect(snapshot.article("bo-first")!.authorUrl).toBe("https://example.com/staff/bo-chen");
    expect(snapshot.article("bo-own-page")!.authorUrl).toBe("https://bo.example.org/");
    expect(snapshot.article("unsigned")!.authorUrl).toBeUndefined();
  });

  it("names an author without a profile as their newest article writes the byline", () => {
    const db = new Database(":memory:");
    const loaded = loadArticles(archiveFolder());
    writeSnapshot(db, (accept) => loaded.forEach(accept));
    const plain = new Snapshot(db);
    expect(plain.author("ana-ruiz")).toEqual({ slug: "ana-ruiz", name: "ANA RUIZ", count: 23 });
    plain.db.close();
  });
});

describe("author pages, JSON-LD and the sitemap, from a content folder and an authors file", () => {
  let dir: string;

  beforeAll(() => {
    dir = archiveFolder();
    article(
      dir,
      "corrected-story",
      "title: Corrected\ndate: 2026-05-01\nupdated: 2026-05-03\ncategory: tech\nsummary: Twice corrected.\nauthor: Ana Ruiz\ncorrections:\n  - date: 2026-05-02\n    text: First fix.\n  - date: 2026-05-03T09:30:00+02:00\n    text: Second fix.",
    );
    vi.stubEnv("CONTENT_DIR", dir);
    vi.stubEnv("AUTHORS_FILE", authorsFile(PROFILES));
    vi.stubEnv("SITE_URL", SITE);
    vi.stubEnv("SITE_TIMEZONE", "Europe/Berlin");
    vi.resetModules();
  });

  afterAll(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("pages an author's articles like a section, and has no page for unknown authors", async () => {
    const { authorListing, findListingPage } = await import("@/lib/archive/listings");
    const listing = authorListing("ana-ruiz")!;
    expect(listing).toMatchObject({ title: "Ana Ruiz", description: "Ana Ruiz covers transport.", base: "/authors/ana-ruiz", filter: { author: "ana-ruiz" } });
    const first = findListingPage(listing, undefined)!;
    expect([first.page.total, first.page.pageCount, first.page.items.length]).toEqual([24, 2, 20]);
    expect(findListingPage(listing, ["page", "2"])!.page.items.map((a) => a.slug)).toEqual(["ana-story-4", "ana-story-3", "ana-story-2", "ana-story-1"]);
    expect(findListingPage(listing, ["page", "3"])).toBeUndefined();
    expect(authorListing("nobody-yet")).toBeUndefined();
    expect(authorListing("no-such-author")).toBeUndefined();
    expect(authorListing("bo-chen")!.description).toBe("Articles by Bo Chen on The Harbor Ledger.");
  });

  it("puts the authors file's url in JSON-LD author.url, the article's own authorUrl winning", async () => {
    const { getArticle } = await import("@/lib/archive/archive");
    const { newsArticleJsonLd } = await import("@/lib/pages/page-metadata");
    expect(newsArticleJsonLd(getArticle("bo-first")!).author).toEqual({ "@type": "Person", name: "Bo Chen", url: "https://example.com/staff/bo-chen" });
    expect(newsArticleJsonLd(getArticle("bo-own-page")!).author).toEqual({ "@type": "Person", name: "Bo Chen", url: "https://bo.example.org/" });
  });

  it("lists corrections in JSON-LD as CorrectionComments dated with an offset", async () => {
    const { getArticle } = await import("@/lib/archive/archive");
    const { newsArticleJsonLd } = await import("@/lib/pages/page-metadata");
    const data = newsArticleJsonLd(getArticle("corrected-story")!, "Europe/Berlin");
    expect(data.correction).toEqual([
      { "@type": "CorrectionComment", text: "First fix.", datePublished: "2026-05-02T00:00:00+02:00" },
      { "@type": "CorrectionComment", text: "Second fix.", datePublished: "2026-05-03T09:30:00+02:00" },
    ]);
    expect(data.dateModified).toBe("2026-05-03T00:00:00+02:00");
    expect("correction" in newsArticleJsonLd(getArticle("bo-first")!)).toBe(false);
  });

  it("gives each article's lastmod in the sitemap from updated, else its date, and lists author pages", async () => {
    const { default: sitemap } = await import("@/app/sitemap");
    const entries = sitemap();
    const lastModified = (pathname: string) => (entries.find((entry) => entry.url === `${SITE}${pathname}`)!.lastModified as Date).toISOString();
    expect(lastModified("/articles/corrected-story")).toBe("2026-05-03T00:00:00.000Z");
    expect(lastModified("/articles/bo-first")).toBe("2026-02-01T00:00:00.000Z");
    const authors = entries.filter((entry) => entry.url.startsWith(`${SITE}/authors/`)).map((entry) => entry.url);
    expect(authors).toEqual([`${SITE}/authors/ana-ruiz`, `${SITE}/authors/bo-chen`]);
  });

  it("gives section and tag pages a link to their own feed beside the site's", async () => {
    const { categoryListing } = await import("@/lib/archive/listings");
    const { listingMetadata } = await import("@/lib/pages/page-metadata");
    const types = listingMetadata(categoryListing("tech")!, 1).alternates!.types!["application/rss+xml"];
    expect(types).toEqual([
      { url: "/feed.xml", title: "The Harbor Ledger RSS feed" },
      { url: "/category/tech/feed.xml", title: "The Harbor Ledger: Tech RSS feed" },
    ]);
  });

  it("reports a bad authors file as a content error when the archive is read", async () => {
    vi.stubEnv("AUTHORS_FILE", authorsFile("- name: Ana Ruiz\n  url: not a url\n"));
    const { archive } = await import("@/lib/archive/archive");
    // The module graph was reset for this describe's environment: its ContentError is another class object.
    expect(() => archive()).toThrow(expect.objectContaining({ name: "ContentError", message: expect.stringContaining("authors[0].url: expected the author's page") }));
    vi.stubEnv("AUTHORS_FILE", authorsFile(PROFILES));
  });
});

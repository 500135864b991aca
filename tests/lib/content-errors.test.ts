import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArticles } from "@/lib/content/articles";
import { contentErrorOf, fixture, tempContentDir } from "./fixtures";

const GOOD = "---\ntitle: Good\ndate: 2026-04-21\ncategory: tech\nsummary: Fine.\n---\n\nBody.\n";

function problemsIn(folder: string) {
  return contentErrorOf(() => loadArticles(folder)).problems;
}

describe("content errors name the file, the field, the expectation and the value found", () => {
  it.each([
    ["missing-title", "no-headline.md", "title", /required, but missing/],
    ["bad-date", "wrong-date.md", "date", /expected a date as YYYY-MM-DD .*found "April 5th"/],
    ["unknown-key", "typo.md", "catgory", /unknown key; allowed keys are title, date, updated, category, summary/],
    ["bad-file-name", "City Budget.md", "file name", /lowercase words joined by hyphens.*found "City Budget.md"/],
    ["empty-file", "nothing.md", "file", /found an empty file/],
    ["no-front-matter", "plain.md", "front matter", /start with a "---" line/],
    ["invalid-yaml", "broken.md", "front matter", /expected valid YAML, found an error: Missing closing "quote/],
    ["alias-bomb", "laughs.md", "front matter", /Excessive alias count/],
    ["image-without-alt", "picture.md", "imageAlt", /expected alt text/],
  ])("%s", (folder, file, field, message) => {
    const problems = problemsIn(fixture(folder));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe(path.join("tests", "fixtures", folder, file));
    expect(problems[0]!.field).toBe(field);
    expect(problems[0]!.message).toMatch(message);
  });

  it("reports every problem in the folder at once, one line each", () => {
    const error = contentErrorOf(() => loadArticles(fixture("many-problems")));
    expect(error.problems.map((p) => `${path.basename(p.file)} ${p.field}`)).toEqual([
      "first.md title",
      "first.md date",
      "first.md category",
      "first.md summary",
      "first.md source.url",
      "first.md tags[1]",
      "first.md draft",
      "second.md body",
    ]);
    expect(error.message).toContain("Content has 8 problems:");
    expect(error.message).toContain('first.md: date: expected a date as YYYY-MM-DD or a date-time with offset (2026-04-21T09:30:00+02:00 or 2026-04-21 09:30:00 +0200), found "2026-02-30"');
    expect(error.message).toContain('first.md: summary: expected a one-paragraph summary as text, found number 42');
    expect(error.message).toContain('first.md: source.url: expected an http(s) URL, found "javascript:alert(1)"');
    expect(error.message).toContain('first.md: draft: expected true or false, found "maybe"');
  });

  it("rejects two files that give the same slug", () => {
    const [problem, ...rest] = problemsIn(fixture("duplicate-slug"));
    expect(rest).toEqual([]);
    expect(problem!.field).toBe("slug");
    expect(problem!.message).toMatch(/found "twin", which .*twin\.markdown already gives/);
  });

  it("rejects a file that is not UTF-8", () => {
    const dir = tempContentDir();
    fs.writeFileSync(path.join(dir, "latin.md"), Buffer.concat([Buffer.from(GOOD), Buffer.from([0xff, 0xfe, 0xe9])]));
    const [problem] = problemsIn(dir);
    expect(problem).toMatchObject({ file: path.join(dir, "latin.md"), field: "file" });
    expect(problem!.message).toMatch(/not valid UTF-8/);
  });

  it("does not follow a symbolic link out of the folder", () => {
    const dir = tempContentDir();
    const outside = tempContentDir();
    fs.writeFileSync(path.join(outside, "secret.md"), GOOD);
    fs.symlinkSync(path.join(outside, "secret.md"), path.join(dir, "linked.md"));
    const [problem] = problemsIn(dir);
    expect(problem).toMatchObject({ field: "file", message: "expected an article file, found a symbolic link, which is not followed" });
  });

  it("rejects a sub-folder that is not an article (no index.md), but skips hidden files such as .gitkeep", () => {
    const dir = tempContentDir();
    fs.mkdirSync(path.join(dir, "drafts"));
    fs.writeFileSync(path.join(dir, "drafts", "notes.md"), GOOD);
    fs.writeFileSync(path.join(dir, ".gitkeep"), "");
    fs.writeFileSync(path.join(dir, "fine.md"), GOOD);
    const problems = problemsIn(dir);
    expect(problems).toEqual([{ file: path.join(dir, "drafts"), field: "file", message: "expected an article folder to hold index.md or index.markdown, found neither" }]);
  });

  it("loads an empty folder as no articles, and names a missing one", () => {
    expect(loadArticles(tempContentDir())).toEqual([]);
    const missing = path.join(tempContentDir(), "nowhere");
    expect(problemsIn(missing)).toEqual([{ file: missing, field: "folder", message: "expected a content folder, found none" }]);
  });

  it("names a YAML value of the wrong shape without walking it", () => {
    const dir = tempContentDir();
    fs.writeFileSync(path.join(dir, "list-title.md"), "---\ntitle: [a, b]\ndate: 2026-04-21\ncategory: tech\nsummary: x\n---\n\nBody.\n");
    expect(problemsIn(dir)[0]!.message).toBe("expected a headline as text, found a list of 2");
  });
});

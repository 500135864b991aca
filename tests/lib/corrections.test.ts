import { describe, expect, it } from "vitest";
import { frontmatterSchema } from "@/lib/content/article-schema";
import { parseArticle, type ParseResult } from "@/lib/content/parse-article";

const FRONT = "title: Night buses\ndate: 2026-04-21\ncategory: local-news\nsummary: Buses run all night.";

/** The article file with `extra` front matter, parsed as the loader parses it. */
const parse = (extra: string): ParseResult =>
  parseArticle("night-buses.md", new TextEncoder().encode(`---\n${FRONT}\n${extra}\n---\n\nThe story.\n`), "content/night-buses.md");

const problems = (extra: string) => {
  const result = parse(extra);
  if (result.ok) throw new Error("expected problems, but the article is valid");
  return result.problems.map((problem) => `${problem.field}: ${problem.message}`);
};

describe("corrections in front matter", () => {
  it("reads a list of dated corrections, each date as the article's date is read", () => {
    const result = parse('corrections:\n  - date: 2026-04-22\n    text: "The buses run every 20 minutes, not 30."\n  - date: 2026-05-01T10:00:00+02:00\n    text: Second fix.');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [first, second] = result.scanned.article.corrections!;
    expect(first).toEqual({ date: { day: "2026-04-22", iso: "2026-04-22", label: "April 22, 2026", time: Date.UTC(2026, 3, 22) }, text: "The buses run every 20 minutes, not 30." });
    expect(second!.date.iso).toBe("2026-05-01T10:00:00+02:00");
  });

  it("accepts a correction on the article's own day, and none at all", () => {
    expect(parse("corrections:\n  - date: 2026-04-21\n    text: Same day.").ok).toBe(true);
    const none = parse("");
    expect(none.ok && none.scanned.article.corrections).toBeUndefined();
  });

  it("names the field of a date that is not a date", () => {
    expect(problems("corrections:\n  - date: April 22\n    text: Fixed.")).toEqual([
      'corrections[0].date: expected a date as YYYY-MM-DD or a date-time with offset (2026-04-21T09:30:00+02:00 or 2026-04-21 09:30:00 +0200), found "April 22"',
    ]);
  });

  it("refuses a correction dated before the article", () => {
    expect(problems("corrections:\n  - date: 2026-04-22\n    text: Fine.\n  - date: 2026-04-20\n    text: Too early.")).toEqual([
      'corrections[1].date: expected a date on or after the article\'s date (2026-04-21), found "2026-04-20"',
    ]);
  });

  it("refuses empty or missing text", () => {
    expect(problems('corrections:\n  - date: 2026-04-22\n    text: "  "')).toEqual(["corrections[0].text: expected the correction's text, not empty text, found empty text"]);
    expect(problems("corrections:\n  - date: 2026-04-22")).toEqual([
      "corrections[0].text: required, but missing (expected the correction's text as text)",
    ]);
  });

  it("refuses a correction that is not a mapping of date and text, or a list that is not a list", () => {
    expect(problems("corrections:\n  - Fixed the date.")).toEqual(['corrections[0]: expected a correction as a mapping with date and text, found "Fixed the date."']);
    expect(problems("corrections: Fixed.")).toEqual(['corrections: expected a list of corrections, each a mapping with date and text, found "Fixed."']);
    expect(problems("corrections:\n  - date: 2026-04-22\n    text: Fixed.\n    by: desk")).toEqual(["corrections[0].by: unknown key"]);
  });

  it("is one of the keys an unknown key's message lists", () => {
    expect(Object.keys(frontmatterSchema.shape)).toContain("corrections");
  });
});

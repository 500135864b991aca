import { describe, expect, it } from "vitest";
import { MAX_MARKERS_PER_PARAGRAPH, MAX_NESTING, markdownLimitProblem } from "@/lib/markdown-limits";

describe("markdownLimitProblem", () => {
  it("passes ordinary articles: nested lists, quotes in lists, links and emphasis", () => {
    expect(markdownLimitProblem("- one\n  - two\n    - three\n\n> quote\n> - item\n\n1. first\n2) second\n\n*em* _em_ [link](/x)")).toBeUndefined();
  });

  it("ignores code blocks, where brackets and stars are just text", () => {
    expect(markdownLimitProblem(`\`\`\`json\n${"[".repeat(5_000)}\n\`\`\`\n`)).toBeUndefined();
  });

  it("names the line of nesting deeper than the limit, counting quotes, list markers and indentation", () => {
    expect(markdownLimitProblem(`intro\n\n${"> ".repeat(MAX_NESTING + 1)}deep`)).toBe(
      `expected Markdown nested at most ${MAX_NESTING} levels deep, found ${MAX_NESTING + 1} levels on line 3 of the body`,
    );
    expect(markdownLimitProblem(`${"1. ".repeat(MAX_NESTING)}- x`)).toMatch(/found 65 levels on line 1/);
    expect(markdownLimitProblem(`${" ".repeat(2 * MAX_NESTING + 2)}- x`)).toMatch(/found 66 levels/);
    expect(markdownLimitProblem(`${"> ".repeat(MAX_NESTING)}fine`)).toBeUndefined();
  });

  it("names the paragraph with more unclosed markers than the limit", () => {
    expect(markdownLimitProblem(`ok\n\nfine\n${"[".repeat(MAX_MARKERS_PER_PARAGRAPH + 1)}`)).toBe(
      `expected at most ${MAX_MARKERS_PER_PARAGRAPH} "[" in one paragraph, found more in the paragraph starting on line 3 of the body`,
    );
    expect(markdownLimitProblem("*a".repeat(MAX_MARKERS_PER_PARAGRAPH + 1))).toMatch(/"\*" in one paragraph/);
    expect(markdownLimitProblem(`${"_".repeat(MAX_MARKERS_PER_PARAGRAPH)}\n\n${"_".repeat(MAX_MARKERS_PER_PARAGRAPH)}`)).toBeUndefined();
  });
});

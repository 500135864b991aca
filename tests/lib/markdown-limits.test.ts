import { describe, expect, it } from "vitest";
import { scanBody } from "@/lib/markdown/body-scan";
import { MAX_BRACKET_DEPTH, MAX_DIRECTIVE_NESTING, MAX_EMPHASIS_MARKERS, MAX_NESTING, MAX_UNMATCHED_CLOSERS, defuseMarkdown } from "@/lib/markdown/markdown-limits";
import { renderMarkdown } from "@/lib/markdown/markdown";
import { expectLinearCost } from "../cost-shape";

const untouched = (markdown: string) => expect(defuseMarkdown(markdown)).toEqual({ markdown, warnings: [] });

describe("defuseMarkdown", () => {
  it("leaves ordinary articles alone: nested lists, quotes in lists, links and emphasis", () => {
    untouched("- one\n  - two\n    - three\n\n> quote\n> - item\n\n1. first\n2) second\n\n*em* _em_ [link](/x)");
  });

  it("leaves code blocks alone, where brackets and stars are just text", () => {
    untouched(`\`\`\`json\n${"[".repeat(5_000)}${"*".repeat(5_000)}\n\`\`\`\n`);
    untouched(`> ~~~\n> ${"[".repeat(5_000)}\n> ~~~\n`);
  });

  it("never counts indentation or whitespace-only lines as nesting", () => {
    untouched(`intro\n${" ".repeat(136)}\nmore\n\n${" ".repeat(300)}- x\n\n${"\t".repeat(80)}code`);
  });

  it("leaves what real release notes hold: long lists of bold, balanced links, link references full of * and _", () => {
    const commits = Array.from({ length: 600 }, (_, i) => `- **deps**: update **module-${i}** to **v${i}.0.0** ([#${i}](https://example.com/pull/${i})) **(semver-minor)**`);
    const references = Array.from({ length: 300 }, (_, i) => `[ref-${i}]: https://example.com/${"*_".repeat(200)}/${i}`);
    const links = Array.from({ length: 3_000 }, (_, i) => `[link ${i}](https://example.com/${i})`).join(" ");
    const table = ["| change | by |", "| - | - |", ...Array.from({ length: 400 }, (_, i) => `| **fix ${i}** | _someone_ |`)];
    untouched(`${commits.join("\n")}\n\n${references.join("\n")}\n\n${links}\n\n${table.join("\n")}\n`);
  });

  it("escapes the container markers past the limit on one line, so the rest is text, and names the line", () => {
    const { markdown, warnings } = defuseMarkdown(`intro\n\n${"> ".repeat(MAX_NESTING + 3)}deep`);
    expect(markdown).toBe(`intro\n\n${"> ".repeat(MAX_NESTING)}\\> > > deep`);
    expect(warnings).toEqual([{ line: 3, message: `containers nested over ${MAX_NESTING} deep: the markers past that are shown as written, not as Markdown` }]);
    expect(defuseMarkdown(`${"1. ".repeat(MAX_NESTING)}- x`).markdown).toBe(`${"1. ".repeat(MAX_NESTING)}\\- x`);
    expect(defuseMarkdown(`${"1. ".repeat(MAX_NESTING + 1)}x`).markdown).toBe(`${"1. ".repeat(MAX_NESTING)}1\\. x`);
    untouched(`${"> ".repeat(MAX_NESTING)}fine`);
  });

  it("escapes brackets nested past the limit, and emphasis markers past the limit in one paragraph", () => {
    const nested = defuseMarkdown(`ok\n\n${"[".repeat(MAX_BRACKET_DEPTH + 2)}x`);
    expect(nested.markdown).toBe(`ok\n\n${"[".repeat(MAX_BRACKET_DEPTH)}\\[\\[x`);
    expect(nested.warnings).toEqual([{ line: 3, message: `"[" nested over ${MAX_BRACKET_DEPTH} deep or over ${MAX_UNMATCHED_CLOSERS} "]" closing nothing: the markers past that are shown as written, not as Markdown` }]);
    const stars = defuseMarkdown(`${"*a".repeat(MAX_EMPHASIS_MARKERS)}\n*b *c`);
    expect(stars.markdown).toBe(`${"*a".repeat(MAX_EMPHASIS_MARKERS)}\n\\*b \\*c`);
    expect(stars.warnings.map((warning) => warning.line)).toEqual([2]);
    expect(defuseMarkdown(`x${"]".repeat(MAX_UNMATCHED_CLOSERS + 1)}`).markdown).toBe(`x${"]".repeat(MAX_UNMATCHED_CLOSERS)}\\]`);
    // A blank line starts a new paragraph, with a count of its own.
    untouched(`${"_".repeat(MAX_EMPHASIS_MARKERS)}\n\n${"_".repeat(MAX_EMPHASIS_MARKERS)}`);
  });

  it("keeps every character: the escaped markers render as themselves", () => {
    const body = `${"[".repeat(MAX_BRACKET_DEPTH + 5)}x${"]".repeat(MAX_BRACKET_DEPTH + 5)}`;
    const { html, warnings } = renderMarkdown(body, { firstLine: 10 });
    expect(html.match(/\[/g)).toHaveLength(MAX_BRACKET_DEPTH + 5);
    expect(html.match(/\]/g)).toHaveLength(MAX_BRACKET_DEPTH + 5);
    expect(warnings).toEqual([expect.objectContaining({ line: 10 })]);
  });

  it("escapes container directives opened inside one another past the limit, and names each line", () => {
    const opened = (count: number) => Array.from({ length: count }, (_, i) => `:::note${i}`);
    const { markdown, warnings } = defuseMarkdown([...opened(MAX_DIRECTIVE_NESTING + 2), "Text."].join("\n"));
    expect(markdown.split("\n").slice(MAX_DIRECTIVE_NESTING - 1, MAX_DIRECTIVE_NESTING + 2)).toEqual([
      `:::note${MAX_DIRECTIVE_NESTING - 1}`,
      `\\:::note${MAX_DIRECTIVE_NESTING}`,
      `\\:::note${MAX_DIRECTIVE_NESTING + 1}`,
    ]);
    const message = `directives (:::) nested over ${MAX_DIRECTIVE_NESTING} deep: the markers past that are shown as written, not as Markdown`;
    expect(warnings).toEqual([
      { line: MAX_DIRECTIVE_NESTING + 1, message },
      { line: MAX_DIRECTIVE_NESTING + 2, message },
    ]);
    untouched([...opened(MAX_DIRECTIVE_NESTING), "Text."].join("\n"));
    // Closed before the next opens, any number of them stay directives.
    untouched(Array.from({ length: 200 }, (_, i) => `:::tip${i}\nA tip.\n:::`).join("\n\n"));
  });

  it("renders nested container directives in linear time, each reported once, as the scan reports them", () => {
    const nested = (lines: number) => `${Array.from({ length: lines }, (_, i) => `${":".repeat(3 + (i % 5))}box${i}`).join("\n")}\nText.`;
    expectLinearCost(nested, (markdown) => renderMarkdown(markdown), 250);
    const body = nested(40);
    const rendered = renderMarkdown(body);
    expect(rendered.warnings.filter((warning) => warning.message.startsWith("unknown directive"))).toHaveLength(MAX_DIRECTIVE_NESTING);
    expect(scanBody(body).warnings).toEqual(rendered.warnings);
  });
});


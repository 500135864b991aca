import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/markdown/markdown";

describe("the article body", () => {
  it("renders GitHub-flavoured Markdown: tables, strikethrough, task lists, autolinks and footnotes", () => {
    const { html } = renderMarkdown(
      [
        "| Route | Buses |",
        "| --- | --- |",
        "| 12 | 4 |",
        "",
        "~~old~~ new, see www.example.com",
        "",
        "- [x] done",
        "- [ ] to do",
        "",
        "A claim.[^1]",
        "",
        "[^1]: The evidence.",
      ].join("\n"),
    );
    expect(html).toContain("<th>Route</th>");
    expect(html).toContain("<td>12</td>");
    expect(html).toContain("<del>old</del>");
    expect(html).toContain('<a href="http://www.example.com" rel="noopener noreferrer">www.example.com</a>');
    expect(html).toContain('<input type="checkbox" checked disabled aria-label="Done"> done');
    expect(html).toContain('<input type="checkbox" disabled aria-label="Not done"> to do');
    expect(html).toContain('<a href="#user-content-fn-1" id="user-content-fnref-1"');
    expect(html).toContain('<li id="user-content-fn-1">');
  });

  it("lets the keyboard reach code blocks and tables that scroll sideways", () => {
    const { html } = renderMarkdown("```ts\nconst x = 1;\n```\n\n| a |\n| - |\n| 1 |");
    expect(html).toContain('<pre tabindex="0"><code class="language-ts">');
    expect(html).toContain('<table tabindex="0">');
  });

  it("gives every heading a stable, unique id and lists the outline", () => {
    const { html, headings } = renderMarkdown("## Looking ahead\n\ntext\n\n### What *it* costs\n\n## Looking ahead\n\n## !!!\n");
    expect(headings).toEqual([
      { depth: 2, text: "Looking ahead", id: "looking-ahead" },
      { depth: 3, text: "What it costs", id: "what-it-costs" },
      { depth: 2, text: "Looking ahead", id: "looking-ahead-1" },
      { depth: 2, text: "!!!", id: "section" },
    ]);
    expect(html).toContain('<h2 id="looking-ahead">Looking ahead</h2>');
    expect(html).toContain('<h3 id="what-it-costs">What <em>it</em> costs</h3>');
  });

  it("marks links to other sites noopener noreferrer, and leaves local links alone", () => {
    const { html } = renderMarkdown("[away](https://example.org/x) and [home](/articles/other) and [mail](mailto:desk@example.com)");
    expect(html).toContain('<a href="https://example.org/x" rel="noopener noreferrer">away</a>');
    expect(html).toContain('<a href="/articles/other">home</a>');
    expect(html).toContain('<a href="mailto:desk@example.com">mail</a>');
  });

  it("lists the images and links the page shows, in document order, after sanitizing", () => {
    const { images, links } = renderMarkdown(
      "![map](/images/map.svg) [away](https://example.org/x) <img src=\"https://example.com/p.png\"> [bad](javascript:alert(1)) ![bad](javascript:x)\n\n" +
        '::video{src="https://youtu.be/dQw4w9WgXcQ"}\n\nA claim.[^1]\n\n[^1]: See <https://example.com/source>.',
    );
    expect(images).toEqual(["/images/map.svg", "https://example.com/p.png"]);
    expect(links).toEqual([
      "https://example.org/x",
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      "#user-content-fn-1",
      "https://example.com/source",
      "#user-content-fnref-1",
    ]);
  });

  it("counts the words a reader reads, across headings, emphasis and code", () => {
    expect(renderMarkdown("## Two words\n\nThree *more* words, and `code` here.\n\n- one\n- two").wordCount).toBe(10);
    expect(renderMarkdown("— — ---").wordCount).toBe(0);
  });
});

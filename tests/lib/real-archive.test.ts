import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import type { BodyWarning } from "@/lib/content/article-schema";
import { renderMarkdown } from "@/lib/markdown/markdown";
import { publishDateSchema } from "@/lib/content/publish-date";
import { fixture, renderedArticles } from "./fixtures";

// Shapes that real archives hold (release notes, monthly updates, other generators' posts),
// written as fixtures of our own: every one loads, and what the renderer drops is reported.
const dir = fixture("real-archive");
const warned: { file: string; warning: BodyWarning }[] = [];
const articles = renderedArticles(dir, { warn: (file, warning) => warned.push({ file, warning }) });
const bySlug = (slug: string) => articles.find((article) => article.slug === slug)!;
const dom = (html: string) => new JSDOM(`<body>${html}</body>`).window.document.body;
const warningsOf = (slug: string) => warned.filter(({ file }) => file.endsWith(`${slug}.md`)).map(({ warning }) => `${warning.line}: ${warning.message}`);

describe("a real archive's shapes", () => {
  it("loads every file", () => {
    expect(articles.map((article) => article.slug).sort()).toEqual(["monthly-update", "release-notes-v20", "short-date"]);
  });

  it("keeps a 600-line list of bold commit messages and link references full of * and _", () => {
    const body = dom(bySlug("release-notes-v20").html);
    expect(body.querySelectorAll("li")).toHaveLength(600);
    expect(body.querySelectorAll("li strong")).toHaveLength(600 * 4);
    expect(body.querySelector('a[href^="https://example.com/search"]')?.textContent).toBe("the list");
    expect(warningsOf("release-notes-v20")).toEqual([]);
  });

  it("reads dates and numeric tags as Jekyll and Hugo write them", () => {
    expect(bySlug("release-notes-v20").date).toMatchObject({ day: "2016-11-21", iso: "2016-11-21T10:30:00+00:00", label: "November 21, 2016" });
    expect(bySlug("monthly-update").date.iso).toBe("2022-02-07T08:30:00+00:00");
    expect(bySlug("short-date").date).toMatchObject({ day: "2014-02-13", label: "February 13, 2014" });
    expect(bySlug("release-notes-v20").tags).toEqual(["47", "release"]);
    for (const written of ["2016-11-21 10:30:00 +0000", "2016-11-21T10:30:00+0000", "2016-11-21 10:30 -05:00"]) {
      expect(publishDateSchema.safeParse(written).success, written).toBe(true);
    }
    for (const written of ["2016-11-21 10:30:00", "2016-13-01", "2016-2-30", "2016-11-21  10:30:00 +0000", "16-11-21"]) {
      expect(publishDateSchema.safeParse(written).success, written).toBe(false);
    }
  });

  it("moves body headings down a level when the body uses h1, so the headline stays the only h1, keeping their ids", () => {
    const article = bySlug("release-notes-v20");
    expect(article.headings).toEqual([
      { depth: 2, text: "Highlights", id: "highlights" },
      { depth: 2, text: "Commits", id: "commits" },
    ]);
    const body = dom(article.html);
    expect(body.querySelectorAll("h1")).toHaveLength(0);
    expect(body.querySelector("h2#commits")?.textContent).toBe("Commits");
  });

  it("keeps the structural HTML of the allowlist, and drops the rest with a warning naming the line", () => {
    const body = dom(bySlug("monthly-update").html);
    expect(body.querySelector("details > summary")?.textContent).toBe("Infrastructure");
    expect(body.querySelector("details p")?.textContent).toContain("The build farm moved");
    const image = body.querySelector("img")!;
    expect([image.getAttribute("src"), image.getAttribute("alt"), image.getAttribute("width"), image.getAttribute("height")]).toEqual(["/images/newsroom-default.png", "Downloads by month", "640", "320"]);
    expect(body.querySelector("script")).toBeNull();
    expect(body.textContent).not.toContain("alert(1)");
    expect(warningsOf("monthly-update")).toContain("19: dropped <script> and its content");
  });

  it("reports other generators' template syntax in prose, with its line, and shows it as written", () => {
    expect(warningsOf("monthly-update")).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^23: template syntax from another site generator, shown as text: \{\{< figure src="old.png" >\}\}/),
        expect.stringMatching(/^25: template syntax .*\{% highlight ruby %\}/),
        expect.stringMatching(/^27: template syntax .*\{% endhighlight %\}/),
      ]),
    );
    expect(dom(bySlug("monthly-update").html).textContent).toContain('{{< figure src="old.png" >}}');
  });

  it("turns the video directive and a raw YouTube iframe into click-to-load links, loading nothing from the host", () => {
    const body = dom(bySlug("monthly-update").html);
    const facades = [...body.querySelectorAll("figure.video > a.video-facade")];
    expect(facades.map((a) => [a.getAttribute("href"), a.getAttribute("data-video-player"), a.getAttribute("data-video-title")])).toEqual([
      ["https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", "Launch talk"],
      ["https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1", "Harbour time-lapse"],
    ]);
    expect(body.querySelector("iframe")).toBeNull();
    expect(warningsOf("monthly-update").some((line) => line.includes("iframe"))).toBe(false);
  });

  it("gives text that looks like a directive back as written", () => {
    expect(dom(bySlug("monthly-update").html).textContent).toContain("Note:this stays as text, and so does 10:30.");
    expect(renderMarkdown("::note{x=1}\n\nA :span[label]{.c} here.").html).toBe("<p>::note{x=1}</p>\n<p>A :span[label]{.c} here.</p>");
    const container = renderMarkdown(":::tip\nKeep **this**.\n:::\n", { firstLine: 7 });
    expect(container.html).toContain("<strong>this</strong>");
    expect(container.warnings).toEqual([{ line: 7, message: "unknown directive :::tip; its content is kept without it" }]);
  });

  it("refuses no video host but YouTube and Vimeo, saying so", () => {
    const { html, warnings } = renderMarkdown('::video{src="https://evil.example/x"}');
    expect(html).toBe('<p>::video{src="https://evil.example/x"}</p>');
    expect(warnings[0]?.message).toMatch(/expected a YouTube or Vimeo address/);
  });

  it("prints warnings in check-content without failing it", () => {
    const root = path.resolve(__dirname, "../..");
    const run = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/check-content.ts"], {
      cwd: root,
      env: { ...process.env, CONTENT_DIR: dir, CONTENT_CACHE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "cache-")) },
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("tests/fixtures/real-archive/monthly-update.md:19: dropped <script> and its content");
    expect(run.stderr).toMatch(/\d+ warnings: content shown as written or left out/);
    expect(run.stdout).toMatch(/Content OK: 3 articles/);
  });
});

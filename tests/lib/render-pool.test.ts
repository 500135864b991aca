import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderBodyNow, type RenderJob } from "@/lib/content/render-body";
import { RENDER_WORKER_BUNDLE, RenderPool, builtRenderWorkerEntry, renderWorkerEntry } from "@/lib/content/render-pool";
import { bundleRenderWorker } from "@/scripts/bundle-render-worker";
import { BACKGROUND_NICE } from "@/lib/workers/background-priority.mjs";
import { fixture, loopTurnsDuring, perThreadPriority, threadNiceValues } from "./fixtures";

const images = { publicDir: path.resolve("public"), folderUrl: "/articles/x" };
const job = (markdown: string): RenderJob => ({ markdown, firstLine: 1, images });

/** A release note of `items` bold, linked list items: the slowest real shape to render. */
const releaseNote = (items: number) =>
  Array.from({ length: items }, (_, i) => `- **core:** fix the scheduler ([#${i}](https://example.com/pull/${i})) by @someone in [abc${i}](https://example.com/commit/${i})`).join("\n");

/** An article in a folder: an image beside it, raw HTML kept and dropped, a section and a table. */
const folderJob: RenderJob = {
  markdown: "Intro.\n\n## A section\n\n![The survey chart](chart.png)\n\n<details><summary>More</summary>Text</details>\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n<script>alert(1)</script>",
  firstLine: 9,
  images: { publicDir: path.resolve("public"), folder: path.join(fixture("article-folders"), "harbour-survey"), folderUrl: "/articles/harbour-survey" },
};

describe("the render pool", () => {
  const pool = new RenderPool(renderWorkerEntry(), 2);
  afterAll(() => pool.close());

  it("renders exactly what rendering in line does, images beside the article included", async () => {
    expect(await pool.render(folderJob)).toEqual(renderBodyNow(folderJob));
  });

  it("keeps the event loop turning while a large body renders", async () => {
    // 500 items: about 1 s of rendering on an idle machine, and several times that beside two busy
    // processes, which the pool's lower-priority threads yield to.
    const { turns, result: body } = await loopTurnsDuring(() => pool.render(job(releaseNote(500))));
    expect(body.html).toContain("<strong>core:</strong>");
    // Rendering on the calling thread would allow no turn at all until it finished.
    expect(turns).toBeGreaterThan(20);
  });

  it.runIf(perThreadPriority)("runs its threads at a lower CPU priority than the event loop's", async () => {
    await pool.render(job("A short body."));
    const { self, others } = threadNiceValues();
    expect(pool.threadCount).toBeGreaterThan(0);
    expect(others.filter((nice) => nice >= BACKGROUND_NICE).length).toBeGreaterThanOrEqual(pool.threadCount);
    expect(self).toBeLessThan(BACKGROUND_NICE);
  });

  it("runs up to its size of threads at once, and queues the rest", async () => {
    const bodies = await Promise.all(Array.from({ length: 5 }, (_, i) => pool.render(job(`Body ${i}, **bold**.`))));
    expect(bodies.map((b) => b.html)).toEqual(Array.from({ length: 5 }, (_, i) => `<p>Body ${i}, <strong>bold</strong>.</p>`));
    expect(pool.threadCount).toBe(2);
  });

  it("fails the one job that fails, and goes on rendering", async () => {
    await expect(pool.render(job(42 as unknown as string))).rejects.toThrow();
    expect((await pool.render(job("Still here."))).html).toBe("<p>Still here.</p>");
  });

  it("stops a thread once it has rendered a large body, so the memory that took goes back", async () => {
    await pool.render(job("One more sentence."));
    const before = pool.threadCount;
    const body = await pool.render(job("A long paragraph of plain words. ".repeat(8_000)));
    expect(body.html.length).toBeGreaterThan(250_000);
    expect(pool.threadCount).toBe(before - 1);
    expect((await pool.render(job("And on."))).html).toBe("<p>And on.</p>");
  });
});

describe("the build's bundle of the render thread", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "render-bundle-"));
  const distDir = ".next-bundle-test";
  let pool: RenderPool;
  afterAll(async () => {
    await pool?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("imports nothing but Node's own modules, so a thread loads one file instead of transpiling the sources", async () => {
    const bundle = await bundleRenderWorker(process.cwd(), path.join(root, distDir));
    const source = fs.readFileSync(bundle, "utf8");
    const imported = [...source.matchAll(/^import\b[^;]*?from\s*"([^"]+)"/gm)].map((match) => match[1]);
    expect(imported).toContain("node:worker_threads");
    expect(imported.filter((specifier) => !specifier!.startsWith("node:"))).toEqual([]);
    expect(source).not.toMatch(/\bimport\(/);
  });

  it("renders exactly what rendering in line does, a folder's images and raw HTML included", async () => {
    pool = new RenderPool(path.join(root, distDir, RENDER_WORKER_BUNDLE), 1);
    expect(await pool.render(folderJob)).toEqual(renderBodyNow(folderJob));
    expect(await pool.render(job(releaseNote(200)))).toEqual(renderBodyNow(job(releaseNote(200))));
  });

  it("is what a production server's threads run when the build folder has it, and the sources otherwise", () => {
    const saved = process.env.NEXT_DIST_DIR;
    try {
      process.env.NEXT_DIST_DIR = distDir;
      expect(builtRenderWorkerEntry(root)).toBe(path.join(root, distDir, RENDER_WORKER_BUNDLE));
      process.env.NEXT_DIST_DIR = ".next-without-bundle";
      expect(builtRenderWorkerEntry(root)).toBe(renderWorkerEntry(root));
    } finally {
      if (saved === undefined) delete process.env.NEXT_DIST_DIR;
      else process.env.NEXT_DIST_DIR = saved;
    }
  });
});

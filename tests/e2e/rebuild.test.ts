import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { npmRunBuild } from "../../bench/next-build";
import { RENDER_WORKER_BUNDLE } from "../../lib/content/render-pool";
import { fixture, tempContentDir } from "../lib/fixtures";
import { root, startServer, type RunningServer } from "./server";

// `npm run build` after a content-only edit: the snapshot is updated, and Next prerenders again
// from the compiled code (scripts/next-build.ts). What the server then answers must be what a full
// build would have made of the folder: an article deleted since is gone even where the last
// build had prerendered it, an edited one shows its edit, a new one is there.

const distDir = `.next-rebuild-${process.pid}`;
const dir = tempContentDir();
const env = { CONTENT_DIR: dir, CONTENT_CACHE_DIR: tempContentDir(), NEXT_DIST_DIR: distDir, PRERENDER_ARTICLES: "2" };
const prerendered = (slug: string) => fs.existsSync(path.join(root, distDir, "server", "app", "articles", `${slug}.html`));

let first: string;
let second: string;
let server: RunningServer;

beforeAll(async () => {
  fs.cpSync(fixture("valid"), dir, { recursive: true });
  first = (await npmRunBuild(env)).output;
  // The two newest, as the build left them.
  expect([prerendered("short-note"), prerendered("long-read")]).toEqual([true, true]);

  fs.rmSync(path.join(dir, "short-note.md"));
  const longRead = path.join(dir, "long-read.md");
  fs.writeFileSync(longRead, fs.readFileSync(longRead, "utf8").replace("A long read about the river", "A longer read about the river"));
  fs.writeFileSync(
    path.join(dir, "harbour-notice.md"),
    `---\ntitle: Harbour notice posted\ndate: 2030-01-02\ncategory: world-news\nsummary: "A notice filed after every other article."\n---\n\nThe harbour master posted a notice.\n`,
  );
  second = (await npmRunBuild(env)).output;
  server = await startServer(env);
}, 600_000); // two production builds, the first compiling from nothing: about 60 s on an idle two-core machine

afterAll(async () => {
  await server?.stop();
  fs.rmSync(path.join(root, distDir), { recursive: true, force: true });
});

describe("a rebuild after editing content only", () => {
  it("compiles the first time, then updates the snapshot and prerenders without compiling", () => {
    expect(first).toMatch(/snapshot \S+ \(written afresh/);
    expect(first).not.toContain("without compiling");
    expect(second).toMatch(/snapshot \S+ \(updated for 3 changed articles/);
    expect(second).toContain("Code unchanged since the last build: prerendering the pages again, without compiling");
    // Either way the build folder holds the render threads' bundle (scripts/bundle-render-worker.ts).
    expect(fs.statSync(path.join(root, distDir, RENDER_WORKER_BUNDLE)).size).toBeGreaterThan(100_000);
  });

  it("leaves the dependencies out of the server's chunks, for the server to load from node_modules", () => {
    const chunks = fs.readdirSync(path.join(root, distDir, "server", "chunks"), { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".js"));
    const code = chunks.map((name) => fs.readFileSync(path.join(root, distDir, "server", "chunks", name), "utf8")).join("\n");
    expect(code).toContain("next/dist/compiled/next-server/app-page-turbo.runtime.prod.js");
    // A message of remark's serializer (mdast-util-to-markdown), which compiled in would bring.
    expect(code).not.toContain("Cannot handle unknown node");
  });

  it("no longer serves a deleted article that the last build had prerendered", async () => {
    expect(prerendered("short-note")).toBe(false);
    expect((await fetch(`${server.url}/articles/short-note`)).status).toBe(404);
  });

  it("serves the edit and the new article, and lists them on the front page", async () => {
    const edited = await fetch(`${server.url}/articles/long-read`);
    expect(edited.status).toBe(200);
    expect(await edited.text()).toContain("A longer read about the river");
    expect((await fetch(`${server.url}/articles/harbour-notice`)).status).toBe(200);
    const home = await (await fetch(`${server.url}/`)).text();
    expect(home).toContain("Harbour notice posted");
    expect(home).not.toContain("A short note");
    expect([prerendered("harbour-notice"), prerendered("long-read")]).toEqual([true, true]);
  });
});

describe("a build that a bad file fails", () => {
  it("names the file and the field, and leaves the last build serving as it was", async () => {
    fs.writeFileSync(path.join(dir, "no-headline.md"), `---\ndate: 2030-01-03\ncategory: world-news\nsummary: "No title."\n---\n\nText.\n`);
    const output = await npmRunBuild(env).then(
      () => {
        throw new Error("the build succeeded");
      },
      (error: Error) => error.message,
    );
    expect(output).toMatch(/no-headline\.md.*title/);
    expect(output).not.toContain("prerendering the pages again");
    expect(prerendered("long-read")).toBe(true);
    const page = await fetch(`${server.url}/articles/long-read`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("A longer read about the river");
  });
});

import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FEED_ARTICLES } from "@/lib/archive/prerender";
import { JEMALLOC_CANDIDATES, requireSystemProgram } from "../system";
import { expected } from "./archive";
import { startServer, type RunningServer } from "./server";
import { visiblePage } from "./visible-page";

// deploy/Dockerfile runs the server on jemalloc (LD_PRELOAD), which hands memory back to the
// system that glibc's allocator keeps (README, Performance). Every native part of the server
// allocates through it then: SQLite, sharp, the render threads' V8 heaps.
const jemalloc = requireSystemProgram(JEMALLOC_CANDIDATES, "apt-get install libjemalloc2");
// Old enough not to be prerendered: its body is rendered on a render thread at the first request.
const oldArticle = expected.articles.at(-1)!;
const photoFolder = "/articles/pellmouth-tide-gauge-upgrade";

describe.skipIf(!jemalloc)("the server on jemalloc, as the Docker image runs it", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ LD_PRELOAD: jemalloc! });
  });
  afterAll(() => server?.stop());

  it("has jemalloc mapped in place of glibc's allocator", () => {
    const maps = fs.readFileSync(`/proc/${server.process.pid}/maps`, "utf8");
    expect(maps).toContain("libjemalloc.so.2");
  });

  it("serves home, a first render on a render thread, search and the feed", async () => {
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(visiblePage(await home.text()).text).toContain(expected.articles[0]!.title);

    const article = await fetch(`${server.url}${oldArticle.url}`);
    expect(article.status).toBe(200);
    const page = visiblePage(await article.text());
    expect(page.heading).toBe(oldArticle.title);
    expect(page.text).toContain(oldArticle.summary);

    const word = oldArticle.title.split(" ").find((candidate) => candidate.length > 4)!;
    const search = (await (await fetch(`${server.url}/api/search?q=${encodeURIComponent(word)}`)).json()) as { results: { slug: string }[] };
    expect(search.results.map((result) => result.slug)).toContain(oldArticle.slug);

    const feed = await fetch(`${server.url}/feed.xml`);
    expect(feed.status).toBe(200);
    expect((await feed.text()).match(/<item>/g)?.length).toBe(Math.min(FEED_ARTICLES, expected.articles.length));
  });

  it("resizes an article's photograph with sharp", async () => {
    const response = await fetch(`${server.url}/_next/image?url=${encodeURIComponent(`${photoFolder}/tide-readings.png`)}&w=640&q=75`, { headers: { accept: "image/webp,*/*" } });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).subarray(8, 12).toString("latin1")).toBe("WEBP");
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Article } from "@/lib/content/article-schema";
import { buildFolderName } from "@/lib/http/build-folder.mjs";
import { expected } from "./archive";
import { root, startServer, type RunningServer } from "./server";

const READER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

// Two articles of one section and one of another.
const section = expected.categories.find((category) => expected.inCategory(category.name).length >= 2)!;
const [first, second] = expected.inCategory(section.name) as [Article, Article];
const elsewhere = expected.articles.find((article) => article.category !== section.name)!;

const tempDb = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "trending-")), "views.db");

/** As React writes text into HTML. */
const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/** The trending box of a page's HTML, or undefined when the page has none. */
const trendingBox = (html: string) => /<section class="most-read trending".*?<\/section>/s.exec(html)?.[0];

/**
 * Regenerates a page now, as `revalidatePath` would, instead of waiting out its five minutes: Next
 * renders a prerendered page afresh for a request that carries the build's own preview id.
 */
async function regenerate(server: RunningServer, pathname: string) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, buildFolderName(), "prerender-manifest.json"), "utf8")) as {
    preview: { previewModeId: string };
  };
  const response = await fetch(`${server.url}${pathname}`, { headers: { "x-prerender-revalidate": manifest.preview.previewModeId } });
  expect(response.status).toBe(200);
}

describe("trending over the last 24 hours and 7 days", () => {
  let server: RunningServer;
  let readers = 0;
  beforeAll(async () => {
    server = await startServer({ VIEWS_DB_PATH: tempDb(), TRUSTED_PROXIES: "1", API_RATE_LIMIT: "0" });
    // Each reader at an address of its own behind the one trusted proxy; each reads `times` articles.
    const read = async (article: Article, count: number) => {
      for (let i = 0; i < count; i++) {
        const headers = { "user-agent": READER_UA, "x-forwarded-for": `198.51.100.${++readers}` };
        expect((await fetch(`${server.url}/api/views/${article.slug}`, { method: "POST", headers })).status).toBe(200);
      }
    };
    await read(elsewhere, 3);
    await read(first, 2);
    await read(second, 1);
    // A reload by the same reader counts neither in the total nor in the windows.
    await fetch(`${server.url}/api/views/${second.slug}`, { method: "POST", headers: { "user-agent": READER_UA, "x-forwarded-for": `198.51.100.${readers}` } });
  });
  afterAll(() => server?.stop());

  const top = async (query: string) => {
    const response = await fetch(`${server.url}/api/views${query}`);
    return { status: response.status, body: (await response.json()) as { top?: { slug: string; title: string; url: string; views: number }[]; error?: string } };
  };

  it("answers the most read of a window, and of one section", async () => {
    const all = [
      { slug: elsewhere.slug, title: elsewhere.title, url: elsewhere.url, views: 3 },
      { slug: first.slug, title: first.title, url: first.url, views: 2 },
      { slug: second.slug, title: second.title, url: second.url, views: 1 },
    ];
    expect(await top("?top=3&window=24h")).toEqual({ status: 200, body: { top: all } });
    expect(await top("?top=2&window=7d")).toEqual({ status: 200, body: { top: all.slice(0, 2) } });
    expect(await top(`?top=3&window=24h&category=${section.name}`)).toEqual({ status: 200, body: { top: all.slice(1) } });
    expect(await top(`?top=3&category=${elsewhere.category}`)).toEqual({ status: 200, body: { top: [all[0]] } });
  });

  it("refuses a window it does not know, and a section there is not", async () => {
    for (const window of ["1h", "30d", "", "24H"]) {
      const response = await top(`?top=3&window=${window}`);
      expect(response).toEqual({ status: 400, body: { error: "window must be 24h or 7d" } });
    }
    expect(await top("?window=24h&category=no-such-section")).toEqual({ status: 404, body: { error: "no such category" } });
  });

  it("shows both windows on home, and a section's 7 days on its page", async () => {
    await regenerate(server, "/");
    const box = trendingBox(await (await fetch(`${server.url}/`)).text());
    expect(box).toBeDefined();
    expect(box).toContain(">Trending</h2>");
    const [day, week] = box!.split("Last 7 days");
    for (const list of [day!, week!]) {
      const titles = [elsewhere, first, second].map((article) => list.indexOf(`>${escaped(article.title)}</a>`));
      expect(titles.every((at) => at >= 0)).toBe(true);
      expect(titles).toEqual([...titles].sort((a, b) => a - b));
      expect(list).toContain("3 views");
      expect(list).toContain("1 view<");
    }

    await regenerate(server, `/category/${section.name}`);
    const sectionBox = trendingBox(await (await fetch(`${server.url}/category/${section.name}`)).text());
    expect(sectionBox).toContain(`>Trending in ${escaped(section.label)}</h2>`);
    expect(sectionBox).toContain(`>${escaped(first.title)}</a> <span class="meta">2 views</span>`);
    expect(sectionBox).toContain(`>${escaped(second.title)}</a>`);
    expect(sectionBox).not.toContain(escaped(elsewhere.title));
  });
});

describe("trending while the store is down", () => {
  let server: RunningServer;
  beforeAll(async () => {
    // A file where the store's folder should be: every use of the store fails.
    const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "trending-down-")), "not-a-folder");
    fs.writeFileSync(blocker, "");
    server = await startServer({ VIEWS_DB_PATH: path.join(blocker, "views.db") });
  });
  afterAll(() => server?.stop());

  it("answers 503 from the API, and pages without the box", async () => {
    const response = await fetch(`${server.url}/api/views?top=3&window=7d`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: "view counts are unavailable right now" });
    for (const pathname of ["/", `/category/${section.name}`]) {
      await regenerate(server, pathname);
      const page = await fetch(`${server.url}${pathname}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<h1 class="page-title">');
      expect(trendingBox(html)).toBeUndefined();
    }
  });
});

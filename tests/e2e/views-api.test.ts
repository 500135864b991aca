import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expected } from "./archive";
import { startServer, type RunningServer } from "./server";

const [article, other] = expected.articles;
const READER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
// Well-formed ids this site never signed: each counts as no cookie.
const forgedCookie = (id: number) => `reader=${String(id).padStart(22, "A")}`;
/** Headers of a request from reader number `n`, at an address of its own behind the one trusted proxy (TRUSTED_PROXIES=1). */
const readerAt = (n: number) => ({ "x-forwarded-for": `203.0.113.${n}` });

function post(server: RunningServer, slug: string, headers: Record<string, string> = {}, body?: string) {
  return fetch(`${server.url}/api/views/${slug}`, { method: "POST", headers: { "user-agent": READER_UA, ...headers }, body });
}

async function views(server: RunningServer, slug: string): Promise<number> {
  return ((await (await fetch(`${server.url}/api/views/${slug}`)).json()) as { views: number }).views;
}

describe("the views API", () => {
  let server: RunningServer;
  let db: string;
  beforeAll(async () => {
    db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "views-api-")), "views.db");
    server = await startServer({ VIEWS_DB_PATH: db, API_RATE_LIMIT: "0", TRUSTED_PROXIES: "1" });
  });
  afterAll(() => server?.stop());

  it("counts a new reader, answers the count, and recognises them by the cookie it signed or, without one, by address", async () => {
    const first = await post(server, article!.slug, readerAt(1));
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(await first.json()).toEqual({ slug: article!.slug, views: 1 });
    const cookie = first.headers.get("set-cookie")!;
    // SITE_URL is http here, so the cookie is not Secure, whatever X-Forwarded-Proto says.
    expect(cookie).toMatch(/^reader=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}; Path=\/api\/views; Expires=.*; Max-Age=31536000; HttpOnly; SameSite=lax$/);

    const reload = await post(server, article!.slug, { ...readerAt(1), cookie: cookie.split(";")[0]! });
    expect(await reload.json()).toEqual({ slug: article!.slug, views: 1 });
    expect(reload.headers.get("set-cookie")).toBeNull();
    // The same reader from another address, by cookie; the same address without one, by address.
    expect(await (await post(server, article!.slug, { ...readerAt(2), cookie: cookie.split(";")[0]! })).json()).toMatchObject({ views: 1 });
    expect(await (await post(server, article!.slug, { ...readerAt(1), "x-forwarded-proto": "https" })).json()).toMatchObject({ views: 1 });

    const second = await post(server, article!.slug, readerAt(3));
    expect(await second.json()).toMatchObject({ views: 2 });
    expect(second.headers.get("set-cookie")).not.toContain("Secure");
    expect(await views(server, article!.slug)).toBe(2);
  });

  it.each([
    ["a search engine crawler", { "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" }],
    ["headless Chrome", { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/130.0 Safari/537.36" }],
    ["a client with no User-Agent", { "user-agent": "" }],
    ["a prefetch", { "sec-purpose": "prefetch" }],
    ["a prerender", { "sec-purpose": "prefetch;prerender" }],
    ["an older browser's prefetch", { purpose: "prefetch" }],
    ["a preview", { "x-purpose": "preview" }],
    ["Firefox's prefetch", { "x-moz": "prefetch" }],
    ["Next's router prefetch", { "next-router-prefetch": "1" }],
  ])("does not count %s", async (_who, headers) => {
    const before = await views(server, other!.slug);
    const response = await post(server, other!.slug, { ...readerAt(10), ...headers });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ slug: other!.slug, views: before });
    expect(await views(server, other!.slug)).toBe(before);
  });

  it("answers an unknown slug with 404 and stores nothing", async () => {
    for (const method of ["POST", "GET"]) {
      const response = await fetch(`${server.url}/api/views/no-such-article`, { method, headers: { "user-agent": READER_UA } });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: "unknown article" });
    }
    const rows = new Database(db, { readonly: true }).prepare("SELECT slug FROM views UNION SELECT slug FROM seen").all();
    expect(rows).not.toContainEqual({ slug: "no-such-article" });
    expect(rows.length).toBeGreaterThan(0);
  });

  it("does not count a request another site's page makes", async () => {
    const before = await views(server, other!.slug);
    const response = await post(server, other!.slug, { ...readerAt(11), "sec-fetch-site": "cross-site" });
    expect(await response.json()).toEqual({ slug: other!.slug, views: before });
  });

  it("counts readers without JavaScript through the pixel, by the same rules", async () => {
    const pixel = (headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/views/${other!.slug}/pixel`, { headers: { "user-agent": READER_UA, ...headers } });
    const before = await views(server, other!.slug);
    const first = await pixel(readerAt(12));
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/gif");
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(Buffer.from(await first.arrayBuffer()).subarray(0, 6).toString()).toBe("GIF89a");
    expect(await views(server, other!.slug)).toBe(before + 1);
    await pixel(readerAt(12));
    await pixel({ ...readerAt(13), "user-agent": "Googlebot/2.1" });
    await pixel({ ...readerAt(14), "sec-fetch-site": "cross-site" });
    expect(await views(server, other!.slug)).toBe(before + 1);
    const fresh = await pixel(readerAt(15));
    expect(fresh.headers.get("set-cookie")).toMatch(/^reader=/);
    expect(await views(server, other!.slug)).toBe(before + 2);
    expect((await fetch(`${server.url}/api/views/no-such-article/pixel`)).status).toBe(404);
  });

  it.each(["PUT", "PATCH", "DELETE"])("answers %s with 405", async (method) => {
    expect((await fetch(`${server.url}/api/views/${article!.slug}`, { method })).status).toBe(405);
  });

  it("ignores a small body and refuses one over 1 KB", async () => {
    expect((await post(server, article!.slug, readerAt(16), "x".repeat(100))).status).toBe(200);
    const big = await post(server, article!.slug, readerAt(17), "x".repeat(10_000));
    expect(big.status).toBe(413);
    expect(await views(server, article!.slug)).toBe(3);
  });

  it("lists the most read, capping N", async () => {
    const top = async (query: string) => ((await (await fetch(`${server.url}/api/views${query}`)).json()) as { top: { slug: string; views: number }[] }).top;
    expect((await top("?top=1"))[0]).toMatchObject({ slug: article!.slug, views: 3, url: article!.url, title: article!.title });
    expect((await top("?top=100000")).length).toBeLessThanOrEqual(50);
    expect((await top("?top=nonsense")).length).toBeGreaterThan(0);
  });
});

describe("the views API under a flood", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ VIEWS_DB_PATH: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "views-flood-")), "views.db"), API_RATE_LIMIT: "20" });
  });
  afterAll(() => server?.stop());

  it("answers 429 with Retry-After past the limit, whatever X-Forwarded-For claims", async () => {
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post(server, article!.slug, { cookie: forgedCookie(100 + i), "x-forwarded-for": `198.51.100.${i}` })),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    const limited = responses.find((response) => response.status === 429)!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual({ error: "too many requests" });
  });
});

describe("the views API with its store down", () => {
  let server: RunningServer;
  let blocker: string;
  beforeAll(async () => {
    blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "views-down-")), "data");
    fs.writeFileSync(blocker, "a file where the data folder should be");
    server = await startServer({ VIEWS_DB_PATH: path.join(blocker, "views.db"), API_RATE_LIMIT: "0" });
  });
  afterAll(() => server?.stop());

  it("answers 503 with a JSON error, logs once, keeps serving pages, and recovers without a restart", async () => {
    for (let i = 0; i < 20; i++) {
      const response = await post(server, article!.slug, { cookie: forgedCookie(200 + i) });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("30");
      expect(await response.json()).toEqual({ error: "view counts are unavailable right now" });
    }
    expect((await fetch(`${server.url}/api/views/${article!.slug}`)).status).toBe(503);
    expect(server.output().match(/\[views\] view store unavailable/g)).toHaveLength(1);

    const page = await fetch(`${server.url}${article!.url}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<h1>${article!.title.replace(/'/g, "&#x27;")}`);
    expect(server.process.exitCode).toBeNull();

    fs.rmSync(blocker);
    const recovered = await post(server, article!.slug, { cookie: forgedCookie(300) });
    expect(recovered.status).toBe(200);
    expect(await recovered.json()).toEqual({ slug: article!.slug, views: 1 });
  });
});

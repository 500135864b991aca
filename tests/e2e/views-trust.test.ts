import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Article } from "@/lib/content/article-schema";
import { holdLock } from "../lib/views/lock-holder";
import { REDIS_CANDIDATES, requireSystemProgram, startRedis, type RedisServer } from "../system";
import { expected } from "./archive";
import { root, startServer, type RunningServer } from "./server";

// The newest is prerendered; the oldest renders on its first request, reading its count then.
const [article, other] = expected.articles as [Article, Article, ...Article[]];
const oldArticle = expected.articles.at(-1)!;
const READER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
const BUDGET = 20;

const tempDb = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "views-trust-")), "views.db");

function post(server: RunningServer, slug: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/views/${slug}`, { method: "POST", headers: { "user-agent": READER_UA, ...headers } });
}

async function views(server: RunningServer, slug: string): Promise<number> {
  return ((await (await fetch(`${server.url}/api/views/${slug}`)).json()) as { views: number }).views;
}

/** The `reader=…` pair of a response's Set-Cookie, if it set one. */
const cookieOf = (response: Response) => response.headers.get("set-cookie")?.split(";")[0];

describe("one address inflating a count", () => {
  let server: RunningServer;
  let limited: RunningServer;
  beforeAll(async () => {
    // No rate limit, so that every trick reaches the allowance; no trusted proxy, as deployed by default.
    server = await startServer({ VIEWS_DB_PATH: tempDb(), API_RATE_LIMIT: "0" });
    limited = await startServer({ VIEWS_DB_PATH: tempDb() });
  });
  afterAll(async () => {
    await server?.stop();
    await limited?.stop();
  });

  it("adds at most the address's allowance, whatever cookies, browsers, beacons, pixels and headers it tries", async () => {
    const before = await views(server, article.slug);
    // Signed cookies minted on another article: new readers as far as this article knows.
    const minted: string[] = [];
    const mint = async (i: number) => {
      const response = await post(server, other.slug, { "user-agent": `${READER_UA} Mint/${i}` });
      minted.push(cookieOf(response)!);
      return response;
    };
    const pixel = (headers: Record<string, string>) => fetch(`${server.url}/api/views/${article.slug}/pixel`, { headers: { "user-agent": READER_UA, ...headers } });
    const kinds: ((i: number) => Promise<Response>)[] = [
      // A new browser each time, with no cookie: each answer carries a fresh, validly signed cookie.
      (i) => post(server, article.slug, { "user-agent": `${READER_UA} Trick/${i}` }),
      (i) => mint(2 * i),
      (i) => mint(2 * i + 1),
      // Each cookie the site signed, on the beacon and on the pixel.
      (i) => post(server, article.slug, { cookie: minted[2 * i] ?? "" }),
      (i) => pixel({ cookie: minted[2 * i + 1] ?? "", "user-agent": `${READER_UA} Pixel/${i}` }),
      // Cookies of the old, unsigned shape, and signed ones with a forged signature.
      (i) => post(server, article.slug, { cookie: `reader=${String(i).padStart(22, "Z")}` }),
      (i) => post(server, article.slug, { cookie: `reader=${String(i).padStart(22, "Y")}.${"A".repeat(22)}` }),
      // Claimed addresses, which no trusted proxy vouches for.
      (i) => post(server, article.slug, { "x-forwarded-for": `198.51.100.${i}`, "user-agent": `${READER_UA} Xff/${i}` }),
      // Prefetches and previews, however announced.
      (i) => post(server, article.slug, { [["sec-purpose", "purpose", "x-purpose", "x-moz", "next-router-prefetch"][i % 5]!]: "prefetch", "user-agent": `${READER_UA} Pre/${i}` }),
    ];
    let attempts = 0;
    for (let i = 0; attempts < 300; i++) {
      for (const kind of kinds.slice(0, 300 - attempts)) {
        const response = await kind(i);
        attempts += 1;
        expect(response.status).toBe(200);
      }
    }
    expect(minted.length).toBeGreaterThan(2 * BUDGET);
    // The first reader from the address, then minted readers until the allowance ran out.
    expect((await views(server, article.slug)) - before).toBe(BUDGET);
  });

  it("gives the beacon and the pixel one budget of requests a minute between them", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      statuses.push((await post(limited, article.slug)).status);
      statuses.push((await fetch(`${limited.url}/api/views/${article.slug}/pixel`, { headers: { "user-agent": READER_UA } })).status);
    }
    expect(statuses.filter((status) => status !== 429)).toHaveLength(120);
  });
});

describe("readers at distinct addresses behind a trusted proxy", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ VIEWS_DB_PATH: tempDb(), TRUSTED_PROXIES: "1", API_RATE_LIMIT: "0", SITE_URL: "https://news.example.com" });
  });
  afterAll(() => server?.stop());

  it("counts each address once, and an IPv6 /64 as one address", async () => {
    const before = await views(server, oldArticle.slug);
    const addresses = [...Array.from({ length: 50 }, (_, i) => `192.0.2.${i}`), "2001:db8:1:2::1", "2001:db8:1:2:ffff::9", "2001:db8:1:3::1"];
    for (const address of [...addresses, ...addresses]) {
      expect((await post(server, oldArticle.slug, { "x-forwarded-for": address })).status).toBe(200);
    }
    expect((await views(server, oldArticle.slug)) - before).toBe(52);
  });

  it("marks the cookie Secure when SITE_URL is https, whatever the request says", async () => {
    const response = await post(server, article.slug, { "x-forwarded-for": "192.0.2.200", "x-forwarded-proto": "http" });
    expect(response.headers.get("set-cookie")).toMatch(/; Secure;/);
  });
});

describe("a SQLite store that another process has locked, or that was deleted", () => {
  let server: RunningServer;
  let db: string;
  beforeAll(async () => {
    db = tempDb();
    server = await startServer({ VIEWS_DB_PATH: db, TRUSTED_PROXIES: "1", API_RATE_LIMIT: "0" });
    // The first view creates the file and its tables.
    expect((await post(server, article.slug, { "x-forwarded-for": "192.0.2.1" })).status).toBe(200);
  });
  afterAll(() => server?.stop());

  it("answers beacons 503 and serves pages while the lock is held, and counts again once it is released", async () => {
    const lock = await holdLock(db, "write");
    const beacon = await post(server, article.slug, { "x-forwarded-for": "192.0.2.2" });
    const pages = await Promise.all(["/", article.url, oldArticle.url].map((pathname) => fetch(`${server.url}${pathname}`)));
    // All of it answered while the other process still held the lock.
    expect(lock.released()).toBe(false);
    expect(beacon.status).toBe(503);
    expect(pages.map((page) => page.status)).toEqual([200, 200, 200]);
    await lock.release();
    const after = await post(server, article.slug, { "x-forwarded-for": "192.0.2.3" });
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ views: 2 });
  });

  it("never acknowledges a view it then loses when the file is deleted under it", async () => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${db}${suffix}`, { force: true });
    let acknowledged = 0;
    for (let i = 0; i < 30; i++) {
      const response = await post(server, oldArticle.slug, { "x-forwarded-for": `192.0.2.${100 + i}` });
      if (response.status === 200) acknowledged += 1;
      else expect(response.status).toBe(503);
    }
    expect(acknowledged).toBeGreaterThan(0);
    const onDisk = new Database(db, { readonly: true });
    try {
      expect(onDisk.prepare("SELECT count FROM views WHERE slug = ?").pluck().get(oldArticle.slug)).toBe(acknowledged);
    } finally {
      onDisk.close();
    }
  });
});

const redisBinary = requireSystemProgram(REDIS_CANDIDATES, "apt-get install redis-server");

describe.skipIf(!redisBinary)("a Redis store that freezes or dies", () => {
  let redis: RedisServer;
  let server: RunningServer;
  beforeAll(async () => {
    redis = await startRedis(redisBinary!);
    server = await startServer({ REDIS_URL: redis.url, REDIS_PREFIX: "trust:", TRUSTED_PROXIES: "1", API_RATE_LIMIT: "0" });
    expect((await post(server, article.slug, { "x-forwarded-for": "192.0.2.1" })).status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
  });

  it("answers 503 and renders pages without the count while Redis is frozen, then counts again", async () => {
    await redis.pause();
    try {
      // Both answer while Redis is still frozen: neither waits for it.
      const beacon = await post(server, article.slug, { "x-forwarded-for": "192.0.2.2" });
      const page = await fetch(`${server.url}${oldArticle.url}`);
      expect(beacon.status).toBe(503);
      expect(page.status).toBe(200);
      expect(await page.text()).not.toContain('class="meta-views"');
    } finally {
      await redis.resume();
    }
    await expect
      .poll(async () => (await post(server, article.slug, { "x-forwarded-for": "192.0.2.3" })).status, { timeout: 30_000, interval: 200 })
      .toBe(200);
  });

  it("answers 503 while Redis is down, before it comes back", async () => {
    await redis.stop();
    try {
      const beacon = await post(server, article.slug, { "x-forwarded-for": "192.0.2.4" });
      expect(beacon.status).toBe(503);
    } finally {
      await redis.start();
    }
    await expect
      .poll(async () => (await post(server, article.slug, { "x-forwarded-for": "192.0.2.5" })).status, { timeout: 30_000, interval: 200 })
      .toBe(200);
  });
});

describe("a server on a unix socket", () => {
  it("answers through the socket, so only a proxy on the same machine can reach it", async () => {
    const socketPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "socket-")), "newsroom.sock");
    const child = spawn(process.execPath, ["server.mjs"], { cwd: root, env: { ...process.env, NODE_ENV: "production", SOCKET_PATH: socketPath } });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    try {
      await expect.poll(() => output, { timeout: 60_000, interval: 100 }).toContain(`Ready on unix:${socketPath}`);
      const status = await new Promise<number | undefined>((resolve, reject) =>
        http.get({ socketPath, path: "/robots.txt" }, (response) => resolve(response.resume().statusCode)).on("error", reject),
      );
      expect(status).toBe(200);
      expect(fs.statSync(socketPath).isSocket()).toBe(true);
    } finally {
      child.kill();
    }
  });
});

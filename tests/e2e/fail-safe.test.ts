import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { snapshotFile } from "@/lib/archive/archive";
import { expected } from "./archive";
import { startServer, type RunningServer } from "./server";
import { visiblePage } from "./visible-page";

const baseUrl = inject("baseUrl");
// Old enough not to be prerendered: rendered, or failing, at request time.
const oldArticle = expected.articles.at(-1)!;
const searchWord = oldArticle.title.split(" ").find((word) => word.length > 4)!;

function expectCompletePage(html: string, heading: string) {
  const page = visiblePage(html);
  expect(page.lang).toBe("en");
  expect(page.stylesheets).toBeGreaterThan(0);
  // The site's header, with its sections, and the message with the way home.
  expect(page.header).toContain(expected.categories[0]!.label);
  expect(page.heading).toBe(heading);
  expect(page.homeLink).toBe(true);
}

describe("not-found pages with JavaScript off", () => {
  it.each([
    "/articles/no-such-story",
    "/category/no-such-section",
    "/tags/no-such-tag",
    "/page/99",
    `/category/${expected.categories[0]!.name}/page/99`,
    `/search?q=${searchWord}&page=99`,
    "/no/such/page",
  ])("%s answers 404 with the whole page in its HTML", async (pathname) => {
    const response = await fetch(`${baseUrl}${pathname}`);
    expect(response.status).toBe(404);
    expectCompletePage(await response.text(), "Page not found");
  });

  it("answers a HEAD for an unknown article with 404 and no body", async () => {
    const response = await fetch(`${baseUrl}/articles/no-such-story`, { method: "HEAD" });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("");
  });
});

/** Writes raw bytes to the server and returns the status line and headers it answers with. */
function rawRequest(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = "";
    const socket = net.connect(Number(port), hostname, () => socket.end(request));
    socket.on("data", (chunk) => (answer += chunk));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

describe("bad requests", () => {
  const securityHeaders = (headers: Headers | Record<string, string>) => {
    const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]);
    expect(get("content-security-policy")).toContain("default-src 'self'");
    expect(get("x-content-type-options")).toBe("nosniff");
    expect(get("x-frame-options")).toBe("DENY");
  };
  const parseHeaders = (answer: string) =>
    Object.fromEntries(
      answer
        .split("\r\n\r\n")[0]!
        .split("\r\n")
        .slice(1)
        .map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
    );

  it.each([
    ["not JSON", "%7Bnot-json"],
    ["JSON of the wrong shape", encodeURIComponent(JSON.stringify({ children: 1 }))],
  ])("answers a router state header that is %s with 400 and the security headers", async (_kind, header) => {
    for (const pathname of [`/search?q=${searchWord}`, oldArticle.url]) {
      const response = await fetch(`${baseUrl}${pathname}`, { headers: { rsc: "1", "next-router-state-tree": header } });
      expect(response.status).toBe(400);
      securityHeaders(response.headers);
    }
  });

  it("answers a path that is not valid percent-encoding with 400 and the security headers", async () => {
    const response = await fetch(`${baseUrl}/articles/%E0%A4%A`);
    expect(response.status).toBe(400);
    securityHeaders(response.headers);
  });

  it("answers oversized headers with Node's 431, and a request it cannot parse with 400, both with the security headers", async () => {
    const oversized = await rawRequest(baseUrl, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(oversized).toMatch(/^HTTP\/1\.1 431 /);
    securityHeaders(parseHeaders(oversized));
    const garbled = await rawRequest(baseUrl, "GET / HTTP/1.1\r\nHost x\r\n\r\n");
    expect(garbled).toMatch(/^HTTP\/1\.1 400 /);
    securityHeaders(parseHeaders(garbled));
  });
});

describe("a server whose snapshot is damaged while it runs", () => {
  let server: RunningServer;
  let copy: string;
  beforeAll(async () => {
    copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "damaged-")), "snapshot.db");
    fs.copyFileSync(snapshotFile(), copy);
    server = await startServer({ CONTENT_SNAPSHOT: copy });
  });
  afterAll(() => server?.stop());

  it("answers the pages it can no longer read with 500 and the whole error page in the HTML", async () => {
    // Before any page has read it, every page of the file after the first few is overwritten:
    // the file still opens, its tables no longer read.
    const fd = fs.openSync(copy, "r+");
    fs.writeSync(fd, Buffer.alloc(fs.statSync(copy).size - 4096 * 3, 0x5a), 0, undefined, 4096 * 3);
    fs.closeSync(fd);
    const response = await fetch(`${server.url}/search?q=${searchWord}+${oldArticle.slug.split("-")[0]}`);
    expect(response.status).toBe(500);
    expectCompletePage(await response.text(), "Something went wrong");
  });
});

/** What server.mjs printed when it refused to start with `env`. */
async function refusal(env: Record<string, string>): Promise<string> {
  const failure = await startServer(env).then(
    async (server) => (await server.stop(), new Error("server.mjs started")),
    (error: Error) => error,
  );
  return failure.message.split("\n").slice(1).join("\n").trim();
}

describe("starting on a missing or damaged snapshot", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "snapshots-"));
  const write = (name: string, bytes: Buffer | string) => {
    const file = path.join(folder, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const built = () => fs.readFileSync(snapshotFile());

  it.each([
    ["missing", () => path.join(folder, "none.db"), /no content snapshot at .*none\.db: run npm run build/],
    ["empty", () => write("empty.db", ""), /empty\.db is not a SQLite database/],
    ["not a database", () => write("text.db", "These are not the bytes of a database.\n".repeat(10)), /text\.db is not a SQLite database/],
    ["cut short", () => write("short.db", built().subarray(0, 8192)), /short\.db is cut short \(8192 of \d+ bytes\)/],
    ["of another format", () => write("other.db", built()), /other\.db has format 0, this code reads format \d+/],
  ])("refuses to start when the snapshot is %s, with one line naming it", async (kind, file, problem) => {
    const snapshot = file();
    if (kind === "of another format") {
      // Another version's snapshot: the same tables, another format number.
      const Database = (await import("better-sqlite3")).default;
      const db = new Database(snapshot);
      db.prepare("UPDATE info SET value = '0' WHERE key = 'format'").run();
      db.close();
    }
    const output = await refusal({ CONTENT_SNAPSHOT: snapshot });
    expect(output).toMatch(problem);
    expect(output).toMatch(/^Not starting: /);
    expect(output.split("\n")).toHaveLength(1);
  });
});

it("refuses to start without a build, with one line naming the folder", async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-build-"));
  expect(await refusal({ NEXT_DIST_DIR: empty })).toBe(`Not starting: no production build in ${empty}: run npm run build`);
});

it("serves with the configuration the build recorded, without loading Next's compiler", async () => {
  const server = await startServer();
  try {
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    const maps = fs.readFileSync(`/proc/${server.process.pid}/maps`, "utf8");
    // The maps are read: the snapshot's SQLite is there.
    expect(maps).toMatch(/better_sqlite3\.node/);
    // Compiling next.config.ts would have loaded it, about 25 MB resident.
    expect(maps).not.toMatch(/@next\/swc/);
  } finally {
    await server.stop();
  }
});

it("refuses to start on a SITE_TIMEZONE that names no time zone, with one line naming it", async () => {
  expect(await refusal({ SITE_TIMEZONE: "Mars/Olympus_Mons" })).toBe(
    'Not starting: SITE_TIMEZONE="Mars/Olympus_Mons" is not a time zone: expected an IANA name such as "Europe/Berlin" or "UTC"',
  );
});

describe("the search page under a flood", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ API_RATE_LIMIT: "5" });
  });
  afterAll(() => server?.stop());

  it("answers a client over its budget with 429 and Retry-After, as the search API does", async () => {
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${server.url}/search?q=${searchWord}${i}`);
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused!.text()).toContain("Too many searches");
  });
});

describe("the script policy of a revalidated page", () => {
  it("sends no policy with a 304, so the browser keeps the one stored with the document", async () => {
    // A page that is never regenerated, so that its ETag cannot change between the two requests.
    const first = await fetch(`${baseUrl}/server-error`);
    const etag = first.headers.get("etag")!;
    expect(first.headers.get("content-security-policy")).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+;/);
    // Not fetch(): with a conditional header it also sends Cache-Control: no-cache, which asks for a 200.
    const again = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get(`${baseUrl}/server-error`, { headers: { "if-none-match": etag } }, (response) => resolve(response.resume())).on("error", reject),
    );
    expect(again.statusCode).toBe(304);
    expect(again.headers["content-security-policy"]).toBeUndefined();
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expected } from "./archive";
import { REDIS_CANDIDATES, requireSystemProgram, startRedis, type RedisServer } from "../system";
import { startServer, type RunningServer } from "./server";

const article = expected.articles[0]!;
const READER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
const PER_SERVER = 1_000;

/** A view from reader number `reader`, each at an address of its own behind the one trusted proxy (TRUSTED_PROXIES=1). */
function view(server: RunningServer, reader: number) {
  return fetch(`${server.url}/api/views/${article.slug}`, {
    method: "POST",
    headers: { "user-agent": READER_UA, "x-forwarded-for": `10.${(reader >> 16) & 255}.${(reader >> 8) & 255}.${reader & 255}` },
  });
}

async function count(server: RunningServer): Promise<number> {
  return ((await (await fetch(`${server.url}/api/views/${article.slug}`)).json()) as { views: number }).views;
}

/** Two server processes on one store, each sent PER_SERVER concurrent views from distinct readers. */
async function expectExactAcrossTwoServers(env: Record<string, string>) {
  const servers = await Promise.all([startServer(env), startServer(env)]);
  try {
    const responses = await Promise.all(servers.flatMap((server, s) => Array.from({ length: PER_SERVER }, (_, i) => view(server, s * PER_SERVER + i))));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status !== 200), `statuses: ${[...new Set(statuses)].join(", ")}`).toEqual([]);
    expect(await count(servers[0]!)).toBe(2 * PER_SERVER);
    expect(await count(servers[1]!)).toBe(2 * PER_SERVER);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

const tempDb = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "views-exact-")), "views.db");

describe("view counts with SQLite", () => {
  it("are exact across two server processes under 2,000 concurrent views", async () => {
    await expectExactAcrossTwoServers({ VIEWS_DB_PATH: tempDb(), API_RATE_LIMIT: "0", TRUSTED_PROXIES: "1" });
  });

  it("lose no view answered 200 when the server is killed mid-stream", async () => {
    const env = { VIEWS_DB_PATH: tempDb(), API_RATE_LIMIT: "0", TRUSTED_PROXIES: "1" };
    const server = await startServer(env);
    let ok = 0;
    let inFlight = 0;
    let killed = false;
    let next = 0;
    // Eight readers at a time keep the server busy; SIGKILL lands while requests are in flight.
    const worker = async () => {
      while (!killed) {
        inFlight += 1;
        const response = await view(server, next++).catch(() => undefined);
        inFlight -= 1;
        if (response?.status === 200) ok += 1;
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    while (ok < 300) await new Promise((resolve) => setTimeout(resolve, 5));
    killed = true;
    const unanswered = inFlight;
    await server.stop("SIGKILL");
    await Promise.all(workers);

    const restarted = await startServer(env);
    try {
      const stored = await count(restarted);
      // Every acknowledged view survived; at most the requests cut off mid-flight may also have landed.
      expect(stored).toBeGreaterThanOrEqual(ok);
      expect(stored).toBeLessThanOrEqual(ok + unanswered);
    } finally {
      await restarted.stop();
    }
  });
});

const redisBinary = requireSystemProgram(REDIS_CANDIDATES, "apt-get install redis-server");

describe.skipIf(!redisBinary)("view counts with Redis", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis(redisBinary!);
  });
  afterAll(() => redis?.stop());

  it("are exact across two server processes under 2,000 concurrent views", async () => {
    await expectExactAcrossTwoServers({ REDIS_URL: redis.url, REDIS_PREFIX: "exact:", API_RATE_LIMIT: "0", TRUSTED_PROXIES: "1" });
  });
});

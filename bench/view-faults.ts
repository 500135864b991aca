import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { loadArticles } from "../lib/content/articles";
import { contentDir } from "../lib/content/content-dir";
import { startServer, type RunningServer } from "../tests/e2e/server";
import { holdLock, type LockHolder } from "../tests/lib/views/lock-holder";
import { findSystemProgram, REDIS_CANDIDATES, startRedis } from "../tests/system";

const READER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
const BEACONS = 10;
const PAGE_SECONDS = 5;

export type FaultRow = {
  case: string;
  /** The slowest of BEACONS beacons sent one after another, and what they answered. */
  beaconMaxMs: number;
  beaconStatuses: string;
  /** Home and the newest article under 10 connections meanwhile. */
  pageP50Ms: number;
  pageP99Ms: number;
  pageNon2xx: number;
  /** An old article's first render (it reads the count) meanwhile. */
  firstRenderMs: number;
};

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - started), value };
}

/** Beacons, pages and a first render on `server`, all at once, while whatever fault is in place lasts. */
async function measure(name: string, server: RunningServer, slugs: { newest: string; old: string }, firstAddress: number): Promise<FaultRow> {
  const pages = autocannon({
    url: server.url,
    connections: 10,
    duration: PAGE_SECONDS,
    requests: [{ path: "/" }, { path: `/articles/${slugs.newest}` }],
  });
  const firstRender = timed(() => fetch(`${server.url}/articles/${slugs.old}`).then((response) => response.text()));
  const beacons: { ms: number; status: number }[] = [];
  for (let i = 0; i < BEACONS; i++) {
    const { ms, value } = await timed(() =>
      fetch(`${server.url}/api/views/${slugs.newest}`, { method: "POST", headers: { "user-agent": READER_UA, "x-forwarded-for": `10.9.${firstAddress}.${i}` } }),
    );
    beacons.push({ ms, status: value.status });
  }
  const [result, render] = await Promise.all([pages, firstRender]);
  const statuses = new Map<number, number>();
  for (const { status } of beacons) statuses.set(status, (statuses.get(status) ?? 0) + 1);
  return {
    case: name,
    beaconMaxMs: Math.max(...beacons.map((beacon) => beacon.ms)),
    beaconStatuses: [...statuses].map(([status, count]) => `${status} × ${count}`).join(", "),
    pageP50Ms: result.latency.p50,
    pageP99Ms: result.latency.p99,
    pageNon2xx: result.non2xx,
    firstRenderMs: render.ms,
  };
}

/** `measure`'s row, taken between `breakIt` and `mend`; mended whatever happens. */
async function whileBroken(breakIt: () => Promise<unknown>, mend: () => Promise<unknown>, measure: () => Promise<FaultRow>): Promise<FaultRow> {
  await breakIt();
  try {
    return await measure();
  } finally {
    await mend();
  }
}

/**
 * How the site behaves while its view store is locked, frozen or down, beside the same server
 * with nothing wrong, in the same run: how long a beacon waits for its 503, and whether pages
 * (and an old article's first render, which reads the count) keep their latency.
 */
export async function benchViewFaults(): Promise<FaultRow[]> {
  const articles = loadArticles(contentDir()).map((loaded) => loaded.article).sort((a, b) => b.date.time - a.date.time);
  const newest = articles[0]!.slug;
  // Each case renders a different old article for the first time (none is prerendered).
  const old = (n: number) => articles.at(-1 - n)!.slug;
  const rows: FaultRow[] = [];
  const env = { TRUSTED_PROXIES: "1", API_RATE_LIMIT: "0" };

  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-faults-")), "views.db");
  const sqlite = await startServer({ ...env, VIEWS_DB_PATH: db });
  try {
    rows.push(await measure("SQLite, nothing wrong (baseline)", sqlite, { newest, old: old(0) }, 0));
    let lock: LockHolder | undefined;
    rows.push(
      await whileBroken(
        async () => void (lock = await holdLock(db, "write", 60_000)),
        () => lock!.release(),
        () => measure("SQLite, another process holds the write lock", sqlite, { newest, old: old(1) }, 1),
      ),
    );
  } finally {
    await sqlite.stop();
  }

  const redisBinary = findSystemProgram(REDIS_CANDIDATES);
  if (!redisBinary) {
    console.warn("redis-server not found: the Redis fault rows are left out (apt-get install redis-server).");
    return rows;
  }
  const redis = await startRedis(redisBinary);
  const server = await startServer({ ...env, REDIS_URL: redis.url, REDIS_PREFIX: "faults:" });
  try {
    rows.push(await measure("Redis, nothing wrong (baseline)", server, { newest, old: old(2) }, 2));
    rows.push(await whileBroken(redis.pause, redis.resume, () => measure("Redis frozen (SIGSTOP)", server, { newest, old: old(3) }, 3)));
    rows.push(await whileBroken(redis.stop, redis.start, () => measure("Redis killed", server, { newest, old: old(4) }, 4)));
  } finally {
    await server.stop();
    await redis.stop();
  }
  return rows;
}

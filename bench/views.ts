import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadArticles } from "../lib/content/articles";
import { contentDir } from "../lib/content/content-dir";
import { startServer, root, type RunningServer } from "../tests/e2e/server";
import { findSystemProgram, REDIS_CANDIDATES, startRedis } from "../tests/system";
import { CONNECTIONS, measureRequests, type Row } from "./http-bench";

const READER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

function measure(name: string, url: string, method: "GET" | "POST"): Promise<Row> {
  let reader = 0;
  return measureRequests(name, {
    url,
    requests: [
      {
        method,
        headers: { "user-agent": READER_UA },
        // Every request is a new reader at an address of its own behind the one trusted proxy
        // (TRUSTED_PROXIES=1), so every POST is a counted write.
        setupRequest: (request) => {
          const n = reader++;
          return { ...request, headers: { ...request.headers, "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` } };
        },
      },
    ],
  });
}

async function benchServer(label: string, env: Record<string, string>, slug: string): Promise<Row[]> {
  const server: RunningServer = await startServer({ API_RATE_LIMIT: "0", TRUSTED_PROXIES: "1", ...env });
  try {
    const count = async () => ((await (await fetch(`${server.url}/api/views/${slug}`)).json()) as { views: number }).views;
    // The same server's cheapest route, measured in the same run, is the baseline the API is compared with.
    const baseline = await measure(`${label}: GET /robots.txt (baseline)`, `${server.url}/robots.txt`, "GET");
    const before = await count();
    const increments = await measure(`${label}: POST /api/views/<slug>`, `${server.url}/api/views/${slug}`, "POST");
    const counted = (await count()) - before;
    // The bench doubles as a check: every 200 is one stored view, plus at most
    // one request per connection still in flight when autocannon stopped.
    if (counted < increments.ok || counted > increments.ok + CONNECTIONS) {
      throw new Error(`${label}: ${increments.ok} views answered 200 but ${counted} were stored`);
    }
    increments.ratio = `${(increments.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}× baseline`;
    return [baseline, increments];
  } finally {
    await server.stop();
  }
}

export async function benchViews(): Promise<Row[]> {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) {
    const build = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const slug = loadArticles(contentDir())[0]!.article.slug;
  const rows = await benchServer("SQLite", { VIEWS_DB_PATH: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-views-")), "views.db") }, slug);

  const redisBinary = findSystemProgram(REDIS_CANDIDATES);
  if (redisBinary) {
    const redis = await startRedis(redisBinary);
    try {
      rows.push(...(await benchServer("Redis", { REDIS_URL: redis.url, REDIS_PREFIX: "bench:" }, slug)));
    } finally {
      await redis.stop();
    }
  } else {
    console.warn("redis-server not found: the Redis rows are left out (apt-get install redis-server).");
  }
  return rows;
}

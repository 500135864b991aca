import autocannon from "autocannon";
import { loadArticles } from "../lib/content/articles";
import { contentDir } from "../lib/content/content-dir";
import { residentMemoryMB, startServer } from "../tests/e2e/server";

const SECONDS = Number(process.env.BENCH_SECONDS || 30);

/** 200 connections on home and an article, then a flood on the APIs, watching the server's memory. */
export async function benchLoad() {
  const { article } = loadArticles(contentDir())[0]!;
  const server = await startServer({ API_RATE_LIMIT: "120" });
  try {
    const pid = server.process.pid!;
    await autocannon({ url: `${server.url}/`, connections: 50, amount: 2_000 });
    const rssStart = residentMemoryMB(pid);
    const pages = await autocannon({ url: server.url, connections: 200, duration: SECONDS, timeout: 30, requests: [{ path: "/" }, { path: article.url }] });
    const rssAfterPages = residentMemoryMB(pid);
    const flood = await autocannon({
      url: server.url,
      connections: 100,
      duration: SECONDS,
      timeout: 30,
      requests: [{ method: "POST", path: `/api/views/${article.slug}` }, { path: "/api/search?q=bus" }],
    });
    const rssAfterFlood = residentMemoryMB(pid);
    return [
      { case: `pages, 200 connections, ${SECONDS} s`, requests: pages.requests.total, perSecond: Math.round(pages.requests.average), p99Ms: pages.latency.p99, non2xx: pages.non2xx, errors: pages.errors, rssStartMB: rssStart, rssEndMB: rssAfterPages },
      { case: `API flood, 100 connections, ${SECONDS} s`, requests: flood.requests.total, perSecond: Math.round(flood.requests.average), p99Ms: flood.latency.p99, status429: flood.statusCodeStats?.["429"]?.count ?? 0, errors: flood.errors, rssStartMB: rssAfterPages, rssEndMB: rssAfterFlood },
    ];
  } finally {
    await server.stop();
  }
}

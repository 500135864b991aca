import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { PRERENDERED_ARTICLES } from "../lib/archive/prerender";
import { residentMemoryMB, startServer } from "../tests/e2e/server";
import { findSystemProgram, JEMALLOC_CANDIDATES } from "../tests/system";
import type { BenchSite } from "./bench-site";
import { measureRequests, type Row } from "./http-bench";
import { NGINX, startNginx } from "./nginx";
import { npmRunBuild } from "./next-build";
import { homeWeight, pageScripts } from "./page-weight";

// One connection times a render itself; ten show how first renders queue when readers arrive together.
const FIRST_RENDER_CONNECTIONS = [1, 10];
const FIRST_RENDERS_PER_RUN = 1_000;
const WARM_UP_REQUESTS = 500;

// The bound for "an ordinary article": first renders are timed on bodies under this size.
const ORDINARY_BODY_BYTES = 100 * 1024;

function jemallocPath(): string {
  const found = findSystemProgram(JEMALLOC_CANDIDATES);
  if (!found) throw new Error(`--allocator jemalloc needs ${JEMALLOC_CANDIDATES.filter(Boolean).join(" or ")} (apt-get install libjemalloc2)`);
  return found;
}

/** Articles the build did not prerender: strictly older than the last prerendered one, so a date shared across the boundary cannot matter. */
function unrendered(site: BenchSite) {
  const boundary = site.articles[PRERENDERED_ARTICLES - 1]?.date;
  return boundary === undefined ? [] : site.articles.filter((article) => article.date < boundary);
}

function unrenderedSlugs(site: BenchSite): string[] {
  return unrendered(site)
    .filter((article) => Buffer.byteLength(article.source) < ORDINARY_BODY_BYTES)
    .map((article) => article.slug);
}

/** The milliseconds one request takes, answered with `status`. */
async function timed(url: string, status = 200): Promise<number> {
  const start = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== status) throw new Error(`${url} answered ${response.status}`);
  return Math.round(performance.now() - start);
}

/**
 * The largest article the build did not render, requested for the first time, while one
 * connection keeps asking for home (already rendered): how long home takes while the render runs.
 */
async function largestFirstRender(origin: string, site: BenchSite) {
  const largest = unrendered(site).reduce((a, b) => (Buffer.byteLength(b.source) > Buffer.byteLength(a.source) ? b : a));
  const homeLatencies: number[] = [];
  let rendering = true;
  const home = (async () => {
    while (rendering) homeLatencies.push(await timed(`${origin}/`));
  })();
  const renderMs = await timed(`${origin}/articles/${largest.slug}`);
  rendering = false;
  await home;
  homeLatencies.sort((a, b) => a - b);
  return {
    slug: largest.slug,
    bodyKB: Math.round(Buffer.byteLength(largest.source) / 1024),
    renderMs,
    homeRequestsMeanwhile: homeLatencies.length,
    homeP50Ms: homeLatencies[Math.floor(homeLatencies.length / 2)],
    homeMaxMs: homeLatencies.at(-1),
  };
}

/** A few words of the archive's own headlines and its identifiers, for the search runs. */
function searchQueries(site: BenchSite): string[] {
  const titles = site.articles.filter((_, i) => i % 97 === 0).map((article) => /^title: (.*)$/m.exec(article.source)?.[1]?.replace(/^"|"$/g, "") ?? article.slug);
  return titles.flatMap((title) => {
    const words = title.split(/\s+/).filter((word) => word.length > 3);
    return [words.slice(0, 2).join(" "), words.at(-1) ?? title];
  });
}

/** Each request a different old article, never requested before; `amount` is the number of slugs, so none repeats. */
async function firstRenders(origin: string, slugs: string[], connections: number): Promise<Row> {
  let handedOut = 0;
  const row = await measureRequests(`old article, first request (${slugs.length} different, ${connections} connections)`, {
    url: origin,
    connections,
    amount: slugs.length,
    requests: [{ setupRequest: (request) => ({ ...request, path: `/articles/${slugs[handedOut++]}` }) }],
  });
  if (handedOut > slugs.length) throw new Error(`autocannon made ${handedOut} requests for ${slugs.length} slugs, so some were not first requests`);
  return row;
}

/** The first-render runs, each on old articles of its own. */
async function firstRenderRows(origin: string, slugs: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [run, connections] of FIRST_RENDER_CONNECTIONS.entries()) {
    const share = slugs.slice(run * FIRST_RENDERS_PER_RUN, (run + 1) * FIRST_RENDERS_PER_RUN);
    if (share.length > 0) rows.push(await firstRenders(origin, share, Math.min(connections, share.length)));
  }
  return rows;
}

/**
 * The X-Cache-Status nginx gives the second of two requests. They are made by
 * autocannon, as the measured ones are: the app varies its pages on
 * Accept-Encoding, so a request from fetch() would warm and check another copy.
 */
async function cacheStatusOfSecondRequest(url: string): Promise<string | undefined> {
  let status: string | undefined;
  const onResponse: autocannon.Request["onResponse"] = (_code, _body, _context, headers = {}) => {
    status = Object.entries(headers).find(([name]) => name.toLowerCase() === "x-cache-status")?.[1]?.toString();
  };
  await autocannon({ url, connections: 1, amount: 2, requests: [{ onResponse }] });
  return status;
}

/** nginx serving the article's exact HTML as a file, against deploy/nginx.conf's caching proxy in front of the app. */
async function nginxComparison(origin: string, articlePath: string) {
  if (!NGINX) {
    console.warn(`\n${"!".repeat(78)}\n!!! nginx not found (apt-get install nginx, or set NGINX_PATH): the nginx comparison is left out.\n${"!".repeat(78)}\n`);
    return undefined;
  }
  const page = await fetch(`${origin}${articlePath}`);
  const appCacheControl = page.headers.get("cache-control");
  const nginx = await startNginx(NGINX, Number(new URL(origin).port), await page.text());
  try {
    const proxyCacheStatus = await cacheStatusOfSecondRequest(`${nginx.proxyUrl}${articlePath}`);
    if (proxyCacheStatus !== "HIT") {
      console.warn(`\n!!! nginx did not cache ${articlePath} (X-Cache-Status: ${proxyCacheStatus}); the app sends Cache-Control: ${appCacheControl}\n`);
    }
    const staticFile = await measureRequests("nginx: the article as a static file", { url: nginx.staticUrl });
    const proxy = await measureRequests("nginx: caching proxy in front of the app", { url: `${nginx.proxyUrl}${articlePath}` });
    const proxyVsStatic = +(proxy.requestsPerSecond / staticFile.requestsPerSecond).toFixed(2);
    proxy.ratio = `${proxyVsStatic}× static`;
    return { appCacheControl, proxyCacheStatus, rows: [staticFile, proxy], proxyVsStatic };
  } finally {
    await nginx.stop();
  }
}

/** The production server on the built site: start-up, throughput of its pages, first renders and searches, memory, page weight, and nginx beside it. */
export async function benchServe(site: BenchSite, built: boolean, allocator: "glibc" | "jemalloc" = "glibc") {
  if (!built) await npmRunBuild(site.env);
  // No heap cap (the condition): resident memory is what Node keeps with nothing holding it back.
  const starting = performance.now();
  // The search run asks thousands of times from one address: the rate limit would answer most with 429.
  const server = await startServer({ ...site.env, API_RATE_LIMIT: "0", ...(allocator === "jemalloc" && { LD_PRELOAD: jemallocPath() }) });
  // startServer polls every 100 ms, so this is the start-up time to within 100 ms.
  const startUpMs = Math.round(performance.now() - starting);
  try {
    const queries = searchQueries(site);
    // The first request to a route also loads its code; the second query, another one, is the first the search itself answers warm.
    const firstSearchMs = await timed(`${server.url}/api/search?q=${encodeURIComponent(queries[0]!)}`);
    const secondSearchMs = await timed(`${server.url}/api/search?q=${encodeURIComponent(queries[2]!)}`);
    const firstSearchPageMs = await timed(`${server.url}/search?q=${encodeURIComponent(queries[1]!)}`);
    const articlePath = `/articles/${site.articles[0]!.slug}`;
    const notFoundPath = "/articles/no-such-article";
    for (const pathname of ["/", articlePath, notFoundPath, "/feed.xml"]) await measureRequests("warm-up", { url: `${server.url}${pathname}`, amount: WARM_UP_REQUESTS });

    const measure = (name: string, pathname: string) => measureRequests(name, { url: `${server.url}${pathname}` });
    const rows = [
      await measure("home", "/"),
      await measure("article, already rendered (newest)", articlePath),
      ...(await firstRenderRows(server.url, unrenderedSlugs(site))),
      await measure(`404 (${notFoundPath})`, notFoundPath),
      await measure("/feed.xml", "/feed.xml"),
    ];
    let asked = 0;
    rows.push(
      await measureRequests(`/api/search, ${queries.length} different queries`, {
        url: server.url,
        connections: 10,
        amount: 2_000,
        requests: [{ setupRequest: (request) => ({ ...request, path: `/api/search?q=${encodeURIComponent(queries[asked++ % queries.length]!)}` }) }],
      }),
    );
    const largest = await largestFirstRender(server.url, site);
    const rssAfterMB = residentMemoryMB(server.process.pid!);
    // Render threads stop after 30 s idle; what the process keeps then is its steady state.
    await new Promise((resolve) => setTimeout(resolve, 35_000));
    const rssIdleMB = residentMemoryMB(server.process.pid!);

    return {
      shape: site.shape,
      allocator,
      articles: site.articles.length,
      startUpMs,
      firstSearchMs,
      secondSearchMs,
      firstSearchPageMs,
      rows,
      largest,
      rssAfterMB,
      rssIdleMB,
      articleScripts: await pageScripts(server.url, articlePath),
      home: await homeWeight(server.url),
      nginx: await nginxComparison(server.url, articlePath),
    };
  } finally {
    await server.stop();
  }
}

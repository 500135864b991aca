import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { PRERENDERED_ARTICLES } from "../lib/prerender";
import { residentMemoryMB, root, startServer } from "../tests/e2e/server";
import type { BenchSite } from "./bench-site";
import { measureRequests, type Row } from "./http-bench";
import { NGINX, startNginx } from "./nginx";
import { npmRunBuild } from "./next-build";
import { homeWeight, pageScripts } from "./page-weight";

// One connection times a render itself; ten show how first renders queue when readers arrive together.
const FIRST_RENDER_CONNECTIONS = [1, 10];
const FIRST_RENDERS_PER_RUN = 1_000;
const WARM_UP_REQUESTS = 500;

/** Articles the build did not prerender: strictly older than the last prerendered one, so a date shared across the boundary cannot matter. */
function unrenderedSlugs(site: BenchSite): string[] {
  const boundary = site.articles[PRERENDERED_ARTICLES - 1]?.date;
  return boundary === undefined ? [] : site.articles.filter((article) => article.date < boundary).map((article) => article.slug);
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

/** The heap limit deploy/Dockerfile gives the server, so memory is measured as it is deployed. */
function deployedNodeOptions(): string {
  const dockerfile = fs.readFileSync(path.join(root, "deploy/Dockerfile"), "utf8");
  const options = /^ENV NODE_OPTIONS=(\S+)$/m.exec(dockerfile)?.[1];
  if (!options) throw new Error("deploy/Dockerfile no longer sets NODE_OPTIONS; update bench/serve.ts");
  return options;
}

/** The production server on the built site: throughput of its pages, its memory, what a page weighs, and nginx beside it. */
export async function benchServe(site: BenchSite, built: boolean) {
  if (!built) await npmRunBuild(site.env);
  const nodeOptions = deployedNodeOptions();
  const server = await startServer({ ...site.env, NODE_OPTIONS: nodeOptions });
  try {
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
    // The first search builds the index, the largest thing the server holds.
    const search = await fetch(`${server.url}/search?q=${site.articles[0]!.slug}`);
    if (!search.ok) throw new Error(`search answered ${search.status}`);
    const rssAfterMB = residentMemoryMB(server.process.pid!);

    return {
      articles: site.articles.length,
      rows,
      nodeOptions,
      rssAfterMB,
      articleScripts: await pageScripts(server.url, articlePath),
      home: await homeWeight(server.url),
      nginx: await nginxComparison(server.url, articlePath),
    };
  } finally {
    await server.stop();
  }
}

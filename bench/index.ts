import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createBenchSite } from "./bench-site";
import { benchBuild } from "./build";
import { SECONDS } from "./http-bench";
import { benchLighthouse } from "./lighthouse";
import { benchLoad } from "./load";
import { benchLargeBodies } from "./large-body";
import { benchParse } from "./parse";
import { benchSearch } from "./search";
import { benchServe } from "./serve";
import type { ArchiveShape } from "./synthetic-archive";
import { benchViewFaults } from "./view-faults";
import { benchViews } from "./views";

// `npm run bench`: measures, prints a table and writes bench/results/<date>.json.
const machine = {
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "10000" },
    only: { type: "string" },
    realistic: { type: "boolean", default: false },
    allocator: { type: "string", default: "glibc" },
  },
});
const articleCount = Number(values.articles);
// --realistic: parse, search, build and serve run on realisticArchive (sizes, release notes, raw HTML,
// untagged posts as a real archive has them) instead of the simple syntheticArchive. largeBodies,
// views, load and lighthouse do not use a synthetic archive, so they run as always.
const shape: ArchiveShape = values.realistic ? "realistic" : "simple";
const synthetic = shape === "realistic" ? "realistic synthetic" : "synthetic";
// --allocator jemalloc: the serve section's server runs on jemalloc, as deploy/Dockerfile runs it;
// glibc's allocator is what `npm start` gets on a Linux host.
const allocator = values.allocator === "jemalloc" ? "jemalloc" : "glibc";
if (values.allocator !== allocator) throw new Error(`--allocator takes glibc or jemalloc, not ${values.allocator}`);
const run = (name: string) => !values.only || values.only.split(",").includes(name);

const parse = run("parse") ? benchParse(articleCount, shape) : undefined;
if (parse) {
  console.log(`\nLoading and parsing ${parse.articles} ${synthetic} articles on ${parse.cores} cores (each way in a process of its own)`);
  console.table(parse.runs);
  console.log(`Related articles for all ${parse.articles}: ${parse.relatedAllMs} ms`);
}

const largeBodies = run("large-bodies") ? benchLargeBodies() : undefined;
if (largeBodies) {
  console.log("\nParsing one very large article body (each in a process of its own)");
  console.table(largeBodies);
}

const search = run("search") ? benchSearch(articleCount, shape) : undefined;
if (search) {
  console.log(`\nSearch on the content snapshot over ${search.articles} ${synthetic} articles (${search.bodyMB} MB of body text): written in ${search.buildMs} ms, ${search.fileMB} MB on disk`);
  console.table(search.firstSearch);
  console.table({ "results page query": search.query, "page 3": search.page3, "in one section": search.inCategory, "as-you-type query": search.asYouType, "the commonest words": search.commonWords });
}

const views = run("views") ? await benchViews() : undefined;
if (views) {
  console.log(`\nView counting through the HTTP API (autocannon, 50 connections, ${process.env.BENCH_SECONDS || 10} s each) on ${machine.cores} × ${machine.cpu}`);
  console.table(views);
}

const viewFaults = run("view-faults") ? await benchViewFaults() : undefined;
if (viewFaults) {
  console.log("\nThe view store locked, frozen or down: beacons one after another, pages under 10 connections and an old article's request meanwhile (targets: beacon < 1 s, page p99 < 200 ms)");
  console.table(viewFaults);
}

const load = run("load") ? await benchLoad() : undefined;
if (load) {
  console.log("\nUnder load (server resident memory before and after each run)");
  console.table(load);
}

const lighthouse = run("lighthouse") ? await benchLighthouse() : undefined;
if (lighthouse) {
  console.log(`\nLighthouse, mobile (${lighthouse.chromium}): the median of ${lighthouse.runs} runs per page; the target is ${lighthouse.target} in every category; the photo article's photograph is ${(lighthouse.photoBytes / 1e6).toFixed(1)} MB`);
  console.table(Object.fromEntries(lighthouse.pages.map((page) => [page.path, { ...page.scores, "performance, every run": page.performanceRuns.join(" "), benchmarkIndex: page.benchmarkIndex }])));
  for (const page of lighthouse.pages) {
    const below = Object.entries(page.scores).filter(([, score]) => score < lighthouse.target).map(([category]) => category);
    if (below.length) console.warn(`${page.path}: below ${lighthouse.target} in ${below.join(", ")}`);
    console.log(page.lostPoints.length ? `Audits that lost points on ${page.path} (median run):` : `No audit lost points on ${page.path}.`);
    if (page.lostPoints.length) console.table(page.lostPoints);
    if (page.erroredAudits.length) console.warn(`Lighthouse could not compute ${page.erroredAudits.join(", ")} on ${page.path}; those that weigh in a score are listed above`);
    for (const warning of page.warnings) console.warn(`Lighthouse on ${page.path}: ${warning}`);
  }
}

// build and serve share one synthetic site: serve measures what build built, or builds it once itself.
async function buildAndServe(count: number, archiveShape: ArchiveShape) {
  const site = createBenchSite(count, archiveShape);
  try {
    const build = run("build") ? await benchBuild(site) : undefined;
    return { build, serve: run("serve") ? await benchServe(site, build !== undefined, allocator) : undefined };
  } finally {
    site.remove();
  }
}
const { build, serve } = run("build") || run("serve") ? await buildAndServe(articleCount, shape) : {};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
if (build) {
  console.log(`\nProduction build (npm run build) of ${build.articles} ${synthetic} articles; peak memory of the whole process tree`);
  console.table({
    cold: { wallMs: build.cold.wallMs, peakRssMB: build.cold.peakRssMB },
    [`rebuild after editing ${build.rebuild.edited}`]: { wallMs: build.rebuild.wallMs, peakRssMB: build.rebuild.peakRssMB, snapshot: build.rebuild.snapshot, next: build.rebuild.next },
    ...(build.hugo && { [`Hugo ${build.hugo.version}, cold`]: { wallMs: build.hugo.wallMs, peakRssMB: build.hugo.peakRssMB } }),
  });
  console.log(`Rebuild vs cold: ${build.rebuildVsCold}×${build.hugo ? `; our cold build vs Hugo: ${build.hugo.oursVsHugo}×` : ""}`);
  console.log(`Build output ${build.cold.outputMB} MB, plus ${build.cold.nextCacheMB} MB of Next's cache in it; content cache ${build.cold.contentCacheMB} MB`);
}
if (serve) {
  console.log(`\nServing ${serve.articles} ${synthetic} articles with server.mjs on ${serve.allocator}'s allocator (autocannon on loopback, 50 connections, ${SECONDS} s each; first requests: one per old article)`);
  console.table(serve.rows);
  console.log(
    `Start-up to the first answer: ${serve.startUpMs} ms (target < 2 s); the first search of the process: ${serve.firstSearchMs} ms through the API (loading the route's code too), the second ${serve.secondSearchMs} ms, then ${serve.firstSearchPageMs} ms for a results page (target < 200 ms)`,
  );
  const { largest } = serve;
  console.log(
    `The largest article not prerendered (${largest.slug}, ${largest.bodyKB} KB), first request: ${largest.renderMs} ms; meanwhile home answered ${largest.homeRequestsMeanwhile} times, p50 ${largest.homeP50Ms} ms, at most ${largest.homeMaxMs} ms (target < 100 ms)`,
  );
  console.log(`Server resident memory, no heap cap: ${serve.rssAfterMB} MB right after every run, ${serve.rssIdleMB} MB after 35 s idle (target < 300 MB)`);
  if (serve.nginx) {
    console.log(`\nnginx beside the app: the article as a static file vs deploy/nginx.conf's caching proxy (target ≥ 0.5× static)`);
    console.log(`App's Cache-Control: ${serve.nginx.appCacheControl}; X-Cache-Status through the proxy after one request: ${serve.nginx.proxyCacheStatus}`);
    console.table(serve.nginx.rows);
  }
  console.log(`\nJavaScript an article page loads: ${kb(serve.articleScripts.total.rawBytes)}, ${kb(serve.articleScripts.total.gzipBytes)} gzipped (noModule polyfills listed, not counted)`);
  console.table(serve.articleScripts.files);
  console.log(`\nHome page weight: HTML + RSC data ${kb(serve.home.total.rawBytes)}, ${kb(serve.home.total.gzipBytes)} gzipped (target < 100 KB)`);
  console.table({ HTML: serve.home.html, "RSC data": serve.home.rscData });
}

const date = new Date().toISOString().slice(0, 10);
const file = path.join(import.meta.dirname, "results", `${date}.json`);
fs.mkdirSync(path.dirname(file), { recursive: true });
// Sections not run this time (`--only`) keep the figures of the day's earlier runs.
const earlier = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as object) : {};
// Sections measured on a synthetic archive (parse, search, build, serve) record the `shape` they ran on,
// and a realistic run stores them under their name suffixed "-realistic" ("parse-realistic" and so on),
// so that a day's simple and realistic figures sit side by side and neither overwrites the other.
const onShape = (name: string) => (shape === "realistic" ? `${name}-realistic` : name);
const sections = { [onShape("parse")]: parse, largeBodies, [onShape("search")]: search, views, viewFaults, load, lighthouse, [onShape("build")]: build, [`${onShape("serve")}${allocator === "jemalloc" ? "-jemalloc" : ""}`]: serve };
const measured = Object.fromEntries(Object.entries(sections).filter(([, value]) => value !== undefined));
fs.writeFileSync(file, `${JSON.stringify({ ...earlier, date, machine, ...measured }, null, 2)}\n`);
console.log(`Wrote ${path.relative(process.cwd(), file)}`);

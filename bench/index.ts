import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchLoad } from "./load";
import { benchParse } from "./parse";
import { benchSearch } from "./search";
import { benchViews } from "./views";

// `npm run bench`: measures, prints a table and writes bench/results/<date>.json.
const machine = {
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};

const { values } = parseArgs({ options: { articles: { type: "string", default: "10000" }, only: { type: "string" } } });
const articleCount = Number(values.articles);
const run = (name: string) => !values.only || values.only.split(",").includes(name);

const parse = run("parse") ? benchParse(articleCount) : undefined;
if (parse) {
  console.log(`\nLoading and parsing ${parse.articles} synthetic articles (each in a process of its own), and ranking related articles for all of them`);
  console.table({ "naive baseline": parse.naive, "lib/articles.ts": parse.loader });
  console.log(`Loader vs naive: ${parse.speedupOverNaive}×; related articles for all ${parse.articles}: ${parse.relatedAllMs} ms`);
}

const search = run("search") ? benchSearch(articleCount) : undefined;
if (search) {
  console.log(`\nSearch over ${search.articles} synthetic articles (${search.queries} queries)`);
  console.table({ index: { buildMs: search.indexBuildMs, heapMB: search.indexHeapMB }, ...{ "results page query": search.query, "as-you-type query": search.asYouType, "linear scan baseline": search.linearScanBaseline } });
}

const views = run("views") ? await benchViews() : undefined;
if (views) {
  console.log(`\nView counting through the HTTP API (autocannon, 50 connections, ${process.env.BENCH_SECONDS || 10} s each) on ${machine.cores} × ${machine.cpu}`);
  console.table(views);
}

const load = run("load") ? await benchLoad() : undefined;
if (load) {
  console.log("\nUnder load (server resident memory before and after each run)");
  console.table(load);
}

const date = new Date().toISOString().slice(0, 10);
const file = path.join(import.meta.dirname, "results", `${date}.json`);
fs.mkdirSync(path.dirname(file), { recursive: true });
// Sections not run this time (`--only`) keep the figures of the day's earlier runs.
const earlier = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as object) : {};
const measured = Object.fromEntries(Object.entries({ parse, search, views, load }).filter(([, value]) => value !== undefined));
fs.writeFileSync(file, `${JSON.stringify({ ...earlier, date, machine, ...measured }, null, 2)}\n`);
console.log(`Wrote ${path.relative(process.cwd(), file)}`);

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchViews } from "./views";

// `npm run bench`: measures, prints a table and writes bench/results/<date>.json.
const machine = {
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};

const views = await benchViews();
console.log(`\nView counting through the HTTP API (autocannon, 50 connections, ${process.env.BENCH_SECONDS || 10} s each) on ${machine.cores} × ${machine.cpu}`);
console.table(views);

const date = new Date().toISOString().slice(0, 10);
const file = path.join(import.meta.dirname, "results", `${date}.json`);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, `${JSON.stringify({ date, machine, views }, null, 2)}\n`);
console.log(`Wrote ${path.relative(process.cwd(), file)}`);

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeSyntheticArchive } from "./synthetic-archive";

type Run = { mode: string; articles: number; wallMs: number; relatedMs?: number; peakRssMB: number };

function measure(mode: string, dir: string): Run {
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "parse-run.ts"), mode, dir], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`parse bench (${mode}) failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Run;
}

/** Writes a synthetic archive of `count` articles to a temporary folder and times loading it, against the naive baseline. */
export function benchParse(count: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "archive-"));
  writeSyntheticArchive(dir, count);
  try {
    const naive = measure("naive", dir);
    const loader = measure("related", dir);
    return {
      articles: count,
      naive: { wallMs: naive.wallMs, articlesPerSecond: Math.round((count / naive.wallMs) * 1000), peakRssMB: naive.peakRssMB },
      loader: { wallMs: loader.wallMs - (loader.relatedMs ?? 0), articlesPerSecond: Math.round((count / (loader.wallMs - (loader.relatedMs ?? 0))) * 1000), peakRssMB: loader.peakRssMB },
      relatedAllMs: loader.relatedMs,
      speedupOverNaive: +(naive.wallMs / (loader.wallMs - (loader.relatedMs ?? 0))).toFixed(2),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

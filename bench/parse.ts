import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeSyntheticArchive, type ArchiveShape } from "./synthetic-archive";

type Run = { mode: string; articles: number; wallMs: number; relatedMs?: number; peakRssMB: number };

function measure(mode: string, dir: string, cacheDir: string): Run {
  const script = path.join(import.meta.dirname, "parse-run.ts");
  const run = spawnSync(process.execPath, ["--import", "tsx", script, mode, dir, cacheDir], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`parse bench (${mode}) failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Run;
}

/**
 * Writes a synthetic archive of `count` articles, of the given shape, to a temporary folder and
 * times loading it four ways, each in a fresh process: the naive baseline, the
 * loader on one thread without a cache, a cold load as `npm run build` does it
 * (parallel parse into an empty cache) and a warm one (every file cached).
 */
export function benchParse(count: number, shape: ArchiveShape = "simple") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "archive-"));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "archive-cache-"));
  writeSyntheticArchive(dir, count, shape);
  try {
    const runs = ["naive", "one-thread", "cold", "warm"].map((mode) => measure(mode, dir, cacheDir));
    const naiveMs = runs[0]!.wallMs;
    return {
      shape,
      articles: count,
      cores: os.availableParallelism(),
      runs: Object.fromEntries(
        runs.map(({ mode, wallMs, peakRssMB }) => [
          mode,
          { wallMs, articlesPerSecond: Math.round((count / wallMs) * 1000), peakRssMB, speedupOverNaive: +(naiveMs / wallMs).toFixed(2) },
        ]),
      ),
      relatedAllMs: runs[3]!.relatedMs,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

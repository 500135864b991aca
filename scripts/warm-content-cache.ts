import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ContentCache } from "../lib/content/content-cache";
import type { ParseBatch, ParseWorkerData } from "./parse-worker";

// Starting a thread costs about as much as parsing a few hundred articles, so
// small changes are left to the loader, which parses them in line.
const PARALLEL_FROM = 200;
const BATCH = 50;

/**
 * Parses every article the cache lacks, on one thread per core, so the loader
 * that follows only reads. Returns how many were parsed, on how many threads.
 */
export async function warmContentCache(dir: string, cacheDir: string, fingerprint: string, cache: ContentCache) {
  // A missing folder is the loader's to report.
  if (!fs.existsSync(dir)) return { parsed: 0, threads: 0 };
  const names = fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile() && !entry.name.startsWith("."));
  const missing: ParseBatch = [];
  for (const { name } of names) {
    const key = cache.keyOf(name, fs.readFileSync(path.join(dir, name)));
    // Existence is enough here; the loader that follows reads each entry once (and re-parses a damaged one).
    if (!cache.has(key, "scan")) missing.push({ name, key });
  }
  if (missing.length < PARALLEL_FROM) return { parsed: 0, threads: 0 };

  const threads = Math.min(os.availableParallelism(), Math.ceil(missing.length / BATCH));
  const data: ParseWorkerData = { dir, cacheDir, fingerprint };
  let next = 0;
  await Promise.all(
    Array.from({ length: threads }, async () => {
      const worker = new Worker(new URL("./parse-worker.mjs", import.meta.url), { workerData: data });
      try {
        await new Promise<void>((resolve, reject) => {
          const send = () => {
            if (next >= missing.length) return resolve();
            worker.postMessage(missing.slice(next, (next += BATCH)));
          };
          worker.on("message", send);
          worker.once("error", reject);
          worker.once("exit", (code) => reject(new Error(`a parse worker exited with code ${code}`)));
          send();
        });
      } finally {
        await worker.terminate();
      }
    }),
  );
  return { parsed: missing.length, threads };
}

// One parsing thread of warm-content-cache.ts: parses the batches of files it
// is sent and stores each article in the cache; bad files are left for the
// loader, which reports every problem in one place.
import fs from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { openContentCache } from "../lib/content/content-cache";
import { parseArticle } from "../lib/content/parse-article";

export type ParseBatch = { name: string; key: string }[];
export type ParseWorkerData = { dir: string; cacheDir: string; fingerprint: string };

const { dir, cacheDir, fingerprint } = workerData as ParseWorkerData;
const cache = openContentCache(cacheDir, fingerprint);

parentPort!.on("message", (batch: ParseBatch) => {
  for (const { name, key } of batch) {
    const result = parseArticle(name, fs.readFileSync(path.join(dir, name)), name);
    if (result.ok) cache.set(key, "scan", result.scanned);
  }
  parentPort!.postMessage(batch.length);
});

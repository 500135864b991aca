// @ts-check
// The thread on which script-policy.mjs reads large documents (lib/workers/thread-pool.mjs):
// the hashes of each one's inline scripts.
import { parentPort } from "node:worker_threads";
import { inlineScriptHashes } from "./script-policy.mjs";

parentPort?.on("message", (/** @type {{ id: number; job: string }} */ { id, job }) => {
  try {
    parentPort?.postMessage({ id, result: inlineScriptHashes(job) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});

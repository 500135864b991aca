// @ts-check
// The thread on which script-policy.mjs reads large documents (lib/workers/thread-pool.mjs):
// the hashes of each one's inline scripts.
import { parentPort } from "node:worker_threads";
import { lowerThreadPriority } from "../workers/background-priority.mjs";
import { inlineScriptHashes } from "./script-policy.mjs";

lowerThreadPriority();

parentPort?.on("message", (/** @type {{ id: number; job: string }} */ { id, job }) => {
  try {
    parentPort?.postMessage({ id, result: inlineScriptHashes(job) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});

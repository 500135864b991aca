// @ts-check
// The thread on which script-policy.mjs reads large documents: the hashes of each one's inline scripts.
import { parentPort } from "node:worker_threads";
import { inlineScriptHashes } from "./script-policy.mjs";

parentPort?.on("message", (/** @type {{ id: number; html: string }} */ { id, html }) => {
  parentPort?.postMessage({ id, hashes: inlineScriptHashes(html) });
});

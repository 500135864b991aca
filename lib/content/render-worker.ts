// One rendering thread of render-pool.ts: renders each body it is sent and answers with the
// result or the error's message, so a large article never blocks the server's event loop.
import { parentPort } from "node:worker_threads";
import { lowerThreadPriority } from "../workers/background-priority.mjs";
import { renderBodyNow, type RenderJob } from "./render-body";

lowerThreadPriority();

parentPort!.on("message", ({ id, job }: { id: number; job: RenderJob }) => {
  try {
    parentPort!.postMessage({ id, result: renderBodyNow(job) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});

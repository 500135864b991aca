// Worker threads start without tsx's loader hooks, so this plain entry registers them before
// loading the TypeScript worker (the same shape as scripts/parse-worker.mjs).
import { register } from "tsx/esm/api";

register();
await import("./render-worker.ts");

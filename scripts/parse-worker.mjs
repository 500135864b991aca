// Worker threads start without tsx's loader hooks, so this plain entry
// registers them before loading the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./parse-worker.ts");

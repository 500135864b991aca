import { viewsConfig } from "./config";

let lastLogged = -Infinity;
let suppressed = 0;

/** Logs a store failure at most once per interval, so an outage cannot flood the log. */
export function reportStoreError(error: unknown, now = Date.now()): void {
  if (now - lastLogged < viewsConfig.errorLogIntervalMs) {
    suppressed += 1;
    return;
  }
  const note = suppressed > 0 ? ` (${suppressed} more since the last report)` : "";
  console.error(`[views] ${error instanceof Error ? error.message : String(error)}${note}`);
  lastLogged = now;
  suppressed = 0;
}

import { processWide } from "../archive/process-wide";
import { viewsConfig } from "./config";
import { RedisViewStore } from "./redis-store";
import { SqliteViewStore } from "./sqlite-store";
import type { ViewStore } from "./view-store";

/** The process's one store, shared by every route: Redis when `REDIS_URL` is set, else the embedded SQLite file. */
export function viewStore(): ViewStore {
  return processWide("view-store", () =>
    viewsConfig.redisUrl ? new RedisViewStore(viewsConfig.redisUrl, viewsConfig.redisPrefix) : new SqliteViewStore(viewsConfig.sqlitePath),
  );
}

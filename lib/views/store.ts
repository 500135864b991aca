import { viewsConfig } from "./config";
import { RedisViewStore } from "./redis-store";
import { SqliteViewStore } from "./sqlite-store";
import type { ViewStore } from "./view-store";

let store: ViewStore | undefined;

/** The process's one store: Redis when `REDIS_URL` is set, else the embedded SQLite file. */
export function viewStore(): ViewStore {
  store ??= viewsConfig.redisUrl ? new RedisViewStore(viewsConfig.redisUrl, viewsConfig.redisPrefix) : new SqliteViewStore(viewsConfig.sqlitePath);
  return store;
}

import path from "node:path";
import { envNumber } from "../http/env-number";

/** View-counting settings, read from the environment once per process (documented in the README). */
export const viewsConfig = {
  /** Set to share counts between instances; otherwise the embedded SQLite file is used. */
  redisUrl: process.env.REDIS_URL || undefined,
  redisPrefix: process.env.REDIS_PREFIX || "newsroom:",
  sqlitePath: path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.VIEWS_DB_PATH || "data/views.db"),
  /** A reader's repeat visits within this window count once. */
  windowMs: envNumber("VIEWS_WINDOW_MINUTES", 30) * 60_000,
  /** How many new readers one address (an IPv6 /64) may add to one article's count per window. */
  readersPerAddress: envNumber("VIEWS_READERS_PER_ADDRESS", 20),
  /** Signs reader cookies and keys the address hash; share it between instances. */
  secret: process.env.VIEWS_SECRET || undefined,
  /** How often a failing store is reported in the log. */
  errorLogIntervalMs: envNumber("VIEWS_ERROR_LOG_SECONDS", 60) * 1_000,
} as const;

import Redis from "ioredis";
import { StoreUnavailableError, type RecordResult, type TopEntry, type ViewStore } from "./view-store";

// One round trip, atomic on the server: mark every reader key not already
// within its window (NX never extends one), and count only if none was.
const RECORD = `
local known = false
for i = 2, #KEYS do
  if not redis.call('SET', KEYS[i], '1', 'PX', ARGV[2], 'NX') then known = true end
end
if known then
  return {tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]) or '0'), 0}
end
return {tonumber(redis.call('ZINCRBY', KEYS[1], 1, ARGV[1])), 1}
`;

type RecordingRedis = Redis & {
  recordView(keyCount: number, ...args: (string | number)[]): Promise<[number, number]>;
};

/** The shared store: counts in one sorted set, dedupe keys that expire by themselves. */
export class RedisViewStore implements ViewStore {
  private readonly redis: RecordingRedis;
  private readonly counts: string;

  constructor(
    url: string,
    private readonly prefix = "newsroom:",
  ) {
    this.counts = `${prefix}views`;
    this.redis = new Redis(url, {
      // A command issued while (re)connecting waits for one reconnection
      // attempt, then fails (the API answers 503); reconnecting goes on in the background.
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    }) as RecordingRedis;
    // Errors surface through the commands that fail; without a listener ioredis would print each reconnect attempt.
    this.redis.on("error", () => {});
    this.redis.defineCommand("recordView", { lua: RECORD });
  }

  private async use<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }

  record(slug: string, readers: readonly string[], windowMs: number): Promise<RecordResult> {
    const keys = readers.map((reader) => `${this.prefix}seen:${slug}:${reader}`);
    return this.use(async () => {
      const [views, counted] = await this.redis.recordView(keys.length + 1, this.counts, ...keys, slug, windowMs);
      return { views, counted: counted === 1 };
    });
  }

  get(slug: string): Promise<number> {
    return this.use(async () => Number((await this.redis.zscore(this.counts, slug)) ?? 0));
  }

  top(limit: number): Promise<TopEntry[]> {
    return this.use(async () => {
      const flat = await this.redis.zrevrange(this.counts, 0, limit - 1, "WITHSCORES");
      const entries: TopEntry[] = [];
      for (let i = 0; i < flat.length; i += 2) entries.push({ slug: flat[i]!, views: Number(flat[i + 1]) });
      return entries;
    });
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

import Redis from "ioredis";
import { StoreUnavailableError, type Allowance, type RecordResult, type TopEntry, type ViewStore } from "./view-store";
import { HOUR_MS, KEPT_HOURS, hourOf, windowHours, type Clock } from "./windows";

// One round trip, atomic on the server. KEYS[1] is the counts, KEYS[2] this hour's counts, KEYS[3]
// the hour's that has just left KEPT_HOURS, then the reader keys, then (when ARGV[4] carries a
// limit) the client's allowance key. Marks every reader key not already within its window (NX
// never extends one); counts only if none was, and the client has used fewer than the limit: its
// allowance key holds the views it counted, and expires one window after the first (INCR keeps
// the expiry; the script sees one clock, so the key cannot expire between its calls). A counted
// view goes into the total and this hour's sorted set together; the hour's set expires ARGV[3] ms
// later, at the end of KEPT_HOURS by the caller's clock, and the one from KEPT_HOURS ago is
// dropped now in case Redis's clock is behind the caller's.
const RECORD = `
redis.call('UNLINK', KEYS[3])
local limit = tonumber(ARGV[4])
local readers = #KEYS
if limit then readers = readers - 1 end
local known = false
for i = 4, readers do
  if not redis.call('SET', KEYS[i], '1', 'PX', ARGV[2], 'NX') then known = true end
end
if not known and limit then
  local allowance = KEYS[#KEYS]
  local used = tonumber(redis.call('GET', allowance) or '0')
  if used >= limit then
    known = true
  elseif used == 0 then
    redis.call('SET', allowance, '1', 'PX', ARGV[2])
  else
    redis.call('INCR', allowance)
  end
end
if known then
  return {tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]) or '0'), 0}
end
redis.call('ZINCRBY', KEYS[2], 1, ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return {tonumber(redis.call('ZINCRBY', KEYS[1], 1, ARGV[1])), 1}
`;

// KEYS[1] a scratch key, then one hour's counts per key. Sums them with negated scores, so that
// ZRANGE's order (score ascending, then member ascending) is most read first, ties by slug, and
// deletes the scratch key before the script ends (nothing else can run meanwhile).
const TOP_IN_WINDOW = `
local args = {KEYS[1], #KEYS - 1}
for i = 2, #KEYS do args[#args + 1] = KEYS[i] end
args[#args + 1] = 'WEIGHTS'
for i = 2, #KEYS do args[#args + 1] = -1 end
redis.call('ZUNIONSTORE', unpack(args))
local top = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
redis.call('DEL', KEYS[1])
return top
`;

// How long anything may wait for Redis: for a connection, for a reply.
const TIMEOUT_MS = 500;

/**
 * `reply`, or a rejection when it has not come TIMEOUT_MS after the command was sent. When the
 * timer fires, the verdict waits for setImmediate, which runs after the event loop has read the
 * I/O that arrived meanwhile: a reply that came in time but found the loop busy still counts.
 */
function replyWithin<T>(reply: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done();
    };
    const timer = setTimeout(() => setImmediate(() => settle(() => reject(new Error(`no reply from Redis within ${TIMEOUT_MS} ms`)))), TIMEOUT_MS);
    reply.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

type RecordingRedis = Redis & {
  recordView(keyCount: number, ...args: (string | number)[]): Promise<[number, number]>;
  topInWindow(keyCount: number, ...args: (string | number)[]): Promise<string[]>;
};

function entries(flat: string[], sign = 1): TopEntry[] {
  const result: TopEntry[] = [];
  for (let i = 0; i < flat.length; i += 2) result.push({ slug: flat[i]!, views: sign * Number(flat[i + 1]) });
  return result;
}

/**
 * The shared store: counts in one sorted set, one more per hour (`<prefix>views:h:<hour>`), and
 * dedupe and allowance keys, all but the total expiring by themselves.
 */
export class RedisViewStore implements ViewStore {
  private readonly redis: RecordingRedis;
  private readonly counts: string;
  private connecting: Promise<void> | undefined;

  constructor(
    url: string,
    private readonly prefix = "newsroom:",
    private readonly clock: Clock = Date.now,
  ) {
    this.counts = `${prefix}views`;
    // Every command settles within about a second (TIMEOUT_MS to connect, TIMEOUT_MS for the
    // reply), whether Redis is frozen (SIGSTOP, a stalled host: the connection looks alive) or
    // down (refused), and the API answers 503 meanwhile:
    // - replyWithin() rejects a command without a reply in time (a frozen server, a dead link).
    //   It cannot unsend it: one already written to a frozen server still runs when it resumes,
    //   so a view answered 503 may yet be counted (never the reverse). ioredis's own
    //   commandTimeout is not used: on a busy server its timer fires before the loop reads
    //   replies that arrived in time, and a burst of beacons then fails by the hundred;
    // - enableOfflineQueue: false, because ioredis sends a queued command once it reconnects, even
    //   when commandTimeout has already rejected it. Instead, ready() waits up to TIMEOUT_MS for
    //   a connection and only then sends, so nothing is sent after its caller has given up;
    // - maxRetriesPerRequest: 0 rejects the commands in flight as soon as the connection drops,
    //   rather than at their timeout; autoResendUnfulfilledCommands: false makes sure none is
    //   sent again on reconnecting (it may have run already, and its caller has had its answer);
    // - retryStrategy keeps reconnecting in the background, at least every second, for ever, so
    //   counting resumes by itself when Redis is back.
    this.redis = new Redis(url, {
      connectTimeout: TIMEOUT_MS,
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 50, 1_000),
    }) as RecordingRedis;
    // Errors surface through the commands that fail; without a listener ioredis would print each reconnect attempt.
    this.redis.on("error", () => {});
    this.redis.defineCommand("recordView", { lua: RECORD });
    this.redis.defineCommand("topInWindow", { lua: TOP_IN_WINDOW });
  }

  /**
   * Resolves once connected, or rejects after TIMEOUT_MS (a command sent before would be refused
   * at once). Shared by every caller waiting at the time, so a burst adds one listener, not many.
   */
  private ready(): Promise<void> {
    if (this.redis.status === "ready") return Promise.resolve();
    if (this.redis.status === "end") return Promise.reject(new Error("connection closed"));
    this.connecting ??= new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer);
        this.redis.off("ready", onReady);
        this.redis.off("end", onEnd);
        this.connecting = undefined;
        if (error) reject(error);
        else resolve();
      };
      const onReady = () => settle();
      const onEnd = () => settle(new Error("connection closed"));
      // As in replyWithin: the verdict waits for the I/O that arrived meanwhile to be read.
      const timer = setTimeout(
        () => setImmediate(() => (this.redis.status === "ready" ? settle() : settle(new Error(`not connected to Redis (${this.redis.status})`)))),
        TIMEOUT_MS,
      );
      this.redis.once("ready", onReady);
      this.redis.once("end", onEnd);
    });
    return this.connecting;
  }

  private async use<T>(work: () => Promise<T>): Promise<T> {
    try {
      await this.ready();
      return await replyWithin(work());
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }

  private hourKey(hour: number): string {
    return `${this.counts}:h:${hour}`;
  }

  record(slug: string, readers: readonly string[], windowMs: number, allowance?: Allowance): Promise<RecordResult> {
    const now = this.clock();
    const hour = hourOf(now);
    const bucketTtl = Math.ceil((hour + KEPT_HOURS) * HOUR_MS - now);
    const keys = [this.hourKey(hour), this.hourKey(hour - KEPT_HOURS), ...readers.map((reader) => `${this.prefix}seen:${slug}:${reader}`)];
    // The client id arrives already keyed (a hash), so it is stored as it is.
    if (allowance) keys.push(`${this.prefix}allowance:${slug}:${allowance.client}`);
    const limit = allowance ? [allowance.limit] : [];
    return this.use(async () => {
      const [views, counted] = await this.redis.recordView(keys.length + 1, this.counts, ...keys, slug, windowMs, bucketTtl, ...limit);
      return { views, counted: counted === 1 };
    });
  }

  get(slug: string): Promise<number> {
    return this.use(async () => Number((await this.redis.zscore(this.counts, slug)) ?? 0));
  }

  top(limit: number): Promise<TopEntry[]> {
    return this.use(async () => entries(await this.redis.zrevrange(this.counts, 0, limit - 1, "WITHSCORES")));
  }

  async topInWindow(hours: number, limit: number): Promise<TopEntry[]> {
    const { first, last } = windowHours(hours, this.clock());
    const keys = Array.from({ length: last - first + 1 }, (_, i) => this.hourKey(first + i));
    return this.use(async () => entries(await this.redis.topInWindow(keys.length + 1, `${this.counts}:window-scratch`, ...keys, limit), -1));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

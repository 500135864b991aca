import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { RedisViewStore } from "@/lib/views/redis-store";
import { StoreUnavailableError } from "@/lib/views/view-store";
import { HOUR_MS } from "@/lib/views/windows";
import { REDIS_CANDIDATES, requireSystemProgram, startRedis, type RedisServer } from "../../system";
import { describeViewStoreContract } from "./store-contract";

const WINDOW = 60_000;
const GUARD_MS = 10_000;

const binary = requireSystemProgram(REDIS_CANDIDATES, "apt-get install redis-server");

describe.skipIf(!binary)("RedisViewStore", () => {
  let redis: RedisServer;
  let prefixes = 0;
  beforeAll(async () => {
    redis = await startRedis(binary!);
  });
  afterAll(() => redis?.stop());

  /**
   * Freezes Redis, and lets it run again after GUARD_MS if the test has not by then: a hang guard,
   * not a budget (a store still waiting by then sees Redis answer, and fails the test). Says
   * whether the guard has resumed it.
   */
  async function frozenUntilGuard(): Promise<() => boolean> {
    let resumed = false;
    await redis.pause();
    const guard = setTimeout(() => {
      resumed = true;
      void redis.resume();
    }, GUARD_MS);
    onTestFinished(() => clearTimeout(guard));
    return () => resumed;
  }

  // Each store gets its own key prefix, so suites never see each other's counts.
  describeViewStoreContract("RedisViewStore", (clock) => new RedisViewStore(redis.url, `test-${++prefixes}:`, clock));

  it("answers unavailable while Redis is down, before it is back, and resumes when it is back", async () => {
    const store = new RedisViewStore(redis.url, `outage-${++prefixes}:`);
    expect(await store.record("a", ["c:one"], WINDOW)).toEqual({ views: 1, counted: true });
    await redis.stop();
    let restarted = false;
    const guard = setTimeout(() => {
      restarted = true;
      void redis.start();
    }, GUARD_MS);
    try {
      const outcomes = await Promise.allSettled([store.record("a", ["c:two"], WINDOW), store.get("a"), store.top(5)]);
      expect(restarted).toBe(false);
      for (const outcome of outcomes) expect(outcome.status === "rejected" && outcome.reason).toBeInstanceOf(StoreUnavailableError);
    } finally {
      clearTimeout(guard);
      if (!restarted) await redis.start();
    }
    // The data went with the old server (persistence is off); counting starts again, with no new client.
    await expect.poll(() => store.record("a", ["c:three"], WINDOW).catch(() => undefined), { timeout: 10_000, interval: 200 }).toEqual({ views: 1, counted: true });
    await store.close();
  });

  it("answers unavailable while Redis is frozen, before it resumes, and works again after", async () => {
    const store = new RedisViewStore(redis.url, `frozen-${++prefixes}:`);
    expect(await store.record("a", ["c:one"], WINDOW)).toEqual({ views: 1, counted: true });
    const resumed = await frozenUntilGuard();
    try {
      const outcomes = await Promise.allSettled([store.record("a", ["c:two"], WINDOW), store.get("a"), store.top(5)]);
      expect(resumed()).toBe(false);
      for (const outcome of outcomes) expect(outcome.status === "rejected" && outcome.reason).toBeInstanceOf(StoreUnavailableError);
      // Not only the commands in flight when it froze: each later one too.
      await expect(store.get("a")).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(resumed()).toBe(false);
    } finally {
      await redis.resume();
    }
    // The same connection carries on. (The record that timed out may still have run once Redis
    // resumed: a view answered 503 can be counted, never one acknowledged lost.)
    expect(await store.record("a", ["c:three"], WINDOW)).toMatchObject({ counted: true });
    expect(await store.get("a")).toBeGreaterThanOrEqual(2);
    await store.close();
  });

  it("answers unavailable when made while Redis is frozen, and connects once it resumes", async () => {
    const resumed = await frozenUntilGuard();
    let store: RedisViewStore | undefined;
    try {
      store = new RedisViewStore(redis.url, `born-frozen-${++prefixes}:`);
      await expect(store.get("a")).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.record("a", ["c:one"], WINDOW)).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(resumed()).toBe(false);
    } finally {
      await redis.resume();
    }
    await expect.poll(() => store!.get("a").catch(() => "unavailable"), { timeout: 10_000, interval: 100 }).toBeTypeOf("number");
    await store.close();
  });

  it("keeps an allowance in one key per client and article, expiring one window after its first counted view", async () => {
    const prefix = `allowance-${++prefixes}:`;
    const store = new RedisViewStore(redis.url, prefix);
    const raw = new Redis(redis.url);
    try {
      await store.record("a", ["c:one"], WINDOW, { client: "k:hashed", limit: 3 });
      const key = `${prefix}allowance:a:k:hashed`;
      expect(await raw.get(key)).toBe("1");
      const first = await raw.pttl(key);
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThanOrEqual(WINDOW);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await store.record("a", ["c:two"], WINDOW, { client: "k:hashed", limit: 3 });
      expect(await raw.get(key)).toBe("2");
      // A later view does not move the window.
      expect(await raw.pttl(key)).toBeLessThan(first);
      await store.record("b", ["c:one"], 50, { client: "k:hashed", limit: 3 });
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(await raw.exists(`${prefix}allowance:b:k:hashed`)).toBe(0);
    } finally {
      raw.disconnect();
      await store.close();
    }
  });

  it("keeps each hour in one sorted set that expires 7 days and an hour after the hour's end, and drops it then", async () => {
    const prefix = `hourly-${++prefixes}:`;
    const H = Math.floor(Date.UTC(2026, 2, 1) / HOUR_MS);
    let now = H * HOUR_MS + 25 * 60_000;
    const store = new RedisViewStore(redis.url, prefix, () => now);
    const raw = new Redis(redis.url);
    const hourKeys = async () => (await raw.keys(`${prefix}views:*`)).filter((key) => key !== `${prefix}views`).sort();
    try {
      await store.record("a", ["c:1"], WINDOW);
      await store.record("a", ["c:2"], WINDOW);
      await store.record("b", ["c:1"], WINDOW);
      // A repeat, and a view past the allowance, leave no trace in the hour either.
      await store.record("b", ["c:1"], WINDOW);
      await store.record("b", ["c:3"], WINDOW, { client: "k:none", limit: 0 });
      const key = `${prefix}views:h:${H}`;
      expect(await raw.zrange(key, 0, -1, "WITHSCORES")).toEqual(["b", "1", "a", "2"]);
      // Expires at the start of hour H + 169, by the store's clock: 168 hours and 35 minutes from now.
      const ttl = await raw.pttl(key);
      expect(ttl).toBeLessThanOrEqual((168 * 60 + 35) * 60_000);
      expect(ttl).toBeGreaterThan((168 * 60 + 35) * 60_000 - 5_000);
      // Summing a window leaves no scratch key behind.
      expect(await store.topInWindow(168, 5)).toEqual([
        { slug: "a", views: 2 },
        { slug: "b", views: 1 },
      ]);
      expect(await hourKeys()).toEqual([key]);
      // At hour H + 168 the oldest hour is past every window, but kept (the slack hour).
      now = (H + 168) * HOUR_MS;
      await store.record("c", ["c:1"], WINDOW);
      expect(await hourKeys()).toEqual([key, `${prefix}views:h:${H + 168}`]);
      expect(await store.topInWindow(168, 5)).toEqual([{ slug: "c", views: 1 }]);
      // From hour H + 169 it is gone, whatever the write (this one does not even count).
      now = (H + 169) * HOUR_MS;
      expect(await store.record("d", ["c:1"], WINDOW, { client: "k:none", limit: 0 })).toEqual({ views: 0, counted: false });
      expect(await hourKeys()).toEqual([`${prefix}views:h:${H + 168}`]);
      for (const hourKey of await hourKeys()) expect(await raw.pttl(hourKey)).toBeGreaterThan(0);
      expect(await store.top(5)).toEqual([
        { slug: "a", views: 2 },
        { slug: "c", views: 1 },
        { slug: "b", views: 1 },
      ]);
    } finally {
      raw.disconnect();
      await store.close();
    }
  });
});

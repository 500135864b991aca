import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { RedisViewStore } from "@/lib/views/redis-store";
import { StoreUnavailableError } from "@/lib/views/view-store";
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
  describeViewStoreContract("RedisViewStore", () => new RedisViewStore(redis.url, `test-${++prefixes}:`));

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
});

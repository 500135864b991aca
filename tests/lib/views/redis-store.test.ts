import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisViewStore } from "@/lib/views/redis-store";
import { StoreUnavailableError } from "@/lib/views/view-store";
import { REDIS_CANDIDATES, requireSystemProgram, startRedis, type RedisServer } from "../../system";
import { describeViewStoreContract } from "./store-contract";

const binary = requireSystemProgram(REDIS_CANDIDATES, "apt-get install redis-server");

describe.skipIf(!binary)("RedisViewStore", () => {
  let redis: RedisServer;
  let prefixes = 0;
  beforeAll(async () => {
    redis = await startRedis(binary!);
  });
  afterAll(() => redis?.stop());

  // Each store gets its own key prefix, so suites never see each other's counts.
  describeViewStoreContract("RedisViewStore", () => new RedisViewStore(redis.url, `test-${++prefixes}:`));

  it("answers unavailable while Redis is down, and resumes when it is back", async () => {
    const store = new RedisViewStore(redis.url, `outage-${++prefixes}:`);
    expect(await store.record("a", ["c:one"], 60_000)).toEqual({ views: 1, counted: true });
    await redis.stop();
    await expect(store.record("a", ["c:two"], 60_000)).rejects.toBeInstanceOf(StoreUnavailableError);
    await redis.start();
    // The data went with the old server (persistence is off); counting starts again, with no new client.
    await expect.poll(() => store.record("a", ["c:three"], 60_000).catch(() => undefined), { timeout: 10_000, interval: 200 }).toEqual({ views: 1, counted: true });
    await store.close();
  });
});

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FixedWindowLimiter, MAX_TRACKED_CLIENTS, createRateLimit } from "@/lib/http/rate-limit";

const root = fileURLToPath(new URL("../..", import.meta.url));
const MINUTE = 60_000;
const from = (address: string) => new Headers({ "x-forwarded-for": address });
let names = 0;
/** A name no other test uses: limiters of one name share their budget for the life of the process. */
const freshName = (label: string) => `test-${label}-${++names}`;

/** createRateLimit with a budget of `points` a minute. */
function limitOf(points: number, name: string, refuse?: (retryAfter: number) => Response) {
  vi.stubEnv("API_RATE_LIMIT", String(points));
  return createRateLimit(name, refuse);
}

/** How many of `count` requests from `address` at `now` went ahead. */
async function allowed(limit: ReturnType<typeof createRateLimit>, address: string, now: number, count = 1) {
  let passed = 0;
  for (let i = 0; i < count; i++) if ((await limit(from(address), now)) === undefined) passed++;
  return passed;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe("FixedWindowLimiter", () => {
  it("lets `points` requests through in a window, then says how long until it ends", () => {
    const limiter = new FixedWindowLimiter(3, MINUTE);
    expect([limiter.hit("a", 1_000), limiter.hit("a", 2_000), limiter.hit("a", 3_000)]).toEqual([0, 0, 0]);
    expect(limiter.hit("a", 21_000)).toBe(40_000);
    expect(limiter.hit("a", 60_999)).toBe(1);
    expect(limiter.hit("b", 21_000)).toBe(0);
    expect(limiter.hit("a", 61_000)).toBe(0);
  });

  it("tracks at most maxClients, forgetting the least recently seen", () => {
    const limiter = new FixedWindowLimiter(1, MINUTE, 3);
    for (const key of ["a", "b", "c"]) limiter.hit(key, 0);
    expect(limiter.hit("a", 1)).toBeGreaterThan(0); // "a" is now the most recently seen
    limiter.hit("d", 2);
    expect(limiter.size).toBe(3);
    expect(limiter.hit("a", 3)).toBeGreaterThan(0); // kept its count
    expect(limiter.hit("b", 3)).toBe(0); // forgotten, so a fresh budget
    expect(limiter.size).toBe(3);
  });

  it("drops the counts of windows that have ended as later requests come in", () => {
    const limiter = new FixedWindowLimiter(5, MINUTE);
    for (let i = 0; i < 1_000; i++) limiter.hit(`client-${i}`, i);
    expect(limiter.size).toBe(1_000);
    let requests = 0;
    while (limiter.size > 1 && requests < 1_000) {
      limiter.hit("late", 2 * MINUTE);
      requests++;
    }
    expect(limiter.size).toBe(1);
    expect(requests).toBeLessThan(100); // a batch at a time, not one per request
  });

  it("schedules no timers", () => {
    vi.useFakeTimers();
    const limiter = new FixedWindowLimiter(2, MINUTE, 10);
    for (let i = 0; i < 100; i++) limiter.hit(`client-${i % 20}`, i * 1_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("createRateLimit", () => {
  it("refuses the request after the budget with a 429 and the seconds until the window ends", async () => {
    const limit = limitOf(3, freshName("basic"));
    expect(await allowed(limit, "203.0.113.9", 1_000, 3)).toBe(3);
    const refused = await limit(from("203.0.113.9"), 31_000);
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get("Retry-After")).toBe("30");
    expect(await refused?.json()).toEqual({ error: "too many requests" });
    expect((await limit(from("203.0.113.9"), 60_500))?.headers.get("Retry-After")).toBe("1");
    expect(await allowed(limit, "203.0.113.10", 31_000)).toBe(1);
    expect(await allowed(limit, "203.0.113.9", 61_000, 4)).toBe(3);
  });

  it("answers with the caller's refusal", async () => {
    const limit = limitOf(1, freshName("refuse"), (retryAfter) => new Response(`wait ${retryAfter}`, { status: 429 }));
    await limit(from("198.51.100.1"), 0);
    expect(await (await limit(from("198.51.100.1"), 15_000))?.text()).toBe("wait 45");
  });

  it("is off when API_RATE_LIMIT is 0", async () => {
    const limit = limitOf(0, freshName("off"));
    expect(await allowed(limit, "198.51.100.1", 0, 500)).toBe(500);
  });

  it("shares one budget between limits of the same name, even from another copy of the module", async () => {
    const name = freshName("shared");
    const beacon = limitOf(4, name);
    const pixel = limitOf(4, name);
    vi.resetModules();
    const again = await import("@/lib/http/rate-limit");
    expect(again.createRateLimit).not.toBe(createRateLimit);
    const other = again.createRateLimit(name);
    expect(await allowed(beacon, "192.0.2.1", 0, 2)).toBe(2);
    expect(await allowed(pixel, "192.0.2.1", 0)).toBe(1);
    expect(await allowed(other, "192.0.2.1", 0)).toBe(1);
    expect(await allowed(beacon, "192.0.2.1", 0)).toBe(0);
    expect(await allowed(pixel, "192.0.2.1", 0)).toBe(0);
    expect(await allowed(other, "192.0.2.1", 0)).toBe(0);
  });

  it("keeps separate budgets for different names", async () => {
    const views = limitOf(2, freshName("views"));
    const search = limitOf(2, freshName("search"));
    expect(await allowed(views, "192.0.2.1", 0, 3)).toBe(2);
    expect(await allowed(search, "192.0.2.1", 0, 3)).toBe(2);
  });

  it("counts an IPv6 client by its /64", async () => {
    const limit = limitOf(2, freshName("ipv6"));
    expect(await allowed(limit, "2001:db8:1:2::1", 0)).toBe(1);
    expect(await allowed(limit, "2001:DB8:1:2:ffff:eeee:dddd:cccc", 0)).toBe(1);
    expect(await allowed(limit, "2001:0db8:0001:0002:0:0:0:9", 0)).toBe(0);
    expect(await allowed(limit, "2001:db8:1:3::1", 0)).toBe(1);
    expect(await allowed(limit, "2001:db9:1:2::1", 0)).toBe(1);
  });

  it("counts an IPv4-mapped IPv6 address as its IPv4 address", async () => {
    const limit = limitOf(1, freshName("mapped"));
    expect(await allowed(limit, "::ffff:192.0.2.7", 0)).toBe(1);
    expect(await allowed(limit, "192.0.2.7", 0)).toBe(0);
  });

  it("puts everything that is not an address in one bucket", async () => {
    const limit = limitOf(3, freshName("junk"));
    expect(await limit(new Headers(), 0)).toBeUndefined(); // no X-Forwarded-For: "unknown"
    expect(await allowed(limit, "not-an-address", 0)).toBe(1);
    expect(await allowed(limit, "x".repeat(12 * 1024), 0)).toBe(1);
    expect(await allowed(limit, "192.0.2.1:8080", 0)).toBe(0);
    expect(await allowed(limit, "192.0.2.1", 0)).toBe(1);
  });
});

describe("memory", () => {
  // The timeout is a hang guard: each run takes about 2 s on an idle machine. The heap cap keeps a
  // limiter that holds on to request contexts (the one this replaced kept 12 KB each here, 1.3 GB in
  // all) from taking the machine's memory: the run then fails for want of heap instead.
  it.each(["ipv4", "ipv6"])(
    "100,000 distinct %s clients stay under the cap, cost under 1 KB each, and leave when their window ends",
    (family) => {
      const run = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=512", "--import", "tsx", "tests/lib/rate-limit-heap.ts", family], {
        cwd: root,
        env: { ...process.env, API_RATE_LIMIT: "120", TRUSTED_PROXIES: "0" },
        encoding: "utf8",
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const result = JSON.parse(run.stdout) as Record<string, number>;
      expect(result.cap).toBe(MAX_TRACKED_CLIENTS);
      expect(result.refused).toBe(0);
      expect(result.maxTracked).toBe(MAX_TRACKED_CLIENTS);
      expect(result.full! - result.before!).toBeLessThan(100 * 1024 * 1024);
      expect(result.bytesPerTrackedClient).toBeLessThan(1024);
      expect(result.afterDrainTracked).toBe(1);
      expect(result.drained! - result.before!).toBeLessThan(4 * 1024 * 1024);
    },
    300_000,
  );
});

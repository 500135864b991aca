import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ViewStore } from "@/lib/views/view-store";
import { HOUR_MS, type Clock } from "@/lib/views/windows";

const WINDOW = 60_000;

const MINUTE = 60_000;

/** The behaviour every ViewStore must have; each implementation's test file runs it. `create` makes a new, empty store. */
export function describeViewStoreContract(name: string, create: (clock?: Clock) => Promise<ViewStore> | ViewStore) {
  describe(`${name} (store contract)`, () => {
    let store: ViewStore;
    beforeAll(async () => {
      store = await create();
    });
    afterAll(() => store?.close());

    it("starts every article at zero", async () => {
      expect(await store.get("never-read")).toBe(0);
    });

    it("counts distinct readers and returns the new count", async () => {
      expect(await store.record("a", ["c:one"], WINDOW)).toEqual({ views: 1, counted: true });
      expect(await store.record("a", ["c:two"], WINDOW)).toEqual({ views: 2, counted: true });
      expect(await store.get("a")).toBe(2);
    });

    it("counts a reader once per article within the window", async () => {
      await store.record("b", ["c:one"], WINDOW);
      expect(await store.record("b", ["c:one"], WINDOW)).toEqual({ views: 1, counted: false });
      expect(await store.record("c", ["c:one"], WINDOW)).toEqual({ views: 1, counted: true });
    });

    it("does not count when any of the reader's keys was seen, and marks them all", async () => {
      await store.record("d", ["h:hash", "c:new"], WINDOW);
      expect(await store.record("d", ["c:new"], WINDOW)).toMatchObject({ counted: false });
      expect(await store.record("d", ["h:hash", "c:other"], WINDOW)).toMatchObject({ counted: false });
      expect(await store.record("d", ["c:other"], WINDOW)).toMatchObject({ counted: false });
      expect(await store.get("d")).toBe(1);
    });

    it("counts the same reader again after the window", async () => {
      await store.record("e", ["c:one"], 50);
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(await store.record("e", ["c:one"], 50)).toEqual({ views: 2, counted: true });
    });

    it("stays exact under concurrent writes", async () => {
      const results = await Promise.all(Array.from({ length: 500 }, (_, i) => store.record("f", [`c:reader-${i}`], WINDOW)));
      expect(results.filter((r) => r.counted)).toHaveLength(500);
      expect(new Set(results.map((r) => r.views)).size).toBe(500);
      expect(await store.get("f")).toBe(500);
    });

    it("lists the most-read articles, most first, up to the limit", async () => {
      for (let i = 0; i < 7; i++) await store.record("top-seven", [`c:t7-${i}`], WINDOW);
      for (let i = 0; i < 6; i++) await store.record("top-six", [`c:t6-${i}`], WINDOW);
      const top = await store.top(2);
      expect(top).toEqual([
        { slug: "f", views: 500 },
        { slug: "top-seven", views: 7 },
      ]);
      expect((await store.top(50)).map((entry) => entry.slug)).toContain("top-six");
    });

    describe("with a client allowance", () => {
      const allowance = (client: string, limit: number) => ({ client, limit });

      it("stops counting a client's new readers once it has used its limit, and still marks them", async () => {
        expect(await store.record("g", ["c:g1"], WINDOW, allowance("k:office", 2))).toEqual({ views: 1, counted: true });
        expect(await store.record("g", ["c:g2"], WINDOW, allowance("k:office", 2))).toEqual({ views: 2, counted: true });
        expect(await store.record("g", ["c:g3"], WINDOW, allowance("k:office", 2))).toEqual({ views: 2, counted: false });
        expect(await store.record("g", ["c:g4", "c:g5"], WINDOW, allowance("k:office", 2))).toEqual({ views: 2, counted: false });
        // Marked either way: the same reader from another client, within its window, counts no more.
        expect(await store.record("g", ["c:g3"], WINDOW, allowance("k:elsewhere", 2))).toEqual({ views: 2, counted: false });
        expect(await store.get("g")).toBe(2);
      });

      it("still counts other clients, and the same client on other articles", async () => {
        for (let i = 0; i < 3; i++) await store.record("h", [`c:h-full-${i}`], WINDOW, allowance("k:busy", 1));
        expect(await store.record("h", ["c:h-other"], WINDOW, allowance("k:other", 1))).toEqual({ views: 2, counted: true });
        expect(await store.record("i", ["c:h-full-0"], WINDOW, allowance("k:busy", 1))).toEqual({ views: 1, counted: true });
      });

      it("uses a unit only for a view that counts", async () => {
        expect(await store.record("j", ["c:j1"], WINDOW, allowance("k:home", 2))).toMatchObject({ counted: true });
        // A repeat within the reader's window does not count, so it leaves the allowance alone.
        expect(await store.record("j", ["c:j1"], WINDOW, allowance("k:home", 2))).toMatchObject({ counted: false });
        expect(await store.record("j", ["c:j2"], WINDOW, allowance("k:home", 2))).toEqual({ views: 2, counted: true });
        expect(await store.record("j", ["c:j3"], WINDOW, allowance("k:home", 2))).toMatchObject({ counted: false });
      });

      it("never counts with a limit of zero", async () => {
        expect(await store.record("k", ["c:k1"], WINDOW, allowance("k:none", 0))).toEqual({ views: 0, counted: false });
      });

      it("counts the client again once its window, from its first counted view, has passed", async () => {
        expect(await store.record("l", ["c:l1"], 50, allowance("k:later", 1))).toEqual({ views: 1, counted: true });
        expect(await store.record("l", ["c:l2"], 50, allowance("k:later", 1))).toEqual({ views: 1, counted: false });
        await new Promise((resolve) => setTimeout(resolve, 120));
        expect(await store.record("l", ["c:l3"], 50, allowance("k:later", 1))).toEqual({ views: 2, counted: true });
        expect(await store.record("l", ["c:l4"], 50, allowance("k:later", 1))).toEqual({ views: 2, counted: false });
      });

      it("stays exact under concurrent writes from one client", async () => {
        const results = await Promise.all(Array.from({ length: 200 }, (_, i) => store.record("m", [`c:m-${i}`], WINDOW, allowance("k:crowd", 20))));
        expect(results.filter((r) => r.counted)).toHaveLength(20);
        expect(new Set(results.filter((r) => r.counted).map((r) => r.views))).toEqual(new Set(Array.from({ length: 20 }, (_, i) => i + 1)));
        expect(await store.get("m")).toBe(20);
      });
    });
    describe("over a window of hours, with the clock in the test's hands", () => {
      // A moment well away from now, at the start of an hour.
      const H = Math.floor(Date.UTC(2026, 0, 15, 12) / HOUR_MS);
      let now = H * HOUR_MS;
      let timed: ViewStore;
      beforeAll(async () => {
        timed = await create(() => now);
      });
      afterAll(() => timed?.close());

      /** Records one view of `slug` by a reader no one has seen, `agoMs` before `at`. */
      async function viewAt(at: number, agoMs: number, slug: string, reader: string) {
        now = at - agoMs;
        return timed.record(slug, [`c:${reader}`], WINDOW);
      }

      it("counts the current hour and the 23 whole hours before it as the last 24 hours", async () => {
        // Just before the end of hour H: the window runs from the start of hour H - 23.
        const end = (H + 1) * HOUR_MS - 1;
        await viewAt(end, 23 * HOUR_MS + 59 * MINUTE, "w-23h59", "w1");
        await viewAt(end, 24 * HOUR_MS + MINUTE, "w-24h01", "w2");
        now = end;
        expect(await timed.topInWindow(24, 10)).toEqual([{ slug: "w-23h59", views: 1 }]);
        expect(await timed.topInWindow(168, 10)).toEqual([
          { slug: "w-23h59", views: 1 },
          { slug: "w-24h01", views: 1 },
        ]);
        // The window moves on by whole hours: at the next hour's start, the 23h59 view has left it.
        now = end + 1;
        expect(await timed.topInWindow(24, 10)).toEqual([]);
      });

      it("is exact at hour boundaries", async () => {
        const at = (H + 100) * HOUR_MS;
        await viewAt(at, 23 * HOUR_MS, "b-first-ms", "b1");
        await viewAt(at, 23 * HOUR_MS + 1, "b-before", "b2");
        await viewAt(at, 0, "b-now", "b3");
        now = at;
        expect(await timed.topInWindow(24, 10)).toEqual([
          { slug: "b-first-ms", views: 1 },
          { slug: "b-now", views: 1 },
        ]);
        expect((await timed.topInWindow(1, 10)).map((entry) => entry.slug)).toEqual(["b-now"]);
        now = at + HOUR_MS - 1;
        expect((await timed.topInWindow(24, 10)).map((entry) => entry.slug)).toEqual(["b-first-ms", "b-now"]);
        now = at + HOUR_MS;
        expect((await timed.topInWindow(24, 10)).map((entry) => entry.slug)).toEqual(["b-now"]);
      });

      it("counts the current hour and the 167 whole hours before it as the last 7 days", async () => {
        const at = (H + 400) * HOUR_MS + 30 * MINUTE;
        await viewAt(at, 167 * HOUR_MS + 30 * MINUTE, "d-oldest", "d1");
        await viewAt(at, 167 * HOUR_MS + 30 * MINUTE + 1, "d-too-old", "d2");
        now = at;
        expect(await timed.topInWindow(168, 10)).toEqual([{ slug: "d-oldest", views: 1 }]);
        now = (H + 401) * HOUR_MS;
        expect(await timed.topInWindow(168, 10)).toEqual([]);
      });

      it("sums an article's hours, most read first, ties by slug, up to the limit", async () => {
        const at = (H + 600) * HOUR_MS;
        for (let i = 0; i < 3; i++) await viewAt(at, i * 5 * HOUR_MS, "s-three", `s3-${i}`);
        for (let i = 0; i < 2; i++) await viewAt(at, i * HOUR_MS + 1, "s-two-b", `s2b-${i}`);
        for (let i = 0; i < 2; i++) await viewAt(at, i * 20 * HOUR_MS, "s-two-a", `s2a-${i}`);
        now = at;
        expect(await timed.topInWindow(24, 2)).toEqual([
          { slug: "s-three", views: 3 },
          { slug: "s-two-a", views: 2 },
        ]);
        expect(await timed.topInWindow(6, 10)).toEqual([
          { slug: "s-three", views: 2 },
          { slug: "s-two-b", views: 2 },
          { slug: "s-two-a", views: 1 },
        ]);
        // The totals are untouched by windows.
        expect(await timed.get("s-three")).toBe(3);
      });

      it("takes in only counted views: no repeat within a reader's window, nothing past the allowance", async () => {
        now = (H + 800) * HOUR_MS;
        await timed.record("r-dedupe", ["c:same"], WINDOW);
        expect(await timed.record("r-dedupe", ["c:same"], WINDOW)).toMatchObject({ counted: false });
        expect(await timed.record("r-dedupe", ["c:same", "c:other"], WINDOW)).toMatchObject({ counted: false });
        for (let i = 0; i < 5; i++) await timed.record("r-allowance", [`c:r-${i}`], WINDOW, { client: "k:r-office", limit: 2 });
        expect(await timed.record("r-none", ["c:r-none"], WINDOW, { client: "k:r-none", limit: 0 })).toMatchObject({ counted: false });
        expect(await timed.topInWindow(24, 10)).toEqual([
          { slug: "r-allowance", views: 2 },
          { slug: "r-dedupe", views: 1 },
        ]);
      });

      it("stays exact under concurrent writes", async () => {
        now = (H + 900) * HOUR_MS;
        await Promise.all(Array.from({ length: 300 }, (_, i) => timed.record("p-busy", [`c:p-${i}`], WINDOW, { client: `k:p-${i % 30}`, limit: 5 })));
        expect(await timed.topInWindow(24, 10)).toEqual([{ slug: "p-busy", views: 150 }]);
        expect(await timed.get("p-busy")).toBe(150);
      });

      it("refuses a window it does not keep", async () => {
        for (const hours of [0, 169, 1.5]) await expect(timed.topInWindow(hours, 5)).rejects.toBeInstanceOf(RangeError);
      });
    });
  });
}

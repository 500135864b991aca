import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ViewStore } from "@/lib/views/view-store";

const WINDOW = 60_000;

/** The behaviour every ViewStore must have; each implementation's test file runs it. */
export function describeViewStoreContract(name: string, create: () => Promise<ViewStore> | ViewStore) {
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
  });
}

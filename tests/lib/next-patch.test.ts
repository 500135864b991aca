import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GUARDED, patchNext, SIZE_CHECK_MARK, sizeCheckFiles } from "../../scripts/patch-next.mjs";
import { tempContentDir } from "./fixtures";

type Entry = Record<string, unknown> & { toJSON(): object };
type Cache = { set(key: string, data: Entry, context: object): Promise<void> };
const require = createRequire(import.meta.url);
const { IncrementalCache } = require("next/dist/server/lib/incremental-cache") as { IncrementalCache: new (options: object) => Cache };

/** Next's incremental cache with a store that keeps keys, and a count of the entries serialized to be measured. */
function incrementalCache() {
  const stored: string[] = [];
  const CurCacheHandler = class {
    async set(key: string) {
      stored.push(key);
    }
  };
  const cache = new IncrementalCache({
    dev: false,
    requestHeaders: {},
    previewProps: { previewModeId: "preview" },
    prerenderManifest: { routes: {}, dynamicRoutes: {}, preview: {} },
    CurCacheHandler,
    maxMemoryCacheSize: 0,
  });
  const measured = { count: 0 };
  const entry = (fields: Record<string, unknown>): Entry => ({ ...fields, toJSON: () => (measured.count += 1, {}) });
  return { cache, stored, measured, entry };
}

describe("Next's incremental cache, as installed (scripts/patch-next.mjs)", () => {
  it("stores a page without serializing it to measure it, and still measures a fetch entry", async () => {
    const { cache, stored, measured, entry } = incrementalCache();
    const page = entry({ kind: "APP_PAGE", html: "<p>page</p>", rscData: Buffer.alloc(1024 * 1024), headers: {}, status: 200 });
    await cache.set("/articles/a", page, { route: { kind: "APP_PAGE", sourceRoute: "/articles/[slug]" }, cacheControl: { revalidate: 300 } });
    expect(stored).toHaveLength(1);
    expect(measured.count).toBe(0);

    const fetched = entry({ kind: "FETCH", data: { headers: {}, body: "{}", status: 200, url: "https://example.test/" }, revalidate: 60 });
    await cache.set("fetch-key", fetched, { fetchCache: true, fetchUrl: "https://example.test/", tags: [] });
    expect(stored).toEqual([expect.stringContaining("/articles/a"), "fetch-key"]);
    expect(measured.count).toBe(1);
  });

  it("guards the size check in Next's source and in every prebuilt server runtime", () => {
    const files = sizeCheckFiles();
    expect(files.map((file) => path.basename(file))).toEqual(expect.arrayContaining(["index.js", "app-page-turbo.runtime.prod.js", "app-page.runtime.prod.js"]));
    for (const file of files) expect([file, GUARDED.test(fs.readFileSync(file, "utf8"))]).toEqual([file, true]);
  });
});

describe("patchNext", () => {
  const minified = `a;let i=JSON.stringify(t).length;if(r.fetchCache&&i>2097152&&!this.x){let t=\`${SIZE_CHECK_MARK}\`}`;
  const source = `    const itemSize = JSON.stringify(data).length;\n    if (ctx.fetchCache &&\n    itemSize > 2 * 1024 * 1024) {\n      warn("${SIZE_CHECK_MARK}");\n    }`;

  it("guards both forms of the check, once, and names a file whose check it does not know", () => {
    const dir = tempContentDir();
    const files = ["runtime.js", "index.js", "other.js"].map((name) => path.join(dir, name));
    fs.writeFileSync(files[0]!, minified);
    fs.writeFileSync(files[1]!, source);
    fs.writeFileSync(files[2]!, `const size = measure(entry); // ${SIZE_CHECK_MARK}`);

    expect(patchNext(files)).toEqual({ changed: 2, unknown: [files[2]] });
    expect(fs.readFileSync(files[0]!, "utf8")).toContain("let i=r.fetchCache?JSON.stringify(t).length:0;if(r.fetchCache&&i>2097152");
    expect(fs.readFileSync(files[1]!, "utf8")).toContain("const itemSize = ctx.fetchCache ? JSON.stringify(data).length : 0;\n    if (ctx.fetchCache &&");
    expect(patchNext(files)).toEqual({ changed: 0, unknown: [files[2]] });
  });
});

import fs from "node:fs";
import path from "node:path";
import type { BenchSite } from "./bench-site";
import { benchHugo } from "./hugo";
import { npmRunBuild } from "./next-build";

const HUGO_MAX_ARTICLES = 20_000;

/** Bytes of the files under `dir` (links not followed), leaving out the `skip` folder, in MB. */
function folderMB(dir: string, skip?: string): number {
  let bytes = 0;
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory() && file !== skip) walk(file);
      else if (entry.isFile()) bytes += fs.statSync(file).size;
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return +(bytes / 2 ** 20).toFixed(1);
}

/** A cold production build of the site, a rebuild after editing one old article, and Hugo on the same files. */
export async function benchBuild(site: BenchSite) {
  // Cold: nothing left from an earlier build, neither Next's output (with its cache) nor the content cache.
  fs.rmSync(site.distDir, { recursive: true, force: true });
  fs.rmSync(site.contentCacheDir, { recursive: true, force: true });
  const { wallMs, peakRssMB } = await npmRunBuild(site.env);
  const cold = { wallMs, peakRssMB };
  const nextCache = path.join(site.distDir, "cache");
  const size = { outputMB: folderMB(site.distDir, nextCache), nextCacheMB: folderMB(nextCache), contentCacheMB: folderMB(site.contentCacheDir) };

  // The oldest article: the edit an operator makes to the archive, not to the front page.
  const edited = site.articles.at(-1)!;
  fs.appendFileSync(path.join(site.contentDir, edited.name), "\nOne more sentence, added by the bench to time a rebuild.\n");
  const rebuilt = await npmRunBuild(site.env);
  // Only the content changed: the snapshot is updated, and Next prerenders again without compiling (scripts/next-build.ts).
  const rebuild = {
    wallMs: rebuilt.wallMs,
    peakRssMB: rebuilt.peakRssMB,
    snapshot: /snapshot \S+ \(updated/.test(rebuilt.output) ? "updated" : "written afresh",
    next: rebuilt.output.includes("without compiling") ? "prerendered only" : "compiled and prerendered",
  };

  // Hugo held 4 GB building 10,000 realistic articles; at five times that it would not fit this machine's memory.
  const hugo = site.articles.length <= HUGO_MAX_ARTICLES ? await benchHugo(site.contentDir) : undefined;
  return {
    shape: site.shape,
    articles: site.articles.length,
    cold: { ...cold, ...size },
    rebuild: { ...rebuild, edited: edited.slug },
    rebuildVsCold: +(rebuild.wallMs / cold.wallMs).toFixed(2),
    hugo: hugo && { ...hugo, oursVsHugo: +(cold.wallMs / hugo.wallMs).toFixed(1) },
  };
}

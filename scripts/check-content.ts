// Runs before `next dev` and `next build`: scans what the content cache lacks
// on every core, then validates the whole folder and writes the content
// snapshot the servers read (updating the last one when few articles changed),
// so a bad file stops the build with every problem listed, and what is served
// is what was validated. Last, it renders the bodies `next build` will need
// (the newest articles' pages, and the feeds), on every core, into the content
// cache, and makes the newest articles' share cards (lib/pages/share-card.ts).
import { snapshotFile } from "../lib/archive/snapshot-file.mjs";
import { writeSnapshotFile } from "../lib/archive/write-snapshot-file";
import { PRERENDERED_ARTICLES, slugsBuildRenders } from "../lib/archive/prerender";
import { Snapshot } from "../lib/archive/snapshot";
import { renderJob } from "../lib/content/article-body";
import { contentDir } from "../lib/content/content-dir";
import { contentCacheDir, openContentCache, type ContentCache } from "../lib/content/content-cache";
import { RenderPool, renderWorkerEntry } from "../lib/content/render-pool";
import { ContentError } from "../lib/content/content-error";
import { parserFingerprint } from "../lib/content/parser-fingerprint";
import { makeShareCards } from "../lib/pages/share-card";
import { warmContentCache } from "./warm-content-cache";

const dir = contentDir();
const cacheDir = contentCacheDir();
const fingerprint = parserFingerprint();
const cache = fingerprint ? openContentCache(cacheDir, fingerprint) : undefined;
const started = performance.now();
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Renders the bodies `next build` needs that the cache lacks, one thread a core: Next's workers
 * then only read them, where each would render its own pages' and feeds' bodies one after
 * another. Returns how many it rendered.
 */
async function renderForBuild(snapshot: Snapshot, contentCache: ContentCache): Promise<number> {
  const sources = [...slugsBuildRenders(snapshot)].map((slug) => snapshot.body(slug)!).filter((source) => source.cacheKey && !contentCache.has(source.cacheKey, "body"));
  if (sources.length === 0) return 0;
  const pool = new RenderPool(renderWorkerEntry());
  try {
    await Promise.all(sources.map(async (source) => contentCache.set(source.cacheKey!, "body", await pool.render(renderJob(source)))));
  } finally {
    await pool.close();
  }
  return sources.length;
}

try {
  const warmed = cache && fingerprint ? await warmContentCache(dir, cacheDir, fingerprint, cache) : undefined;
  const warnings: string[] = [];
  const file = snapshotFile();
  const { articles, drafts, cacheKeys, mode, changed } = writeSnapshotFile(dir, file, { cache, warn: (shown, warning) => warnings.push(`${shown}:${warning.line}: ${warning.message}`) });
  // Warnings never fail the build: the article renders without what is listed.
  if (warnings.length > 0) console.warn(`${warnings.join("\n")}\n${count(warnings.length, "warning", "warnings")}: content shown as written or left out, listed above`);
  const pruned = cache ? cache.prune(cacheKeys) : 0;
  const snapshot = Snapshot.open(file);
  // The share cards are drawn while the bodies render on their threads.
  const [rendered, cards] = await Promise.all([cache ? renderForBuild(snapshot, cache) : 0, makeShareCards(snapshot, PRERENDERED_ARTICLES)]).finally(() => snapshot.db.close());
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const threads = warmed?.threads ? `, ${warmed.parsed} parsed on ${count(warmed.threads, "thread", "threads")}` : "";
  const cached = cache ? `; cache ${cacheDir}, ${count(pruned, "stale entry", "stale entries")} removed, ${count(rendered, "body", "bodies")} rendered for the pages and feeds` : "";
  const carded = `; ${count(cards.made, "share card", "share cards")} made, ${cards.removed} removed`;
  const unpublished = drafts > 0 ? ` and ${count(drafts, "draft", "drafts")}` : "";
  const written = mode === "updated" ? `updated for ${count(changed, "changed article", "changed articles")}` : "written afresh";
  console.log(`Content OK: ${count(articles, "article", "articles")}${unpublished} in ${dir}, snapshot ${file} (${written}; ${seconds} s${threads}${cached}${carded})`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}

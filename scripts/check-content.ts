// Runs before `next dev` and `next build`: scans what the content cache lacks
// on every core, then validates the whole folder and writes the content
// snapshot the servers read, so a bad file stops the build with every problem
// listed, and what is served is what was validated.
import { snapshotFile, writeSnapshotFile } from "../lib/archive/archive";
import { contentDir } from "../lib/content/articles";
import { contentCacheDir, openContentCache } from "../lib/content/content-cache";
import { ContentError } from "../lib/content/content-error";
import { parserFingerprint } from "../lib/content/parser-fingerprint";
import { warmContentCache } from "./warm-content-cache";

const dir = contentDir();
const cacheDir = contentCacheDir();
const fingerprint = parserFingerprint();
const cache = fingerprint ? openContentCache(cacheDir, fingerprint) : undefined;
const started = performance.now();
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
try {
  const warmed = cache && fingerprint ? await warmContentCache(dir, cacheDir, fingerprint, cache) : undefined;
  const warnings: string[] = [];
  const file = snapshotFile();
  const { articles, drafts } = writeSnapshotFile(dir, file, { cache, warn: (shown, warning) => warnings.push(`${shown}:${warning.line}: ${warning.message}`) });
  // Warnings never fail the build: the article renders without what is listed.
  if (warnings.length > 0) console.warn(`${warnings.join("\n")}\n${count(warnings.length, "warning", "warnings")}: content shown as written or left out, listed above`);
  const pruned = warmed ? cache!.prune(warmed.keys) : 0;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const threads = warmed?.threads ? `, ${warmed.parsed} parsed on ${count(warmed.threads, "thread", "threads")}` : "";
  const cached = cache ? `; cache ${cacheDir}, ${count(pruned, "stale entry", "stale entries")} removed` : "";
  const unpublished = drafts > 0 ? ` and ${count(drafts, "draft", "drafts")}` : "";
  console.log(`Content OK: ${count(articles, "article", "articles")}${unpublished} in ${dir}, snapshot ${file} (${seconds} s${threads}${cached})`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}

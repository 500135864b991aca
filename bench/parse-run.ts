// One measurement in a process of its own, so its peak memory is its own:
//   node --import tsx bench/parse-run.ts <naive|one-thread|cold|warm> <content dir> [cache dir]
// one-thread scans every article on one thread, holding nothing. cold and warm
// do what `npm run build` does before Next builds (scripts/check-content.ts):
// what the cache lacks is scanned on every core, then the snapshot is written
// from the cache. warm also times related ranking alone.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import matter from "gray-matter";
import { remark } from "remark";
import remarkHtml from "remark-html";
import { writeSnapshotFile } from "../lib/archive/write-snapshot-file";
import { rankRelated, type RelatedInput } from "../lib/archive/related";
import { forEachArticle } from "../lib/content/articles";
import { openContentCache } from "../lib/content/content-cache";
import { parserFingerprint } from "../lib/content/parser-fingerprint";
import { warmContentCache } from "../scripts/warm-content-cache";

const [mode, dir, cacheDir] = process.argv.slice(2) as [string, string, string | undefined];

function naive(): number {
  // The baseline the issue names: gray-matter + remark + remark-html, one file after another, nothing cached.
  const files = fs.readdirSync(dir).filter((name) => name.endsWith(".md"));
  for (const name of files) {
    const { content } = matter(fs.readFileSync(path.join(dir, name), "utf8"), {});
    remark().use(remarkHtml).processSync(content);
  }
  return files.length;
}

async function snapshot() {
  const fingerprint = parserFingerprint()!;
  const cache = openContentCache(cacheDir!, fingerprint);
  await warmContentCache(dir, cacheDir!, fingerprint, cache);
  return writeSnapshotFile(dir, path.join(cacheDir!, "snapshot.db"), { cache }).articles;
}

/** Ranks related articles for the whole archive again, alone: what the snapshot writer spends on it. */
function relatedAlone(): number {
  const inputs: RelatedInput[] = [];
  forEachArticle(dir, ({ article, terms }) => inputs.push({ slug: article.slug, title: article.title, tags: article.tags, category: article.category, time: article.date.time, terms }), {
    cache: openContentCache(cacheDir!, parserFingerprint()!),
  });
  const start = performance.now();
  rankRelated(inputs);
  return performance.now() - start;
}

function scanOnly(): number {
  let count = 0;
  forEachArticle(dir, () => void count++);
  return count;
}

const start = performance.now();
let articles = 0;
if (mode === "naive") articles = naive();
else if (mode === "one-thread") articles = scanOnly();
else articles = await snapshot();
const wallMs = performance.now() - start;
const relatedMs = mode === "warm" ? relatedAlone() : undefined;
process.stdout.write(JSON.stringify({ mode, articles, wallMs: Math.round(wallMs), relatedMs: relatedMs && Math.round(relatedMs), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));

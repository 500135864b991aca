// One measurement in a process of its own, so its peak memory is its own:
//   node --import tsx bench/parse-run.ts <naive|one-thread|cold|warm> <content dir> [cache dir]
// cold and warm load as `npm run build` does (scripts/check-content.ts): what
// the cache lacks is parsed on every core, then the loader reads the cache.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import matter from "gray-matter";
import { remark } from "remark";
import remarkHtml from "remark-html";
import { loadArticles } from "../lib/articles";
import { buildCollection } from "../lib/collection";
import { openContentCache } from "../lib/content-cache";
import { parserFingerprint } from "../lib/parser-fingerprint";
import { relatedArticles } from "../lib/related";
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

async function cached() {
  const fingerprint = parserFingerprint()!;
  const cache = openContentCache(cacheDir!, fingerprint);
  await warmContentCache(dir, cacheDir!, fingerprint, cache);
  return loadArticles(dir, cache);
}

const start = performance.now();
let articles = 0;
let relatedMs: number | undefined;
if (mode === "naive") articles = naive();
else {
  const loaded = mode === "one-thread" ? loadArticles(dir) : await cached();
  articles = loaded.length;
  if (mode === "warm") {
    const collection = buildCollection(loaded, false);
    const rankStart = performance.now();
    for (const article of collection.articles) relatedArticles(collection.related, article);
    relatedMs = performance.now() - rankStart;
  }
}
const wallMs = performance.now() - start - (relatedMs ?? 0);
process.stdout.write(JSON.stringify({ mode, articles, wallMs: Math.round(wallMs), relatedMs: relatedMs && Math.round(relatedMs), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));

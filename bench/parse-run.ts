// One measurement in a process of its own, so its peak memory is its own:
//   node --import tsx bench/parse-run.ts <naive|loader|related> <content dir>
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import matter from "gray-matter";
import { remark } from "remark";
import remarkHtml from "remark-html";
import { loadArticles } from "../lib/articles";
import { buildCollection } from "../lib/collection";
import { relatedArticles } from "../lib/related";

const [mode, dir] = process.argv.slice(2) as [string, string];

function naive(): number {
  // The baseline the issue names: gray-matter + remark + remark-html, one file after another, nothing cached.
  const files = fs.readdirSync(dir).filter((name) => name.endsWith(".md"));
  for (const name of files) {
    const { content } = matter(fs.readFileSync(path.join(dir, name), "utf8"), {});
    remark().use(remarkHtml).processSync(content);
  }
  return files.length;
}

const start = performance.now();
let articles = 0;
let relatedMs: number | undefined;
if (mode === "naive") articles = naive();
else {
  const loaded = loadArticles(dir);
  articles = loaded.length;
  if (mode === "related") {
    const collection = buildCollection(loaded, false);
    const rankStart = performance.now();
    for (const article of collection.articles) relatedArticles(collection.related, article);
    relatedMs = performance.now() - rankStart;
  }
}
const wallMs = performance.now() - start;
process.stdout.write(JSON.stringify({ mode, articles, wallMs: Math.round(wallMs), relatedMs: relatedMs && Math.round(relatedMs), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));

// Scans and renders one file in a process of its own and prints how long each took, with what it found:
//   node --import tsx bench/large-body-run.ts <file>
// A plain Node process loads micromark's production build, as the site does; vitest would load
// its slower development build.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { decodeArticle, parseArticle } from "../lib/content/parse-article";
import { renderBodyNow } from "../lib/content/render-body";

const [file] = process.argv.slice(2) as [string];
const bytes = fs.readFileSync(file);
const start = performance.now();
const result = parseArticle(path.basename(file), bytes, file);
const scanMs = performance.now() - start;
if (!result.ok) {
  process.stdout.write(JSON.stringify({ scanMs: Math.round(scanMs), ok: false, problems: result.problems.length }));
} else {
  const { article, bodyStart, firstLine } = result.scanned;
  const renderStart = performance.now();
  const body = renderBodyNow({ markdown: decodeArticle(bytes)!.slice(bodyStart), firstLine, images: { publicDir: path.resolve("public"), folderUrl: article.url } });
  const ms = performance.now() - renderStart;
  process.stdout.write(JSON.stringify({ ms: Math.round(ms), scanMs: Math.round(scanMs), ok: true, wordCount: article.wordCount, headings: body.headings.length }));
}

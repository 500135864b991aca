// Parses one file in a process of its own and prints how long it took, with what it found:
//   node --import tsx bench/large-body-run.ts <file>
// A plain Node process loads micromark's production build, as the site does; vitest would load
// its slower development build.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArticle } from "../lib/parse-article";

const [file] = process.argv.slice(2) as [string];
const bytes = fs.readFileSync(file);
const start = performance.now();
const result = parseArticle(path.basename(file), bytes, file);
const ms = performance.now() - start;
const found = result.ok ? { wordCount: result.article.wordCount, headings: result.article.headings.length } : { problems: result.problems.length };
process.stdout.write(JSON.stringify({ ms: Math.round(ms), ok: result.ok, ...found }));

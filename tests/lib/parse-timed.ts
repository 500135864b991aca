// Parses one file in a plain Node process and prints how long it took, with
// what it found. Vitest starts Node with `--conditions development`, which
// loads micromark's slower development build; a hang guard timed there would
// measure the test runner, not the parser the site runs.
//   node --import tsx tests/lib/parse-timed.ts <file>
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArticle } from "../../lib/parse-article";

const [file] = process.argv.slice(2) as [string];
const bytes = fs.readFileSync(file);
const start = performance.now();
const result = parseArticle(path.basename(file), bytes, file);
const ms = performance.now() - start;
const found = result.ok ? { wordCount: result.article.wordCount, headings: result.article.headings.length } : { problems: result.problems };
process.stdout.write(JSON.stringify({ ms, ok: result.ok, micromark: import.meta.resolve("micromark"), ...found }));

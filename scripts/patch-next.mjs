// @ts-check
// `npm install` runs this (postinstall). Next's incremental cache measures every entry it stores
// with `JSON.stringify(entry).length`, only to refuse data-cache (fetch) entries over 2 MB. For a
// page, the entry holds the page's React payload as a Buffer, which JSON turns into an array of
// numbers: for the largest articles' pages (2 MB) that took 60-110 ms on the server's main
// thread, and every other reader waited. Measured with and without this change, six runs each:
// home answered within 74-85 ms while the 758 KB article's page was stored, against 109-142 ms.
// The change measures only fetch entries, the only ones the size is compared for. It is made in
// Next's source and in each of its prebuilt server runtimes, and is idempotent. When a Next
// upgrade changes that code, this says so and leaves it alone; tests/lib/next-patch.test.ts then
// fails if any runtime still measures every entry.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** The text every copy of the size check carries. */
export const SIZE_CHECK_MARK = "items over 2MB can not be cached";

// Minified runtimes: `let i=JSON.stringify(t).length;if(r.fetchCache&&i>2097152`.
// Source: `const itemSize = JSON.stringify(data).length;` then `if (ctx.fetchCache &&`.
const UNGUARDED = [
  {
    pattern: /let (\w+)=JSON\.stringify\((\w+)\)\.length;if\((\w+)\.fetchCache&&\1>2097152/g,
    guarded: "let $1=$3.fetchCache?JSON.stringify($2).length:0;if($3.fetchCache&&$1>2097152",
  },
  {
    pattern: /const (\w+) = JSON\.stringify\((\w+)\)\.length;(\s*if \(\s*(\w+)\.fetchCache &&)/g,
    guarded: "const $1 = $4.fetchCache ? JSON.stringify($2).length : 0;$3",
  },
];
/** What a copy looks like once guarded (by this script or upstream). */
export const GUARDED = /(\w+)\.fetchCache ?\? ?JSON\.stringify\(\w+\)\.length ?: ?0/;

/** Every file of the installed Next that holds a copy of the size check. */
export function sizeCheckFiles(nextDir = path.dirname(createRequire(import.meta.url).resolve("next/package.json"))) {
  const dist = path.join(nextDir, "dist");
  return fs
    .readdirSync(dist, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".js"))
    .map((name) => path.join(dist, name))
    .filter((file) => fs.statSync(file).isFile() && fs.readFileSync(file, "utf8").includes(SIZE_CHECK_MARK));
}

/** Guards each copy in `files`; answers how many it changed and the files it could not read as expected. */
export function patchNext(files = sizeCheckFiles()) {
  let changed = 0;
  const unknown = [];
  for (const file of files) {
    const source = fs.readFileSync(file, "utf8");
    const patched = UNGUARDED.reduce((text, { pattern, guarded }) => text.replace(pattern, guarded), source);
    if (patched !== source) {
      fs.writeFileSync(file, patched);
      changed += 1;
    } else if (!GUARDED.test(source)) {
      unknown.push(file);
    }
  }
  return { changed, unknown };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { changed, unknown } = patchNext();
  if (changed > 0) console.log(`scripts/patch-next.mjs: Next's incremental cache now measures only fetch entries (${changed} files)`);
  for (const file of unknown) {
    console.warn(`scripts/patch-next.mjs: ${file} checks entry sizes in a way this script does not know; left as it is (see the script's comment)`);
  }
}

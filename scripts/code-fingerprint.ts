import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Folders that never reach the compiled site: dependencies (named by the lockfile), build output, content, tests and tools. */
const NOT_COMPILED = new Set(["node_modules", "tests", "bench", "docs", "deploy", "data", "out", "test-results", "coverage"]);
/** Type declarations Next itself writes, and compiler state. */
const NOT_SOURCES = new Set(["next-env.d.ts", "tsconfig.tsbuildinfo"]);

/**
 * Names everything `next build` compiles into the site: every file of the project outside the
 * folders in NOT_COMPILED, hidden folders (.git, .next*, .cache) and `contentDir` (content is
 * read from the snapshot at run time, never compiled), plus the Node version and the variables
 * Next inlines (NEXT_PUBLIC_*). tsconfig.json counts without `include`, which Next rewrites for
 * each build folder and which only type-checking reads. The files are few hundred: hashing
 * takes some tens of milliseconds. When in doubt a file counts, so the mistake it can make is
 * a compile that was not needed, never one skipped.
 */
export function codeFingerprint(root: string, contentDir: string, env: Record<string, string | undefined> = process.env): string {
  const hash = createHash("sha256");
  const content = path.resolve(contentDir);
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      const name = path.relative(root, file);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".") && !NOT_COMPILED.has(name) && file !== content) walk(file);
      } else if (entry.isFile() && !NOT_SOURCES.has(name)) {
        hash.update(name).update("\0").update(name === "tsconfig.json" ? compiledTsconfig(file) : fs.readFileSync(file)).update("\0");
      }
    }
  };
  walk(path.resolve(root));
  const inlined = Object.keys(env)
    .filter((key) => key.startsWith("NEXT_PUBLIC_"))
    .sort()
    .map((key) => `${key}=${env[key]}`);
  hash.update(JSON.stringify([process.version, ...inlined]));
  return hash.digest("hex");
}

function compiledTsconfig(file: string): string {
  try {
    const config = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    delete config.include;
    return JSON.stringify(config);
  } catch {
    return fs.readFileSync(file, "utf8");
  }
}

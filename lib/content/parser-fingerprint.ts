import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Names the code that turns a file into an Article: every source file under
 * lib/ and the locked dependency versions. A cached article is only reused by
 * the code that made it, so changing the renderer or upgrading remark re-parses
 * everything. Undefined where the sources are not on disk (a deployed image
 * that ships only the build), which leaves the fingerprint the build recorded.
 */
export function parserFingerprint(root = process.cwd()): string | undefined {
  const base = path.resolve(/* turbopackIgnore: true */ root);
  const lib = path.join(base, "lib");
  const hash = createHash("sha256");
  try {
    const sources = fs
      .readdirSync(lib, { recursive: true, encoding: "utf8" })
      .filter((name) => /\.tsx?$/.test(name))
      .sort();
    for (const name of [...sources.map((source) => path.join(lib, source)), path.join(base, "package-lock.json")]) {
      hash.update(path.relative(base, name)).update("\0").update(fs.readFileSync(name)).update("\0");
    }
  } catch {
    return undefined;
  }
  return hash.digest("hex").slice(0, 16);
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "../tests/e2e/server";
import { writeSyntheticArchive, type ArchiveShape, type SyntheticFile } from "./synthetic-archive";

// Relative, as next.config.ts takes it; never .next, which is the working build.
const DIST_DIR = ".next-bench";

/** The synthetic site the build and serve sections share: its folders (absolute), the environment pointing the app at them, and its articles. */
export type BenchSite = {
  shape: ArchiveShape;
  contentDir: string;
  contentCacheDir: string;
  distDir: string;
  env: Record<string, string> & { NEXT_DIST_DIR: string };
  /** Newest first, as the site lists them. */
  articles: SyntheticFile[];
  remove(): void;
};

/** Writes a synthetic archive of `count` articles, of the given shape, to a temporary folder, with an empty view store beside it. */
export function createBenchSite(count: number, shape: ArchiveShape = "simple"): BenchSite {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "bench-site-"));
  const contentDir = path.join(folder, "content");
  const contentCacheDir = path.join(folder, "content-cache");
  const distDir = path.join(root, DIST_DIR);
  fs.mkdirSync(contentDir);
  const articles = writeSyntheticArchive(contentDir, count, shape).sort((a, b) => b.date.localeCompare(a.date));
  return {
    shape,
    contentDir,
    contentCacheDir,
    distDir,
    env: { CONTENT_DIR: contentDir, CONTENT_CACHE_DIR: contentCacheDir, NEXT_DIST_DIR: DIST_DIR, VIEWS_DB_PATH: path.join(folder, "views.db") },
    articles,
    remove() {
      fs.rmSync(folder, { recursive: true, force: true });
      fs.rmSync(distDir, { recursive: true, force: true });
    },
  };
}

import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ArticleBody } from "./article-schema";
import type { ScannedArticle } from "./parse-article";

/**
 * What is kept of one article: its scan (every build), its rendered body (once a page needed it),
 * and its body as feeds carry it, every URL absolute against `origin` (once a feed listed it).
 */
type Entries = { scan: ScannedArticle; body: ArticleBody; feed: { origin: string; html: string } };
export type CacheKind = keyof Entries;

/**
 * What was made of each article, on disk, one JSON file per article and kind, named by a hash of
 * the parser's fingerprint, the file name, the file's bytes and (for an article folder) its
 * images: an edit, a rename or a parser change misses, everything else is read back instead of
 * made again. Shared by every process on the machine, so a body rendered by one server is
 * served by the others and survives a restart.
 */
export type ContentCache = {
  /** `assets` stands for the files beside an article that is a folder (its images). */
  keyOf(fileName: string, bytes: Uint8Array, assets?: string): string;
  /** Whether an entry exists, without reading it. */
  has(key: string, kind: CacheKind): boolean;
  get<K extends CacheKind>(key: string, kind: K): Entries[K] | undefined;
  set<K extends CacheKind>(key: string, kind: K, value: Entries[K]): void;
  /** Deletes every entry not in `keep`, so the folder holds one archive, not its history. Returns how many went. */
  prune(keep: ReadonlySet<string>): number;
};

export { contentCacheDir } from "../archive/snapshot-file.mjs";

const ENTRY = /^([0-9a-f]{64})\.(?:scan|body|feed)\.json$/;

export function openContentCache(dir: string, fingerprint: string): ContentCache {
  const entry = (key: string, kind: CacheKind) => path.join(dir, `${key}.${kind}.json`);
  return {
    keyOf(fileName, bytes, assets = "") {
      return createHash("sha256").update(fingerprint).update("\0").update(fileName).update("\0").update(assets).update("\0").update(bytes).digest("hex");
    },
    has(key, kind) {
      return fs.existsSync(entry(key, kind));
    },
    get(key, kind) {
      try {
        return JSON.parse(fs.readFileSync(entry(key, kind), "utf8"));
      } catch {
        // Missing or unreadable: parse the file again, as without a cache.
        return undefined;
      }
    },
    set(key, kind, value) {
      // Write then rename, so a reader (another build worker) never sees half an entry.
      const temporary = path.join(dir, `.${key}.${randomUUID()}.tmp`);
      try {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(temporary, JSON.stringify(value));
        fs.renameSync(temporary, entry(key, kind));
      } catch {
        // The cache only saves time: a read-only or full disk must not fail the page.
        fs.rm(temporary, { force: true }, () => {});
      }
    },
    prune(keep) {
      let removed = 0;
      let names: string[];
      try {
        names = fs.readdirSync(dir);
      } catch {
        return 0;
      }
      for (const name of names) {
        const key = ENTRY.exec(name)?.[1];
        const stale = key ? !keep.has(key) : name.endsWith(".tmp");
        if (stale) {
          fs.rmSync(path.join(dir, name), { force: true });
          removed += 1;
        }
      }
      return removed;
    },
  };
}

import path from "node:path";
import type { BodySource } from "../archive/snapshot";
import { processWide } from "../archive/process-wide";
import type { ArticleBody } from "./article-schema";
import { contentDir } from "./content-dir";
import { contentCacheDir, openContentCache, type ContentCache } from "./content-cache";
import { parserFingerprint } from "./parser-fingerprint";
import type { RenderJob } from "./render-body";
import { RenderPool, builtRenderWorkerEntry } from "./render-pool";

// A production server renders on worker threads; the build (which renders a few pages on its
// own workers), development and tests render in line.
const usesPool = process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build";

const shared = processWide("article-bodies", (): { pool?: RenderPool; cache?: ContentCache | null } => ({}));

/** The cache of rendered bodies: the content cache of the code this build bundled (next.config.ts), or of the sources in development. */
function bodyCache(): ContentCache | undefined {
  if (shared.cache === undefined) {
    const fingerprint = process.env.NODE_ENV === "development" ? parserFingerprint() : process.env.CONTENT_PARSER_FINGERPRINT;
    shared.cache = fingerprint ? openContentCache(contentCacheDir(), fingerprint) : null;
  }
  return shared.cache ?? undefined;
}

/** What rendering `source` takes, as plain data for a render thread. */
export function renderJob({ slug, markdown, firstLine, folder }: BodySource): RenderJob {
  const folderUrl = `/articles/${slug}`;
  const publicDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), "public");
  return { markdown, firstLine, images: { publicDir, folder: folder ? path.join(contentDir(), slug) : undefined, folderUrl } };
}

/**
 * An article's body as HTML: from the content cache when any process rendered these bytes
 * before, else rendered now (off the event loop in production) and cached for every process
 * and restart after.
 */
export async function articleBody(source: BodySource): Promise<ArticleBody> {
  const cache = bodyCache();
  const cached = source.cacheKey ? cache?.get(source.cacheKey, "body") : undefined;
  if (cached) return cached;
  const job = renderJob(source);
  // Loaded only where it runs: a production server keeps the renderer on its threads.
  const body = usesPool ? await (shared.pool ??= new RenderPool(builtRenderWorkerEntry())).render(job) : (await import("./render-body")).renderBodyNow(job);
  if (source.cacheKey) cache?.set(source.cacheKey, "body", body);
  return body;
}

/**
 * `make(body)`, the body as a feed carries it with every URL absolute against `origin`: from the
 * content cache when a feed listed these bytes for this origin before, else made now and cached.
 * Each build regenerates every feed, and most of their articles have not changed since the last.
 */
export async function feedBody(source: BodySource, origin: string, make: (body: ArticleBody) => string): Promise<string> {
  const cache = bodyCache();
  const cached = source.cacheKey ? cache?.get(source.cacheKey, "feed") : undefined;
  if (cached?.origin === origin) return cached.html;
  const html = make(await articleBody(source));
  if (source.cacheKey) cache?.set(source.cacheKey, "feed", { origin, html });
  return html;
}

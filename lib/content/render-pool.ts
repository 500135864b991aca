import fs from "node:fs";
import path from "node:path";
import { buildFolderName } from "../http/build-folder.mjs";
import { ThreadPool } from "../workers/thread-pool.mjs";
import type { ArticleBody } from "./article-schema";
import type { RenderJob } from "./render-body";

// A thread holds the whole renderer (about 40 MB); one left idle this long is stopped, so a
// server that renders nothing new gives the memory back.
const IDLE_MS = 30_000;
// Rendering a body this large grows a thread's heap by hundreds of MB, which V8 keeps; the thread
// is stopped once it answers, and a new one starts for the next job (in about half a second).
const LARGE_BODY_CHARS = 200_000;

/**
 * Renders bodies on worker threads (lib/workers/thread-pool.mjs), so that rendering an 800 KB
 * changelog (seconds) never stalls the other requests a server is answering.
 */
export class RenderPool extends ThreadPool<RenderJob, ArticleBody> {
  constructor(entry: string, size?: number) {
    super(entry, { size, idleMs: IDLE_MS, stopAfter: (job: RenderJob) => job.markdown.length > LARGE_BODY_CHARS, name: "render" });
  }

  render(job: RenderJob): Promise<ArticleBody> {
    return this.run(job);
  }
}

/** The render thread as one module, which `npm run build` writes into the build folder (scripts/bundle-render-worker.ts). */
export const RENDER_WORKER_BUNDLE = "render-worker.mjs";

/** The worker entry that ships beside this file, run from the sources; resolved from the project root, where servers run. */
export function renderWorkerEntry(root = process.cwd()): string {
  return path.join(/* turbopackIgnore: true */ root, "lib/content/render-worker.mjs");
}

/**
 * The entry a production server's threads run: the build's bundle (a thread renders its first
 * body about a second sooner than from the sources, through tsx), or the sources when the build
 * folder has none (a build by `next build` alone).
 */
export function builtRenderWorkerEntry(root = process.cwd()): string {
  const bundle = path.join(/* turbopackIgnore: true */ root, buildFolderName(), RENDER_WORKER_BUNDLE);
  return fs.existsSync(bundle) ? bundle : renderWorkerEntry(root);
}

import path from "node:path";
import { build } from "esbuild";
import { RENDER_WORKER_BUNDLE } from "../lib/content/render-pool";

/**
 * Bundles the render thread (lib/content/render-worker.ts, with the renderer and every package it
 * imports) into one plain module in the build folder, which a production server's render threads
 * load instead of transpiling the sources through tsx: a new thread, started on demand and
 * stopped after 30 s idle, renders its first body about a second sooner. Being part of the build,
 * it is the renderer the build's parser fingerprint names, even where the sources have changed
 * since.
 */
export async function bundleRenderWorker(root: string, distDir: string): Promise<string> {
  const outfile = path.join(distDir, RENDER_WORKER_BUNDLE);
  await build({
    entryPoints: [path.join(root, "lib", "content", "render-worker.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Packages written as CommonJS call require(), which an ES module lacks.
    banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
    logLevel: "warning",
  });
  return outfile;
}

// The second step of `npm run build`, after the content check: `next build`. When only content
// changed since the last build into the same folder (the code's fingerprint, which that build
// left there, is unchanged), the compiled code is kept and only the pages are prerendered again
// from the new snapshot (`next build --experimental-build-mode=generate`): an edit to one article
// then costs seconds, not a compile. Any change to the code, a failed build or a missing
// fingerprint means a full build. Either way, the render thread is bundled into the build folder
// last (scripts/bundle-render-worker.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { contentDir } from "../lib/content/content-dir";
import { buildFolderName } from "../lib/http/build-folder.mjs";
import { bundleRenderWorker } from "./bundle-render-worker";
import { codeFingerprint } from "./code-fingerprint";

const root = process.cwd();
const distDir = path.resolve(root, buildFolderName());
const marker = path.join(distDir, "code-fingerprint");
const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
const fingerprint = codeFingerprint(root, contentDir());

/** The routes the last build prerendered, from its manifest; undefined when it cannot be read. */
function prerenderedRoutes(): string[] | undefined {
  try {
    return Object.keys((JSON.parse(fs.readFileSync(path.join(distDir, "prerender-manifest.json"), "utf8")) as { routes: object }).routes);
  } catch {
    return undefined;
  }
}

/**
 * Deletes the pages the last build prerendered. A prerendering pass writes afresh those it
 * prerenders now, but leaves the others, and a server would answer an article since deleted, or
 * one no longer among the newest, from its old page.
 */
function removePrerendered(routes: string[]) {
  for (const route of routes) {
    const base = path.join(distDir, "server", "app", route === "/" ? "index" : route);
    for (const suffix of [".html", ".rsc", ".meta", ".body", ".segments"]) fs.rmSync(base + suffix, { recursive: true, force: true });
  }
}

function run(args: string[]): boolean {
  return spawnSync(process.execPath, [next, "build", ...args], { stdio: "inherit" }).status === 0;
}

const previous = fs.existsSync(marker) ? fs.readFileSync(marker, "utf8") : undefined;
// Gone before either pass starts: a pass that fails half-way leaves no claim on the folder.
fs.rmSync(marker, { force: true });
const routes = previous === fingerprint && fs.existsSync(path.join(distDir, "BUILD_ID")) ? prerenderedRoutes() : undefined;
let built: boolean;
if (routes) {
  console.log("Code unchanged since the last build: prerendering the pages again, without compiling");
  removePrerendered(routes);
  // Its pages deleted, the folder must not be left as the failed pass leaves it.
  built = run(["--experimental-build-mode=generate"]) || (console.log("Prerendering alone failed: building in full"), run([]));
} else {
  built = run([]);
}
if (built) {
  await bundleRenderWorker(root, distDir);
  fs.writeFileSync(marker, fingerprint);
} else {
  process.exitCode = 1;
}

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { requireSystemProgram } from "../system";
import { root, startServer } from "./server";

export const PRERENDERED_IN_TESTS = 5;

declare module "vitest" {
  export interface ProvidedContext {
    /** The server every e2e file shares, with its own empty view store. */
    baseUrl: string;
    /** Empty when the browser tests are skipped. */
    chromiumPath: string;
  }
}

/** Builds the site for production once, and serves it for the whole e2e suite. */
export default async function setup(project: TestProject) {
  // Only the newest few articles are prerendered, so the suite also reads articles rendered on first request.
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const, PRERENDER_ARTICLES: String(PRERENDERED_IN_TESTS) };
  // As `npm run build` does: the content check writes the snapshot the server reads, then Next builds.
  for (const [what, args] of [
    ["the content check", ["--import", "tsx", path.join(root, "scripts/check-content.ts")]],
    ["the Next build", ["--import", "tsx", path.join(root, "scripts/next-build.ts")]],
  ] as const) {
    const run = spawnSync(process.execPath, args, { cwd: root, env, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`${what} failed:\n${run.stdout}\n${run.stderr}`);
  }

  const data = fs.mkdtempSync(path.join(os.tmpdir(), "views-"));
  const server = await startServer({ VIEWS_DB_PATH: path.join(data, "views.db") });
  project.provide("baseUrl", server.url);
  project.provide(
    "chromiumPath",
    requireSystemProgram([process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"], "apt-get install chromium") ?? "",
  );
  return () => server.stop();
}

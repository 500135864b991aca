import fs from "node:fs";
import path from "node:path";
import { root } from "../tests/e2e/server";
import { measuredRun, type MeasuredRun } from "./measured-run";

const TSCONFIG = path.join(root, "tsconfig.json");
const NEXT_ENV = path.join(root, "next-env.d.ts");

/**
 * Next adds the build folder's type folders to tsconfig.json and points
 * next-env.d.ts at them. Those edits are taken out again, and only those:
 * others may be editing tsconfig.json meanwhile.
 */
function undoNextEdits(distDir: string, savedTsconfig: string, savedNextEnv: string | undefined) {
  const tsconfig = fs.readFileSync(TSCONFIG, "utf8");
  if (tsconfig.includes(distDir)) {
    const config = JSON.parse(tsconfig) as { include?: string[] };
    config.include = config.include?.filter((entry) => !entry.includes(distDir));
    const unchanged = JSON.stringify(config) === JSON.stringify(JSON.parse(savedTsconfig));
    fs.writeFileSync(TSCONFIG, unchanged ? savedTsconfig : `${JSON.stringify(config, null, 2)}\n`);
  }
  if (savedNextEnv !== undefined && !savedNextEnv.includes(distDir) && fs.readFileSync(NEXT_ENV, "utf8").includes(distDir)) {
    fs.writeFileSync(NEXT_ENV, savedNextEnv);
  }
}

/** `npm run build` (the content check, then `next build`), exactly as operators run it, into the folder `env.NEXT_DIST_DIR` names. */
export async function npmRunBuild(env: Record<string, string> & { NEXT_DIST_DIR: string }): Promise<MeasuredRun & { output: string }> {
  const savedTsconfig = fs.readFileSync(TSCONFIG, "utf8");
  const savedNextEnv = fs.existsSync(NEXT_ENV) ? fs.readFileSync(NEXT_ENV, "utf8") : undefined;
  try {
    return await measuredRun("npm", ["run", "build"], { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  } finally {
    undoNextEdits(env.NEXT_DIST_DIR, savedTsconfig, savedNextEnv);
  }
}

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Empty when the browser suite is skipped. */
    baseUrl: string;
    chromiumPath: string;
  }
}

const root = path.resolve(__dirname, "../..");
const CHROMIUM_CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer at ${url} within 60 s:\n${log()}`);
}

/** Builds the site for production and serves it with `next start` on a free loopback port. */
export default async function setup(project: TestProject) {
  const chromiumPath = CHROMIUM_CANDIDATES.find((candidate) => candidate && fs.existsSync(candidate));
  if (!chromiumPath) {
    const message = "Browser tests need Chromium (apt-get install chromium, or set CHROMIUM_PATH).";
    if (process.env.REQUIRE_SYSTEM_TESTS === "1") throw new Error(`${message} REQUIRE_SYSTEM_TESTS=1, so they cannot be skipped.`);
    console.warn(`\n${"!".repeat(78)}\n!!! SKIPPING THE BROWSER TESTS. ${message}\n${"!".repeat(78)}\n`);
    project.provide("baseUrl", "");
    project.provide("chromiumPath", "");
    return;
  }

  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const };
  const nextBin = path.join(root, "node_modules/next/dist/bin/next");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);

  const port = await freePort();
  let output = "";
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env });
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(baseUrl, server, () => output);
  } catch (error) {
    server.kill("SIGKILL");
    throw error;
  }

  project.provide("baseUrl", baseUrl);
  project.provide("chromiumPath", chromiumPath);
  return () => {
    server.kill("SIGTERM");
  };
}

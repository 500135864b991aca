import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { freePort } from "../system";

export const root = fileURLToPath(new URL("../..", import.meta.url));

export type RunningServer = { url: string; process: ChildProcess; output: () => string; stop(signal?: NodeJS.Signals): Promise<void> };

/** Serves the existing production build with `server.mjs` on a free loopback port, with extra environment. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  let output = "";
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", PORT: String(port), HOSTNAME: "127.0.0.1", ...env },
  });
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exit = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exit;
  };

  // A hang guard, not a budget: the server answers in about 2 s on an idle machine.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server.mjs exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/robots.txt`)).ok) return { url, process: child, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop("SIGKILL");
  throw new Error(`server.mjs did not answer at ${url} within 60 s:\n${output}`);
}

/** A process's resident memory in MB, from /proc. */
export function residentMemoryMB(pid: number): number {
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024);
}

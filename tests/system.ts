import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where skipped suites are noted, so that the run repeats them after its summary (system-skips-reporter.ts). */
export const SKIP_LOG = fileURLToPath(new URL("../test-results/skipped-system-tests.txt", import.meta.url));

/** A port nobody is listening on, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The first of `candidates` (paths, an unset variable's undefined among them) that exists. */
export function findSystemProgram(candidates: (string | undefined)[]): string | undefined {
  return candidates.find((candidate) => candidate && fs.existsSync(candidate));
}

/**
 * Finds a system program a suite needs. Missing, the suite is skipped with a
 * loud warning, unless REQUIRE_SYSTEM_TESTS=1 (as in CI), where that is an error.
 */
export function requireSystemProgram(candidates: (string | undefined)[], install: string): string | undefined {
  const found = findSystemProgram(candidates);
  if (found) return found;
  const message = `needs ${candidates.filter(Boolean).join(" or ")} (${install})`;
  if (process.env.REQUIRE_SYSTEM_TESTS === "1") throw new Error(`A test suite ${message}, and REQUIRE_SYSTEM_TESTS=1 forbids skipping it.`);
  console.warn(`\n${"!".repeat(78)}\n!!! SKIPPING a test suite that ${message}.\n${"!".repeat(78)}\n`);
  fs.mkdirSync(path.dirname(SKIP_LOG), { recursive: true });
  fs.appendFileSync(SKIP_LOG, `${message}\n`);
  return undefined;
}

export type RedisServer = {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open, nothing answers, as with a stalled host. */
  pause(): Promise<void>;
  /** Lets a paused server run again (SIGCONT). */
  resume(): Promise<void>;
};

function exited(child: ChildProcess): Promise<void> {
  // A process killed by a signal has no exit code, only a signal code.
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Resolves once the kernel reports `pid` stopped (or running again), so a test never talks to a
 * server that has not frozen yet. Where /proc is not there to ask, resolves at once.
 */
async function untilStopped(pid: number, stopped: boolean): Promise<void> {
  // A hang guard, not a budget: a signal takes effect within microseconds.
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      return;
    }
    // The state follows the command name, which is in parentheses and may itself hold ") ".
    const state = stat.slice(stat.lastIndexOf(") ") + 2)[0];
    if (state === undefined || (state === "T") === stopped) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`redis-server (pid ${pid}) did not ${stopped ? "stop" : "continue"}`);
}

/** A throwaway redis-server on a free loopback port, with persistence off. */
export async function startRedis(binary: string): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    // A hang guard, not a budget: redis-server listens within about 50 ms on an idle machine.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.end();
          resolve(true);
        });
        socket.on("error", () => resolve(false));
      });
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    async stop() {
      child?.kill("SIGKILL");
      if (child) await exited(child);
    },
    async pause() {
      child?.kill("SIGSTOP");
      if (child?.pid) await untilStopped(child.pid, true);
    },
    async resume() {
      child?.kill("SIGCONT");
      if (child?.pid) await untilStopped(child.pid, false);
    },
  };
}

export const REDIS_CANDIDATES = [process.env.REDIS_SERVER_PATH, "/usr/bin/redis-server", "/usr/local/bin/redis-server"];

/**
 * jemalloc, which deploy/Dockerfile preloads into the server (LD_PRELOAD) in place of glibc's
 * allocator: Debian's libjemalloc2, in the folder of the machine's architecture.
 */
export const JEMALLOC_CANDIDATES = [process.env.JEMALLOC_PATH, ...["x86_64", "aarch64"].map((arch) => `/usr/lib/${arch}-linux-gnu/libjemalloc.so.2`)];

import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { watchPeakMemory } from "./process-tree";

export type MeasuredRun = { wallMs: number; peakRssMB: number };

// Enough of the output to show why a command failed, without keeping a 10,000-route build log.
const KEPT_OUTPUT = 20_000;

/**
 * Runs a command to completion, timing it and watching the peak memory of its process tree, with
 * the end of its output; throws with that output if it fails.
 */
export function measuredRun(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<MeasuredRun & { output: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    const memory = watchPeakMemory(child.pid!);
    let output = "";
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-KEPT_OUTPUT));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (error) => {
      memory.stop();
      reject(error);
    });
    child.on("close", (code) => {
      const peakRssMB = memory.stop();
      if (code === 0) resolve({ wallMs: Math.round(performance.now() - start), peakRssMB, output });
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`));
    });
  });
}

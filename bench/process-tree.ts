import fs from "node:fs";

// A build is npm, a shell, tsx and Next with its worker processes; the memory
// it needs is what all of them hold at once, so the whole tree is summed.

function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited since the listing
    }
    // The command name (in parentheses) may hold spaces; the parent id is the second field after it.
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  return children;
}

function residentKB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Resident memory of a process and all its descendants, in MB. */
export function treeResidentMB(pid: number): number {
  const children = childrenByParent();
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree.reduce((sum, member) => sum + residentKB(member), 0) / 1024;
}

/** Samples a process tree's resident memory until `stop()`, which answers the highest sum seen, in MB. */
export function watchPeakMemory(pid: number, intervalMs = 200): { stop(): number } {
  let peak = treeResidentMB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, treeResidentMB(pid))), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(peak);
    },
  };
}

// @ts-check
import fs from "node:fs";
import os from "node:os";

/**
 * The nice value of a pool's threads. Linux's scheduler weighs a nice-0 thread about ten times a
 * nice-10 one, so where a core is contended the event loop gets nine tenths of it; an idle core
 * still runs the pool's work at full speed.
 */
export const BACKGROUND_NICE = 10;

/**
 * Lowers the calling thread's CPU priority, and only that thread's: on Linux, setpriority given a
 * thread's id applies to that thread alone, and /proc/thread-self names it. Called first thing by
 * each pool thread, so that rendering an 800 KB changelog on two cores shared with the event loop
 * (and, on a busy machine, with other processes) takes the CPU the readers of cached pages are
 * not using, instead of half of it. Where there is no /proc, the thread keeps the process's
 * priority: slower for those readers, never wrong.
 */
export function lowerThreadPriority() {
  try {
    const thread = Number(lastSegment(fs.readlinkSync("/proc/thread-self")));
    if (Number.isSafeInteger(thread) && thread > 0) os.setPriority(thread, Math.max(os.getPriority(thread), BACKGROUND_NICE));
  } catch {
    // not Linux, or not allowed: the priority stays as it was
  }
}

/** "1234/task/1240" names thread 1240. */
const lastSegment = (/** @type {string} */ link) => link.slice(link.lastIndexOf("/") + 1);

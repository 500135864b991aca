import fs from "node:fs";
import type { Reporter } from "vitest/node";
import { SKIP_LOG } from "./system";

/**
 * Repeats, after the run's summary, which suites were skipped for want of a system program: the
 * warning printed where it happened scrolls away above hundreds of lines of results.
 */
export default class SystemSkipsReporter implements Reporter {
  onInit() {
    fs.rmSync(SKIP_LOG, { force: true });
  }

  onTestRunEnd() {
    if (!fs.existsSync(SKIP_LOG)) return;
    const skipped = [...new Set(fs.readFileSync(SKIP_LOG, "utf8").split("\n").filter(Boolean))];
    const rule = "!".repeat(78);
    console.warn(`\n${rule}\n!!! SKIPPED: suites that need a system program did not run, so this was not the whole suite.`);
    for (const message of skipped) console.warn(`!!!   a suite that ${message}`);
    console.warn(`!!! Install them, or set REQUIRE_SYSTEM_TESTS=1 to make a missing one fail the run (as CI does).\n${rule}`);
  }
}

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const FRONT = "---\ntitle: Headline\ndate: 2026-04-21\ncategory: tech\nsummary: A summary.\n---\n\n";
const prose = "The council voted seven to two on the budget, with amendments to line four and a note about the bus routes. ";
const section = `## Section\n\n${`${prose.repeat(6)}\n\n`.repeat(8)}Read **the plan** at [the city site](https://example.com/plan).\n\n- one\n- two\n\n`;

/** The largest bodies the hang guards in tests/lib/hostile-content.test.ts stand for, at full size. */
const BODIES: Record<string, string> = {
  "prose article, 1 MB": section.repeat(Math.ceil(1_000_000 / section.length)),
  "prose article, 10 MB": section.repeat(Math.ceil(10_000_000 / section.length)),
  "one paragraph of 250,000 words (1.25 MB)": `${"word ".repeat(250_000)}\n`,
};

/** Times the parse of each very large body, in a fresh process each, as throughput. */
export function benchLargeBodies() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "large-body-"));
  try {
    return Object.fromEntries(
      Object.entries(BODIES).map(([name, body]) => {
        const file = path.join(dir, "large-body.md");
        fs.writeFileSync(file, `${FRONT}${body}`);
        const run = spawnSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "large-body-run.ts"), file], { encoding: "utf8" });
        if (run.status !== 0) throw new Error(`large-body-run.ts failed:\n${run.stderr}`);
        const parsed = JSON.parse(run.stdout) as { ms: number; ok: boolean };
        const megabytes = Buffer.byteLength(body) / 1e6;
        return [name, { ...parsed, megabytes: +megabytes.toFixed(2), megabytesPerSecond: +(megabytes / (parsed.ms / 1000)).toFixed(2) }];
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

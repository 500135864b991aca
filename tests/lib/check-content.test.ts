import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixture } from "./fixtures";

const root = path.resolve(__dirname, "../..");

function checkContent(dir: string) {
  return spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/check-content.ts"], {
    cwd: root,
    env: { ...process.env, CONTENT_DIR: dir },
    encoding: "utf8",
  });
}

describe("npm run check-content", () => {
  it("fails with every problem listed, naming file and field", () => {
    const run = checkContent(fixture("many-problems"));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Content has 8 problems:");
    expect(run.stderr).toContain("tests/fixtures/many-problems/first.md: category: expected a category as lowercase words joined by hyphens");
    expect(run.stderr).toContain("tests/fixtures/many-problems/second.md: body:");
  });

  it("passes on good content and says how many articles it read", () => {
    const run = checkContent(fixture("valid"));
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Content OK: 6 articles in .*tests\/fixtures\/valid$/m);
    expect(run.status).toBe(0);
  });
});

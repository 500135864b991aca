import { describe, expect, it } from "vitest";
import { costGrowth, expectLinearCost } from "../cost-shape";

// The hang guards rest on this check, so it must tell linear from quadratic work, not pass everything.
const text = (size: number) => "ab".repeat(size / 2);

function linearScan(input: string): number {
  let count = 0;
  for (let i = 0; i < input.length; i++) if (input.charCodeAt(i) === 97) count++;
  return count;
}

function quadraticScan(input: string): number {
  let count = 0;
  for (let i = 0; i < input.length; i++) for (let j = i; j < input.length; j += 1) if (input.charCodeAt(j) === 97) count++;
  return count;
}

describe("cost shape", () => {
  it("passes linear work", () => {
    expectLinearCost(text, linearScan, 20_000);
  });

  it("catches quadratic work on the same inputs", () => {
    expect(costGrowth(text, quadraticScan, 1_000)).toBeGreaterThan(32);
    expect(() => expectLinearCost(text, quadraticScan, 1_000)).toThrow(/cost grew/);
  });

  it("catches a backtracking regex", () => {
    // A classic: nested quantifiers on a string that almost matches.
    const backtracking = /^(a|aa)+$/;
    expect(() => expectLinearCost((size) => `${"a".repeat(size)}b`, (input) => backtracking.test(input), 3)).toThrow(/cost grew/);
  });
});

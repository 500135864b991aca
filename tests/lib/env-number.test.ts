import { afterEach, describe, expect, it, vi } from "vitest";
import { envNumber } from "@/lib/http/env-number";

describe("envNumber", () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each([
    ["", 7],
    ["  ", 7],
    ["abc", 7],
    ["-1", 7],
    ["Infinity", 7],
    ["0", 0],
    ["2.5", 2.5],
    ["120", 120],
  ])("reads %j as %d (fallback 7)", (raw, expected) => {
    vi.stubEnv("SOME_NUMBER", raw);
    expect(envNumber("SOME_NUMBER", 7)).toBe(expected);
  });

  it("falls back when the variable is unset", () => {
    expect(envNumber("NO_SUCH_VARIABLE_AT_ALL", 3)).toBe(3);
  });
});

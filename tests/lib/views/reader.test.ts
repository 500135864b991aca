import { describe, expect, it, vi } from "vitest";
import { clientAddress } from "@/lib/http/client-address";
import { identifyReader } from "@/lib/views/reader";

describe("identifyReader", () => {
  it("uses a well-formed first-party cookie as the reader", () => {
    expect(identifyReader("AAAAAAAAAAAAAAAAAAAAAA", "203.0.113.9", "Firefox")).toEqual({ keys: ["c:AAAAAAAAAAAAAAAAAAAAAA"] });
  });

  it("without a cookie, keys by a hash of address and User-Agent that contains neither, and issues a cookie", () => {
    const first = identifyReader(undefined, "203.0.113.9", "Firefox");
    const again = identifyReader("not a valid id", "203.0.113.9", "Firefox");
    const other = identifyReader(undefined, "203.0.113.10", "Firefox");
    expect(first.keys[0]).toMatch(/^h:[A-Za-z0-9_-]{22}$/);
    expect(first.keys[0]).not.toContain("203.0.113.9");
    expect(again.keys[0]).toBe(first.keys[0]);
    expect(other.keys[0]).not.toBe(first.keys[0]);
    expect(first.newCookie).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(first.keys[1]).toBe(`c:${first.newCookie}`);
    expect(again.newCookie).not.toBe(first.newCookie);
  });
});

describe("clientAddress", () => {
  const headers = (forwarded: string) => new Headers({ "x-forwarded-for": forwarded });

  it("trusts only the address the server itself appended when no proxy is configured", () => {
    expect(clientAddress(headers("6.6.6.6, 10.0.0.5"), 0)).toBe("10.0.0.5");
  });

  it("with one trusted proxy, takes the address that proxy saw", () => {
    expect(clientAddress(headers("6.6.6.6, 198.51.100.7, 10.0.0.2"), 1)).toBe("198.51.100.7");
  });

  it("never reads past the start of the header", () => {
    expect(clientAddress(headers("10.0.0.2"), 3)).toBe("10.0.0.2");
    expect(clientAddress(new Headers(), 0)).toBe("unknown");
  });
});

describe("reportStoreError", () => {
  it("logs an outage at most once per interval, then says how many it held back", async () => {
    vi.resetModules();
    const { reportStoreError } = await import("@/lib/views/store-errors");
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    for (let second = 0; second < 100; second++) reportStoreError(new Error("down"), 1_000_000 + second * 1_000);
    expect(log.mock.calls.map(([line]) => line)).toEqual(["[views] down", "[views] down (59 more since the last report)"]);
    log.mockRestore();
  });
});

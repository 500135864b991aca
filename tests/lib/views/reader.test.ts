import { describe, expect, it, vi } from "vitest";
import { clientAddress } from "@/lib/http/client-address";
import { identifyReader } from "@/lib/views/reader";
import { StoreUnavailableError } from "@/lib/views/view-store";

describe("identifyReader", () => {
  const idOf = (cookie: string) => cookie.split(".")[0]!;

  it("without a valid cookie, keys by a hash of the address that does not contain it, and issues a signed cookie", () => {
    const first = identifyReader(undefined, "203.0.113.9");
    const other = identifyReader(undefined, "203.0.113.10");
    expect(first.keys[0]).toMatch(/^a:[A-Za-z0-9_-]{22}$/);
    expect(first.keys[0]).not.toContain("203.0.113.9");
    expect(first.keys[0]).toBe(`a:${first.client}`);
    expect(other.keys[0]).not.toBe(first.keys[0]);
    expect(first.newCookie).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    expect(first.keys[1]).toBe(`c:${idOf(first.newCookie!)}`);
  });

  it("takes a cookie it signed as the reader, wherever it comes from", () => {
    const { newCookie } = identifyReader(undefined, "203.0.113.9");
    const again = identifyReader(newCookie, "198.51.100.4");
    expect(again).toEqual({ keys: [`c:${idOf(newCookie!)}`], client: identifyReader(undefined, "198.51.100.4").client });
    expect(again.newCookie).toBeUndefined();
  });

  it.each([
    ["an unsigned id of the old shape", "AAAAAAAAAAAAAAAAAAAAAA"],
    ["a forged signature", `${"A".repeat(22)}.${"B".repeat(22)}`],
    ["a signature of another id", "swap"],
    ["extra parts", "extra"],
    ["junk", "not a cookie"],
  ])("treats %s as no cookie", (_kind, forged) => {
    const { newCookie } = identifyReader(undefined, "203.0.113.9");
    const [id, signature] = newCookie!.split(".");
    const cookie = forged === "swap" ? `${"C".repeat(22)}.${signature}` : forged === "extra" ? `${id}.${signature}.x` : forged;
    const reader = identifyReader(cookie, "203.0.113.9");
    expect(reader.keys[0]).toBe(`a:${reader.client}`);
    expect(reader.newCookie).toBeDefined();
  });

  it("charges every address of one IPv6 /64 to one client, and another /64 to another", () => {
    const client = (address: string) => identifyReader(undefined, address).client;
    expect(client("2001:db8:1:2::1")).toBe(client("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    expect(client("2001:db8:1:2::1")).not.toBe(client("2001:db8:1:3::1"));
    expect(client("::ffff:192.0.2.1")).toBe(client("192.0.2.1"));
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

describe("StoreUnavailableError", () => {
  it("is recognised when made by another copy of its module, as each Next route bundle has", async () => {
    vi.resetModules();
    const copy = await import("@/lib/views/view-store");
    const made = new copy.StoreUnavailableError(new Error("down"));
    expect(copy.StoreUnavailableError).not.toBe(StoreUnavailableError);
    expect(made instanceof StoreUnavailableError).toBe(true);
    expect(new Error("down") instanceof StoreUnavailableError).toBe(false);
  });
});

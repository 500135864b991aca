import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NOT_AN_ADDRESS, addressKey } from "@/lib/http/client-address";

const group = fc.integer({ min: 0, max: 0xffff });
const groups = fc.array(group, { minLength: 8, maxLength: 8 });
const hex = (g: number) => g.toString(16);
const full = (gs: number[]) => gs.map((g) => hex(g).padStart(4, "0")).join(":");
/** The form WHATWG URL writes, with the longest run of zero groups as "::". */
const compressed = (gs: number[]) => new URL(`http://[${full(gs)}]`).hostname.slice(1, -1);
const withIpv4Tail = (gs: number[]) => `${gs.slice(0, 6).map(hex).join(":")}:${gs[6]! >> 8}.${gs[6]! & 255}.${gs[7]! >> 8}.${gs[7]! & 255}`;
const isMapped = (gs: number[]) => gs.slice(0, 5).every((g) => g === 0) && gs[5] === 0xffff;

describe("addressKey", () => {
  it("keeps an IPv4 address as it is", () => {
    expect(addressKey("203.0.113.9")).toBe("203.0.113.9");
    expect(addressKey("0.0.0.0")).toBe("0.0.0.0");
  });

  it("gives an IPv4-mapped IPv6 address as its IPv4 address", () => {
    expect(addressKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(addressKey("::FFFF:cb00:7109")).toBe("203.0.113.9");
    expect(addressKey("0:0:0:0:0:ffff:203.0.113.9")).toBe("203.0.113.9");
  });

  it("gives an IPv6 address as its /64 prefix", () => {
    expect(addressKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0DB8:0001:0002::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("2001:db8:0:0:1::")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("::")).toBe("0:0:0:0::/64");
    expect(addressKey("1::")).toBe("1:0:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressKey("64:ff9b::192.0.2.1")).toBe("64:ff9b:0:0::/64");
  });

  it("puts anything that is not an IP address in one bucket", () => {
    for (const junk of ["unknown", "", " 203.0.113.9", "203.0.113.9:443", "[2001:db8::1]", "01.2.3.4", "256.1.1.1", "2001:db8:::1", "x".repeat(12 * 1024), "::ffff:1.2.3.4.5", `2001:db8::1%${"a".repeat(64)}`])
      expect(addressKey(junk)).toBe(NOT_AN_ADDRESS);
  });

  it("gives every form of one IPv6 address the same key, made of its first four groups", () => {
    fc.assert(
      fc.property(groups, (gs) => {
        const key = addressKey(full(gs));
        expect(key).toBe(isMapped(gs) ? `${gs[6]! >> 8}.${gs[6]! & 255}.${gs[7]! >> 8}.${gs[7]! & 255}` : `${gs.slice(0, 4).map(hex).join(":")}::/64`);
        expect(addressKey(compressed(gs))).toBe(key);
        expect(addressKey(compressed(gs).toUpperCase())).toBe(key);
        expect(addressKey(withIpv4Tail(gs))).toBe(key);
      }),
      { numRuns: 2_000 },
    );
  });

  it("shares a key within a /64 and not across them", () => {
    fc.assert(
      fc.property(groups, groups, (a, b) => {
        fc.pre(!isMapped(a) && !isMapped(b));
        const sameBlock = [...a.slice(0, 4), ...b.slice(4)];
        expect(addressKey(compressed(sameBlock))).toBe(addressKey(compressed(a)));
        const samePrefix = a.slice(0, 4).every((g, i) => g === b[i]);
        expect(addressKey(compressed(a)) === addressKey(compressed(b))).toBe(samePrefix);
      }),
      { numRuns: 2_000 },
    );
  });

  it("never gives a key longer than an address, whatever it is given", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const key = addressKey(text);
        expect(key.length).toBeLessThanOrEqual(45);
      }),
    );
  });
});

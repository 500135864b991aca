import { isIP } from "node:net";
import { envNumber } from "./env-number";

/** How many proxies in front of the app append to X-Forwarded-For; 0 trusts none of it. */
const TRUSTED_PROXIES = Math.floor(envNumber("TRUSTED_PROXIES", 0));

/**
 * The client's address from X-Forwarded-For. The server (server.mjs) appends
 * the socket's address, so with no trusted proxy the last entry is the peer
 * itself, and with N trusted proxies it is the entry the outermost one added.
 * The entry is returned as sent, which need not be an address at all: pass it
 * through addressKey before counting by it.
 */
export function clientAddress(headers: Headers, trustedProxies = TRUSTED_PROXIES): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return hops[Math.max(0, hops.length - 1 - trustedProxies)] ?? "unknown";
}

/** The one key addressKey gives everything that is not an IP address. */
export const NOT_AN_ADDRESS = "unknown";

// The longest IPv6 text ("ffff:…:ffff:255.255.255.255") is 45 characters; allow a short zone (%eth0).
const LONGEST_ADDRESS = 45 + 20;

/**
 * The unit clients are counted by, as a short string that never holds more of
 * the header than an address: an IPv4 address as it is (an IPv4-mapped IPv6
 * address, ::ffff:192.0.2.1, as its IPv4 address); an IPv6 address as its /64
 * prefix, the block one household or server is usually given, so that one
 * client cannot take a fresh budget from each of its 2^64 addresses, written
 * "2001:db8:0:1::/64" whatever form the address came in; and anything else
 * (junk from a misconfigured proxy chain, "unknown") as NOT_AN_ADDRESS, one
 * bucket for all of it.
 */
export function addressKey(address: string): string {
  if (address.length > LONGEST_ADDRESS) return NOT_AN_ADDRESS;
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return NOT_AN_ADDRESS;
  const groups = ipv6Groups(address);
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = groups;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) return `${g >> 8}.${g & 0xff}.${h >> 8}.${h & 0xff}`;
  return `${[a, b, c, d].map((group) => group.toString(16)).join(":")}::/64`;
}

/** The eight 16-bit groups of an address isIP has accepted as IPv6, in any of its textual forms. */
function ipv6Groups(address: string): number[] {
  let text = address.split("%")[0]!.toLowerCase();
  if (text.includes(".")) {
    // The last 32 bits written as IPv4 (::ffff:192.0.2.1): rewrite them as two hex groups.
    const at = text.lastIndexOf(":") + 1;
    const [p = 0, q = 0, r = 0, s = 0] = text.slice(at).split(".").map(Number);
    text = `${text.slice(0, at)}${((p << 8) | q).toString(16)}:${((r << 8) | s).toString(16)}`;
  }
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const gap = text.indexOf("::");
  if (gap === -1) return parse(text);
  const head = parse(text.slice(0, gap));
  const tail = parse(text.slice(gap + 2));
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

import { envNumber } from "./env-number";

/** How many proxies in front of the app append to X-Forwarded-For; 0 trusts none of it. */
const TRUSTED_PROXIES = Math.floor(envNumber("TRUSTED_PROXIES", 0));

/**
 * The client's address from X-Forwarded-For. The server (server.mjs) appends
 * the socket's address, so with no trusted proxy the last entry is the peer
 * itself, and with N trusted proxies it is the entry the outermost one added.
 */
export function clientAddress(headers: Headers, trustedProxies = TRUSTED_PROXIES): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return hops[Math.max(0, hops.length - 1 - trustedProxies)] ?? "unknown";
}

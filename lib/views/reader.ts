import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { addressKey } from "../http/client-address";
import { viewsConfig } from "./config";

export const READER_COOKIE = "reader";
const ID = /^[A-Za-z0-9_-]{22}$/;

// Without VIEWS_SECRET each process signs with its own key: cookies from another instance, or
// from before a restart, then count as no cookie. Set it when running several instances.
const secret = viewsConfig.secret ?? randomBytes(32).toString("hex");

const mac = (purpose: string, value: string) => createHmac("sha256", secret).update(`${purpose}\n${value}`).digest("base64url").slice(0, 22);

/** A new reader cookie: a random id and its signature, so that only ids this site issued count. */
function issueCookie(): { id: string; cookie: string } {
  const id = randomBytes(16).toString("base64url");
  return { id, cookie: `${id}.${mac("reader", id)}` };
}

/** The reader id a cookie carries, when this site signed it; undefined for a missing, malformed or forged one. */
function verifiedReaderId(cookie: string | undefined): string | undefined {
  const [id, signature, ...rest] = (cookie ?? "").split(".");
  if (rest.length > 0 || !id || !signature || !ID.test(id) || !ID.test(signature)) return undefined;
  return timingSafeEqual(Buffer.from(signature), Buffer.from(mac("reader", id))) ? id : undefined;
}

export type Reader = {
  /** Dedupe keys: all must be unseen for a view to count, and all are then marked. */
  keys: string[];
  /** The client the view is charged to (a keyed hash of its address or IPv6 /64, never the address). */
  client: string;
  /** A new signed cookie to set, when the request carried no valid one. */
  newCookie?: string;
};

/**
 * Identifies a reader by the signed cookie this site issued. A request without a valid one is
 * keyed by its address (an IPv6 /64 as one address), hashed with the secret so the store never
 * holds it, and given a fresh cookie; both keys are marked, so the next visit is recognised with
 * or without the cookie. The User-Agent plays no part: a client chooses it freely.
 */
export function identifyReader(cookie: string | undefined, address: string): Reader {
  const client = mac("address", addressKey(address));
  const id = verifiedReaderId(cookie);
  if (id) return { keys: [`c:${id}`], client };
  const issued = issueCookie();
  return { keys: [`a:${client}`, `c:${issued.id}`], client, newCookie: issued.cookie };
}

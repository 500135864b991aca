import { createHmac, randomBytes } from "node:crypto";
import { viewsConfig } from "./config";

export const READER_COOKIE = "reader";
const COOKIE_VALUE = /^[A-Za-z0-9_-]{22}$/;

// Without VIEWS_SECRET each process keys its own hash; set it when running several instances.
const secret = viewsConfig.secret ?? randomBytes(32).toString("hex");

export type Reader = {
  /** Dedupe keys: all must be unseen for a view to count, and all are then marked. */
  keys: string[];
  /** A new first-party id to set as a cookie, when the request carried none. */
  newCookie?: string;
};

/**
 * Identifies a reader by their first-party cookie. A request without one is
 * keyed by a hash of address and User-Agent (never stored raw) and given a
 * fresh cookie; both keys are marked so the next visit, with or without the
 * cookie, is recognised.
 */
export function identifyReader(cookie: string | undefined, address: string, userAgent: string): Reader {
  if (cookie && COOKIE_VALUE.test(cookie)) return { keys: [`c:${cookie}`] };
  const hash = createHmac("sha256", secret).update(`${address}\n${userAgent}`).digest("base64url").slice(0, 22);
  const newCookie = randomBytes(16).toString("base64url");
  return { keys: [`h:${hash}`, `c:${newCookie}`], newCookie };
}

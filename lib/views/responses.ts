import { NextResponse } from "next/server";
import { reportStoreError } from "./store-errors";
import { StoreUnavailableError } from "./view-store";

const NO_STORE = { "Cache-Control": "no-store" };

export function json(body: object, status = 200, headers: Record<string, string> = {}) {
  return NextResponse.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function tooManyRequests(retryAfter: number) {
  return json({ error: "too many requests" }, 429, { "Retry-After": String(retryAfter) });
}

/** 503 for a store outage (logged at most once per interval); anything else is a bug and is rethrown. */
export function storeDown(error: unknown) {
  if (!(error instanceof StoreUnavailableError)) throw error;
  reportStoreError(error);
  return json({ error: "view counts are unavailable right now" }, 503, { "Retry-After": "30" });
}

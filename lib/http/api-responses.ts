import { NextResponse } from "next/server";

/** A JSON answer; not cached unless the caller says otherwise. */
export function json(body: object, status = 200, headers: Record<string, string> = {}) {
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export function tooManyRequests(retryAfter: number) {
  return json({ error: "too many requests" }, 429, { "Retry-After": String(retryAfter) });
}

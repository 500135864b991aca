import { NextResponse } from "next/server";

/** A JSON answer; not cached unless the caller says otherwise. */
export function json(body: object, status = 200, headers: Record<string, string> = {}) {
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export function tooManyRequests(retryAfter: number) {
  return json({ error: "too many requests" }, 429, { "Retry-After": String(retryAfter) });
}

/** The 404 of a route that serves a file (an image, a feed, a card): plain text, no page. */
export function fileNotFound() {
  return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

import type { NextRequest } from "next/server";
import { createRateLimit } from "@/lib/http/rate-limit";

// The search page runs a full-text query on each request and cannot be cached, so a client gets
// the same per-minute budget as the search API, and a plain page saying when to try again.
const rateLimited = createRateLimit(
  "search-page",
  (retryAfter) =>
    new Response(`Too many searches from your address. Please try again in ${retryAfter} seconds.\n`, {
      status: 429,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Retry-After": String(retryAfter) },
    }),
);

export function proxy(request: NextRequest) {
  // The empty search page runs no query, so it costs nothing from the budget.
  if (!request.nextUrl.searchParams.get("q")) return undefined;
  return rateLimited(request.headers);
}

export const config = { matcher: "/search" };

import { isbot } from "isbot";
import type { NextRequest, NextResponse } from "next/server";
import { clientAddress } from "../http/client-address";
import { site } from "../pages/site";
import { viewsConfig } from "./config";
import { READER_COOKIE, identifyReader } from "./reader";
import { viewStore } from "./store";

const COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

// Every header a browser, a framework or a proxy uses to say a request is a prefetch or a
// preview, not a reading: whatever its value, the request is not counted.
const PREFETCH_HEADERS = ["sec-purpose", "purpose", "x-purpose", "x-moz", "next-router-prefetch"];

/**
 * Crawlers, prefetches and other sites' pages (an <img> or form pointing
 * here) may fetch the endpoint, but they are not readers of this article.
 */
function isReader(request: NextRequest): boolean {
  const userAgent = request.headers.get("user-agent") ?? "";
  const fetchSite = request.headers.get("sec-fetch-site");
  const prefetch = PREFETCH_HEADERS.some((name) => request.headers.has(name));
  return userAgent !== "" && !isbot(userAgent) && !prefetch && (fetchSite === null || fetchSite === "same-origin");
}

/**
 * Counts this request as a view of `slug` when it comes from a reader: once per reader per
 * window, and no more than the allowance of new readers from one address. Returns the count,
 * and a new signed reader cookie to set when the request carried no valid one. Throws
 * StoreUnavailableError.
 */
export async function countView(request: NextRequest, slug: string): Promise<{ views: number; newCookie?: string }> {
  if (!isReader(request)) return { views: await viewStore().get(slug) };
  const reader = identifyReader(request.cookies.get(READER_COOKIE)?.value, clientAddress(request.headers));
  const allowance = { client: reader.client, limit: viewsConfig.readersPerAddress };
  const { views } = await viewStore().record(slug, reader.keys, viewsConfig.windowMs, allowance);
  return { views, newCookie: reader.newCookie };
}

/** Sets the first-party reader cookie on `response`, when there is a new one. */
export function withReaderCookie<T extends NextResponse>(response: T, newCookie: string | undefined): T {
  if (newCookie) {
    response.cookies.set(READER_COOKIE, newCookie, {
      httpOnly: true,
      sameSite: "lax",
      // From the site's configured address, not from a request header a client can send itself.
      secure: site.url.startsWith("https://"),
      path: "/api/views",
      maxAge: COOKIE_MAX_AGE,
    });
  }
  return response;
}

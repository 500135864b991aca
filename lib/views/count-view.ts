import { isbot } from "isbot";
import type { NextRequest, NextResponse } from "next/server";
import { clientAddress } from "../http/client-address";
import { viewsConfig } from "./config";
import { READER_COOKIE, identifyReader } from "./reader";
import { viewStore } from "./store";

const COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/**
 * Crawlers, prefetches and other sites' pages (an <img> or form pointing
 * here) may fetch the endpoint, but they are not readers of this article.
 */
function isReader(request: NextRequest): boolean {
  const userAgent = request.headers.get("user-agent") ?? "";
  const purpose = request.headers.get("sec-purpose") ?? request.headers.get("purpose") ?? "";
  const site = request.headers.get("sec-fetch-site");
  return userAgent !== "" && !isbot(userAgent) && !purpose.includes("prefetch") && (site === null || site === "same-origin");
}

/**
 * Counts this request as a view of `slug` when it comes from a reader, once
 * per reader per window. Returns the count, and a new reader id to set as a
 * cookie when the request carried none. Throws StoreUnavailableError.
 */
export async function countView(request: NextRequest, slug: string): Promise<{ views: number; newCookie?: string }> {
  if (!isReader(request)) return { views: await viewStore().get(slug) };
  const reader = identifyReader(request.cookies.get(READER_COOKIE)?.value, clientAddress(request.headers), request.headers.get("user-agent") ?? "");
  const { views } = await viewStore().record(slug, reader.keys, viewsConfig.windowMs);
  return { views, newCookie: reader.newCookie };
}

/** Sets the first-party reader cookie on `response`, when there is a new one. */
export function withReaderCookie<T extends NextResponse>(response: T, request: NextRequest, newCookie: string | undefined): T {
  if (newCookie) {
    response.cookies.set(READER_COOKIE, newCookie, {
      httpOnly: true,
      sameSite: "lax",
      secure: request.headers.get("x-forwarded-proto") === "https",
      path: "/api/views",
      maxAge: COOKIE_MAX_AGE,
    });
  }
  return response;
}

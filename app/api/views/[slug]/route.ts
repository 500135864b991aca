import { isbot } from "isbot";
import type { NextRequest } from "next/server";
import { json } from "@/lib/api-responses";
import { getArticle } from "@/lib/articles";
import { clientAddress } from "@/lib/client-address";
import { createRateLimit } from "@/lib/rate-limit";
import { viewsConfig } from "@/lib/views/config";
import { READER_COOKIE, identifyReader } from "@/lib/views/reader";
import { viewStore } from "@/lib/views/store";
import { storeDown } from "@/lib/views/store-down";

type Context = { params: Promise<{ slug: string }> };

const MAX_BODY_BYTES = 1_024;
const COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** Prefetches and crawlers read the page but are not readers. */
function isReader(request: NextRequest): boolean {
  const userAgent = request.headers.get("user-agent") ?? "";
  const purpose = request.headers.get("sec-purpose") ?? request.headers.get("purpose") ?? "";
  return userAgent !== "" && !isbot(userAgent) && !purpose.includes("prefetch");
}

const rateLimited = createRateLimit("views");

export async function POST(request: NextRequest, { params }: Context) {
  const limited = await rateLimited(request.headers);
  if (limited) return limited;

  const { slug } = await params;
  if (!getArticle(slug)) return json({ error: "unknown article" }, 404);
  // The body is never read; a large one is refused rather than buffered.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return json({ error: "request body too large" }, 413);

  try {
    if (!isReader(request)) return json({ slug, views: await viewStore().get(slug) });
    const reader = identifyReader(request.cookies.get(READER_COOKIE)?.value, clientAddress(request.headers), request.headers.get("user-agent") ?? "");
    const { views } = await viewStore().record(slug, reader.keys, viewsConfig.windowMs);
    const response = json({ slug, views });
    if (reader.newCookie) {
      response.cookies.set(READER_COOKIE, reader.newCookie, {
        httpOnly: true,
        sameSite: "lax",
        secure: request.headers.get("x-forwarded-proto") === "https",
        path: "/api/views",
        maxAge: COOKIE_MAX_AGE,
      });
    }
    return response;
  } catch (error) {
    return storeDown(error);
  }
}

export async function GET(request: NextRequest, { params }: Context) {
  const limited = await rateLimited(request.headers);
  if (limited) return limited;
  const { slug } = await params;
  if (!getArticle(slug)) return json({ error: "unknown article" }, 404);
  try {
    return json({ slug, views: await viewStore().get(slug) });
  } catch (error) {
    return storeDown(error);
  }
}

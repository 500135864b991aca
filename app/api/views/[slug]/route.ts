import type { NextRequest } from "next/server";
import { json } from "@/lib/http/api-responses";
import { getArticle } from "@/lib/archive/archive";
import { createRateLimit } from "@/lib/http/rate-limit";
import { countView, withReaderCookie } from "@/lib/views/count-view";
import { viewStore } from "@/lib/views/store";
import { storeDown } from "@/lib/views/store-down";

type Context = { params: Promise<{ slug: string }> };

const MAX_BODY_BYTES = 1_024;
const rateLimited = createRateLimit("views");

/** The beacon: counts a reading (see lib/views/count-view.ts) and answers `{ slug, views }`. */
export async function POST(request: NextRequest, { params }: Context) {
  const limited = await rateLimited(request.headers);
  if (limited) return limited;
  const { slug } = await params;
  if (!getArticle(slug)) return json({ error: "unknown article" }, 404);
  // The body is never read; a large one is refused rather than buffered.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return json({ error: "request body too large" }, 413);
  try {
    const { views, newCookie } = await countView(request, slug);
    return withReaderCookie(json({ slug, views }), newCookie);
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

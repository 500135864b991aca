import { NextResponse, type NextRequest } from "next/server";
import { json } from "@/lib/http/api-responses";
import { getArticle } from "@/lib/archive/archive";
import { createRateLimit } from "@/lib/http/rate-limit";
import { countView, withReaderCookie } from "@/lib/views/count-view";
import { reportStoreError } from "@/lib/views/store-errors";
import { StoreUnavailableError } from "@/lib/views/view-store";

type Context = { params: Promise<{ slug: string }> };

// A transparent 1×1 GIF.
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
// The same budget as the beacon (POST ../route.ts): one per client, not one per way of counting.
const rateLimited = createRateLimit("views");

/**
 * The beacon for readers without JavaScript: article pages load this image
 * inside <noscript>, and it counts by the same rules as POST. The image is
 * sent whatever happens to the count, so a page never shows a broken image.
 */
export async function GET(request: NextRequest, { params }: Context) {
  const limited = await rateLimited(request.headers);
  if (limited) return limited;
  const { slug } = await params;
  if (!getArticle(slug)) return json({ error: "unknown article" }, 404);
  let newCookie: string | undefined;
  try {
    ({ newCookie } = await countView(request, slug));
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    reportStoreError(error);
  }
  const image = new NextResponse(new Uint8Array(PIXEL), { headers: { "Content-Type": "image/gif", "Cache-Control": "no-store" } });
  return withReaderCookie(image, newCookie);
}

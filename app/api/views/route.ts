import type { NextRequest } from "next/server";
import { clientAddress } from "@/lib/client-address";
import { createRateLimit } from "@/lib/rate-limit";
import { topArticles } from "@/lib/views/read-views";
import { json, tooManyRequests } from "@/lib/api-responses";
import { storeDown } from "@/lib/views/store-down";

const MAX_TOP = 50;
const DEFAULT_TOP = 5;

/** `GET /api/views?top=N`: the N most-read published articles (N from 1 to 50, default 5). */
const retryAfterSeconds = createRateLimit("views");

export async function GET(request: NextRequest) {
  const retryAfter = await retryAfterSeconds(clientAddress(request.headers));
  if (retryAfter > 0) return tooManyRequests(retryAfter);
  const asked = Number.parseInt(request.nextUrl.searchParams.get("top") ?? "", 10);
  const limit = Math.min(MAX_TOP, Math.max(1, Number.isFinite(asked) ? asked : DEFAULT_TOP));
  try {
    const top = await topArticles(limit);
    return json({ top: top.map(({ article, views }) => ({ slug: article.slug, title: article.title, url: article.url, views })) });
  } catch (error) {
    return storeDown(error);
  }
}

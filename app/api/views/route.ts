import type { NextRequest } from "next/server";
import { getCategories } from "@/lib/archive/archive";
import { json } from "@/lib/http/api-responses";
import { countParam } from "@/lib/http/count-param";
import { createRateLimit } from "@/lib/http/rate-limit";
import { topArticles } from "@/lib/views/read-views";
import { storeDown } from "@/lib/views/store-down";
import { isTrendWindow } from "@/lib/views/windows";

const rateLimited = createRateLimit("views");

/**
 * `GET /api/views?top=N&window=24h|7d&category=<name>`: the N most-read published articles (N
 * from 1 to 50, default 5), all time or over the last 24 hours or 7 days (see lib/views/windows.ts),
 * optionally only one section's. An unknown window is a 400, an unknown category a 404.
 */
export async function GET(request: NextRequest) {
  const limited = await rateLimited(request.headers);
  if (limited) return limited;
  const params = request.nextUrl.searchParams;
  const limit = countParam(params.get("top"), 5, 50);
  const window = params.get("window") ?? undefined;
  if (window !== undefined && !isTrendWindow(window)) return json({ error: "window must be 24h or 7d" }, 400);
  const category = params.get("category") ?? undefined;
  if (category !== undefined && !getCategories().some(({ name }) => name === category)) return json({ error: "no such category" }, 404);
  try {
    const top = await topArticles({ limit, window, category });
    return json({ top: top.map(({ article, views }) => ({ slug: article.slug, title: article.title, url: article.url, views })) });
  } catch (error) {
    return storeDown(error);
  }
}

import type { NextRequest } from "next/server";
import { json } from "@/lib/http/api-responses";
import { countParam } from "@/lib/http/count-param";
import { createRateLimit } from "@/lib/http/rate-limit";
import { topArticles } from "@/lib/views/read-views";
import { storeDown } from "@/lib/views/store-down";

const rateLimited = createRateLimit("views");

/** `GET /api/views?top=N`: the N most-read published articles (N from 1 to 50, default 5). */
export async function GET(request: NextRequest) {
  const limited = await rateLimited(request.headers);
  if (limited) return limited;
  const limit = countParam(request.nextUrl.searchParams.get("top"), 5, 50);
  try {
    const top = await topArticles(limit);
    return json({ top: top.map(({ article, views }) => ({ slug: article.slug, title: article.title, url: article.url, views })) });
  } catch (error) {
    return storeDown(error);
  }
}

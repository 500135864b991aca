import type { NextRequest } from "next/server";
import { json, tooManyRequests } from "@/lib/api-responses";
import { clientAddress } from "@/lib/client-address";
import { createRateLimit } from "@/lib/rate-limit";
import { searchArticles } from "@/lib/search";

const MAX_LIMIT = 20;
const DEFAULT_LIMIT = 8;
const retryAfterSeconds = createRateLimit("search");

/** `GET /api/search?q=…&limit=N&category=…`: the best matches, for the search box as the reader types. */
export async function GET(request: NextRequest) {
  const retryAfter = await retryAfterSeconds(clientAddress(request.headers));
  if (retryAfter > 0) return tooManyRequests(retryAfter);
  const params = request.nextUrl.searchParams;
  const asked = Number.parseInt(params.get("limit") ?? "", 10);
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number.isFinite(asked) ? asked : DEFAULT_LIMIT));
  const { query, total, hits } = searchArticles(params.get("q") ?? "", { category: params.get("category") || undefined, limit, asYouType: true });
  return json(
    {
      query,
      total,
      results: hits.map(({ article }) => ({
        slug: article.slug,
        url: article.url,
        title: article.title,
        summary: article.summary,
        category: article.categoryLabel,
        date: article.date.label,
      })),
    },
    200,
    { "Cache-Control": "public, max-age=60" },
  );
}

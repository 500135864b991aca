import type { NextRequest } from "next/server";
import { json } from "@/lib/http/api-responses";
import { countParam } from "@/lib/http/count-param";
import { createRateLimit } from "@/lib/http/rate-limit";
import { searchArticles } from "@/lib/archive/archive";

const rateLimited = createRateLimit("search");

/** `GET /api/search?q=…&limit=N&category=…`: the best matches, for the search box as the reader types. */
export async function GET(request: NextRequest) {
  const limited = await rateLimited(request.headers);
  if (limited) return limited;
  const params = request.nextUrl.searchParams;
  const limit = countParam(params.get("limit"), 8, 20);
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

import { getArticle } from "@/lib/archive/archive";
import { fileNotFound } from "@/lib/http/api-responses";
import { shareCardPng } from "@/lib/pages/share-card";
import { shareCardKey } from "@/lib/pages/share-card-key";

type Context = { params: Promise<{ file: string }> };

const CARD = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.png$/;

/**
 * An article's share card, /cards/<slug>.png (lib/pages/share-card.ts): og:image and
 * twitter:image of an article without a raster image of its own. The build made the newest
 * articles' cards; any other is made on its first request and kept in the content cache. Pages
 * link it as `?v=<the first 16 hex digits of its key>`: with the key it names, the answer never
 * changes and is cached for good; without it (or with an older one) it is the current card, for
 * an hour. The ETag is the key either way.
 */
export async function GET(request: Request, { params }: Context) {
  const { file } = await params;
  const slug = CARD.exec(file)?.[1];
  const article = slug ? getArticle(slug) : undefined;
  if (!article) return fileNotFound();
  const key = shareCardKey(article);
  const etag = `"${key}"`;
  const version = new URL(request.url).searchParams.get("v");
  const headers = {
    "Content-Type": "image/png",
    "Cache-Control": version === key.slice(0, 16) ? "public, max-age=31536000, immutable" : "public, max-age=3600",
    ETag: etag,
  };
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) return new Response(null, { status: 304, headers });
  const { png } = await shareCardPng(article);
  return new Response(new Uint8Array(png), { headers });
}

import { fileNotFound } from "@/lib/http/api-responses";
import fs from "node:fs";
import { getArticle } from "@/lib/archive/archive";
import { contentDir } from "@/lib/content/content-dir";
import { articleImageFile } from "@/lib/content/article-assets";

type Context = { params: Promise<{ slug: string; file: string[] }> };

/**
 * The images beside an article that is a folder (content/<slug>/index.md), at
 * /articles/<slug>/<file>: what its Markdown links to, and what Next's image optimizer resizes.
 * Only a published article's images are served, so a draft's stay private.
 */
export async function GET(_request: Request, { params }: Context) {
  const { slug, file } = await params;
  const image = getArticle(slug) ? articleImageFile(contentDir(), slug, file) : undefined;
  if (!image) return fileNotFound();
  return new Response(new Uint8Array(fs.readFileSync(image.file)), {
    headers: {
      "Content-Type": image.type,
      // Not content-hashed, so cached for an hour rather than for good.
      "Cache-Control": "public, max-age=3600",
      // An SVG opened on its own is a document of this origin; it may not run script there.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}

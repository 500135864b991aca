import { countArticles } from "@/lib/archive/archive";
import { rssResponse } from "@/lib/feed/rss";
import { site } from "@/lib/pages/site";

type Context = { params: Promise<{ tag: string }> };

// Like tag pages, tag feeds are written on their first request and cached, so the build does not
// grow with the tags; an unused tag is a 404.
export const dynamic = "force-static";
export const dynamicParams = true;
// A proxy that honours Cache-Control refetches within five minutes, so a deploy reaches readers.
export const revalidate = 300;

export function generateStaticParams() {
  return [];
}

export async function GET(_request: Request, { params }: Context) {
  const { tag } = await params;
  if (countArticles({ tag }) === 0) return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return rssResponse({
    title: `${site.name}: #${tag}`,
    description: `Articles tagged ${tag} on ${site.name}.`,
    page: `/tags/${tag}`,
    self: `/tags/${tag}/feed.xml`,
    filter: { tag },
  });
}

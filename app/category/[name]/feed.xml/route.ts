import { getCategories } from "@/lib/archive/archive";
import { rssResponse } from "@/lib/feed/rss";
import { site } from "@/lib/pages/site";

type Context = { params: Promise<{ name: string }> };

// Every section's feed is written by the build (sections are few, and known then); any other name
// is a 404 that renders nothing and caches nothing.
export const dynamic = "force-static";
export const dynamicParams = false;
// A proxy that honours Cache-Control refetches within five minutes, so a deploy reaches readers.
export const revalidate = 300;

export function generateStaticParams() {
  return getCategories().map(({ name }) => ({ name }));
}

export async function GET(_request: Request, { params }: Context) {
  const { name } = await params;
  const category = getCategories().find((candidate) => candidate.name === name);
  if (!category) return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return rssResponse({
    title: `${site.name}: ${category.label}`,
    description: `The latest ${category.label} news from ${site.name}.`,
    page: `/category/${category.name}`,
    self: `/category/${category.name}/feed.xml`,
    filter: { category: category.name },
  });
}

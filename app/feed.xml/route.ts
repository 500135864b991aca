import { rssResponse } from "@/lib/feed/rss";
import { site } from "@/lib/pages/site";

export const dynamic = "force-static";
// A proxy that honours Cache-Control refetches within five minutes, so a deploy reaches readers.
export const revalidate = 300;

export function GET() {
  return rssResponse({ title: site.name, description: site.description, page: "/", self: "/feed.xml" });
}

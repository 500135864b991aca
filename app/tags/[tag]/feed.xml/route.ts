import { tagListing } from "@/lib/archive/listings";
import { listingFeedResponse } from "@/lib/feed/rss";
import { fileNotFound } from "@/lib/http/api-responses";

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
  const listing = tagListing((await params).tag);
  return listing ? listingFeedResponse(listing) : fileNotFound();
}

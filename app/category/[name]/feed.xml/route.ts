import { getCategories } from "@/lib/archive/archive";
import { categoryListing } from "@/lib/archive/listings";
import { listingFeedResponse } from "@/lib/feed/rss";
import { fileNotFound } from "@/lib/http/api-responses";

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
  const listing = categoryListing((await params).name);
  return listing ? listingFeedResponse(listing) : fileNotFound();
}

import { listingRoute } from "@/app/_listing/listing-route";
import { findListingPage, tagListing } from "@/lib/archive/listings";

const route = listingRoute(({ tag, rest }: { tag: string; rest?: string[] }) => findListingPage(tagListing(tag), rest));

// Rendered on first request and cached (see categoryParams); an unused tag is a 404.
export const dynamicParams = true;
// A proxy that honours Cache-Control refetches within five minutes, so a deploy reaches readers.
export const revalidate = 300;
export function generateStaticParams() {
  return [];
}
export const generateMetadata = route.generateMetadata;
export default route.Page;

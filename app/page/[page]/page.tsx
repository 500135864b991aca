import { listingRoute } from "@/app/_listing/listing-route";
import { findListingPage, homeListing } from "@/lib/archive/listings";

const route = listingRoute(({ page }: { page: string }) => findListingPage(homeListing(), ["page", page]));

// Rendered on first request and cached (see categoryParams); a page past the end is a 404.
export const dynamicParams = true;
// A proxy that honours Cache-Control refetches within five minutes, so a deploy reaches readers.
export const revalidate = 300;
export function generateStaticParams() {
  return [];
}
export const generateMetadata = route.generateMetadata;
export default route.Page;

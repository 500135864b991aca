import { listingRoute } from "@/app/_listing/listing-route";
import { findListingPage, homeListing } from "@/lib/listings";

const route = listingRoute(({ page }: { page: string }) => findListingPage(homeListing(), ["page", page]));

// Rendered on first request and cached (see categoryParams); a page past the end is a 404.
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}
export const generateMetadata = route.generateMetadata;
export default route.Page;

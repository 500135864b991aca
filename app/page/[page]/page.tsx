import { listingRoute } from "@/app/_listing/listing-route";
import { findListingPage, homeListing } from "@/lib/listings";
import { laterPageParams } from "@/lib/pagination";

const route = listingRoute(({ page }: { page: string }) => findListingPage(homeListing(), ["page", page]));

export const dynamicParams = false;
export function generateStaticParams() {
  return laterPageParams(homeListing().articles.length);
}
export const generateMetadata = route.generateMetadata;
export default route.Page;

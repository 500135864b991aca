import { listingRoute } from "@/app/_listing/listing-route";
import { categoryListing, categoryParams, findListingPage } from "@/lib/archive/listings";

const route = listingRoute(({ name, rest }: { name: string; rest?: string[] }) => findListingPage(categoryListing(name), rest));

export const dynamicParams = true;
// A proxy that honours Cache-Control refetches within five minutes, so a deploy reaches readers.
export const revalidate = 300;
export const generateStaticParams = categoryParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;

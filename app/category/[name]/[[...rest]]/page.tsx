import { listingRoute } from "@/app/_listing/listing-route";
import { categoryListing, categoryParams, findListingPage } from "@/lib/listings";

const route = listingRoute(({ name, rest }: { name: string; rest?: string[] }) => findListingPage(categoryListing(name), rest));

export const dynamicParams = true;
export const generateStaticParams = categoryParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;

import { listingRoute } from "@/app/_listing/listing-route";
import { findListingPage, tagListing, tagParams } from "@/lib/listings";

const route = listingRoute(({ tag, rest }: { tag: string; rest?: string[] }) => findListingPage(tagListing(tag), rest));

export const dynamicParams = false;
export const generateStaticParams = tagParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;

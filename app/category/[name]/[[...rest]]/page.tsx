import { listingRoute } from "@/app/_listing/listing-route";
import { Trending } from "@/components/trending";
import { categoryListing, categoryParams, findListingPage, type ListingPage } from "@/lib/archive/listings";
import { trending } from "@/lib/views/read-views";

/** The section's most read of the last 7 days, on its first page (waiting at most 100 ms for the store). */
async function sectionTrending({ listing, page }: ListingPage) {
  if (page.page !== 1) return null;
  const entries = await trending("7d", listing.filter.category);
  return <Trending heading={`Trending in ${listing.title}`} lists={[{ label: "Last 7 days", entries }]} />;
}

const route = listingRoute(({ name, rest }: { name: string; rest?: string[] }) => findListingPage(categoryListing(name), rest), sectionTrending);

export const dynamicParams = true;
// A proxy that honours Cache-Control refetches within five minutes, so a deploy reaches readers.
export const revalidate = 300;
export const generateStaticParams = categoryParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;

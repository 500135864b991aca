import type { Metadata } from "next";
import { ContinueReading } from "@/components/continue-reading";
import { ListingView } from "@/components/listing-view";
import { Trending } from "@/components/trending";
import { findListingPage, homeListing } from "@/lib/archive/listings";
import { listingMetadata } from "@/lib/pages/page-metadata";
import { trending } from "@/lib/views/read-views";

// "Trending" comes from the view store; the page is regenerated at most every five minutes.
export const revalidate = 300;

export function generateMetadata(): Metadata {
  return listingMetadata(homeListing(), 1);
}

export default async function HomePage() {
  const { listing, page } = findListingPage(homeListing(), [])!;
  // Both at once: the page waits at most 100 ms for the two.
  const [day, week] = await Promise.all([trending("24h"), trending("7d")]);
  return (
    <>
      <ListingView listing={listing} page={page} hideTitle lead />
      <Trending
        heading="Trending"
        lists={[
          { label: "Last 24 hours", entries: day },
          { label: "Last 7 days", entries: week },
        ]}
      />
      {/* Only in the browser, from what it remembers: at the end, so nothing above it moves. */}
      <ContinueReading />
    </>
  );
}

import type { Metadata } from "next";
import { ListingView } from "@/components/listing-view";
import { MostRead } from "@/components/most-read";
import { findListingPage, homeListing } from "@/lib/archive/listings";
import { listingMetadata } from "@/lib/pages/page-metadata";
import { mostRead } from "@/lib/views/read-views";

// "Most read" comes from the view store; the page is regenerated at most every five minutes.
export const revalidate = 300;

export function generateMetadata(): Metadata {
  return listingMetadata(homeListing(), 1);
}

export default async function HomePage() {
  const { listing, page } = findListingPage(homeListing(), [])!;
  return (
    <>
      <ListingView listing={listing} page={page} hideTitle lead />
      <MostRead entries={await mostRead()} />
    </>
  );
}

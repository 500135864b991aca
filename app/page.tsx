import type { Metadata } from "next";
import { ListingView } from "@/components/listing-view";
import { findListingPage, homeListing } from "@/lib/listings";
import { listingMetadata } from "@/lib/page-metadata";

export function generateMetadata(): Metadata {
  return listingMetadata(homeListing(), 1);
}

export default function HomePage() {
  const { listing, page } = findListingPage(homeListing(), [])!;
  return <ListingView listing={listing} page={page} hideTitle lead />;
}

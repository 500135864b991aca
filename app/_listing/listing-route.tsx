import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ListingView } from "@/components/listing-view";
import type { ListingPage } from "@/lib/archive/listings";
import { listingMetadata } from "@/lib/pages/page-metadata";

type Props<P> = { params: Promise<P> };

/** The metadata and page of a paginated listing route, given how its params find a page. */
export function listingRoute<P>(find: (params: P) => ListingPage | undefined) {
  return {
    async generateMetadata({ params }: Props<P>): Promise<Metadata> {
      const found = find(await params);
      return found ? listingMetadata(found.listing, found.page.page) : {};
    },
    async Page({ params }: Props<P>) {
      const found = find(await params);
      if (!found) notFound();
      return <ListingView listing={found.listing} page={found.page} />;
    },
  };
}

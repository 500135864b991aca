import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ListingView } from "@/components/listing-view";
import type { ListingPage } from "@/lib/archive/listings";
import { listingMetadata } from "@/lib/pages/page-metadata";

type Props<P> = { params: Promise<P> };

/**
 * The metadata and page of a paginated listing route, given how its params find a page, and
 * optionally what to show after the list (a category's trending box).
 */
export function listingRoute<P>(find: (params: P) => ListingPage | undefined, after?: (found: ListingPage) => Promise<ReactNode>) {
  return {
    async generateMetadata({ params }: Props<P>): Promise<Metadata> {
      const found = find(await params);
      return found ? listingMetadata(found.listing, found.page.page) : {};
    },
    async Page({ params }: Props<P>) {
      const found = find(await params);
      if (!found) notFound();
      return (
        <>
          <ListingView listing={found.listing} page={found.page} />
          {after && (await after(found))}
        </>
      );
    },
  };
}

import { notFound } from "next/navigation";
import { listingRoute } from "@/app/_listing/listing-route";
import { AuthorView } from "@/components/author-view";
import { getAuthor } from "@/lib/archive/archive";
import { authorListing, findListingPage } from "@/lib/archive/listings";

type Params = { slug: string; rest?: string[] };

const find = ({ slug, rest }: Params) => findListingPage(authorListing(slug), rest);
const route = listingRoute(find);

// Rendered on first request and cached, like tag pages; a byline no article has is a 404.
export const dynamicParams = true;
// A proxy that honours Cache-Control refetches within five minutes, so a deploy reaches readers.
export const revalidate = 300;
export function generateStaticParams() {
  return [];
}
export const generateMetadata = route.generateMetadata;

export default async function AuthorPage({ params }: { params: Promise<Params> }) {
  const found = find(await params);
  const author = found && getAuthor(found.listing.filter.author!);
  if (!found || !author) notFound();
  return <AuthorView author={author} listing={found.listing} page={found.page} />;
}

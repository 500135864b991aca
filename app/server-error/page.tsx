import type { Metadata } from "next";
import { ServerErrorMessage } from "@/components/problem-message";

// Prerendered at build time: server.mjs sends this page, with status 500, in place of the empty
// shell Next streams when a page fails, so the error reads the same with JavaScript off.
export const dynamic = "force-static";
export const metadata: Metadata = { title: "Something went wrong", robots: { index: false, follow: true } };

export default function ServerError() {
  return <ServerErrorMessage />;
}

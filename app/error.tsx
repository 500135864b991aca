"use client";

import Link from "next/link";

// Details stay in the server log: a reader sees neither the error nor any path or stack.
export default function ErrorPage() {
  return (
    <section className="not-found">
      <h1>Something went wrong</h1>
      <p>This page could not be shown just now. Please try again in a moment.</p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </section>
  );
}

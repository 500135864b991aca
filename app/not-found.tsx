import Link from "next/link";

export default function NotFound() {
  return (
    <section className="not-found">
      <h1>Page not found</h1>
      <p>We could not find that page. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </section>
  );
}

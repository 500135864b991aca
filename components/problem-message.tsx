import Link from "next/link";

type Props = { title: string; children: string };

/** What a reader sees instead of a page: what happened, in plain words, and the way home. */
export function ProblemMessage({ title, children }: Props) {
  return (
    <section className="not-found">
      <h1>{title}</h1>
      <p>{children}</p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </section>
  );
}

/** A page that failed: the same words from the error boundary and from the prerendered error page. */
export function ServerErrorMessage() {
  return <ProblemMessage title="Something went wrong">This page could not be shown just now. Please try again in a moment.</ProblemMessage>;
}

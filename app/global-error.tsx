"use client";

import "./globals.css";

// Replaces the root layout when it fails, so it brings its own html and body.
export default function GlobalError() {
  return (
    <html lang="en">
      <body>
        <main id="main" className="not-found">
          <h1>Something went wrong</h1>
          <p>The site could not be shown just now. Please try again in a moment.</p>
          <p>
            {/* A plain link: the router may be what failed. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/">Go to the home page</a>
          </p>
        </main>
      </body>
    </html>
  );
}

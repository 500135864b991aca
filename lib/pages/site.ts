/** Site-wide settings, read once. `SITE_URL` is the public origin used in canonical URLs, feeds and the sitemap. */
export const site = {
  name: process.env.SITE_NAME || "The Harbor Ledger",
  description: "Calm, independent reporting on technology, science, business, culture and the world.",
  url: (process.env.SITE_URL || "http://localhost:3000").replace(/\/+$/, ""),
  locale: "en-US",
  language: "en",
} as const;

/** An absolute URL on this site, for canonical links, feeds and structured data. */
export function absoluteUrl(pathname: string): string {
  return new URL(pathname, `${site.url}/`).toString();
}

import { parseTimeZone } from "./date-time";

/** Site-wide settings, read once. `SITE_URL` is the public origin used in canonical URLs, feeds and the sitemap. */
export const site = {
  name: process.env.SITE_NAME || "The Harbor Ledger",
  description: "Calm, independent reporting on technology, science, business, culture and the world.",
  url: (process.env.SITE_URL || "http://localhost:3000").replace(/\/+$/, ""),
  locale: "en-US",
  language: "en",
  /**
   * The IANA zone whose midnight a bare publication date (2026-03-04) means in structured data and
   * Open Graph. Checked here, when the site first loads: an unknown zone stops it with one line.
   */
  timeZone: parseTimeZone(process.env.SITE_TIMEZONE),
} as const;

/** An absolute URL on this site, for canonical links, feeds and structured data. */
export function absoluteUrl(pathname: string): string {
  return new URL(pathname, `${site.url}/`).toString();
}

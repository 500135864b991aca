import fs from "node:fs";
import path from "node:path";
import { imageSize } from "image-size";
import { afterEach, describe, expect, it, vi } from "vitest";
import { frontmatterSchema } from "@/lib/content/article-schema";
import { loadArticles } from "@/lib/content/articles";
import { contentDir } from "@/lib/content/content-dir";
import { publishDateSchema } from "@/lib/content/publish-date";
import { articleDateTime, parseTimeZone } from "@/lib/pages/date-time";
import { shareCardPath } from "@/lib/pages/share-card-key";
import { DEFAULT_IMAGE, PUBLISHER_LOGO, articleMetadata, isRasterImage, newsArticleJsonLd } from "@/lib/pages/page-metadata";
import { site } from "@/lib/pages/site";
import { makeArticle } from "../article-factory";

const at = (written: string, zone: string) => articleDateTime(publishDateSchema.parse(written), zone);

const clocks = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock day and time of an instant in a zone, as "2026-03-04 00:00:00". */
function wallClock(instant: number, zone: string): string {
  if (!clocks.has(zone)) {
    const options = { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" } as const;
    clocks.set(zone, new Intl.DateTimeFormat("sv-SE", options));
  }
  return clocks.get(zone)!.format(instant);
}

/** What Open Graph sees of an article: Next's Metadata types openGraph and twitter as unions. */
function social(metadata: ReturnType<typeof articleMetadata>) {
  const openGraph = metadata.openGraph as { publishedTime?: string; modifiedTime?: string; images?: { url: string }[] };
  const twitter = metadata.twitter as { images?: { url: string }[] };
  return { openGraph, images: [...openGraph.images!, ...twitter.images!].map((image) => image.url) };
}

describe("an article's date-time in structured data", () => {
  it.each([
    ["UTC", "2026-01-15", "2026-01-15T00:00:00+00:00"],
    ["UTC", "2026-07-15", "2026-07-15T00:00:00+00:00"],
    ["Europe/Berlin", "2026-01-15", "2026-01-15T00:00:00+01:00"],
    ["Europe/Berlin", "2026-07-15", "2026-07-15T00:00:00+02:00"],
    // The days the clocks change, at 02:00 and 03:00: midnight is still on the old offset.
    ["Europe/Berlin", "2026-03-29", "2026-03-29T00:00:00+01:00"],
    ["Europe/Berlin", "2026-10-25", "2026-10-25T00:00:00+02:00"],
    ["America/New_York", "2026-12-01", "2026-12-01T00:00:00-05:00"],
    ["Asia/Kolkata", "2026-03-04", "2026-03-04T00:00:00+05:30"],
    // Clocks jumped from 00:00 to 01:00: that day began at 01:00.
    ["America/Sao_Paulo", "2017-10-15", "2017-10-15T01:00:00-02:00"],
    ["America/Santiago", "2026-09-06", "2026-09-06T01:00:00-03:00"],
    // Clocks fell back from 01:00 to 00:00: that day had two midnights and began at the first.
    ["America/Havana", "2026-11-01", "2026-11-01T00:00:00-04:00"],
    // Clocks fell back from 00:00 to 23:00 the evening before: the day began at the midnight after it.
    ["America/Sao_Paulo", "2018-02-18", "2018-02-18T00:00:00-03:00"],
  ])("a bare date in %s is the start of that day: %s is %s", (zone, written, expected) => {
    expect(at(written, zone)).toBe(expected);
  });

  // 2017 to 2019 has Sao Paulo's clocks jumping over midnight and falling back across it; 2026 the rest.
  it.each(["UTC", "Europe/Berlin", "America/Santiago", "America/Sao_Paulo", "America/Havana", "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kathmandu", "America/St_Johns"])(
    "every day of 2017 to 2019 and of 2026 in %s begins at the instant written, and not a second later",
    (zone) => {
      const wrong: string[] = [];
      for (const [from, to] of [[Date.UTC(2017, 6, 1), Date.UTC(2019, 5, 30)], [Date.UTC(2026, 0, 1), Date.UTC(2026, 11, 31)]] as const) {
        for (let day = from; day <= to; day += 86_400_000) {
          const written = new Date(day).toISOString().slice(0, 10);
          const dateTime = at(written, zone);
          const instant = Date.parse(dateTime);
          const ok =
            /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/.test(dateTime) &&
            // The written wall clock and offset name the instant they claim, in that zone...
            wallClock(instant, zone) === dateTime.slice(0, 19).replace("T", " ") &&
            // ...which is on the day, while the second before it is on the day before.
            wallClock(instant, zone).slice(0, 10) === written &&
            wallClock(instant - 1000, zone).slice(0, 10) < written;
          if (!ok) wrong.push(`${written} → ${dateTime}`);
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each([
    ["2026-04-21T23:30:00-07:00", "2026-04-21T23:30:00-07:00"],
    ["2026-04-21T09:30Z", "2026-04-21T09:30:00+00:00"],
    ["2016-11-21 10:30:00 +0000", "2016-11-21T10:30:00+00:00"],
    ["2026-04-21T09:30:00.123-05:00", "2026-04-21T09:30:00.123-05:00"],
  ])("a date-time written with its own offset keeps its instant and offset, whatever the site's zone: %s", (written, expected) => {
    for (const zone of ["UTC", "Europe/Berlin", "Pacific/Kiritimati"]) {
      const dateTime = at(written, zone);
      expect(dateTime).toBe(expected);
      expect(Date.parse(dateTime)).toBe(publishDateSchema.parse(written).time);
    }
  });
});

describe("SITE_TIMEZONE", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it.each([
    [undefined, "UTC"],
    ["", "UTC"],
    ["Europe/Berlin", "Europe/Berlin"],
    ["europe/berlin", "Europe/Berlin"],
  ])("reads %j as %s", (value, zone) => {
    expect(parseTimeZone(value)).toBe(zone);
  });

  it.each(["Mars/Olympus_Mons", "Europe/Berlinn", "+01:00", "CEST"])("refuses %j with one line naming the variable", (value) => {
    expect(() => parseTimeZone(value)).toThrow(/^SITE_TIMEZONE=.* is not a time zone: expected an IANA name/);
    try {
      parseTimeZone(value);
    } catch (error) {
      expect((error as Error).message).toContain(value);
      expect((error as Error).message).not.toContain("\n");
    }
  });

  it("stops the site loading when the zone is unknown, and is read when it is known", async () => {
    vi.stubEnv("SITE_TIMEZONE", "Mars/Olympus_Mons");
    vi.resetModules();
    await expect(import("@/lib/pages/site")).rejects.toThrow(/^SITE_TIMEZONE="Mars\/Olympus_Mons" is not a time zone/);

    vi.stubEnv("SITE_TIMEZONE", "Europe/Berlin");
    vi.resetModules();
    expect((await import("@/lib/pages/site")).site.timeZone).toBe("Europe/Berlin");
  });
});

describe("NewsArticle structured data", () => {
  const winter = makeArticle("winter-story", "2026-01-15", "tech", [], { updated: publishDateSchema.parse("2026-07-15") });

  it.each([
    ["UTC", "2026-01-15T00:00:00+00:00", "2026-07-15T00:00:00+00:00"],
    ["Europe/Berlin", "2026-01-15T00:00:00+01:00", "2026-07-15T00:00:00+02:00"],
  ])("dates a bare-date article in %s with that zone's offset", (zone, published, modified) => {
    expect(newsArticleJsonLd(winter, zone)).toMatchObject({ datePublished: published, dateModified: modified });
  });

  it("uses the date-time the editor wrote, offset and all", () => {
    const article = makeArticle("late-story", "2026-04-21T23:30:00-07:00");
    const jsonLd = newsArticleJsonLd(article, "Europe/Berlin");
    expect(jsonLd.datePublished).toBe("2026-04-21T23:30:00-07:00");
    expect(jsonLd.dateModified).toBe("2026-04-21T23:30:00-07:00");
    // The day in the date-time is the day the page shows.
    expect(jsonLd.datePublished.slice(0, 10)).toBe(article.date.day);
  });

  it("gives Open Graph the same date-times as the JSON-LD", () => {
    const { openGraph } = social(articleMetadata(winter));
    const jsonLd = newsArticleJsonLd(winter);
    expect(openGraph.publishedTime).toBe(jsonLd.datePublished);
    expect(openGraph.modifiedTime).toBe(jsonLd.dateModified);
    expect(openGraph.publishedTime).toMatch(/^2026-01-15T00:00:00[+-]\d{2}:\d{2}$/);
  });

  it("links the author's page only when the front matter gives one", () => {
    const linked = newsArticleJsonLd(makeArticle("linked", "2026-01-15", "tech", [], { author: "Jane Doe", authorUrl: "https://example.com/staff/jane-doe" }));
    expect(linked.author).toEqual({ "@type": "Person", name: "Jane Doe", url: "https://example.com/staff/jane-doe" });

    const unlinked = newsArticleJsonLd(makeArticle("unlinked", "2026-01-15", "tech", [], { author: "Jane Doe" }));
    expect(unlinked.author).toEqual({ "@type": "Person", name: "Jane Doe" });
    expect(unlinked.author).not.toHaveProperty("url");
  });

  it("credits the publisher when there is no byline", () => {
    const jsonLd = newsArticleJsonLd(makeArticle("unsigned", "2026-01-15"));
    expect(jsonLd.author).toEqual(jsonLd.publisher);
    expect(jsonLd.author).toMatchObject({ "@type": "Organization", name: site.name });
  });

  it("names a raster publisher logo that exists in public/ at the size it declares", () => {
    const { logo } = newsArticleJsonLd(winter).publisher;
    expect(logo).toMatchObject({ "@type": "ImageObject", url: expect.stringMatching(/^https?:\/\/.+\.png$/) });
    const url = new URL(logo.url);
    expect(url.origin).toBe(new URL(site.url).origin);
    const file = path.join(process.cwd(), "public", decodeURIComponent(url.pathname));
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const size = imageSize(bytes);
    expect(size.type).toBe("png");
    expect({ width: size.width, height: size.height }).toEqual({ width: logo.width, height: logo.height });
    expect({ width: logo.width, height: logo.height }).toEqual({ width: PUBLISHER_LOGO.width, height: PUBLISHER_LOGO.height });
    // Google's rules: a square of at least 112 px, or a wide logo within 600 × 60.
    const square = logo.width === logo.height && logo.width >= 112;
    const wide = logo.width <= 600 && logo.height <= 60;
    expect(square || wide).toBe(true);
  });
});

describe("card images", () => {
  it.each([
    "/images/harbor-valley-transit-map.svg",
    "/images/MAP.SVG",
    "/images/map.svg?v=2",
    "/images/map.Svg#top",
    "/images/map%2Esvg",
    "/articles/a-folder/chart.svgz",
    "https://cdn.example.com/maps/harbour.svg?width=1200",
    "data:image/svg+xml;base64,PHN2Zy8+",
    "DATA:Image/SVG+XML,<svg/>",
    "data:text/plain,hello.png",
  ])("are never %s, which is not raster: the article's share card stands in", (image) => {
    expect(isRasterImage(image)).toBe(false);
    const article = makeArticle("vector", "2026-01-15", "tech", [], { image, imageAlt: "A map" });
    const { images } = social(articleMetadata(article));
    const jsonLd = newsArticleJsonLd(article);
    for (const url of [...images, ...jsonLd.image]) {
      expect(url).toBe(`${site.url}${shareCardPath(article)}`);
      expect(new URL(url).pathname).toBe("/cards/vector.png");
    }
  });

  it.each([
    ["/images/photo.jpg", `${site.url}/images/photo.jpg`],
    ["/images/photo.PNG?v=2", `${site.url}/images/photo.PNG?v=2`],
    ["/articles/harbour-survey/chart.webp", `${site.url}/articles/harbour-survey/chart.webp`],
    ["https://cdn.example.com/svg/photo.jpg", "https://cdn.example.com/svg/photo.jpg"],
    ["data:image/png;base64,iVBORw0KGgo=", "data:image/png;base64,iVBORw0KGgo="],
  ])("are the article's own raster image %s, as an absolute URL", (image, expected) => {
    expect(isRasterImage(image)).toBe(true);
    const article = makeArticle("raster", "2026-01-15", "tech", [], { image, imageAlt: "A photo" });
    const { images } = social(articleMetadata(article));
    expect(images).toEqual([expected, expected]);
    expect(newsArticleJsonLd(article).image).toEqual([expected]);
  });

  it("are absolute URLs, an article's card too; listings use the default card", () => {
    const article = makeArticle("plain", "2026-01-15");
    const { images } = social(articleMetadata(article));
    expect(images).toEqual([`${site.url}${shareCardPath(article)}`, `${site.url}${shareCardPath(article)}`]);
    expect(DEFAULT_IMAGE.url).toBe(`${site.url}/images/newsroom-default.png`);
    expect(fs.existsSync(path.join(process.cwd(), "public/images/newsroom-default.png"))).toBe(true);
  });

  it("for the sample article whose image is an SVG, is its share card", () => {
    const loaded = loadArticles(contentDir()).map((entry) => entry.article);
    const vector = loaded.filter((article) => article.image && /\.svg$/i.test(article.image));
    expect(vector.length).toBeGreaterThan(0);
    for (const article of vector) {
      const { images } = social(articleMetadata(article));
      expect([...images, ...newsArticleJsonLd(article).image].every((url) => url === `${site.url}${shareCardPath(article)}`)).toBe(true);
    }
  });
});

describe("authorUrl in front matter", () => {
  const base = { title: "T", date: "2026-01-15", category: "tech", summary: "S." };

  it.each(["https://example.com/staff/jane-doe", "http://example.com/~jane", "  https://example.com/jane  "])("accepts %j", (authorUrl) => {
    expect(frontmatterSchema.parse({ ...base, author: "Jane Doe", authorUrl }).authorUrl).toBe(authorUrl.trim());
  });

  it.each(["javascript:alert(1)", "ftp://example.com/jane", "/authors/jane", "example.com/jane", "https://", "", 42])("refuses %j, saying what it expected", (authorUrl) => {
    const result = frontmatterSchema.safeParse({ ...base, author: "Jane Doe", authorUrl });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([expect.objectContaining({ path: ["authorUrl"], message: expect.stringMatching(/^expected the author's page as an http\(s\) URL/) })]);
  });

  it("needs the author it links", () => {
    const result = frontmatterSchema.safeParse({ ...base, authorUrl: "https://example.com/staff/jane-doe" });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([expect.objectContaining({ path: ["author"], message: "expected an author name, since authorUrl is given" })]);
  });

  it("is optional", () => {
    expect(frontmatterSchema.parse({ ...base, author: "Jane Doe" })).not.toHaveProperty("authorUrl");
  });
});

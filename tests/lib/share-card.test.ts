import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { imageSize } from "image-size";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { writeSnapshotFile } from "@/lib/archive/write-snapshot-file";
import { Snapshot } from "@/lib/archive/snapshot";
import { articleMetadata, newsArticleJsonLd, socialImage } from "@/lib/pages/page-metadata";
import { makeShareCards, pruneShareCards, renderShareCard, shareCardPng } from "@/lib/pages/share-card";
import { shareCardKey, shareCardPath } from "@/lib/pages/share-card-key";
import { site } from "@/lib/pages/site";
import { makeArticle } from "../article-factory";
import { tempContentDir } from "./fixtures";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const temp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

function expectCard(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(imageSize(png)).toMatchObject({ type: "png", width: 1200, height: 630 });
}

/** og:image and twitter:image, which Next's Metadata types as unions. */
function socialUrls(article: ReturnType<typeof makeArticle>) {
  const metadata = articleMetadata(article);
  const openGraph = metadata.openGraph as { images: { url: string; width?: number; height?: number }[] };
  const twitter = metadata.twitter as { card: string; images: { url: string }[] };
  return { og: openGraph.images.map((image) => image.url), twitter: twitter.images.map((image) => image.url), card: twitter.card, size: openGraph.images[0] };
}

describe("a share card", () => {
  it("is a 1200×630 PNG", async () => {
    expectCard(await renderShareCard(makeArticle("night-buses", "2026-01-15", "local-news", [], { title: "Night buses return to the harbour line" })));
  });

  it.each([
    ["a headline far longer than four lines", "The council votes to rebuild the harbour wall after the winter storms ".repeat(12)],
    ["one word wider than the card", "Supercalifragilisticexpialidocious".repeat(8)],
    ["CJK, emoji and joined emoji", "東京の新しい港湾計画 🚢 与 한국어 제목 👨‍👩‍👧 🏳️‍🌈"],
    ["Greek, Cyrillic, Arabic and Hebrew", "Ελληνικά Кириллица العربية עברית"],
    ["only spaces and a lone surrogate", "   \ud800   "],
  ])("with %s does not throw", async (_what, title) => {
    expectCard(await renderShareCard(makeArticle("odd", "2026-01-15", "world", [], { title })));
  });

  it("is made once, then read back from the cache folder by its key", async () => {
    const dir = temp("cards-");
    const article = makeArticle("cached", "2026-01-15");
    const first = await shareCardPng(article, dir);
    expect(fs.readdirSync(dir)).toEqual([`${first.key}.png`]);
    // Two requests at once for a card not made yet share one rendering.
    const other = makeArticle("cached", "2026-01-15", "tech", [], { title: "Another headline" });
    const [a, b] = await Promise.all([shareCardPng(other, dir), shareCardPng(other, dir)]);
    expect(a.png).toBe(b.png);
    expect((await shareCardPng(article, dir)).png.equals(first.png)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual([`${first.key}.png`, `${a.key}.png`].sort());
    expect(pruneShareCards(new Set([first.key]), dir)).toBe(1);
    expect(fs.readdirSync(dir)).toEqual([`${first.key}.png`]);
  });

  it("is keyed by headline, section and design, not by the body or date", () => {
    const base = makeArticle("keyed", "2026-01-15", "tech");
    expect(shareCardKey(makeArticle("keyed", "2020-01-01", "tech", ["x"], { summary: "Other." }))).toBe(shareCardKey(base));
    expect(shareCardKey({ ...base, title: "Edited" })).not.toBe(shareCardKey(base));
    expect(shareCardKey(makeArticle("keyed", "2026-01-15", "science"))).not.toBe(shareCardKey(base));
    expect(shareCardPath(base)).toBe(`/cards/keyed.png?v=${shareCardKey(base).slice(0, 16)}`);
  });
});

describe("og:image and twitter:image of an article", () => {
  it("are the share card when the article has no image", () => {
    const article = makeArticle("plain", "2026-01-15");
    const card = `${site.url}${shareCardPath(article)}`;
    expect(socialUrls(article)).toMatchObject({ og: [card], twitter: [card], card: "summary_large_image", size: { width: 1200, height: 630 } });
  });

  it.each(["/images/harbor-valley-transit-map.svg", "https://cdn.example.com/map.SVG?w=1", "data:image/svg+xml;base64,PHN2Zy8+"])(
    "are the share card, not the SVG, for %s",
    (image) => {
      const article = makeArticle("vector", "2026-01-15", "tech", [], { image, imageAlt: "A map" });
      const card = `${site.url}${shareCardPath(article)}`;
      expect(socialUrls(article)).toMatchObject({ og: [card], twitter: [card], card: "summary_large_image" });
    },
  );

  it.each([
    ["/images/photo.jpg", `${site.url}/images/photo.jpg`],
    ["https://cdn.example.com/photo.webp", "https://cdn.example.com/photo.webp"],
  ])("are the article's own raster image %s", (image, expected) => {
    const article = makeArticle("raster", "2026-01-15", "tech", [], { image, imageAlt: "A photo" });
    expect(socialUrls(article)).toMatchObject({ og: [expected], twitter: [expected], card: "summary_large_image" });
    expect(socialImage(article).url).toBe(expected);
  });

  it("are structured data's image too, for an article without a raster image", () => {
    const article = makeArticle("plain", "2026-01-15");
    expect(newsArticleJsonLd(article).image).toEqual([`${site.url}${shareCardPath(article)}`]);
  });
});

describe("the build's cards and the /cards/<slug>.png route", () => {
  const contentDir = tempContentDir();
  const cacheDir = temp("cache-");
  const write = (slug: string, day: string, extra = "") =>
    fs.writeFileSync(path.join(contentDir, `${slug}.md`), `---\ntitle: "Headline ${slug}"\ndate: ${day}\ncategory: local-news\nsummary: "About ${slug}."\n${extra}---\n\nBody.\n`);

  beforeAll(() => {
    write("newest", "2026-03-03");
    write("middle", "2026-02-02", 'image: https://cdn.example.com/photo.jpg\nimageAlt: "A photo"\n');
    write("oldest", "2026-01-01");
    write("hidden", "2026-03-04", "draft: true\n");
    vi.stubEnv("CONTENT_DIR", contentDir);
    vi.stubEnv("CONTENT_CACHE_DIR", cacheDir);
  });

  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it("makes the newest articles' cards at build, then none on a rebuild, and removes cards no article shows", async () => {
    const file = path.join(temp("snapshot-"), "snapshot.db");
    writeSnapshotFile(contentDir, file);
    const dir = temp("cards-");
    fs.writeFileSync(path.join(dir, `${"0".repeat(64)}.png`), "stale");
    const snapshot = Snapshot.open(file);
    try {
      expect(await makeShareCards(snapshot, 2, dir)).toEqual({ made: 2, removed: 1 });
      const made = fs.readdirSync(dir).sort();
      const newest = [snapshot.article("newest")!, snapshot.article("middle")!].map((article) => `${shareCardKey(article)}.png`).sort();
      expect(made).toEqual(newest);
      for (const name of made) expectCard(fs.readFileSync(path.join(dir, name)));
      // A rebuild makes none: the count, not the time, is what stays flat as the archive grows.
      expect(await makeShareCards(snapshot, 2, dir)).toEqual({ made: 0, removed: 0 });
      expect(await makeShareCards(snapshot, 100, dir)).toEqual({ made: 1, removed: 0 });
    } finally {
      snapshot.db.close();
    }
  });

  const get = async (file: string, init?: RequestInit) => {
    const { GET } = await import("@/app/cards/[file]/route");
    return GET(new Request(`http://localhost/cards/${file}`, init), { params: Promise.resolve({ file: file.split("?")[0]! }) });
  };

  it("answers 200 image/png for a known slug, cached for good under its versioned URL, and keeps it in the content cache", async () => {
    const { getArticle } = await import("@/lib/archive/archive");
    const article = getArticle("oldest")!;
    const key = shareCardKey(article);
    const response = await get(`oldest.png?v=${key.slice(0, 16)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("etag")).toBe(`"${key}"`);
    expectCard(Buffer.from(await response.arrayBuffer()));
    expect(fs.existsSync(path.join(cacheDir, "cards", `${key}.png`))).toBe(true);

    const unversioned = await get("oldest.png");
    expect(unversioned.status).toBe(200);
    expect(unversioned.headers.get("cache-control")).toBe("public, max-age=3600");
    const revalidated = await get("oldest.png", { headers: { "If-None-Match": `W/"${key}"` } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
  });

  it.each(["unknown.png", "hidden.png", "oldest.jpg", "oldest", "Oldest.png", "..%2Foldest.png"])("answers 404 for %s", async (file) => {
    const response = await get(file);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });
});

import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ReactNode } from "react";
import satori from "satori";
import sharp from "sharp";
import type { Snapshot } from "../archive/snapshot";
import { contentCacheDir } from "../archive/snapshot-file.mjs";
import { SHARE_CARD_SIZE, shareCardKey, type ShareCardText } from "./share-card-key";
import { site } from "./site";

// The site's light theme (app/globals.css): --bg, --text, --muted, --rule, --accent, --kicker.
const COLOURS = { bg: "#fbfaf7", text: "#1c1d21", muted: "#55585f", rule: "#dcd8cf", accent: "#0a58a8", kicker: "#9b2c1f" };

/** Longer headlines are cut here before layout, so a pasted essay costs no more than a long headline; four lines show at most. */
const MAX_TITLE = 240;

type Font = { name: string; data: Buffer; weight: 700; style: "normal" };
let fonts: Font[] | undefined;

/**
 * DejaVu Serif Bold (headline, site name) and DejaVu Sans Bold (section), committed with their
 * licence in lib/pages/fonts/: nothing is fetched. They cover Latin, Greek and Cyrillic; glyphs
 * they lack (CJK, emoji) show as the fonts' empty box.
 */
function loadFonts(): Font[] {
  const dir = path.join(/* turbopackIgnore: true */ process.cwd(), "lib/pages/fonts");
  fonts ??= [
    { name: "Serif", data: fs.readFileSync(path.join(dir, "DejaVuSerif-Bold.ttf")), weight: 700, style: "normal" },
    { name: "Sans", data: fs.readFileSync(path.join(dir, "DejaVuSans-Bold.ttf")), weight: 700, style: "normal" },
  ];
  return fonts;
}

type Style = Record<string, string | number>;
/** A satori element, written as the object JSX would make, so this module needs no TSX. */
type Element = { type: "div"; key: null; props: { style: Style; children: (Element | string)[] } };
const el = (style: Style, ...children: (Element | string)[]): Element => ({ type: "div", key: null, props: { style: { display: "flex", ...style }, children } });

/** A shorter headline is set larger; every size fits four lines of a 144-character headline. */
function headlineSize(title: string): number {
  if (title.length <= 50) return 76;
  if (title.length <= 90) return 64;
  return 54;
}

function cardTree(article: ShareCardText): ReactNode {
  const title = [...article.title.trim()].length > MAX_TITLE ? `${[...article.title.trim()].slice(0, MAX_TITLE - 1).join("")}…` : article.title.trim();
  const size = headlineSize(title);
  // Satori sizes boxes as content-box: padding and borders add to a width, so the root has neither.
  return el(
    { ...SHARE_CARD_SIZE, flexDirection: "column", backgroundColor: COLOURS.bg },
    el({ height: 16, backgroundColor: COLOURS.accent }),
    el(
      { flexGrow: 1, flexDirection: "column", padding: "48px 72px 44px" },
      el({ fontFamily: "Sans", fontSize: 28, letterSpacing: 3, color: COLOURS.kicker, textTransform: "uppercase" }, article.categoryLabel),
      el(
        { flexGrow: 1, alignItems: "center" },
        // display: block so lineClamp applies: the fifth line and beyond become an ellipsis.
        el({ display: "block", width: "100%", fontFamily: "Serif", fontSize: size, lineHeight: 1.18, color: COLOURS.text, lineClamp: 4, wordBreak: "break-word" }, title),
      ),
      el(
        { borderTop: `2px solid ${COLOURS.rule}`, paddingTop: 22, justifyContent: "space-between", alignItems: "center" },
        el({ fontFamily: "Serif", fontSize: 36, color: COLOURS.text }, site.name),
        el({ fontFamily: "Sans", fontSize: 22, color: COLOURS.muted }, new URL(site.url).host),
      ),
    ),
  ) as ReactNode;
}

/** The card as a 1200×630 PNG: laid out by satori into SVG (text as paths), rasterized by sharp. */
export async function renderShareCard(article: ShareCardText): Promise<Buffer> {
  const svg = await satori(cardTree(article), { ...SHARE_CARD_SIZE, fonts: loadFonts() });
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Where made cards are kept: `cards/` in the content cache, one `<key>.png` each, shared by the build and every server. */
function shareCardDir(): string {
  return path.join(contentCacheDir(), "cards");
}

const making = new Map<string, Promise<Buffer>>();

/**
 * The article's card from the content cache, or made, written there, and returned. Requests for
 * a card being made wait for it rather than make it again. An unwritable cache only costs time.
 */
export async function shareCardPng(article: ShareCardText, dir = shareCardDir()): Promise<{ png: Buffer; key: string }> {
  const key = shareCardKey(article);
  const file = path.join(dir, `${key}.png`);
  try {
    return { png: fs.readFileSync(file), key };
  } catch {
    // Not made yet.
  }
  let pending = making.get(key);
  if (!pending) {
    pending = renderShareCard(article).then((png) => {
      const temporary = path.join(dir, `.${key}.${randomUUID()}.tmp`);
      try {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(temporary, png);
        fs.renameSync(temporary, file);
      } catch {
        fs.rm(temporary, { force: true }, () => {});
      }
      return png;
    });
    making.set(key, pending);
    void pending.finally(() => making.delete(key)).catch(() => {});
  }
  return { png: await pending, key };
}

/**
 * Deletes every card in `dir` whose key is not in `keep` (and stray temporary files), so the
 * folder holds the archive's cards, not its history. Returns how many went.
 */
export function pruneShareCards(keep: ReadonlySet<string>, dir = shareCardDir()): number {
  let names: string[];
  try {
    names = fs.readdirSync(/* turbopackIgnore: true */ dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const key = /^([0-9a-f]{64})\.png$/.exec(name)?.[1];
    if (key ? keep.has(key) : !name.endsWith(".tmp")) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed += 1;
  }
  return removed;
}

/**
 * The build's step (scripts/check-content.ts): makes the cards of the `newest` articles that the
 * folder lacks, one a core at a time, and removes the cards no article shows any more. Older
 * articles' cards are made on their first request (app/cards/[file]/route.ts), so the build does
 * not grow with the archive.
 */
export async function makeShareCards(snapshot: Snapshot, newest: number, dir = shareCardDir()): Promise<{ made: number; removed: number }> {
  const keep = new Set<string>();
  for (const article of snapshot.all()) keep.add(shareCardKey(article));
  const removed = pruneShareCards(keep, dir);
  const missing = snapshot.list({}, 0, newest).filter((article) => !fs.existsSync(path.join(dir, `${shareCardKey(article)}.png`)));
  let next = 0;
  const worker = async () => {
    while (next < missing.length) await shareCardPng(missing[next++]!, dir);
  };
  await Promise.all(Array.from({ length: Math.min(os.availableParallelism(), missing.length) }, worker));
  return { made: missing.length, removed };
}

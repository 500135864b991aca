import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { type Result } from "lighthouse";
import sharp from "sharp";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";
import { root, startServer } from "../tests/e2e/server";
import { findSystemProgram } from "../tests/system";
import { npmRunBuild } from "./next-build";

// Lighthouse with its default (mobile) config: an emulated phone, simulated slow 4G and a 4× CPU
// slowdown, on home, the first article home links to and an article with a 2 MB photograph,
// against a production build of its own.
const DIST_DIR = ".next-lighthouse";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const TARGET = 95;
// The performance score moves from run to run (more on a busy machine); the report is the median
// run, chosen as Lighthouse's CLI chooses it (closest to the median FCP and TTI).
const RUNS = Number(process.env.LIGHTHOUSE_RUNS || 5);
// Lighthouse sometimes fails to record a trace (NO_NAVSTART); such a run is repeated.
const ATTEMPTS = 3;
const CHROMIUM = findSystemProgram([process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]);

type Category = (typeof CATEGORIES)[number];
export type LostPoints = { category: Category; id: string; title: string; score: number; weight: number; value?: string };
export type PageReport = {
  path: string;
  scores: Record<Category, number>;
  /** Performance score of every run, lowest to highest. */
  performanceRuns: number[];
  lostPoints: LostPoints[];
  /** Audits Lighthouse could not compute; a Chromium newer than the Lighthouse release can cause these. */
  erroredAudits: string[];
  /** Lighthouse's measure of this machine's CPU speed during the median run (a fast desktop is 1,500 or more). */
  benchmarkIndex: number;
  warnings: string[];
};

/** Every audit of a category that counts towards its score and did not get full marks (or could not be computed). */
function lostPoints(lhr: Result): LostPoints[] {
  return CATEGORIES.flatMap((category) =>
    lhr.categories[category]!.auditRefs.flatMap((ref) => {
      const audit = lhr.audits[ref.id]!;
      if (ref.weight === 0) return [];
      if (audit.scoreDisplayMode === "error") return [{ category, id: audit.id, title: audit.title, score: 0, weight: ref.weight, value: `error: ${audit.errorMessage}` }];
      if (audit.score === null || audit.score >= 1) return [];
      return [{ category, id: audit.id, title: audit.title, score: audit.score, weight: ref.weight, ...(audit.displayValue ? { value: audit.displayValue } : {}) }];
    }),
  );
}

async function audit(url: string, port: number, warnings: string[]): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] });
    const error = result ? result.lhr.runtimeError : { code: "NO_RESULT", message: "Lighthouse returned nothing" };
    if (!error) return result!.lhr;
    if (attempt === ATTEMPTS) throw new Error(`Lighthouse failed on ${url} ${ATTEMPTS} times; last: ${error.code} ${error.message}`);
    warnings.push(`run repeated after ${error.code}`);
  }
}

const PHOTO_ARTICLE = "/articles/bench-photo-essay";

/**
 * A copy of content/ with one more article, the newest: a folder holding a photograph of about
 * 2 MB (noise, which JPEG cannot shrink), as the hero and in the body, as an editor uploads
 * one straight from a camera. Returns the copy's path and the photo's size in bytes.
 */
async function contentWithPhoto(): Promise<{ dir: string; photoBytes: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-lighthouse-content-"));
  fs.cpSync(path.join(root, "content"), dir, { recursive: true });
  const folder = path.join(dir, path.basename(PHOTO_ARTICLE));
  fs.mkdirSync(folder);
  const photo = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
    .jpeg({ quality: 86 })
    .toBuffer();
  fs.writeFileSync(path.join(folder, "harbour.jpg"), photo);
  const paragraph = "The harbour at dawn, photographed from the north pier as the first ferry leaves. ".repeat(6);
  fs.writeFileSync(
    path.join(folder, "index.md"),
    `---\ntitle: "A morning on the north pier"\ndate: 2099-01-01\ncategory: science\nsummary: "A photo essay with one large photograph."\nimage: harbour.jpg\nimageAlt: "The harbour at dawn"\n---\n\n${paragraph}\n\n![The first ferry leaving the harbour](harbour.jpg)\n\n${paragraph}\n`,
  );
  return { dir, photoBytes: photo.length };
}

export async function benchLighthouse(): Promise<{ chromium: string; runs: number; target: number; photoBytes: number; pages: PageReport[] }> {
  if (!CHROMIUM) throw new Error("Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)");
  const viewsDb = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-lighthouse-")), "views.db");
  const content = await contentWithPhoto();
  const env = { NEXT_DIST_DIR: DIST_DIR, VIEWS_DB_PATH: viewsDb, CONTENT_DIR: content.dir, CONTENT_CACHE_DIR: path.join(content.dir, ".cache") };
  // LIGHTHOUSE_REUSE_BUILD=1 measures the build already in DIST_DIR instead of building the working tree.
  if (process.env.LIGHTHOUSE_REUSE_BUILD !== "1" || !fs.existsSync(path.join(root, DIST_DIR, "BUILD_ID"))) await npmRunBuild(env);

  const server = await startServer(env);
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
  try {
    const chromium = ((await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()) as { Browser: string }).Browser;
    // The first article home links to, so the section needs nothing but the running site.
    const home = await (await fetch(`${server.url}/`)).text();
    const article = [...home.matchAll(/href="(\/articles\/[^"#?]+)"/g)].map((match) => match[1]).find((href) => href !== PHOTO_ARTICLE);
    if (!article) throw new Error("no /articles/ link on the home page");

    const pages: PageReport[] = [];
    for (const pathname of ["/", article, PHOTO_ARTICLE]) {
      const warnings: string[] = [];
      const runs: Result[] = [];
      for (let run = 0; run < RUNS; run++) runs.push(await audit(`${server.url}${pathname}`, chrome.port, warnings));
      const median = computeMedianRun(runs);
      pages.push({
        path: pathname,
        scores: Object.fromEntries(CATEGORIES.map((category) => [category, Math.round(median.categories[category]!.score! * 100)])) as Record<Category, number>,
        performanceRuns: runs.map((lhr) => Math.round(lhr.categories.performance!.score! * 100)).sort((a, b) => a - b),
        lostPoints: lostPoints(median),
        erroredAudits: Object.keys(median.audits).filter((id) => median.audits[id]!.scoreDisplayMode === "error"),
        benchmarkIndex: Math.round(median.environment.benchmarkIndex),
        warnings: [...warnings, ...median.runWarnings],
      });
    }
    return { chromium, runs: RUNS, target: TARGET, photoBytes: content.photoBytes, pages };
  } finally {
    chrome.kill();
    await server.stop();
    fs.rmSync(content.dir, { recursive: true, force: true });
  }
}

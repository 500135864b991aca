import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";

export const baseUrl = inject("baseUrl");
/** Browser tests run unless global setup found no Chromium (and was allowed to skip). */
export const skipBrowser = inject("chromiumPath") === "";

export const screenshotDir = path.resolve(__dirname, "../../test-results/screenshots");

// Without these flags Chromium keeps trying to reach Google's services, which this network refuses.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** One headless Chromium per test file; each call to `openPage` gets a fresh context. */
export function useBrowser() {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (skipBrowser) return;
    browser = await chromium.launch({ executablePath: inject("chromiumPath"), headless: true, args: CHROMIUM_ARGS });
    fs.mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  return async function openPage(pathname: string, options: BrowserContextOptions = {}): Promise<{ page: Page; status: number }> {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    // Every page records what its Content-Security-Policy refused, for `policyViolations`.
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { __policyViolations: seen });
      document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.effectiveDirective} refused ${event.blockedURI || event.sample}`));
    });
    const response = await page.goto(`${baseUrl}${pathname}`, { waitUntil: "load" });
    return { page, status: response!.status() };
  };
}

/** What the page's Content-Security-Policy refused since it loaded. */
export function policyViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __policyViolations: string[] }).__policyViolations);
}

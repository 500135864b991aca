import axe from "axe-core";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getArticleBody } from "@/lib/archive/archive";
import { PROGRESS_KEY } from "@/components/reading-store";
import { expected as archive } from "./archive";
import { baseUrl, skipBrowser, useBrowser } from "./browser";

// A sample article with four `##` sections, and another whose related articles include it.
const sample = archive.articles.find((a) => a.slug === "coastal-nations-share-weather-satellite")!;
const sections = (await getArticleBody(sample.slug)).headings.filter((h) => h.depth === 2);
const relatedToSample = archive.articles.find((a) => a.slug !== sample.slug && archive.related(a.slug).some((r) => r.slug === sample.slug))!;
const halfRead = archive.articles.find((a) => a.slug === "harbor-valley-opens-transit-timetable-api")!;

// A short window, so that every sample article scrolls.
const VIEWPORT = { width: 1280, height: 600 };

/** Scrolls at once (the site scrolls smoothly for readers who have not asked for less motion). */
const scrollTo = (page: Page, top: number) => page.evaluate((y) => window.scrollTo({ top: y, behavior: "instant" }), top);
/** Scrolls so that the element's top is `offset` px below the window's. */
const scrollToElement = (page: Page, selector: string, offset = 10) =>
  page.evaluate(
    ({ selector, offset }) => {
      const top = document.querySelector(selector)!.getBoundingClientRect().top + window.scrollY - offset;
      window.scrollTo({ top, behavior: "instant" });
    },
    { selector, offset },
  );
const currentLinks = (page: Page) => page.locator('.toc a[aria-current="location"]').evaluateAll((links) => links.map((link) => link.getAttribute("href")));
const progress = (page: Page) => page.locator(".reading-progress-bar").evaluate((bar) => Number(/scaleX\(([\d.e-]+)\)/.exec((bar as HTMLElement).style.transform)?.[1] ?? NaN));
const cardOf = (page: Page, url: string) => page.locator(".card", { has: page.locator(`.card-title a[href="${url}"]`) });

async function axeViolations(page: Page) {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

describe.skipIf(skipBrowser)("reading, in a browser", () => {
  const openPage = useBrowser();

  it("has a sample article with three or more sections", () => {
    expect(sections.length).toBeGreaterThanOrEqual(3);
    expect(relatedToSample).toBeDefined();
  });

  it("lists the sections at the top of the body and marks the one scrolled to", async () => {
    const { page } = await openPage(sample.url, { viewport: VIEWPORT });
    const toc = page.getByRole("navigation", { name: "Contents" });
    expect(await toc.locator("details").getAttribute("open")).not.toBeNull();
    expect(await toc.getByRole("link").evaluateAll((links) => links.map((link) => [link.textContent, link.getAttribute("href")]))).toEqual(
      sections.map((s) => [s.text, `#${s.id}`]),
    );
    // At the top of the body, then in the contents list's order.
    expect(await page.locator(".article > .toc + .prose").count()).toBe(1);
    await expect.poll(() => currentLinks(page)).toEqual([]);

    await scrollToElement(page, `#${sections[1]!.id}`);
    await expect.poll(() => currentLinks(page)).toEqual([`#${sections[1]!.id}`]);
    await scrollToElement(page, `#${sections[2]!.id}`);
    await expect.poll(() => currentLinks(page)).toEqual([`#${sections[2]!.id}`]);
    await scrollTo(page, 0);
    await expect.poll(() => currentLinks(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("grows the progress bar as the reader scrolls, by transform, without moving the page", async () => {
    const { page } = await openPage(sample.url, { viewport: VIEWPORT });
    const bar = page.locator(".reading-progress");
    expect(await bar.getAttribute("aria-hidden")).toBe("true");
    expect(await bar.evaluate((element) => getComputedStyle(element).position)).toBe("fixed");
    const headline = () => page.locator("h1").evaluate((h1) => h1.getBoundingClientRect().top + window.scrollY);
    const before = await headline();
    await expect.poll(() => progress(page)).toBe(0);
    await scrollToElement(page, `#${sections[1]!.id}`);
    await expect.poll(() => progress(page)).toBeGreaterThan(0);
    const middle = await progress(page);
    expect(middle).toBeLessThan(1);
    await scrollToElement(page, ".related");
    await expect.poll(() => progress(page)).toBe(1);
    expect(await headline()).toBe(before);
  });

  it("marks an article read on home once read to the end, lists one left half-way, and leaves out related articles just read", async () => {
    const { page } = await openPage(sample.url, { viewport: VIEWPORT });
    await scrollToElement(page, ".related");
    await expect.poll(() => progress(page)).toBe(1);

    // Half-way through another article.
    await page.goto(`${baseUrl}${halfRead.url}`);
    await page.locator(".reading-progress-bar").waitFor({ state: "attached" });
    const half = await page.evaluate(() => {
      const bottom = document.querySelector(".article .prose")!.getBoundingClientRect().bottom + window.scrollY;
      return Math.round((bottom - window.innerHeight) / 2);
    });
    await scrollTo(page, half);
    await expect.poll(() => progress(page)).toBeGreaterThan(0.4);

    await page.goto(`${baseUrl}/`);
    await expect.poll(() => cardOf(page, sample.url).locator(".read-mark").count()).toBe(1);
    expect(await cardOf(page, sample.url).locator(".read-mark").textContent()).toBe("Read");
    expect(await page.locator(".read-mark").count()).toBe(1);
    const continueReading = page.getByRole("region", { name: "Continue reading" });
    await continueReading.waitFor();
    expect(await continueReading.getByRole("link").allTextContents()).toEqual([halfRead.title]);
    expect(await continueReading.textContent()).toMatch(/\d+% read/);
    expect(await axeViolations(page)).toEqual([]);

    // The sample was opened in this tab: an article related to it leaves it out.
    await page.goto(`${baseUrl}${relatedToSample.url}`);
    const items = page.locator(".related-list > li");
    await expect.poll(() => items.filter({ has: page.locator(`a[href="${sample.url}"]`) }).evaluate((li) => (li as HTMLElement).hidden)).toBe(true);
    const shown = await items.evaluateAll((lis) => lis.filter((li) => !(li as HTMLElement).hidden).map((li) => li.querySelector(".card-title a")!.getAttribute("href")));
    // Both articles opened in this tab are left out, whatever their reading progress.
    expect(shown).toEqual(archive.related(relatedToSample.slug).filter((a) => a.url !== sample.url && a.url !== halfRead.url).map((a) => a.url));
    expect(shown.length).toBeGreaterThan(0);
    // Each offered article says why.
    expect(await page.locator(".related-list > li:not([hidden]) .related-reason").count()).toBe(shown.length);
  });

  it("without JavaScript: the contents list is plain links, and nothing read is marked", async () => {
    const read = [{ url: sample.url, title: sample.title, progress: 1, at: 2 }, { url: halfRead.url, title: halfRead.title, progress: 0.5, at: 1 }];
    const storageState = { cookies: [], origins: [{ origin: baseUrl, localStorage: [{ name: PROGRESS_KEY, value: JSON.stringify(read) }] }] };
    const { page } = await openPage(sample.url, { viewport: VIEWPORT, javaScriptEnabled: false, storageState });
    const toc = page.getByRole("navigation", { name: "Contents" });
    expect(await toc.getByRole("link").count()).toBe(sections.length);
    expect(await page.locator(".reading-progress").count()).toBe(0);
    await toc.getByRole("link", { name: sections[2]!.text }).click();
    await page.waitForURL(`**${sample.url}#${sections[2]!.id}`);
    await expect.poll(() => page.locator(`#${sections[2]!.id}`).evaluate((h) => h.getBoundingClientRect().top)).toBeLessThan(50);
    expect(await page.locator(".toc [aria-current]").count()).toBe(0);
    // Related articles all shown, with their reasons.
    expect(await page.locator(".related-list > li[hidden]").count()).toBe(0);
    expect(await page.locator(".related-reason").count()).toBe(archive.related(sample.slug).length);

    await page.goto(`${baseUrl}/`);
    expect(await page.locator(".read-mark").count()).toBe(0);
    expect(await page.locator(".continue-reading").count()).toBe(0);
  });
});

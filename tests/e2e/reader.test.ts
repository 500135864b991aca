import fs from "node:fs";
import path from "node:path";
import axe from "axe-core";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { getArticleBody } from "@/lib/archive/archive";
import { articleTimes } from "@/lib/pages/page-metadata";
import { expected as archive } from "./archive";
import { baseUrl, policyViolations, screenshotDir, skipBrowser, useBrowser } from "./browser";

const withHeadings = await Promise.all(
  archive.articles.filter((a) => a.image && a.source?.url).map(async (a) => ({ ...a, headings: (await getArticleBody(a.slug)).headings })),
);
const showcase = withHeadings.find((a) => a.headings.length > 1)!;

const READER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

const headlines = (page: Page, selector: string) => page.locator(`${selector} .card-title a`).allTextContents();

describe.skipIf(skipBrowser)("the reader in a browser", () => {
  const openPage = useBrowser();

  it("home lists the newest articles first, the newest as the lead story", async () => {
    const { page, status } = await openPage("/");
    expect(status).toBe(200);
    expect(await headlines(page, ".article-list")).toEqual(archive.articles.slice(0, 20).map((a) => a.title));
    expect(await page.locator(".card-lead .card-title").textContent()).toBe(archive.articles[0]!.title);
    const sections = await page.getByRole("navigation", { name: "Sections" }).getByRole("link").allTextContents();
    expect(sections).toEqual(archive.categories.map((c) => c.label));
    expect(await page.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute("href")).toMatch(/\/feed\.xml$/);
  });

  it("opens an article from home, and 'Back to Home' returns", async () => {
    const { page } = await openPage("/");
    const second = archive.articles[1]!;
    await page.getByRole("link", { name: second.title, exact: true }).click();
    await page.waitForURL(`**${second.url}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(second.title);
    await page.getByRole("link", { name: "← Back to Home" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect(await page.locator(".card-lead .card-title").textContent()).toBe(archive.articles[0]!.title);
  });

  it("loads a deep link directly with every part of a news article, in order", async () => {
    const { page, status } = await openPage(showcase.url);
    expect(status).toBe(200);
    const article = page.locator("article.article");
    expect(await article.locator("> p.back a").textContent()).toBe("← Back to Home");
    expect(await article.locator(".article-header .kicker").getAttribute("href")).toBe(`/category/${showcase.category}`);
    expect(await page.locator("h1").allTextContents()).toEqual([showcase.title]);
    const time = article.locator(".meta time").first();
    expect(await time.getAttribute("datetime")).toBe(showcase.date.day);
    expect(await time.textContent()).toBe(showcase.date.label);
    expect(await article.locator(".meta").textContent()).toContain(`${showcase.readingTime} min read`);
    expect(await article.locator(".standfirst").textContent()).toBe(showcase.summary);
    expect(await article.locator(".prose h2").first().getAttribute("id")).toBe(showcase.headings[0]!.id);
    expect(await article.locator(".prose table").count()).toBe(1);
    const source = article.locator(".source a");
    expect(await source.textContent()).toBe(showcase.source!.name);
    expect(await source.getAttribute("href")).toBe(showcase.source!.url);
    expect(await article.locator(".tags a").allTextContents()).toEqual(showcase.tags.map((t) => `#${t}`));
    expect(await article.locator(".hero img").getAttribute("alt")).toBe(showcase.imageAlt);

    const related = page.getByRole("region", { name: "Related Articles" });
    expect(await headlines(page, ".related")).toEqual(archive.related(showcase.slug).map((a) => a.title));
    expect(await related.locator(".card").count()).toBe(3);

    const text = (await page.locator("main").innerText()).replace(/\s+/g, " ");
    const order = ["Back to Home", showcase.categoryLabel.toUpperCase(), showcase.title, showcase.date.label, showcase.summary, showcase.headings[0]!.text, `Source: ${showcase.source!.name}`, `#${showcase.tags[0]}`, "Related Articles"];
    const positions = order.map((part) => text.indexOf(part));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("describes the article to search engines and social sites", async () => {
    const { page } = await openPage(showcase.url);
    const meta = (selector: string) => page.locator(selector).getAttribute("content");
    expect(await page.title()).toContain(showcase.title);
    expect(await meta('meta[name="description"]')).toBe(showcase.summary);
    expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toMatch(new RegExp(`${showcase.url}$`));
    expect(await meta('meta[property="og:type"]')).toBe("article");
    const times = articleTimes(showcase);
    expect(await meta('meta[property="article:published_time"]')).toBe(times.published);
    expect(await meta('meta[property="article:modified_time"]')).toBe(times.modified);
    expect(await meta('meta[property="og:image"]')).toMatch(/^https?:\/\/[^?#]+\.(png|jpe?g|gif|webp|avif)(?:[?#].*)?$/i);
    expect(await meta('meta[property="article:section"]')).toBe(showcase.categoryLabel);
    expect(await meta('meta[name="twitter:card"]')).toBe("summary_large_image");
    const { page: home } = await openPage("/");
    expect(await home.locator('meta[property="og:image"]').getAttribute("content")).toMatch(/\/images\/newsroom-default\.png$/);
    expect((await fetch(`${baseUrl}/images/newsroom-default.png`)).headers.get("content-type")).toBe("image/png");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(jsonLd).toMatchObject({
      "@type": "NewsArticle",
      headline: showcase.title,
      datePublished: times.published,
      dateModified: times.modified,
      articleSection: showcase.categoryLabel,
      author: { "@type": "Person", name: showcase.author },
      publisher: { "@type": "Organization", logo: { "@type": "ImageObject", url: expect.stringMatching(/\.png$/) } },
      mainEntityOfPage: { "@id": expect.stringMatching(new RegExp(`${showcase.url}$`)) },
    });
  });

  it("follows a related link to that article", async () => {
    const { page } = await openPage(showcase.url);
    const target = archive.related(showcase.slug)[0]!;
    await page.getByRole("region", { name: "Related Articles" }).getByRole("link", { name: target.title }).click();
    await page.waitForURL(`**${target.url}`);
    expect(await page.locator("h1").textContent()).toBe(target.title);
  });

  it("lists a category's and a tag's articles", async () => {
    const category = archive.categories[0]!;
    const { page } = await openPage(`/category/${category.name}`);
    expect(await page.locator("h1").textContent()).toBe(category.label);
    expect(await headlines(page, ".article-list")).toEqual(archive.inCategory(category.name).map((a) => a.title));

    const tag = archive.tags[0]!;
    await page.goto(`${page.url().replace(/\/category\/.*/, "")}/tags/${tag.name}`);
    expect(await page.locator("h1").textContent()).toBe(`#${tag.name}`);
    expect(await headlines(page, ".article-list")).toEqual(archive.withTag(tag.name).map((a) => a.title));
  });

  it("counts opening an article once, not a reload within the window, and shows the new number", async () => {
    const target = archive.articles[2]!;
    const api = `${baseUrl}/api/views/${target.slug}`;
    const before = ((await (await fetch(api)).json()) as { views: number }).views;
    // Headless Chrome announces itself as a bot, which is not counted; this reader looks like an ordinary browser.
    const { page } = await openPage(target.url, { userAgent: READER_UA });
    const shown = page.locator(".article-header .meta-views");
    await expect.poll(() => shown.textContent()).toBe(`${before + 1} ${before + 1 === 1 ? "view" : "views"}`);
    expect(((await (await fetch(api)).json()) as { views: number }).views).toBe(before + 1);

    await page.reload();
    await expect.poll(() => shown.textContent()).toBe(`${before + 1} ${before + 1 === 1 ? "view" : "views"}`);
    expect(((await (await fetch(api)).json()) as { views: number }).views).toBe(before + 1);
  });

  it("counts a reader without JavaScript once, through the pixel", async () => {
    const target = archive.articles[3]!;
    const api = `${baseUrl}/api/views/${target.slug}`;
    const count = async () => ((await (await fetch(api)).json()) as { views: number }).views;
    const before = await count();
    const { page } = await openPage(target.url, { javaScriptEnabled: false, userAgent: READER_UA });
    await expect.poll(count).toBe(before + 1);
    await page.reload();
    await page.waitForLoadState("load");
    expect(await count()).toBe(before + 1);
  });

  it("answers an unknown article with 404 and a page that links home", async () => {
    const { page, status } = await openPage("/articles/no-such-story");
    expect(status).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Page not found");
    expect(await page.getByRole("link", { name: "Go to the home page" }).getAttribute("href")).toBe("/");
  });

  it("is fully readable with JavaScript disabled", async () => {
    const { page, status } = await openPage(showcase.url, { javaScriptEnabled: false });
    expect(status).toBe(200);
    expect(await page.locator("h1").textContent()).toBe(showcase.title);
    expect(await page.locator(".prose > h2").count()).toBe(showcase.headings.filter((h) => h.depth === 2).length);
    expect((await page.locator(".prose").innerText()).length).toBeGreaterThan(1000);
    expect(await page.locator(".related .card").count()).toBe(3);
  });

  it("searches without JavaScript through the header form, marking the matched words", async () => {
    const { page } = await openPage("/", { javaScriptEnabled: false });
    const box = page.getByRole("combobox", { name: "Search articles" });
    await box.fill("satellites");
    await box.press("Enter");
    await page.waitForURL("**/search?q=satellites");
    expect(await page.locator(".search-page [role=status]").textContent()).toMatch(/^\d+ results? for “satellites”$/);
    const first = page.locator(".article-list .card").first();
    expect(await first.locator(".card-title mark").allTextContents()).toEqual(["satellite"]);
    expect(await first.locator(".card-title a").getAttribute("href")).toBe("/articles/coastal-nations-share-weather-satellite");
  });

  it("suggests articles as the reader types, and opens one from the keyboard", async () => {
    const { page } = await openPage("/category/culture");
    const box = page.getByRole("combobox", { name: "Search articles" });
    const focused = () => box.evaluate((element) => element === document.activeElement);
    // The "/" shortcut works once React has hydrated, which a busy machine finishes after the load
    // event; before that the key does nothing, so it is pressed again until the box has focus.
    await expect
      .poll(
        async () => {
          if (!(await focused())) await page.keyboard.press("/");
          return focused();
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await page.keyboard.type("satel");
    const option = page.getByRole("option").first();
    await option.waitFor();
    expect(await box.getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("ArrowDown");
    expect(await box.getAttribute("aria-activedescendant")).toBe(await option.getAttribute("id"));
    const title = await option.locator(".suggestion-title").textContent();
    await page.keyboard.press("Enter");
    await page.waitForURL("**/articles/**");
    expect(await page.locator("h1").textContent()).toBe(title);
  });

  it("runs under a policy that allows only each document's own inline scripts, refusing none of the site's", async () => {
    const { page } = await openPage("/");
    const policy = (await page.context().request.get(`${baseUrl}/`)).headers()["content-security-policy"]!;
    expect(policy).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+;/);
    expect(policy).not.toContain("'unsafe-inline'; style-src");
    // Hydration, a client-side navigation, the view beacon and the search box all run.
    const second = archive.articles[1]!;
    await page.getByRole("link", { name: second.title, exact: true }).click();
    await page.waitForURL(`**${second.url}`);
    await page.locator(".meta-views").first().waitFor();
    await page.getByRole("combobox", { name: "Search articles" }).click();
    await page.keyboard.type("satel");
    await page.getByRole("option").first().waitFor();
    expect(await policyViolations(page)).toEqual([]);
    // The policy is not a formality: a script the document did not ship is refused.
    await page.evaluate(() => {
      const injected = document.createElement("script");
      injected.textContent = "window.__injectedRan = true";
      document.body.append(injected);
    });
    expect(await page.evaluate(() => (window as unknown as { __injectedRan?: boolean }).__injectedRan)).toBeUndefined();
    expect((await policyViolations(page)).join("\n")).toContain("script-src-elem refused inline");
  });

  it("lands the first Tab on the skip link, which moves focus to the content", async () => {
    const { page } = await openPage(showcase.url);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    expect(await page.locator(".skip-link").isVisible()).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => location.hash)).toBe("#main");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("main") !== null)).toBe(true);
  });

  it("fits a 320 px phone without sideways scrolling", async () => {
    for (const pathname of ["/", showcase.url]) {
      const { page } = await openPage(pathname, { viewport: { width: 320, height: 640 } });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    }
  });

  it.each([
    ["home", "/"],
    ["article", ""],
  ])("saves screenshots of %s at 375 px and 1280 px, light and dark", async (name, pathname) => {
    for (const width of [375, 1280]) {
      for (const colorScheme of ["light", "dark"] as const) {
        const { page } = await openPage(pathname || showcase.url, { viewport: { width, height: 900 }, colorScheme });
        const file = path.join(screenshotDir, `${name}-${width}-${colorScheme}.png`);
        await page.screenshot({ path: file });
        expect(fs.readFileSync(file).subarray(1, 4).toString()).toBe("PNG");
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(background).toBe(colorScheme === "dark" ? "rgb(22, 24, 28)" : "rgb(251, 250, 247)");
      }
    }
  });

  it.each([
    ["home", "/", "light"],
    ["home", "/", "dark"],
    ["an article", "", "light"],
    ["an article", "", "dark"],
    ["a category", "/category/tech", "light"],
    ["the not-found page", "/articles/missing", "light"],
    ["search results", "/search?q=climate", "light"],
    ["search results", "/search?q=climate", "dark"],
  ] as const)("passes an axe accessibility scan of %s (%s)", async (_name, pathname, colorScheme) => {
    const { page } = await openPage(pathname || showcase.url, { colorScheme });
    // Evaluated through the DevTools protocol: the site's policy refuses an injected <script>, as it should.
    await page.evaluate(axe.source);
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: typeof axe }).axe.run(document);
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
    });
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });
});

import { JSDOM } from "jsdom";

/** What a browser with JavaScript off shows of an HTML document: jsdom runs no scripts unless told to. */
export function visiblePage(html: string) {
  const { document } = new JSDOM(html).window;
  for (const hidden of document.querySelectorAll("script, template, [hidden]")) hidden.remove();
  return {
    lang: document.documentElement.getAttribute("lang"),
    stylesheets: document.querySelectorAll('link[rel="stylesheet"]').length,
    header: document.querySelector("header")?.textContent ?? "",
    heading: document.querySelector("h1")?.textContent?.trim(),
    text: (document.body.textContent ?? "").replace(/\s+/g, " ").trim(),
    homeLink: Array.from(document.querySelectorAll("main a")).some((link) => link.getAttribute("href") === "/"),
  };
}

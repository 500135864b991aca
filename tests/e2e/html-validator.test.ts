import { execFile } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { requireSystemProgram } from "../system";
import { expected as archive } from "./archive";

const baseUrl = inject("baseUrl");
const require = createRequire(import.meta.url);
/** The Nu HTML Checker as the `vnu-jar` package ships it: the jar only, run with the system's Java. */
const VNU_JAR = String(require("vnu-jar")); // its export is a String object with the jar's path
const VNU_VERSION = (require("vnu-jar/package.json") as { version: string }).version;
const java = requireSystemProgram(
  [process.env.JAVA_PATH, process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, "bin/java"), "/usr/bin/java"],
  "apt-get install default-jre-headless",
);

// The article that exercises the most of the Markdown renderer: a hero and an inline image, a table,
// a code block, a footnote, a task list and strikethrough.
const showcase = archive.articles.find((a) => a.slug === "harbor-valley-opens-transit-timetable-api")!;

/** `shows`: markup the answer must contain, so that the document checked is the page meant, not an empty shell. */
type Page = { name: string; pathname: string; status: number; shows: string[] };

/** Every kind of page the site serves; each is validated as the production server answers it. */
const PAGES: Page[] = [
  { name: "home", pathname: "/", status: 200, shows: ['<ol class="article-list"'] },
  { name: "article", pathname: showcase.url, status: 200, shows: [`<h1>${showcase.title}</h1>`, "<table", "<pre", '<img src="/images/', 'class="footnotes"'] },
  { name: "category", pathname: `/category/${showcase.category}`, status: 200, shows: [`href="${showcase.url}"`] },
  { name: "tag", pathname: `/tags/${showcase.tags[0]}`, status: 200, shows: [`href="${showcase.url}"`] },
  { name: "search", pathname: "/search?q=timetable", status: 200, shows: [`href="${showcase.url}"`, "<mark>"] },
  // An article with a correction, an update and a linked byline, and that byline's author page.
  { name: "corrected article", pathname: "/articles/pellmouth-reef-survey-coral-recovery", status: 200, shows: ['class="corrections"', 'href="/authors/rafael-duncombe"'] },
  { name: "author", pathname: "/authors/rafael-duncombe", status: 200, shows: ['class="author-bio"', 'href="/articles/pellmouth-reef-survey-coral-recovery"'] },
  { name: "unknown article", pathname: "/articles/no-such-article", status: 404, shows: ["<h1>Page not found</h1>"] },
  { name: "unknown page", pathname: "/no/such/page", status: 404, shows: ["<h1>Page not found</h1>"] },
  // The page server.mjs sends, with status 500, when a page fails (tests/e2e/fail-safe.test.ts).
  { name: "error page", pathname: "/server-error", status: 200, shows: ["<h1>Something went wrong</h1>"] },
];

/**
 * A document with the error the header search box used to have, checked in the same run: were the
 * checker's output ever read wrongly (another format, files not found), this fails instead of every
 * page passing with no messages read.
 */
const CONTROL = {
  file: "control.html",
  html: '<!DOCTYPE html><html lang="en"><head><title>control</title></head><body><form action="/search"><label for="q">Search</label><input id="q" name="q" type="search" role="combobox" aria-expanded="false"></form></body></html>',
  error: "Bad value “combobox” for attribute “role” on element “input”.",
};

/** One message of vnu's JSON report (`--format json`); warnings are "info" with subType "warning". */
type VnuMessage = { type: "error" | "info" | "non-document-error"; subType?: string; url?: string; message: string; extract?: string; lastLine?: number; firstColumn?: number };

const fileOf = (page: Page) => `${PAGES.indexOf(page)}-${page.name.replace(/\W+/g, "-")}.html`;
const describeMessage = (m: VnuMessage) => `${m.lastLine ?? "?"}:${m.firstColumn ?? "?"} ${m.message}${m.extract ? `\n    ${m.extract.replace(/\n/g, " ")}` : ""}`;

describe.skipIf(!java)(`the HTML of each page, by the Nu HTML Checker ${VNU_VERSION}`, () => {
  const statuses = new Map<string, number>();
  const bodies = new Map<string, string>();
  const messages = new Map<string, VnuMessage[]>();

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "html-validator-"));
    for (const page of PAGES) {
      const response = await fetch(`${baseUrl}${page.pathname}`, { redirect: "manual" });
      const html = await response.text();
      statuses.set(page.name, response.status);
      bodies.set(page.name, html);
      fs.writeFileSync(path.join(dir, fileOf(page)), html);
    }
    fs.writeFileSync(path.join(dir, CONTROL.file), CONTROL.html);

    // One JVM for every page: it takes seconds to start. The report goes to stdout; vnu exits 1 when it found
    // an error, which the tests below report page by page, so only output that is not a report fails here.
    // The timeout is a hang guard, not a budget: the whole run takes about 6 s on an idle machine.
    const run = await promisify(execFile)(java!, ["-jar", VNU_JAR, "--format", "json", "--stdout", "--exit-zero-always", "--also-check-css", "--skip-info-messages", dir], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      timeout: 100_000,
    });
    const report = JSON.parse(run.stdout) as { messages: VnuMessage[] };
    for (const message of report.messages) {
      const file = message.url ? path.basename(fileURLToPath(message.url)) : "(no file)";
      messages.set(file, [...(messages.get(file) ?? []), message]);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads the checker's report: it finds the known error in a control document", () => {
    expect(messages.get(CONTROL.file)?.filter((m) => m.type === "error").map((m) => m.message)).toContain(CONTROL.error);
    // Messages about no file at all (an unreadable folder, say) would otherwise go unseen.
    expect(messages.get("(no file)") ?? []).toEqual([]);
  });

  it.each(PAGES)("$name ($pathname) answers $status with the page itself", (page) => {
    expect(statuses.get(page.name)).toBe(page.status);
    for (const markup of page.shows) expect(bodies.get(page.name)).toContain(markup);
  });

  it.each(PAGES)("$name ($pathname) has no errors", (page) => {
    const all = messages.get(fileOf(page)) ?? [];
    const errors = all.filter((m) => m.type !== "info");
    const warnings = all.filter((m) => m.type === "info" && m.subType === "warning");
    expect(errors.map(describeMessage), `${page.pathname}: ${errors.length} errors and ${warnings.length} warnings from vnu ${VNU_VERSION}:\n${all.map(describeMessage).join("\n")}`).toEqual([]);
  });
});

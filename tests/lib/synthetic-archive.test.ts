import { describe, expect, it } from "vitest";
import { archiveOf, realisticArchive, syntheticArchive, topicWords, type RealisticFile } from "@/bench/synthetic-archive";
import { TOPICS } from "@/bench/synthetic-vocabulary";
import { parseArticle } from "@/lib/content/parse-article";

// The realistic archive the parse, search, build and serve benches run with `--realistic`: its
// shares are what make those figures stand for a real archive, so they are checked here.
const COUNT = 2_000;
const files = realisticArchive(COUNT);

const bodyOf = (source: string) => source.slice(source.indexOf("\n---\n", 3) + "\n---\n".length);
/** The body without its fenced code, whose `#` comments are not headings. */
const prose = (source: string) => bodyOf(source).replace(/^```[^\n]*\n[\s\S]*?^```$/gm, "");
const bytes = (file: RealisticFile) => Buffer.byteLength(bodyOf(file.source));
const share = (test: (file: RealisticFile) => boolean, among: RealisticFile[] = files) => among.filter(test).length / among.length;
const titleOf = (file: RealisticFile) => JSON.parse(/^title: (.*)$/m.exec(file.source)![1]!) as string;
const wordsOf = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

describe("the realistic synthetic archive", () => {
  it("has a real archive's body sizes: a median near 6 KB, a 90th percentile near 25 KB and a few of 500-800 KB", () => {
    const sizes = files.map(bytes).sort((a, b) => a - b);
    const percentile = (p: number) => sizes[Math.floor((p / 100) * sizes.length)]!;
    expect(percentile(50)).toBeGreaterThanOrEqual(4_500);
    expect(percentile(50)).toBeLessThanOrEqual(8_000);
    expect(percentile(90)).toBeGreaterThanOrEqual(18_000);
    expect(percentile(90)).toBeLessThanOrEqual(32_000);
    const huge = files.filter((file) => bytes(file) >= 500_000);
    expect(huge.length).toBeGreaterThanOrEqual(1);
    expect(huge.length).toBeLessThanOrEqual(5);
    for (const file of huge) expect(bytes(file)).toBeLessThanOrEqual(800_000);
    expect(huge.every((file) => file.kind === "huge")).toBe(true);
    // From 200 articles on, there is always one.
    expect(realisticArchive(200).filter((file) => file.kind === "huge")).toHaveLength(1);
  });

  it("holds release notes, raw HTML, h1 sections and tags in a real archive's shares", () => {
    expect(share((file) => file.kind === "changelog")).toBeGreaterThanOrEqual(0.08);
    expect(share((file) => file.kind === "changelog")).toBeLessThanOrEqual(0.12);
    expect(share((file) => /^<(details|img|figure|dl|div|script)\b/m.test(prose(file.source)))).toBeGreaterThanOrEqual(0.15);
    expect(share((file) => /^<(details|img|figure|dl|div|script)\b/m.test(prose(file.source)))).toBeLessThanOrEqual(0.21);
    expect(share((file) => /^# /m.test(prose(file.source)))).toBeGreaterThanOrEqual(0.17);
    expect(share((file) => /^# /m.test(prose(file.source)))).toBeLessThanOrEqual(0.23);
    expect(share((file) => !/^tags:/m.test(file.source))).toBeGreaterThanOrEqual(0.82);
    expect(share((file) => !/^tags:/m.test(file.source))).toBeLessThanOrEqual(0.88);
    for (const file of files) {
      const tags = /^tags: \[(.*)\]$/m.exec(file.source)?.[1]?.split(", ");
      if (tags) expect(tags.length >= 1 && tags.length <= 3 && tags.every((tag) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(tag))).toBe(true);
    }
    // Remote images only: a local one would be a content error.
    expect(files.every((file) => [...file.source.matchAll(/<img src="([^"]*)"|!\[[^\]]*\]\(([^)]*)\)/g)].every((match) => (match[1] ?? match[2])!.startsWith("https://")))).toBe(true);
    // Now and then something the sanitizer drops.
    expect(files.some((file) => /^<script>/m.test(bodyOf(file.source)))).toBe(true);
    expect(files.some((file) => /^<div style=/m.test(bodyOf(file.source)))).toBe(true);
  });

  it("writes release notes as projects do: 100-600 items under headings, with bold, pull request links and CVE ids", () => {
    const changelogs = files.filter((file) => file.kind === "changelog");
    for (const file of changelogs) {
      const body = bodyOf(file.source);
      const items = body.match(/^- .*\(\[#\d+\]\(https:\/\/example\.com\/[a-z]+\/pull\/\d+\)\)/gm) ?? [];
      expect(items.length).toBeGreaterThanOrEqual(100);
      expect(items.length).toBeLessThanOrEqual(600);
      expect(body).toMatch(/^#{1,2} (Features|Bug fixes)$/m);
      expect(body).toContain("**");
      expect(titleOf(file)).toContain(file.topic);
      expect(titleOf(file)).toMatch(/\bv?\d+\.\d+(\.\d+)?\b/);
    }
    expect(share((file) => /\/commit\/[0-9a-f]{40}\)/.test(file.source), changelogs)).toBeGreaterThan(0.9);
    expect(changelogs.some((file) => /CVE-\d{4}-\d{4,5}\b/.test(file.source))).toBe(true);
    expect(changelogs.some((file) => /\bv\d+\.0\.0\b/.test(titleOf(file)))).toBe(true);
  });

  it("uses code, tables, link references, inline links and emphasis in a reasonable share of prose", () => {
    const articles = files.filter((file) => file.kind === "prose");
    const body = (file: RealisticFile) => bodyOf(file.source);
    expect(share((file) => /^```(ts|js|python|bash|json|yaml|go|rust|sql|text)$/m.test(body(file)), articles)).toBeGreaterThan(0.2);
    expect(share((file) => /^\| ?-{3}/m.test(body(file)), articles)).toBeGreaterThan(0.1);
    const referenced = articles.filter((file) => /^\[[^\]^]+\]: https:\/\//m.test(body(file)));
    expect(referenced.length / articles.length).toBeGreaterThan(0.15);
    // Each definition's label is used as [text][label], as in a real article.
    for (const file of referenced) for (const [, label] of body(file).matchAll(/^\[([^\]^]+)\]: /gm)) expect(body(file)).toContain(`][${label}]`);
    expect(share((file) => /\]\(https:\/\//.test(body(file)), articles)).toBeGreaterThan(0.8);
    expect(share((file) => /\*\*[^*\n]+\*\*|(^|\s)\*[a-z]+\*/m.test(body(file)), articles)).toBeGreaterThan(0.5);
  });

  it("gives each article a topic: its title has one of the topic's words, its body uses them at a few percent", () => {
    for (const file of files) {
      const title = wordsOf(titleOf(file));
      expect(topicWords(file.topic).some((word) => title.includes(word)), `${file.topic}: ${titleOf(file)}`).toBe(true);
    }
    expect(new Set(files.filter((file) => file.kind === "prose").map((file) => file.topic))).toEqual(new Set(TOPICS.map((topic) => topic.name)));
    // The rate of the topic's words in running prose (links' addresses and code left out).
    const rates = files
      .filter((file) => file.kind === "prose")
      .slice(0, 300)
      .map((file) => {
        const words = wordsOf(prose(file.source).replace(/\]\([^)]*\)|^\[[^\]]+\]: .*$|<[^>]+>/gm, " "));
        const topic = new Set(topicWords(file.topic));
        return words.filter((word) => topic.has(word)).length / words.length;
      });
    const mean = rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
    expect(mean).toBeGreaterThan(0.02);
    expect(mean).toBeLessThan(0.07);
  });

  it("is the same for the same seed, byte for byte, and different for another", () => {
    const again = realisticArchive(COUNT);
    expect(again.map((file) => file.source)).toEqual(files.map((file) => file.source));
    expect(realisticArchive(50, 7).map((file) => file.source)).not.toEqual(realisticArchive(50, 42).map((file) => file.source));
    expect(new Set(files.map((file) => file.slug)).size).toBe(COUNT);
  });

  it("keeps the simple shape as the other choice", () => {
    expect(archiveOf("simple")).toBe(syntheticArchive);
    expect(archiveOf("realistic")).toBe(realisticArchive);
    const simple = syntheticArchive(10);
    expect(simple[3]!.slug).toBe("article-000003");
    expect(simple.every((file) => file.kind === undefined && file.topic === undefined)).toBe(true);
  });

  // About 1 s while parseArticle scans bodies; 5-20 s on a busy two-core machine where it renders
  // them (link-heavy release notes render at about 0.1 MB/s), hence a timeout of its own.
  it("writes files the site accepts: a sample of 200 (bodies under 100 KB) parses", { timeout: 120_000 }, () => {
    const small = files.filter((file) => bytes(file) < 100_000);
    const sample = small.filter((_, i) => i % Math.floor(small.length / 200) === 0).slice(0, 200);
    expect(sample.some((file) => file.kind === "changelog")).toBe(true);
    const failed = sample.flatMap((file) => {
      const result = parseArticle(file.name, new TextEncoder().encode(file.source), file.name);
      return result.ok ? [] : [{ file: file.name, problems: result.problems }];
    });
    expect(failed).toEqual([]);
  });
});

import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { realisticArchive } from "@/bench/synthetic-archive";
import { articleTerms, rankRelated, RELATED_COUNT, type Related, type RelatedInput } from "@/lib/archive/related";
import { expectLinearCost } from "../cost-shape";

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

type Draft = { title?: string; summary?: string; text?: string; tags?: string[]; category?: string; day?: number };

/** An article `day` days after the start of 2026, its terms computed as the build would. */
function article(slug: string, { title = "", summary = "", text = "", tags = [], category = "tech", day = 0 }: Draft = {}): RelatedInput {
  return { slug, title, tags, category, time: START + day * DAY, terms: articleTerms({ title, summary, text }) };
}

/** A word of letters only, different for every number (so no two fillers share one). */
const word = (n: number) => `zq${n.toString(26).replace(/\d/g, (digit) => "qrstuvwxyz"[Number(digit)]!)}`;

/** Articles about nothing the others are about, to give an archive its size: idf needs one. */
const fillers = (count: number, extra: (i: number) => string = () => "") =>
  Array.from({ length: count }, (_, i) => article(`filler-${i}`, { text: `${word(i)} ${extra(i)}`, category: "world", day: -1_000 - i }));

const terms = (input: { title?: string; summary?: string; text?: string }) =>
  new Map(articleTerms({ title: input.title ?? "", summary: input.summary ?? "", text: input.text ?? "" }));
const slugs = (related: Related[] | undefined) => (related ?? []).map(({ slug }) => slug);

describe("article terms", () => {
  it("are lowercase words without stop words, one- and two-letter words, plain numbers or plurals", () => {
    const found = terms({ text: "The browsers and a browser: 20 of them, 2024's 1,000 tabs. I is it an ox? Cookies’ cookie, queries, glass and news." });
    expect([...found.keys()].sort()).toEqual(["browser", "cookie", "glass", "news", "tab", "query"].sort());
  });

  it("keep identifiers whole: versions, CVE ids, C++, C#, node.js, and two-letter acronyms", () => {
    const found = terms({ text: "Node v20.0.0 fixes CVE-2023-44487 in node.js; C++ and C# get 1.0, GPT-4, 5G and AI-powered EU rules." });
    for (const term of ["v20.0.0", "cve-2023-44487", "node.js", "c++", "c#", "1.0", "gpt-4", "5g", "ai", "eu"]) expect(found.has(term), term).toBe(true);
    for (const term of ["20", "0", "2023", "44487", "js", "c", "v20"]) expect(found.has(term), term).toBe(false);
  });

  it("split compounds of words, drop contractions and possessives, and read curly quotes and ligatures", () => {
    const found = terms({ text: "Open-source maintainers don’t fork O’Brien’s state-of-the-art ﬁles." });
    expect([...found.keys()].sort()).toEqual(["art", "file", "fork", "maintainer", "o'brien", "source", "state"].sort());
  });

  it("weigh a title word 3 and a summary word 2 to a body word's 1, on a log scale", () => {
    const found = terms({ title: "Glacier", summary: "Moraine", text: "crevasse crevasse icefield glacier" });
    expect(found.get("glacier")).toBeCloseTo(1 + Math.log(4), 3);
    expect(found.get("moraine")).toBeCloseTo(1 + Math.log(2), 3);
    expect(found.get("crevasse")).toBeCloseTo(1 + Math.log(2), 3);
    expect(found.get("icefield")).toBe(1);
    expect(articleTerms({ title: "Glacier", summary: "Moraine", text: "crevasse crevasse icefield glacier" })[0]).toEqual(["glacier", 2.386]);
  });

  it("are at most 40, heaviest first, always with the title's, and the same for the same input", () => {
    const text = Array.from({ length: 300 }, (_, i) => `${word(i)} `.repeat(1 + (i % 7))).join("");
    const input = { title: "Harborkit 2.1 released", summary: "", text };
    const result = articleTerms(input);
    expect(result).toHaveLength(40);
    expect(result.map(([term]) => term)).toEqual(expect.arrayContaining(["harborkit", "2.1", "released"]));
    const weights = result.map(([, weight]) => weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(articleTerms(input)).toEqual(result);
  });
});

describe("related articles", () => {
  it("rank a shared distinctive word above a shared common one, whatever the date and category", () => {
    const archive = [
      article("subject", { text: "The saxophone solo, and the harbour lights at night." }),
      article("rare-word", { text: "A saxophone for sale.", category: "culture", day: -700 }),
      article("common-word", { text: "The harbour at dawn.", day: -1 }),
      ...fillers(197, (i) => (i < 8 ? "harbour" : "")),
    ];
    expect(rankRelated(archive).get("subject")!.slice(0, 2)).toEqual([
      { slug: "rare-word", reason: "Also about: saxophone" },
      { slug: "common-word", reason: "Also about: harbour" },
    ]);
  });

  it("do not count words in more than 5% of articles: they tell nothing apart", () => {
    const archive = [
      article("subject", { text: "Weather and more weather." }),
      article("also-weather", { text: "The weather today.", day: -1 }),
      ...fillers(98, (i) => (i < 10 ? "weather" : "")),
    ];
    const related = rankRelated(archive).get("subject")!;
    expect(related.every(({ reason }) => !reason.startsWith("Also about"))).toBe(true);
  });

  it("count shared tags, read as words, like a strong keyword", () => {
    const archive = [
      article("subject", { text: "Borrowing rules explained.", tags: ["rust-lang"] }),
      article("tagged", { text: "Lifetimes in practice.", tags: ["rust-lang"], category: "culture", day: -400 }),
      article("near-same-category", { text: "Unrelated matters.", day: -1 }),
      ...fillers(20),
    ];
    expect(rankRelated(archive).get("subject")![0]).toEqual({ slug: "tagged", reason: "Also about: rust lang" });
  });

  it("relate an article about v20.0.0 to one mentioning v20.0.0, not to one mentioning only 20", () => {
    const archive = [
      article("subject", { title: "Node v20.0.0 is out", text: "Upgrade to v20.0.0 now." }),
      article("same-version", { text: "We moved our servers to v20.0.0 last week.", category: "business", day: -300 }),
      article("only-twenty", { title: "20 years of 20 things", text: "20 20 20 v2 0.0", day: -1 }),
      ...fillers(30),
    ];
    const related = rankRelated(archive).get("subject")!;
    expect(related[0]).toEqual({ slug: "same-version", reason: "Also about: v20.0.0" });
    expect(related.find(({ slug }) => slug === "only-twenty")?.reason).not.toMatch(/^Also about/);
  });

  it("say what two articles share: tags first, then their heaviest shared words, three at most", () => {
    const archive = [
      article("subject", { title: "Generics arrive in Go 1.18", text: "Type parameters, constraints and generics.", tags: ["golang"] }),
      article("other", { title: "Go 1.18 generics explained", text: "Constraints and type parameters.", tags: ["golang"], day: -3 }),
      ...fillers(30),
    ];
    expect(rankRelated(archive).get("subject")).toContainEqual({ slug: "other", reason: "Also about: golang, generic, 1.18" });
  });

  it("say a word once when it is both a tag and a term, and two-letter words in capitals", () => {
    const archive = [
      article("subject", { title: "AI subtitles at the film festival", text: "Festival subtitles by AI.", tags: ["ai"] }),
      article("other", { title: "AI subtitles for the festival", text: "Subtitles, AI.", tags: ["ai"], day: -3 }),
      ...fillers(30),
    ];
    const reason = rankRelated(archive).get("subject")!.find(({ slug }) => slug === "other")!.reason;
    expect(reason).toMatch(/^Also about: AI, /);
    expect(reason.match(/\bai\b/gi)).toHaveLength(1);
  });

  it("prefer the nearer in date among equals, but never cut off a better match far away", () => {
    const archive = [
      article("subject", { text: "Volcano eruption: magma and lava." }),
      article("near", { text: "A volcano.", day: -2 }),
      article("far", { text: "A volcano.", day: -900 }),
      article("far-but-closer-match", { text: "Volcano, magma, lava and an eruption.", day: -3_000 }),
      ...fillers(60),
    ];
    expect(slugs(rankRelated(archive).get("subject"))).toEqual(["far-but-closer-match", "near", "far"]);
  });

  it("favour the newer of two equal matches, gently: a strong old match still ranks", () => {
    const archive = [
      article("subject", { text: "Peat bog carbon." }),
      // Equally related; the older one is nearer the subject in date, the newer is the archive's newest.
      article("older", { text: "Peat bog.", day: -20 }),
      article("newer", { text: "Peat bog.", day: 30 }),
      article("old-strong", { text: "Peat bog carbon, peat and more bog carbon.", day: -2_500 }),
      ...fillers(100),
    ];
    const related = rankRelated(archive).get("subject")!;
    expect(slugs(related)).toEqual(["old-strong", "newer", "older"]);
    expect(related.every(({ reason }) => reason.startsWith("Also about: "))).toBe(true);
  });

  it("say a filling article is in the same section and week, or only the same section, or only the same week", () => {
    // Day 0 is Thursday 1 January 2026; its week runs from Monday 29 December to Sunday 4 January.
    const archive = [
      article("subject", { category: "science" }),
      article("same-week", { category: "science", day: 3 }),
      article("next-week", { category: "science", day: 4 }),
      article("world-same-week", { category: "world", day: -3 }),
      article("world-latest", { category: "world", day: 9 }),
    ];
    expect(rankRelated(archive, 4, (category) => category[0]!.toUpperCase() + category.slice(1)).get("subject")).toEqual([
      { slug: "next-week", reason: "More in Science" },
      { slug: "same-week", reason: "Also in Science, same week" },
      { slug: "world-latest", reason: "Latest" },
      { slug: "world-same-week", reason: "From the same week" },
    ]);
  });

  it("break ties by the newer, then by slug", () => {
    const archive = [
      article("subject", { text: "Tide gauge." }),
      article("b-later", { text: "Tide gauge.", day: 5 }),
      article("a-earlier", { text: "Tide gauge.", day: -5 }),
      article("c-later", { text: "Tide gauge.", day: 5 }),
      ...fillers(80),
    ];
    expect(slugs(rankRelated(archive, 3).get("subject"))).toEqual(["b-later", "c-later", "a-earlier"]);
  });

  it("fill with the newest of the same category, then the newest overall, and never the article itself", () => {
    const archive = [
      article("subject", { text: "Glacier ice." }),
      article("shares", { text: "Glacier.", category: "science", day: -50 }),
      article("tech-old", { day: -20 }),
      article("tech-new", { day: -10 }),
      article("world-newest", { category: "world", day: 30 }),
      article("science-new", { category: "science", day: 20 }),
      ...fillers(10),
    ];
    const label = (category: string) => category.toUpperCase();
    expect(rankRelated(archive, 5, label).get("subject")).toEqual([
      { slug: "shares", reason: "Also about: glacier" },
      { slug: "tech-new", reason: "More in TECH" },
      { slug: "tech-old", reason: "More in TECH" },
      { slug: "world-newest", reason: "Latest" },
      { slug: "science-new", reason: "Latest" },
    ]);
    expect(rankRelated(archive).get("tech-new")).toEqual([
      { slug: "subject", reason: "More in Tech" },
      { slug: "tech-old", reason: "More in Tech" },
      { slug: "world-newest", reason: "Latest" },
    ]);
  });

  it("give three by default, every article one list, and nothing when there is no other article", () => {
    const archive = [article("a", { text: "Coral reef." }), article("b", { text: "Coral bleaching.", day: -1 }), ...fillers(10)];
    const result = rankRelated(archive);
    expect(RELATED_COUNT).toBe(3);
    expect([...result.keys()].sort()).toEqual(archive.map(({ slug }) => slug).sort());
    for (const [slug, related] of result) {
      expect(related).toHaveLength(3);
      expect(slugs(related)).not.toContain(slug);
      expect(new Set(slugs(related)).size).toBe(3);
    }
    expect(rankRelated([article("only")])).toEqual(new Map([["only", []]]));
    expect(rankRelated(archive, 0).get("a")).toEqual([]);
    expect(rankRelated(archive.slice(0, 3), 10).get("a")).toHaveLength(2);
  });

  it("are the same whatever the order of the articles", () => {
    const archive = [
      article("subject", { text: "Saxophone and trumpet quartet.", tags: ["jazz"] }),
      article("one", { text: "Trumpet quartet.", day: -3 }),
      article("two", { text: "Saxophone.", tags: ["jazz"], day: 3 }),
      article("three", { text: "Quartet.", day: 3 }),
      ...fillers(40, (i) => (i % 9 === 0 ? "trumpet" : "")),
    ];
    const forward = [...rankRelated(archive)];
    const backward = [...rankRelated([...archive].reverse())];
    const shuffled = [...rankRelated(archive.map((a, i) => [(i * 7919) % archive.length, a] as const).sort(([x], [y]) => x - y).map(([, a]) => a))];
    expect(backward).toEqual(forward);
    expect(shuffled).toEqual(forward);
  });
});

/** Markdown to words, crudely: this only needs the words. */
const plainText = (markdown: string) =>
  markdown
    .replace(/<[^>]*>/g, " ")
    .replace(/\]\([^)]*\)/g, "] ")
    .replace(/^\s*\[[^\]]+\]:.*$/gm, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[*_`#>|[\]~]/g, " ");

describe("related articles of a realistic archive", () => {
  it("share the topic of untagged prose articles at least 85% of the time", () => {
    const files = realisticArchive(2_000, 11);
    const topicOf = new Map(files.map((file) => [file.slug, file.topic]));
    const inputs = files.map((file) => {
      const { data, content } = matter(file.source);
      const title = String(data.title);
      const summary = String(data.summary);
      const tags: string[] = (data.tags ?? []).map(String);
      return { slug: file.slug, title, tags, category: String(data.category), time: new Date(data.date).getTime(), terms: articleTerms({ title, summary, text: plainText(content) }) };
    });
    const result = rankRelated(inputs);

    let links = 0;
    let sameTopic = 0;
    for (const [index, file] of files.entries()) {
      const related = result.get(file.slug)!;
      expect(related).toHaveLength(3);
      if (file.kind !== "prose" || inputs[index]!.tags.length > 0) continue;
      for (const { slug } of related) {
        links += 1;
        if (topicOf.get(slug) === file.topic) sameTopic += 1;
      }
    }
    expect(links).toBeGreaterThan(3_000);
    expect(sameTopic / links).toBeGreaterThanOrEqual(0.85);
  });
});

/**
 * An archive of `size` articles built straight as terms: 22 topics, each on about 4.5% of articles
 * with 12 of its 14 words, so each word is in about 4% of articles (under the 5% cut, and its list
 * longer than the 48 postings a keyword gives), words of the article's own, and a tag on every
 * other article, whose list is half the archive long.
 */
function termArchive(size: number): RelatedInput[] {
  const topics = 22;
  return Array.from({ length: size }, (_, i) => {
    const topic = (i * 7) % topics;
    const topicTerms: [string, number][] = Array.from({ length: 12 }, (_, k) => [`t${topic}w${(i + k) % 14}`, 1 + ((i + k) % 3)]);
    const ownTerms: [string, number][] = Array.from({ length: 20 }, (_, k) => [`o${i}w${k}`, 1]);
    return {
      slug: `a-${i}`,
      title: `t${topic}w${i % 14}`,
      tags: i % 2 === 0 ? ["news"] : [],
      category: `c${i % 8}`,
      time: START - ((i * 7_919) % (5 * 365)) * DAY,
      terms: [...topicTerms, ...ownTerms],
    };
  });
}

describe("related articles' cost", () => {
  it("grows linearly with the archive, however long a keyword's list", () => {
    expectLinearCost(termArchive, (archive) => rankRelated(archive), 1_500);
  });

  it("grows linearly with the text of one article, however it is made", () => {
    const hostile = (size: number) => ["a-".repeat(size / 4), "1.".repeat(size / 4), "x'".repeat(size / 4), "v1.0-rc".repeat(size / 28)].join(" ");
    expectLinearCost(hostile, (text) => articleTerms({ title: "", summary: "", text }), 40_000);
  });
});

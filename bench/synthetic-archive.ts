/**
 * A deterministic synthetic archive: Markdown files of about 4 KB with
 * headings, lists, code and a table, 8 categories, tags drawn from a skewed
 * distribution, dates over five years. Vocabulary follows Zipf's law, so some
 * words are everywhere and most are rare, as in real prose. Some bodies have
 * the shapes of real archives: h1 sections, raw HTML, long release notes.
 *
 * That is the "simple" shape. realisticArchive is the "realistic" one: sizes spread as a real
 * archive's are (median about 6 KB, a long tail, a few bodies of 500-800 KB), one in ten articles
 * release notes, most untagged, and every article about one of about 60 topics. archiveOf picks.
 */
import fs from "node:fs";
import path from "node:path";
import { eng as STOP_WORDS } from "stopword";
import {
  AUTHORS,
  CHANGELOG_SECTIONS,
  CHANGELOG_VERBS,
  CHANGELOG_WORDS,
  CODE_LANGUAGES,
  COMMON_ADJECTIVES,
  COMMON_NOUNS,
  COMMON_VERBS,
  COMMON_WORDS,
  FUNCTION_WORDS_BY_FREQUENCY,
  PROJECTS,
  TOPICS,
} from "./synthetic-vocabulary";

const CATEGORIES = ["tech", "science", "business", "culture", "world", "health", "sport", "politics"];
const SYLLABLES = ["ka", "ri", "to", "men", "sal", "vor", "ne", "lith", "qua", "dor", "pel", "sun", "bra", "ek", "mo", "tis", "har", "lun", "zo", "fen"];

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function vocabulary(size: number): string[] {
  const words: string[] = [];
  for (let i = 0; words.length < size; i++) {
    let word = "";
    for (let n = i; word.length < 4 || n > 0; n = Math.floor(n / SYLLABLES.length)) word += SYLLABLES[n % SYLLABLES.length];
    words.push(word);
  }
  return words;
}

/** Index i with probability proportional to 1/(i+1): a few very common, a long tail of rare. */
function zipf(next: () => number, size: number): number {
  return Math.min(size - 1, Math.floor(Math.exp(next() * Math.log(size + 1)) - 1));
}

/** The two archives: "simple" (syntheticArchive) and "realistic" (realisticArchive). */
export type ArchiveShape = "simple" | "realistic";

/** What a realistic article is: prose on a topic, a project's release notes, or one of the very few huge bodies. */
export type ArticleKind = "prose" | "changelog" | "huge";

/**
 * `slug` and `date` repeat what the file says, so benches can pick articles without parsing them.
 * The realistic shape also says what each article is about (`topic`: a name from TOPICS, or the
 * project of release notes) and its `kind`; the simple shape leaves both out.
 */
export type SyntheticFile = { name: string; slug: string; date: string; source: string; topic?: string; kind?: ArticleKind };

export function syntheticArchive(count: number, seed = 42): SyntheticFile[] {
  const next = random(seed);
  const words = vocabulary(30_000);
  const tags = vocabulary(400).map((word) => `${word}-beat`);
  // Close to English: about 40% of running words are function words ("the", "of"), the rest content words with a long tail.
  const word = () => (next() < 0.4 ? STOP_WORDS[zipf(next, STOP_WORDS.length)]! : words[zipf(next, words.length)]!);
  const sentence = (length: number) => {
    const text = Array.from({ length }, word).join(" ");
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: 4 }, () => sentence(10 + Math.floor(next() * 8))).join(" ");
  const start = Date.UTC(2021, 0, 1);
  const span = 5 * 365 * 86_400_000;

  return Array.from({ length: count }, (_, i) => {
    const date = new Date(start + Math.floor(next() * span)).toISOString().slice(0, 10);
    const articleTags = [...new Set(Array.from({ length: 1 + Math.floor(next() * 3) }, () => tags[zipf(next, tags.length)]!))];
    // Shapes of real archives, in about their real shares: bodies that use h1 for sections (21%),
    // raw HTML such as folded <details> (18%), and release notes with hundreds of bold commit lines (2%).
    const section = next() < 0.21 ? "#" : "##";
    const extras = [
      ...(next() < 0.18 ? [`<details>\n<summary>${sentence(3)}</summary>\n\n${paragraph()}\n\n</details>`] : []),
      ...(next() < 0.02
        ? [Array.from({ length: 300 }, (_, line) => `- **${word()}**: ${sentence(6)} ([#${line}](https://example.com/pull/${line})) **(${word()})**`).join("\n")]
        : []),
    ];
    const body = [
      paragraph(),
      ...extras,
      `${section} ${sentence(4)}`,
      paragraph(),
      paragraph(),
      `- ${sentence(6)}\n- ${sentence(5)}\n- ${sentence(7)}`,
      `${section} ${sentence(3)}`,
      paragraph(),
      "```ts\nconst total = values.reduce((sum, value) => sum + value, 0);\n```",
      `| ${word()} | ${word()} |\n| --- | --- |\n| ${i} | ${Math.floor(next() * 1000)} |`,
      `${section}# ${sentence(3)}`,
      paragraph(),
      paragraph(),
    ].join("\n\n");
    const front = [
      "---",
      `title: "${sentence(7).slice(0, -1)}"`,
      `date: ${date}`,
      `category: ${CATEGORIES[i % CATEGORIES.length]}`,
      `summary: "${sentence(18)}"`,
      `tags: [${articleTags.join(", ")}]`,
      "---",
    ].join("\n");
    const slug = `article-${String(i).padStart(6, "0")}`;
    return { name: `${slug}.md`, slug, date, source: `${front}\n\n${body}\n` };
  });
}

/** Writes the archive of `count` articles, of the given shape, into `dir` (which must exist). */
export function writeSyntheticArchive(dir: string, count: number, shape: ArchiveShape = "simple"): SyntheticFile[] {
  const files = archiveOf(shape)(count);
  for (const { name, source } of files) fs.writeFileSync(path.join(dir, name), source);
  return files;
}

// ---------------------------------------------------------------------------------------------
// The realistic shape.

/** A realistic article says what it is about and what kind it is. */
export type RealisticFile = SyntheticFile & { topic: string; kind: ArticleKind };

/** The generator of each shape, both `(count, seed = 42)`. */
export function archiveOf(shape: ArchiveShape): (count: number, seed?: number) => SyntheticFile[] {
  return shape === "realistic" ? realisticArchive : syntheticArchive;
}

/** Shares of a real archive, as the realistic shape draws them: exactly, up to rounding, at any count. */
export const REALISTIC_SHARES = { changelog: 0.1, rawHtml: 0.18, h1Sections: 0.2, tagged: 0.15, huge: 0.001 } as const;

/** The words of a topic, or for release notes the project's name in lowercase: an article's title has one of them. */
export function topicWords(topicName: string): readonly string[] {
  return TOPICS.find((t) => t.name === topicName)?.words ?? [topicName.toLowerCase()];
}

/** mulberry32: small and fast, so each article has a random stream of its own. */
function stream(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function shuffled<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Exactly round(count × share) of `count` flags set, in a seeded order. */
function quota(count: number, share: number, next: () => number): boolean[] {
  return shuffled(
    Array.from({ length: count }, (_, i) => i < Math.round(count * share)),
    next,
  );
}

/** A standard normal draw (Box-Muller). */
function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

const capitalise = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

// Prose bodies aim at log-normal sizes around this median; ending on a whole section, with their
// code, tables and HTML, they come out about 1.7 times larger. With the changelogs (10%, most of them
// 18-80 KB) the archive's bodies have a median of about 6 KB and a 90th percentile of about 23 KB.
const PROSE_MEDIAN_BYTES = 3_300;
const PROSE_SIGMA = 1;
const PROSE_TOPIC_RATE = 0.035;
const SUMMARY_TOPIC_RATE = 0.08;
const GENERIC_TAGS = ["analysis", "explainer", "interview", "opinion", "data", "long-read", "photos", "weekend", "follow-up", "investigation"];

/** The stopword package's English list, commonest first ("the", "of", "and"), so that Zipf's law picks them at their real rates. */
const FUNCTION_WORDS = [
  ...FUNCTION_WORDS_BY_FREQUENCY.filter((word) => STOP_WORDS.includes(word)),
  ...STOP_WORDS.filter((word) => !FUNCTION_WORDS_BY_FREQUENCY.includes(word)),
];

let generalWords: string[] | undefined;

/** Ordinary English words first (the common head of the Zipf curve), then the invented long tail. */
function generalVocabulary(): string[] {
  if (!generalWords) {
    const reserved = new Set([...COMMON_WORDS, ...STOP_WORDS, ...TOPICS.flatMap((t) => t.words), ...CHANGELOG_WORDS]);
    generalWords = [...COMMON_WORDS, ...vocabulary(30_000).filter((word) => !reserved.has(word))];
  }
  return generalWords;
}

const rankedLists = new WeakMap<readonly string[], (u: number) => string>();

/**
 * Draws from `list` by Zipf's law, as zipf() does, given the uniform draw: exp() read off a table
 * (between two points of it, the straight line is within a millionth), for it runs once a word.
 */
function ranked(list: readonly string[]): (u: number) => string {
  let draw = rankedLists.get(list);
  if (!draw) {
    const steps = 4096;
    const scale = Math.log(list.length + 1);
    const grid = Float64Array.from({ length: steps + 2 }, (_, k) => Math.exp((k / steps) * scale));
    const last = list.length - 1;
    draw = (u) => {
      const x = u * steps;
      const k = Math.floor(x);
      return list[Math.min(last, Math.floor(grid[k]! + (grid[k + 1]! - grid[k]!) * (x - k) - 1))]!;
    };
    rankedLists.set(list, draw);
  }
  return draw;
}

/** Text for one article from its own random stream; `subject` holds the words of what it is about. */
function writerFor(next: () => number, subject: readonly string[], topicRate: number) {
  const general = generalVocabulary();
  const chance = (p: number) => next() < p;
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const fromSubject = ranked(subject);
  const fromStopWords = ranked(FUNCTION_WORDS);
  const fromGeneral = ranked(general);
  const fromCommon = ranked(COMMON_WORDS);
  const topicWord = () => fromSubject(next());
  const commonWord = () => fromCommon(next());
  // About 40% of running words are function words, a few percent the subject's, the rest general.
  // One draw picks the band and the word in it: a uniform draw rescaled to its band is uniform again.
  const stopEnd = topicRate + 0.4;
  const wordOf = (r: number) => {
    if (r < topicRate) return fromSubject(r / topicRate);
    if (r < stopEnd) return fromStopWords((r - topicRate) / 0.4);
    return fromGeneral((r - stopEnd) / (1 - stopEnd));
  };
  const word = () => wordOf(next());
  // `capital`: the first word capitalised as it is drawn (capitalising the whole text after would copy it).
  const words = (count: number, capital = false) => {
    let text = capital ? capitalise(word()) : word();
    for (let i = 1; i < count; i++) {
      const r = next();
      // The draw's low bits, which barely move the choice of word, put a comma before one word in 20.
      text += (r * 65_536) % 1 < 0.05 ? ", " : " ";
      text += wordOf(r);
    }
    return text;
  };
  const sentence = (count: number) => `${words(count, true)}${next() < 0.05 ? "?" : "."}`;
  const hex = (length: number) => {
    let text = "";
    while (text.length < length) text += Math.floor(next() * 2 ** 32).toString(16).padStart(8, "0");
    return text.slice(0, length);
  };
  return { next, chance, between, pick, topicWord, commonWord, word, words, sentence, hex };
}

type Writer = ReturnType<typeof writerFor>;

/** A fenced code block in one of CODE_LANGUAGES, its names made of the article's words. */
function codeBlock(w: Writer): string {
  const language = w.pick(CODE_LANGUAGES);
  const camel = () => `${w.topicWord()}${capitalise(w.commonWord())}`;
  const snake = () => `${w.topicWord()}_${w.commonWord()}`;
  const length = w.between(3, 24);
  const lines: string[] = [];
  const repeat = (line: (i: number) => string) => {
    for (let i = 0; i < length; i++) lines.push(line(i));
  };
  switch (language) {
    case "ts":
    case "js":
      lines.push(`export async function ${camel()}(${w.topicWord()}${language === "ts" ? ": string" : ""}) {`);
      repeat(() => `  const ${camel()} = await load("${w.topicWord()}", { limit: ${w.between(1, 500)} }); // ${w.words(4)}`);
      lines.push("}");
      break;
    case "python":
      lines.push(`# ${w.sentence(6)}`, `def ${snake()}(${w.topicWord()}, limit=${w.between(1, 100)}):`);
      repeat(() => `    ${snake()} = fetch("${w.topicWord()}", ${w.between(0, 999)})  # ${w.words(3)}`);
      lines.push(`    return ${snake()}`);
      break;
    case "bash":
      repeat((i) => (i % 4 === 0 ? `# ${w.words(5)}` : `${w.commonWord()}ctl --${w.topicWord()} ${w.between(1, 64)} ./${w.commonWord()}/${w.topicWord()}.log`));
      break;
    case "json":
      lines.push("{");
      repeat((i) => `  "${snake()}": ${w.chance(0.5) ? w.between(0, 9999) : JSON.stringify(w.words(2))}${i < length - 1 ? "," : ""}`);
      lines.push("}");
      break;
    case "yaml":
      repeat((i) => (i % 5 === 0 ? `${w.topicWord()}:` : `  ${snake()}: ${w.between(0, 999)}`));
      break;
    case "go":
      lines.push(`func ${capitalise(camel())}(${w.topicWord()} int) int {`);
      repeat(() => `\t${camel()} := ${w.topicWord()} * ${w.between(2, 99)} // ${w.words(3)}`);
      lines.push(`\treturn ${w.topicWord()}`, "}");
      break;
    case "rust":
      lines.push(`fn ${snake()}(${w.topicWord()}: u32) -> u32 {`);
      repeat(() => `    let ${snake()} = ${w.topicWord()}.saturating_mul(${w.between(2, 99)});`);
      lines.push(`    ${w.topicWord()}`, "}");
      break;
    case "sql":
      repeat(() => `SELECT ${snake()}, count(*) FROM ${w.topicWord()} WHERE ${snake()} > ${w.between(0, 999)} GROUP BY 1;`);
      break;
    default:
      repeat(() => `2024-0${w.between(1, 9)}-1${w.between(0, 9)} 0${w.between(0, 9)}:${w.between(10, 59)}:${w.between(10, 59)} INFO ${w.topicWord()} ${w.words(5)}`);
  }
  return `\`\`\`${language}\n${lines.join("\n")}\n\`\`\``;
}

/** A GFM table: words down the first column, figures in the others. */
function table(w: Writer): string {
  const columns = w.between(2, 5);
  const row = (cell: (column: number) => string) => `| ${Array.from({ length: columns }, (_, column) => cell(column)).join(" | ")} |`;
  return [
    row(() => w.words(w.between(1, 2), true)),
    row((column) => (column === 0 ? "---" : w.pick(["---", "---:", ":---:"]))),
    ...Array.from({ length: w.between(3, 14) }, () => row((column) => (column === 0 ? w.words(w.between(1, 3)) : String(w.between(0, 99_999))))),
  ].join("\n");
}

/** A block of raw HTML: mostly what the sanitizer keeps (folds, remote images), now and then what it drops. */
function rawHtml(w: Writer, slug: string, paragraph: () => string): string {
  const r = w.next();
  const image = () => `<img src="https://example.com/images/${slug}-${w.between(1, 99)}.${w.pick(["png", "jpg", "webp"])}" alt="${w.words(w.between(3, 8))}" width="${w.pick([640, 800, 1200])}" height="${w.pick([360, 450, 675])}">`;
  if (r < 0.45) return `<details>\n<summary>${w.sentence(w.between(3, 7))}</summary>\n\n${paragraph()}\n\n</details>`;
  if (r < 0.65) return image();
  if (r < 0.77) return `<figure>\n  ${image()}\n  <figcaption>${w.sentence(w.between(5, 12))}</figcaption>\n</figure>`;
  if (r < 0.85) return `<dl>\n  <dt>${capitalise(w.topicWord())}</dt>\n  <dd>${w.sentence(w.between(6, 14))}</dd>\n</dl>`;
  if (r < 0.93) return `<div style="padding: 1em; border: 1px solid #ddd">\n\n${paragraph()}\n\n</div>`;
  return `<script>window.${w.topicWord()}${capitalise(w.commonWord())} = ${w.between(1, 999)};</script>`;
}

const thirdPerson = (verb: string) => (/(s|sh|ch|x|z)$/.test(verb) ? `${verb}es` : `${verb}s`);
const withArticle = (word: string) => `${/^[aeiou]/.test(word) ? "an" : "a"} ${word}`;

/** A headline: ordinary words in a headline's patterns around one or two of the topic's words. */
function headline(w: Writer): string {
  const t = w.topicWord;
  const n = () => COMMON_NOUNS[zipf(w.next, COMMON_NOUNS.length)]!;
  const v = () => COMMON_VERBS[zipf(w.next, COMMON_VERBS.length)]!;
  const a = () => COMMON_ADJECTIVES[zipf(w.next, COMMON_ADJECTIVES.length)]!;
  const patterns = [
    () => `${a()} ${t()} ${n()} ${thirdPerson(v())} ${n()}`,
    () => `how the ${t()} ${thirdPerson(v())} the ${n()}`,
    () => `${t()}: ${withArticle(a())} ${n()} for the ${n()}`,
    () => `the ${t()} ${n()} that ${thirdPerson(v())} ${withArticle(n())}`,
    () => `why the ${n()} is ${a()} for ${t()}`,
    () => `${t()} and ${t()}: ${withArticle(a())} ${n()}`,
    () => `${a()} ${n()} in ${t()} ${n()}`,
    () => `after the ${t()}, ${a()} ${n()} for the ${n()}`,
    () => `${t()} ${n()} to ${v()} ${a()} ${n()}`,
    () => `${n()} ${thirdPerson(v())} ${t()} ${n()} to the ${t()}`,
    () => `what ${a()} ${t()} ${n()} can ${v()}`,
    () => `in the ${n()} with ${t()} ${n()}`,
  ];
  return capitalise(w.pick(patterns)());
}

type ProsePlan = { slug: string; topicSlug: string; target: number; h1: boolean; html: boolean; huge: boolean };

/** A prose body of about `plan.target` bytes, in sections, with the article's share of code, tables, links and HTML. */
function proseBody(w: Writer, plan: ProsePlan): string {
  const h = plan.h1 ? "#" : "##";
  const url = () => `https://example.com/${plan.topicSlug}/${w.topicWord()}-${w.commonWord()}-${w.between(1, 9999)}`;
  const refs = w.chance(plan.huge ? 1 : 0.3) ? Array.from({ length: w.between(2, 6) }, (_, i) => (w.chance(0.5) ? String(i + 1) : `${w.topicWord()}-${i + 1}`)) : [];
  const footnote = w.chance(plan.huge ? 1 : 0.06);
  let footnoteUsed = false;
  // Every definition is used: the first uses of references take the unused labels in turn.
  const unused = [...refs];
  const referenceLink = () => `[${w.words(w.between(1, 4))}][${unused.shift() ?? w.pick(refs)}]`;

  // A sentence now and then carries a link, emphasis, inline code or a reference.
  const decoration = () => {
    const r = w.next();
    if (refs.length && r < 0.2) return referenceLink();
    if (r < 0.45) return `[${w.words(w.between(1, 4))}](${url()})`;
    if (r < 0.6) return `*${w.word()}*`;
    if (r < 0.72) return `**${w.words(w.between(1, 3))}**`;
    if (r < 0.78) return `_${w.word()}_`;
    if (r < 0.88) return `\`${w.topicWord()}_${w.commonWord()}\``;
    if (footnote && !footnoteUsed) {
      footnoteUsed = true;
      return `${w.word()}[^1]`;
    }
    return `${w.word()} \u2014 ${w.word()}`;
  };
  const sentence = () => {
    const length = w.between(6, 26);
    if (!w.chance(0.22)) return w.sentence(length);
    const before = w.between(1, length - 1);
    return `${w.words(before, true)} ${decoration()} ${w.words(length - before)}.`;
  };
  const paragraph = () => {
    let text = sentence();
    for (let i = w.between(1, 6); i > 0; i--) text += ` ${sentence()}`;
    return text;
  };
  const heading = () => capitalise(w.chance(0.6) ? `${w.words(w.between(1, 3))} ${w.topicWord()} ${w.words(w.between(0, 2))}`.trim() : w.words(w.between(2, 6)));
  const list = () => {
    const ordered = w.chance(0.3);
    const task = !ordered && w.chance(0.08);
    return Array.from({ length: w.between(3, 8) }, (_, i) => `${ordered ? `${i + 1}.` : task ? `- [${w.chance(0.5) ? "x" : " "}]` : "-"} ${w.sentence(w.between(4, 14))}`).join("\n");
  };
  const quote = () => `> ${w.sentence(w.between(8, 20))} ${w.sentence(w.between(6, 16))}`;
  const image = () => `![${w.words(w.between(2, 6))}](https://example.com/images/${plan.slug}-${w.between(1, 99)}.jpg)`;

  // What this article carries, placed in its first sections so that short articles carry it too.
  const features: Array<() => string> = [];
  if (plan.html) for (let i = w.between(1, 2); i > 0; i--) features.push(() => rawHtml(w, plan.slug, paragraph));
  if (w.chance(0.3)) for (let i = w.between(1, 3); i > 0; i--) features.push(() => codeBlock(w));
  if (w.chance(0.2)) features.push(() => table(w));
  if (w.chance(0.1)) features.push(image);
  shuffled(features, w.next);

  const blocks = [paragraph()];
  let size = blocks[0]!.length;
  const add = (block: string) => {
    blocks.push(block);
    size += block.length + 2;
  };
  if (w.chance(0.4)) add(paragraph());
  while (size < plan.target || features.length > 0) {
    add(`${h} ${heading()}`);
    for (let i = w.between(1, 4); i > 0; i--) add(paragraph());
    const feature = features.shift();
    if (feature) add(feature());
    // Huge bodies are long reports: more of everything, all the way down.
    if (plan.huge && w.chance(0.3)) add(w.chance(0.6) ? codeBlock(w) : table(w));
    if (w.chance(0.35)) add(list());
    if (w.chance(0.08)) add(quote());
    if (w.chance(0.2)) {
      add(`${h}# ${heading()}`);
      add(paragraph());
    }
  }
  if (unused.length) add(Array.from({ length: unused.length }, () => `${w.words(w.between(2, 8), true)} ${referenceLink()}.`).join(" "));
  if (footnoteUsed) add(`[^1]: ${w.sentence(w.between(6, 14))}`);
  if (refs.length) add(refs.map((ref) => `[${ref}]: ${url()}${w.chance(0.3) ? ` "${w.words(3, true)}"` : ""}`).join("\n"));
  return blocks.join("\n\n");
}

/** A version as projects write them: v3.12.0, 1.0, 20.0.0. */
function version(w: Writer): string {
  const major = zipf(w.next, 25);
  const minor = w.chance(0.15) ? 0 : w.between(0, 30);
  const patch = w.chance(0.5) ? 0 : w.between(1, 9);
  const r = w.next();
  if (r < 0.5) return `v${major}.${minor}.${patch}`;
  if (r < 0.65) return `${major}.${minor}`;
  return `${major}.${minor}.${patch}`;
}

/**
 * Release notes: 100-600 list items under section headings, each with bold markers and PR or commit
 * links; with `html`, the full commit list folded in a <details> at the end, as release tools write it.
 */
function changelog(w: Writer, project: string, h1: boolean, html: boolean) {
  const h = h1 ? "#" : "##";
  const repo = project.toLowerCase();
  const current = version(w);
  const previous = current.replace(/(\d+)$/, (last) => String(Math.max(0, Number(last) - 1)));
  const items = 100 + Math.floor(500 * w.next() ** 2);
  const sections = CHANGELOG_SECTIONS.filter((name) => name === "Features" || name === "Bug fixes" || w.chance(name === "Security" ? 0.4 : 0.5));
  // Fixes and features carry most items; the rest share what is left.
  const weights = sections.map((name) => (name === "Bug fixes" ? 4 : name === "Features" ? 3 : 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const item = (section: string) => {
    const pr = w.between(100, 29_999);
    const prefix = section === "Breaking changes" ? "**Breaking:** " : w.chance(0.8) ? `**${w.pick(CHANGELOG_WORDS)}:** ` : "";
    const verb = section === "Bug fixes" ? "Fix" : section === "Dependencies" ? "Bump" : w.pick(CHANGELOG_VERBS);
    const cve = section === "Security" && w.chance(0.6) ? ` (CVE-${w.between(2019, 2025)}-${w.between(1000, 49_999)})` : "";
    const sha = w.chance(0.4) ? w.hex(40) : undefined;
    const commit = sha ? ` ([\`${sha.slice(0, 7)}\`](https://example.com/${repo}/commit/${sha}))` : "";
    const handle = `${w.commonWord()}${w.between(1, 99)}`;
    const by = w.chance(0.5) ? ` by [@${handle}](https://example.com/${handle})` : "";
    const detail = w.chance(0.03) ? `\n  - ${w.sentence(w.between(4, 10))}` : "";
    return `- ${prefix}${verb} ${w.words(w.between(3, 10))}${cve} ([#${pr}](https://example.com/${repo}/pull/${pr}))${commit}${by}${detail}`;
  };
  const blocks = [`${project} ${current} is ${w.pick(["out", "available", "released"])}. ${w.sentence(w.between(10, 24))} ${w.sentence(w.between(8, 18))}`];
  if (w.chance(0.4)) blocks.push(`${h} Upgrading`, w.sentence(w.between(10, 20)), `\`\`\`bash\nnpm install ${repo}@${current.replace(/^v/, "")}\n\`\`\``);
  let weightSoFar = 0;
  for (const [index, name] of sections.entries()) {
    // Shares by cumulative rounding, so that they add up to `items` exactly.
    const from = Math.round((items * weightSoFar) / total);
    weightSoFar += weights[index]!;
    const share = Math.round((items * weightSoFar) / total) - from;
    if (share > 0) blocks.push(`${h} ${name}`, Array.from({ length: share }, () => item(name)).join("\n"));
  }
  blocks.push(`**Full changelog**: [${previous}...${current}](https://example.com/${repo}/compare/${previous}...${current})`);
  if (html) {
    const commits = Array.from({ length: w.between(5, 40) }, () => {
      const sha = w.hex(40);
      return `- [\`${sha.slice(0, 7)}\`](https://example.com/${repo}/commit/${sha}) ${w.sentence(w.between(3, 9))}`;
    });
    blocks.push(`<details>\n<summary>All commits</summary>\n\n${commits.join("\n")}\n\n</details>`);
  }
  const title = w.pick([`${project} ${current} released`, `${project} ${current}`, `Release notes: ${project} ${current}`, `What's new in ${project} ${current}`, `${project} ${current} is out`]);
  const summary = `${project} ${current} brings ${items} changes. ${w.sentence(w.between(10, 22))}`;
  return { title, summary, body: blocks.join("\n\n") };
}

/**
 * A deterministic archive shaped like a real one, `count` articles from `seed`:
 * - body sizes log-normal with a median of about 6 KB and a 90th percentile of about 25 KB, and
 *   0.1% (at least one from 200 articles) of 500-800 KB;
 * - 10% release notes of an invented project (100-600 bold, link-heavy items, CVE ids under Security);
 * - 18% with raw HTML blocks (folds, remote images, now and then a <script> or styled <div> the
 *   sanitizer drops), 20% with `#` sections (the rest `##`), 85% untagged, the rest 1-3 tags;
 * - fenced code in several languages, GFM tables, link references, inline links and emphasis;
 * - each prose article about one of TOPICS: its title has 1-2 of the topic's words, its summary
 *   and body use them at a few percent of words, among stop words and a Zipf vocabulary.
 * Shares are exact (up to rounding) at any count; 10,000 articles take a few seconds.
 */
export function realisticArchive(count: number, seed = 42): RealisticFile[] {
  const plan = stream(seed);
  const hugeCount = count >= 200 ? Math.max(1, Math.round(count * REALISTIC_SHARES.huge)) : 0;
  const changelogCount = Math.round(count * REALISTIC_SHARES.changelog);
  const kinds = new Array<ArticleKind>(count).fill("prose");
  shuffled(
    Array.from({ length: count }, (_, i) => i),
    plan,
  ).forEach((index, rank) => {
    if (rank < hugeCount) kinds[index] = "huge";
    else if (rank < hugeCount + changelogCount) kinds[index] = "changelog";
  });
  const html = quota(count, REALISTIC_SHARES.rawHtml, plan);
  const h1 = quota(count, REALISTIC_SHARES.h1Sections, plan);
  const tagged = quota(count, REALISTIC_SHARES.tagged, plan);
  const start = Date.UTC(2021, 0, 1);
  const span = 5 * 365 * 86_400_000;
  const slugs = new Set<string>();

  return Array.from({ length: count }, (_, i) => {
    const next = stream(Math.imul(seed, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b));
    const kind = kinds[i]!;
    const date = new Date(start + Math.floor(next() * span)).toISOString().slice(0, 10);
    let topic: string;
    let category: string;
    let title: string;
    let summary: string;
    let body: string;
    let tags: string[] = [];
    if (kind === "changelog") {
      const project = PROJECTS[zipf(next, PROJECTS.length)]!;
      const w = writerFor(next, CHANGELOG_WORDS, 0.15);
      ({ title, summary, body } = changelog(w, project, h1[i]!, html[i]!));
      topic = project;
      category = "tech";
      if (tagged[i]) tags = [project.toLowerCase(), "release-notes", w.pick(CHANGELOG_WORDS)].slice(0, w.between(1, 3));
    } else {
      // Some topics are written about more than others.
      const subject = TOPICS[Math.floor(TOPICS.length * next() ** 1.4)]!;
      topic = subject.name;
      category = next() < 0.75 ? subject.category : CATEGORIES[Math.floor(next() * CATEGORIES.length)]!;
      const w = writerFor(next, subject.words, SUMMARY_TOPIC_RATE);
      title = headline(w);
      summary = `${w.words(w.between(3, 12), true)} ${w.topicWord()} ${w.words(w.between(4, 16))}.${w.chance(0.5) ? ` ${w.sentence(w.between(8, 20))}` : ""}`;
      const target = kind === "huge" ? w.between(505_000, 780_000) : Math.min(250_000, Math.max(600, Math.round(PROSE_MEDIAN_BYTES * Math.exp(PROSE_SIGMA * normal(next)))));
      const slug = slugify(title);
      body = proseBody(writerFor(next, subject.words, PROSE_TOPIC_RATE), { slug, topicSlug: slugify(subject.name), target, h1: h1[i]!, html: html[i]!, huge: kind === "huge" });
      if (tagged[i]) {
        const pool = [slugify(subject.name), ...subject.words.slice(0, 6), ...GENERIC_TAGS];
        tags = [...new Set([w.chance(0.6) ? slugify(subject.name) : w.topicWord(), ...Array.from({ length: w.between(0, 2) }, () => w.pick(pool))])];
      }
    }
    let slug = slugify(title).split("-").slice(0, 9).join("-") || `article-${i}`;
    for (let n = 2; slugs.has(slug); n++) slug = `${slugify(title).split("-").slice(0, 9).join("-")}-${n}`;
    slugs.add(slug);
    const author = next() < 0.65 ? AUTHORS[Math.floor(next() * AUTHORS.length)] : undefined;
    const front = [
      "---",
      `title: ${JSON.stringify(title)}`,
      `date: ${date}`,
      `category: ${category}`,
      `summary: ${JSON.stringify(summary)}`,
      ...(tags.length ? [`tags: [${tags.join(", ")}]`] : []),
      ...(author ? [`author: ${author}`] : []),
      "---",
    ].join("\n");
    return { name: `${slug}.md`, slug, date, source: `${front}\n\n${body}\n`, topic, kind };
  });
}

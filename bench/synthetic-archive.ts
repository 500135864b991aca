/**
 * A deterministic synthetic archive: Markdown files of about 4 KB with
 * headings, lists, code and a table, 8 categories, tags drawn from a skewed
 * distribution, dates over five years. Vocabulary follows Zipf's law, so some
 * words are everywhere and most are rare, as in real prose. Some bodies have
 * the shapes of real archives: h1 sections, raw HTML, long release notes.
 */
import fs from "node:fs";
import path from "node:path";
import { eng as STOP_WORDS } from "stopword";

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

/** `slug` and `date` repeat what the file says, so benches can pick articles without parsing them. */
export type SyntheticFile = { name: string; slug: string; date: string; source: string };

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

/** Writes the archive of `count` articles into `dir` (which must exist). */
export function writeSyntheticArchive(dir: string, count: number): SyntheticFile[] {
  const files = syntheticArchive(count);
  for (const { name, source } of files) fs.writeFileSync(path.join(dir, name), source);
  return files;
}

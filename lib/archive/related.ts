/**
 * Related articles, ranked on what articles are about rather than on tags alone: most archives
 * leave most articles untagged. Pure functions, no I/O: the build computes `articleTerms` once per
 * article (in a worker, cached with the article), ranks the whole archive with `rankRelated`, and
 * stores the result; the server only reads it.
 *
 * Like Hugo's related `keywords` index: each article keeps a few distinctive keywords, an inverted
 * index finds the articles sharing them, and shared keywords, shared tags, the same category and
 * closeness in date make the score. Distinctiveness is tf-idf over the archive being ranked, so a
 * word that is everywhere in one archive (say "javascript" on a JavaScript blog) counts for nothing
 * there while it still tells a general news site's articles apart.
 */
import pluralize from "pluralize";
import { eng } from "stopword";

export const RELATED_COUNT = 3;

/** A word (or identifier such as `v20.0.0`) and its weight in one article. */
export type Term = [term: string, weight: number];
export type RelatedInput = { slug: string; title: string; tags: string[]; category: string; time: number; terms: Term[] };
/**
 * `reason` is a short line for readers: "Also about: generics, go" for a match, and for the
 * articles that fill a short list "Also in Science, same week", "More in Science", "From the same
 * week" or "Latest".
 */
export type Related = { slug: string; reason: string };

// ---------------------------------------------------------------------------------------------
// Terms of one article

/** Terms kept per article: enough for the tf-idf choice in `rankRelated`, small enough to store. */
const MAX_TERMS = 40;
const TITLE_WEIGHT = 3;
/** Terms of the title always kept, up to this many (a headline rarely has more). */
const MAX_TITLE_TERMS = 16;
const SUMMARY_WEIGHT = 2;
/** Longer tokens are hashes, base64 or URLs run together: never a subject. */
const MAX_TOKEN_LENGTH = 40;

/**
 * English words that say nothing of a subject, beyond the `stopword` list (which lacks, for
 * example, "not", "when", "will" and "its"): function words, then verbs, adjectives, adverbs and
 * abstract nouns common in any prose. Dropping them here matters because articleTerms keeps only
 * its top terms before the archive's own word counts are known; at ranking time, words common in
 * the archive at hand lose their weight anyway.
 */
const GENERIC_WORDS = `
  about above across actually after afterwards again against ago ahead all almost alone along already also although always among
  amongst and another any anybody anyone anything anyway anywhere are aren't around as aside at away back be became become becomes
  becoming been before beforehand behind being below beneath beside besides best better between beyond both but by can can't cannot
  could couldn't did didn't do does doesn't doing don't done down during each either else elsewhere enough etc even ever every
  everybody everyone everything everywhere except far few fewer for former formerly from further furthermore had hadn't has hasn't
  have haven't having he hence her here hereby herein hers herself him himself his how however i.e e.g if in indeed inside instead
  into is isn't it it's its itself just least less let let's lot lots mainly many may maybe me meanwhile might mine more moreover
  most mostly much must my myself namely near nearly neither never nevertheless next no nobody none nor not nothing now nowhere of
  off often on once one ones only onto or other others otherwise ought our ours ourselves out outside over overall own per perhaps
  quite rather really same several shall she should shouldn't since so some somebody someone something sometimes somewhat somewhere
  soon still such than that that's the their theirs them themselves then there thereby therefore these they this those though
  through throughout thus till to together too toward towards under unless unlike until up upon us very via was wasn't we well were
  weren't what whatever when whenever where whereas wherever whether which while who whoever whole whom whose why will with within
  without won't would wouldn't yes yet you your yours yourself yourselves
  able add added adding allow allowed allows appear appeared appears ask asked asking based become began begin begins believe
  bring brings brought build built call called calls came change changed changes come comes coming consider considered continue
  continued continues create created creates decide decided describe described did find finds found gave get gets getting give
  given gives giving go goes going gone got happen happened help helped helps hold holds include included includes including
  keep keeps kept know knew known knows lead leads learn learned leave left like liked likes look looked looking looks made make
  makes making mean means meant meet move moved moves need needed needs offer offered open opened provide provided provides put
  puts read reads remain remained remains run runs said say saying says see seem seemed seems seen set sets show showed shown shows
  start started starts take taken takes taking tell tells think thinks thought told took tried tries try trying turn turned turns
  use used uses using want wanted wants went work worked works write writes written
  big certain clear common different due early easy entire especially example fact far final first following full general good
  great high important key large last late later latest likely little long low main major many new next old possible real recent
  recently second short similar simple single small specific strong sure third true various whole wide
  area case day days end form group hand kind lot month months number part people place point problem question reason result side
  thing things time times way ways week weeks year years
  monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october november
  december
`;
const STOP_WORDS = new Set([...eng, ...GENERIC_WORDS.split(/\s+/).filter(Boolean)]);

/**
 * A word, or an identifier whose parts are joined by dots, hyphens or apostrophes (`node.js`,
 * `CVE-2023-44487`, `o'brien`), with `++` or `#` allowed at its end (`C++`, `C#`). A joiner counts
 * only between two letters or digits, so a full stop never joins a word. Underscores part words:
 * `max_connections` is about "max" and "connections".
 */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['.-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*(?:\+\+|#(?![\p{L}\p{N}]))?/gu;
/** TOKEN for ASCII text, where it matches the same and runs two to three times faster. */
const ASCII_TOKEN = /[a-z0-9]+(?:['.-][a-z0-9]+)*(?:\+\+|#(?![a-z0-9]))?/gi;
/** Letters, digits or marks beyond ASCII, or curly apostrophes: text that needs TOKEN (and NFKC). */
const NOT_ASCII = /[^\x00-\x7f]/;
const NOT_ASCII_WORD = /(?![\x00-\x7f])[\p{L}\p{M}\p{N}‘’]/u;
const HAS_DIGIT = /\p{N}/u;
const ALL_DIGITS = /^\p{N}+$/u;
const ONLY_LETTERS = /^\p{L}+$/u;
const CONTRACTION = /(?:n't|'re|'ve|'ll|'d|'m)$/;

/** Nouns in "-ie" whose plurals pluralize would fold to "-y" ("cookies" to "cooky"). */
const IE_NOUNS = new Set(
  (
    "aussie birdie bookie brownie budgie calorie cookie cutie eyrie foodie freebie genie goalie groupie hippie hoodie indie junkie " +
    "kiddie lingerie movie newbie pixie prairie rookie selfie smoothie sortie sweetie techie veggie yuppie zombie"
  ).split(" "),
);

/** Plural folding is regex-heavy; a word's folding is remembered, up to a bound. */
const singulars = new Map<string, string>();
const MAX_REMEMBERED_SINGULARS = 100_000;

/**
 * One word, folded to its singular: "browsers" and "browser" are one term. Only words of letters
 * that end in "s" fold, and only to a singular of three letters or more, so "news", "glass", "js",
 * "ios" and identifiers stay as written.
 */
function singular(word: string): string {
  if (word.length < 4 || !word.endsWith("s") || word.endsWith("ss") || !ONLY_LETTERS.test(word)) return word;
  let folded = singulars.get(word);
  if (folded === undefined) {
    folded = IE_NOUNS.has(word.slice(0, -1)) ? word.slice(0, -1) : pluralize.singular(word);
    if (folded.length < 3 || STOP_WORDS.has(folded)) folded = word;
    if (singulars.size >= MAX_REMEMBERED_SINGULARS) singulars.clear();
    singulars.set(word, folded);
  }
  return folded;
}

/** The term a word stands for, or undefined when it says nothing of a subject. */
function termOf(raw: string): string | undefined {
  const word = raw.toLowerCase();
  if (word.length > MAX_TOKEN_LENGTH || STOP_WORDS.has(word)) return undefined;
  const first = word.charCodeAt(0);
  if (first >= 48 && first <= 57 && ALL_DIGITS.test(word)) return undefined;
  if (word.length < 3) {
    // Two characters carry a subject as an acronym ("AI", "EU"), or with a digit or sharp ("5g", "c#").
    const acronym = raw !== word && raw === raw.toUpperCase();
    return word.length === 2 && (acronym || HAS_DIGIT.test(word) || word.endsWith("#")) ? word : undefined;
  }
  return singular(word);
}

/** Calls `add` with each term of `text`, in order. */
function eachTerm(text: string, add: (term: string) => void) {
  const tokens = NOT_ASCII.test(text) && NOT_ASCII_WORD.test(text) ? text.normalize("NFKC").replace(/[‘’]/g, "'").match(TOKEN) : text.match(ASCII_TOKEN);
  for (let raw of tokens ?? []) {
    if (raw.includes("'")) {
      if (/'s$/i.test(raw)) raw = raw.slice(0, -2);
      else if (CONTRACTION.test(raw.toLowerCase())) continue;
    }
    // Dots or digits make an identifier, kept whole (`v20.0.0`, `node.js`, `covid-19`); a
    // compound of words is its words ("open-source" is "open" and "source").
    if (raw.includes("-") && !raw.includes(".") && !HAS_DIGIT.test(raw)) {
      for (const part of raw.split("-")) {
        const term = termOf(part);
        if (term !== undefined) add(term);
      }
      continue;
    }
    const term = termOf(raw);
    if (term !== undefined) add(term);
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Per article, its weighted distinctive terms, from its title, summary and body text: words and
 * identifiers, lowercased, without stop words, plurals folded. Title occurrences weigh 3 and
 * summary occurrences 2 to the body's 1; the weight is 1 + ln(weighted count), so a word said
 * twenty times does not drown one said three times. At most 40 terms: those of the title (the
 * surest sign of what an article is about, which a long body's repeated words could otherwise
 * push out), then the heaviest; listed heaviest first (ties: first said first). The same for the
 * same input.
 */
export function articleTerms(input: { title: string; summary: string; text: string }): Term[] {
  const counts = new Map<string, number>();
  const addWith = (weight: number) => (term: string) => counts.set(term, (counts.get(term) ?? 0) + weight);
  eachTerm(input.title, addWith(TITLE_WEIGHT));
  const inTitle = Math.min(counts.size, MAX_TITLE_TERMS);
  eachTerm(input.summary, addWith(SUMMARY_WEIGHT));
  eachTerm(input.text, addWith(1));
  // A Map iterates in insertion order: the index is where the term was first said, and the title's come first.
  const terms = [...counts].map(([term, count], first) => ({ term, weight: round(1 + Math.log(count)), first }));
  const heaviest = (a: (typeof terms)[number], b: (typeof terms)[number]) => b.weight - a.weight || a.first - b.first;
  const rest = terms.slice(inTitle).sort(heaviest).slice(0, MAX_TERMS - inTitle);
  return [...terms.slice(0, inTitle), ...rest].sort(heaviest).map(({ term, weight }) => [term, weight]);
}

// ---------------------------------------------------------------------------------------------
// Ranking the archive

/** Keywords per article: its terms of highest tf-idf that other articles share. */
const KEYWORDS = 12;
/** Tags per article that take part (its rarest), so candidates stay bounded. */
const MAX_TAGS = 8;
/** A term in more than this share of articles does not tell them apart and is no keyword... */
const MAX_SHARE = 0.05;
/** ...unless the archive is so small that the share is fewer articles than this. */
const MIN_MAX_DOCUMENTS = 3;
/** A tag weighs like a term said in the title, summary and body: an editor chose it. */
const TAG_WEIGHT = 3;
/** A keyword in both headlines counts this many times over: headlines say what articles are about. */
const BOTH_TITLES = 2;
/** Per keyword or tag, only the articles nearest in date are candidates: ranking stays near-linear. */
const POSTINGS_PER_KEYWORD = 48;
/** Candidates, by their partly counted score, whose score is then counted in full (or twice `count`). */
const RESCORED = 12;
/**
 * Bonuses are shares of what two articles share, so they reorder close candidates at any archive
 * size and never outweigh a keyword: 10% more in the same category, up to 10% for closeness
 * in date (10% the same day, 5% a half-year apart, 3% a year apart; never a cut-off), and up to
 * 10% for being recent, a gentle decay from the archive's newest article (10% for the newest, 5%
 * a year older, 2.5% three years older; never a cut-off), so that among equal matches readers
 * are offered the newer.
 */
const CATEGORY_BONUS = 0.1;
const DATE_BONUS = 0.1;
const RECENCY_BONUS = 0.1;
const MAX_BONUS = 1 + CATEGORY_BONUS + DATE_BONUS + RECENCY_BONUS;
const DAY_MS = 86_400_000;
const DATE_SCALE_MS = 182 * DAY_MS;
const RECENCY_SCALE_MS = 365 * DAY_MS;
const REASON_TERMS = 3;
/** Tag keys cannot collide with terms: no term starts with a control character. */
const TAG_KEY = "\u0001";

/** "world-news" reads "World News", as the site's own category labels do. */
const defaultCategoryLabel = (category: string) =>
  category
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");

const bySlug = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const newestFirst = (a: RelatedInput, b: RelatedInput) => b.time - a.time || bySlug(a.slug, b.slug);

/** Monday-based calendar weeks since 1970; half a day added, so a midnight in any zone counts as its own day. */
const weekOf = (time: number) => Math.floor((Math.floor((time + DAY_MS / 2) / DAY_MS) + 3) / 7);

/** Position of `value` in the ascending `list` between `start` and `end`. */
function positionOf(list: Int32Array, start: number, end: number, value: number): number {
  let low = start;
  let high = end;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * For every article, up to `count` related others, best first. Each article keeps as keywords its
 * 12 terms of highest tf-idf among those found in at least two articles and at most 5% of them
 * (tags count too, like a keyword the editor gave); an inverted index maps each keyword to its
 * articles in date order. A candidate scores the sum, over the keywords and tags it shares with
 * the article, of both articles' weights for them (doubled for a keyword in both headlines), and
 * a little more for the same category (10%), for closeness in date and for being recent (up to
 * 10% each, never a cut-off).
 * Per keyword, only the 48 articles nearest in date are candidates, so the whole ranking is
 * near-linear in the archive's size.
 *
 * When fewer than `count` candidates score, the newest articles of the same category and then the
 * newest overall fill the list, so it is never empty while other articles exist. Never the
 * article itself. Ties go to the newer article, then the slug; the result does not depend on the
 * order of `articles` (which must exclude drafts). A slug given twice counts once: the newer.
 */
export function rankRelated(
  articles: readonly RelatedInput[],
  count = RELATED_COUNT,
  categoryLabel: (category: string) => string = defaultCategoryLabel,
): Map<string, Related[]> {
  const seen = new Set<string>();
  const ordered = [...articles].sort(newestFirst).filter((article) => !seen.has(article.slug) && seen.add(article.slug));
  const total = ordered.length;
  const result = new Map<string, Related[]>(ordered.map((article) => [article.slug, []]));
  if (count <= 0 || total < 2) return result;

  // Terms and tags get ids, and each article its list of them, once each (a repeated term keeps
  // its heaviest weight). Flat arrays throughout: the loops below take some thousand steps per
  // article, and per-article objects would leave the garbage collector most of the work.
  const ids = new Map<string, number>();
  const names: string[] = [];
  const documents: number[] = [];
  const seenIn: number[] = [];
  const slotOf: number[] = [];
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = names.length;
      ids.set(key, id);
      names.push(key);
      documents.push(0);
      seenIn.push(-1);
      slotOf.push(0);
    }
    return id;
  };
  const termStarts = new Int32Array(total + 1);
  const termIds: number[] = [];
  const termWeights: number[] = [];
  const tagStarts = new Int32Array(total + 1);
  const tagIds: number[] = [];
  ordered.forEach((article, index) => {
    for (const [term, weight] of article.terms) {
      if (!(weight > 0) || !Number.isFinite(weight)) continue;
      const id = idOf(term);
      if (seenIn[id] === index) {
        termWeights[slotOf[id]!] = Math.max(termWeights[slotOf[id]!]!, weight);
        continue;
      }
      seenIn[id] = index;
      slotOf[id] = termIds.length;
      documents[id]! += 1;
      termIds.push(id);
      termWeights.push(weight);
    }
    termStarts[index + 1] = termIds.length;
    for (const tag of article.tags) {
      const id = idOf(TAG_KEY + tag);
      if (seenIn[id] === index) continue;
      seenIn[id] = index;
      documents[id]! += 1;
      tagIds.push(id);
    }
    tagStarts[index + 1] = tagIds.length;
  });

  // Keywords: each article's most distinctive terms, and its rarest tags, weighed by tf-idf.
  const maxDocuments = Math.max(MIN_MAX_DOCUMENTS, Math.floor(MAX_SHARE * total));
  const idf = (id: number) => Math.log(total / documents[id]!);
  const keywordStarts = new Int32Array(total + 1);
  const keywordIdList: number[] = [];
  const keywordWeightList: number[] = [];
  const keywordTitleList: number[] = [];
  const titleOf = new Int32Array(names.length).fill(-1);
  const byWeight = (a: { id: number; weight: number }, b: { id: number; weight: number }) =>
    b.weight - a.weight || bySlug(names[a.id]!, names[b.id]!);
  // The heaviest so far, heaviest first (ties: the term first in the alphabet).
  const chosen = new Int32Array(Math.max(KEYWORDS, MAX_TAGS));
  const chosenWeight = new Float64Array(chosen.length);
  let chosenCount = 0;
  const choose = (id: number, weight: number, most: number) => {
    const before = (at: number) => weight > chosenWeight[at]! || (weight === chosenWeight[at]! && names[id]! < names[chosen[at]!]!);
    if (chosenCount === most && !before(most - 1)) return;
    let at = chosenCount < most ? chosenCount++ : most - 1;
    for (; at > 0 && before(at - 1); at--) {
      chosen[at] = chosen[at - 1]!;
      chosenWeight[at] = chosenWeight[at - 1]!;
    }
    chosen[at] = id;
    chosenWeight[at] = weight;
  };
  const keep = (index: number) => {
    for (let k = 0; k < chosenCount; k++) {
      keywordIdList.push(chosen[k]!);
      keywordWeightList.push(chosenWeight[k]!);
      keywordTitleList.push(titleOf[chosen[k]!] === index ? 1 : 0);
    }
    chosenCount = 0;
  };
  for (let index = 0; index < total; index++) {
    // Which terms are in the headline: a keyword in both headlines counts double.
    eachTerm(ordered[index]!.title, (term) => {
      const id = ids.get(term);
      if (id !== undefined) titleOf[id] = index;
    });
    for (let t = termStarts[index]!; t < termStarts[index + 1]!; t++) {
      const id = termIds[t]!;
      const documentCount = documents[id]!;
      if (documentCount >= 2 && documentCount <= maxDocuments && documentCount < total) choose(id, termWeights[t]! * idf(id), KEYWORDS);
    }
    keep(index);
    for (let t = tagStarts[index]!; t < tagStarts[index + 1]!; t++) {
      const id = tagIds[t]!;
      if (documents[id]! >= 2 && documents[id]! < total) choose(id, TAG_WEIGHT * idf(id), MAX_TAGS);
    }
    keep(index);
    keywordStarts[index + 1] = keywordIdList.length;
  }
  const keywordIds = Int32Array.from(keywordIdList);
  const keywordWeights = Float64Array.from(keywordWeightList);
  const keywordInTitle = Uint8Array.from(keywordTitleList);

  // The inverted index, from keyword to the articles that have it, in date order (newest first).
  const starts = new Int32Array(names.length + 1);
  for (const id of keywordIds) starts[id + 1]! += 1;
  for (let id = 0; id < names.length; id++) starts[id + 1]! += starts[id]!;
  const fill = starts.slice(0, names.length);
  const postings = new Int32Array(starts[names.length]!);
  const postingWeights = new Float64Array(postings.length);
  const postingInTitle = new Uint8Array(postings.length);
  const postingTimes = new Float64Array(postings.length);
  for (let index = 0; index < total; index++) {
    for (let k = keywordStarts[index]!; k < keywordStarts[index + 1]!; k++) {
      const at = fill[keywordIds[k]!]!++;
      postings[at] = index;
      postingWeights[at] = keywordWeights[k]!;
      postingInTitle[at] = keywordInTitle[k]!;
      postingTimes[at] = ordered[index]!.time;
    }
  }

  const times = Float64Array.from(ordered, (article) => article.time);
  const categoryIds = new Map<string, number>();
  const categories = Int32Array.from(ordered, (article) => {
    if (!categoryIds.has(article.category)) categoryIds.set(article.category, categoryIds.size);
    return categoryIds.get(article.category)!;
  });
  const byCategory = ordered.map(() => [] as number[]).slice(0, categoryIds.size);
  categories.forEach((category, index) => byCategory[category]!.push(index));
  const everyIndex = ordered.map((_, index) => index);

  const score = new Float64Array(total);
  const touched = new Int32Array(total);
  const touchedBy = new Int32Array(total).fill(-1);
  const picks = new Int32Array(POSTINGS_PER_KEYWORD + 1);
  const mark = new Int32Array(names.length).fill(-1);
  const markWeight = new Float64Array(names.length);
  const markInTitle = new Uint8Array(names.length);
  const rescored = Math.max(RESCORED, 2 * count);
  const best = new Int32Array(rescored);
  const bestScore = new Float64Array(rescored);

  // The work per article, in functions small enough for the engine to optimize early.

  const newest = times[0]!;
  /** 1, and the bonuses of `other` as a match for the article at `index`: the same category, closeness in date, recency. */
  const bonus = (index: number, other: number) =>
    1 +
    (categories[other] === categories[index] ? CATEGORY_BONUS : 0) +
    DATE_BONUS / (1 + Math.abs(times[other]! - times[index]!) / DATE_SCALE_MS) +
    RECENCY_BONUS / (1 + (newest - times[other]!) / RECENCY_SCALE_MS);

  /**
   * Marks the keywords of the article at `index` and, for each, walks its list out from the
   * article, nearest in date first, adding what each candidate shares to its score. Returns how
   * many candidates are in `touched`.
   */
  const gather = (index: number): number => {
    const time = times[index]!;
    let candidates = 0;
    for (let k = keywordStarts[index]!; k < keywordStarts[index + 1]!; k++) {
      const id = keywordIds[k]!;
      const weight = keywordWeights[k]!;
      const inTitle = keywordInTitle[k]!;
      mark[id] = index;
      markWeight[id] = weight;
      markInTitle[id] = inTitle;
      const start = starts[id]!;
      const end = starts[id + 1]!;
      let picked = 0;
      if (end - start <= POSTINGS_PER_KEYWORD + 1) {
        // Most lists are short: all of it but the article itself.
        for (let pick = start; pick < end; pick++) if (postings[pick] !== index) picks[picked++] = pick;
      } else {
        // The article is in the list of each of its keywords.
        const at = positionOf(postings, start, end, index);
        let newer = at - 1;
        let older = at + 1;
        while (picked < POSTINGS_PER_KEYWORD && (newer >= start || older < end)) {
          if (older >= end || (newer >= start && postingTimes[newer]! - time <= time - postingTimes[older]!)) picks[picked++] = newer--;
          else picks[picked++] = older++;
        }
      }
      for (let p = 0; p < picked; p++) {
        const pick = picks[p]!;
        const other = postings[pick]!;
        if (touchedBy[other] !== index) {
          touchedBy[other] = index;
          score[other] = 0;
          touched[candidates++] = other;
        }
        score[other]! += (weight + postingWeights[pick]!) * (inTitle & postingInTitle[pick]! ? BOTH_TITLES : 1);
      }
    }
    return candidates;
  };

  /**
   * Keeps in `best` the candidates of highest partly counted score (a shared keyword may lie
   * beyond another list's nearest in date), better first and on a tie the newer (the lower
   * index). Returns how many.
   */
  const keepBest = (index: number, candidates: number): number => {
    let kept = 0;
    for (let c = 0; c < candidates; c++) {
      const other = touched[c]!;
      // Most candidates fall short even with the largest bonus.
      if (kept === rescored && score[other]! * MAX_BONUS < bestScore[kept - 1]!) continue;
      const value = score[other]! * bonus(index, other);
      if (kept === rescored && (value < bestScore[kept - 1]! || (value === bestScore[kept - 1]! && other > best[kept - 1]!))) continue;
      let at = kept < rescored ? kept++ : kept - 1;
      for (; at > 0 && (value > bestScore[at - 1]! || (value === bestScore[at - 1]! && other < best[at - 1]!)); at--) {
        best[at] = best[at - 1]!;
        bestScore[at] = bestScore[at - 1]!;
      }
      best[at] = other;
      bestScore[at] = value;
    }
    return kept;
  };

  /** What `other` shares with the marked article at `index`, counted in full: every keyword and tag, with the bonuses. */
  const fullScore = (index: number, other: number) => {
    let sum = 0;
    for (let k = keywordStarts[other]!; k < keywordStarts[other + 1]!; k++) {
      const id = keywordIds[k]!;
      if (mark[id] === index) sum += (keywordWeights[k]! + markWeight[id]!) * (keywordInTitle[k]! & markInTitle[id]! ? BOTH_TITLES : 1);
    }
    return sum * bonus(index, other);
  };

  /**
   * "Also about: golang, generic, 1.18": what `other` shares with the article at `index`, tags first
   * (an editor's words), then the heaviest terms; each word once, two-letter ones in capitals.
   */
  const reason = (index: number, other: number) => {
    const shared: { id: number; weight: number; tag: number }[] = [];
    for (let k = keywordStarts[other]!; k < keywordStarts[other + 1]!; k++) {
      const id = keywordIds[k]!;
      if (mark[id] !== index) continue;
      const weight = (keywordWeights[k]! + markWeight[id]!) * (keywordInTitle[k]! & markInTitle[id]! ? BOTH_TITLES : 1);
      shared.push({ id, weight, tag: Number(names[id]!.startsWith(TAG_KEY)) });
    }
    // A tag and a term can be one word ("ai" both ways): said once. Two-letter words are acronyms ("AI", "5G").
    const words = new Set(
      shared
        .sort((a, b) => b.tag - a.tag || byWeight(a, b))
        .map(({ id, tag }) => (tag ? names[id]!.slice(TAG_KEY.length).replace(/-/g, " ") : names[id]!))
        .map((word) => (word.length <= 2 ? word.toUpperCase() : word)),
    );
    return `Also about: ${[...words].slice(0, REASON_TERMS).join(", ")}`;
  };

  for (let index = 0; index < total; index++) {
    const article = ordered[index]!;
    const ranked = Array.from(best.subarray(0, keepBest(index, gather(index))), (other) => ({ other, score: fullScore(index, other) }))
      .sort((a, b) => b.score - a.score || a.other - b.other)
      .slice(0, count);
    const related: Related[] = ranked.map(({ other }) => ({ slug: ordered[other]!.slug, reason: reason(index, other) }));

    if (related.length < count) {
      const chosen = new Set([index, ...ranked.map(({ other }) => other)]);
      const sameWeek = (other: number) => weekOf(times[other]!) === weekOf(times[index]!);
      const fillFrom = (list: readonly number[], why: (other: number) => string) => {
        for (const other of list) {
          if (related.length >= count) return;
          if (chosen.has(other)) continue;
          chosen.add(other);
          related.push({ slug: ordered[other]!.slug, reason: why(other) });
        }
      };
      const label = categoryLabel(article.category);
      fillFrom(byCategory[categories[index]!]!, (other) => (sameWeek(other) ? `Also in ${label}, same week` : `More in ${label}`));
      fillFrom(everyIndex, (other) => (sameWeek(other) ? "From the same week" : "Latest"));
    }
    result.set(article.slug, related);
  }
  return result;
}

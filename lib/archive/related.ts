import type { Article } from "../content/article-schema";
import { newestFirst } from "./newest-first";

export const RELATED_COUNT = 3;

// Per shared tag or category, only the neighbours nearest in date are scored,
// so ranking the whole archive stays linear in its size even when a tag is on
// thousands of articles.
const NEIGHBOURS_PER_LIST = 60;
const DAY_MS = 86_400_000;

type Lists = Map<string, Article[]>;

export type RelatedIndex = { newest: Article[]; byTag: Lists; byCategory: Lists };

function addTo(lists: Lists, key: string, article: Article) {
  const list = lists.get(key);
  if (list) list.push(article);
  else lists.set(key, [article]);
}

/** Builds the tag and category lists once; `articles` must be newest first and exclude drafts. */
export function buildRelatedIndex(articles: readonly Article[]): RelatedIndex {
  const byTag: Lists = new Map();
  const byCategory: Lists = new Map();
  for (const article of articles) {
    addTo(byCategory, article.category, article);
    for (const tag of article.tags) addTo(byTag, tag, article);
  }
  return { newest: [...articles], byTag, byCategory };
}

/** Position of `article` in a newest-first list (where it would stand, if absent). */
function positionIn(list: readonly Article[], article: Article): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (newestFirst(list[middle]!, article) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Up to `count` members of a newest-first list nearest in date to `article`. */
function nearestInDate(list: readonly Article[], article: Article, count: number): Article[] {
  if (list.length <= count) return [...list];
  const at = positionIn(list, article);
  let before = at - 1;
  let after = at;
  const found: Article[] = [];
  while (found.length < count && (before >= 0 || after < list.length)) {
    const earlier = list[after];
    const later = list[before];
    const takeLater =
      later !== undefined && (earlier === undefined || Math.abs(later.date.time - article.date.time) <= Math.abs(earlier.date.time - article.date.time));
    if (takeLater) {
      found.push(later);
      before -= 1;
    } else {
      found.push(earlier!);
      after += 1;
    }
  }
  return found;
}

/**
 * Related articles: shared tags weigh most, then the same category, then
 * closeness in date. When fewer than `count` score, newest articles in the
 * same category and then newest overall fill the rest, so the section is
 * never empty while other articles exist. Never the article itself.
 */
export function relatedArticles(index: RelatedIndex, article: Article, count = RELATED_COUNT): Article[] {
  const sharedTags = new Map<Article, number>();
  for (const tag of article.tags) {
    for (const other of nearestInDate(index.byTag.get(tag) ?? [], article, NEIGHBOURS_PER_LIST)) {
      sharedTags.set(other, (sharedTags.get(other) ?? 0) + 1);
    }
  }
  const sameCategory = index.byCategory.get(article.category) ?? [];
  const candidates = new Set([...sharedTags.keys(), ...nearestInDate(sameCategory, article, count + 1)]);
  candidates.delete(article);

  const score = (other: Article) =>
    3 * (sharedTags.get(other) ?? 0) +
    (other.category === article.category ? 2 : 0) +
    1 / (1 + Math.abs(other.date.time - article.date.time) / (30 * DAY_MS));

  const ranked = [...candidates]
    .map((other) => ({ other, score: score(other) }))
    .sort((a, b) => b.score - a.score || newestFirst(a.other, b.other))
    .slice(0, count)
    .map(({ other }) => other);

  for (const fallback of [sameCategory, index.newest]) {
    for (const other of fallback) {
      if (ranked.length >= count) return ranked;
      if (other !== article && other.slug !== article.slug && !ranked.includes(other)) ranked.push(other);
    }
  }
  return ranked;
}

const WORDS_PER_MINUTE = 200;

/** Whole minutes at an unhurried reading pace, never less than one. */
export function readingTime(wordCount: number): number {
  return Math.max(1, Math.ceil(wordCount / WORDS_PER_MINUTE));
}

/**
 * Trending windows. Besides its total, every counted view is added to its article's count for
 * the hour it was counted in (hours are UTC clock hours: `Math.floor(ms / HOUR_MS)`). A window of
 * N hours is the current, partial hour plus the N - 1 whole hours before it: "the last 24 hours"
 * at 14:20 runs from 15:00 yesterday to now, so it always holds every view of the last 23 hours
 * and never one more than 24 hours old. It moves on hour by hour.
 */
export const HOUR_MS = 60 * 60 * 1000;

/** The windows a trending list can cover, by their name in `?window=`, in hours. */
export const TREND_WINDOWS = { "24h": 24, "7d": 7 * 24 } as const;
export type TrendWindow = keyof typeof TREND_WINDOWS;

export const isTrendWindow = (value: string): value is TrendWindow => Object.hasOwn(TREND_WINDOWS, value);

/** The longest window a store answers for. */
export const LONGEST_WINDOW_HOURS = 7 * 24;

/**
 * Hourly counts kept: the longest window plus the hour before it (slack for instances whose
 * clocks differ a little). At hour `h`, the buckets of hours before `h - LONGEST_WINDOW_HOURS` are
 * pruned: the SQLite store deletes their rows, and each Redis bucket expires at the start of
 * hour `bucket + KEPT_HOURS`.
 */
export const KEPT_HOURS = LONGEST_WINDOW_HOURS + 1;

/** The hour a moment falls in, counted from the epoch. */
export const hourOf = (ms: number) => Math.floor(ms / HOUR_MS);

/** Milliseconds since the epoch; stores take one so that tests can move time. */
export type Clock = () => number;

/** The first and last hour a window of `hours` covers at `now`. Throws for a window no store keeps. */
export function windowHours(hours: number, now: number): { first: number; last: number } {
  if (!Number.isInteger(hours) || hours < 1 || hours > LONGEST_WINDOW_HOURS) {
    throw new RangeError(`a window is 1 to ${LONGEST_WINDOW_HOURS} hours, not ${hours}`);
  }
  const last = hourOf(now);
  return { first: last - hours + 1, last };
}

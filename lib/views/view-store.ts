/** A count that was asked for, and whether this request added to it. */
export type RecordResult = { views: number; counted: boolean };

export type TopEntry = { slug: string; views: number };

/**
 * How many views one client (an address, or an IPv6 /64) may add to one article's count within
 * a window, whatever cookies or browsers it presents: a household or an office shares an address,
 * and so does someone minting new readers to inflate a count.
 */
export type Allowance = { client: string; limit: number };

/**
 * Where view counts live. Implementations are atomic across processes: a
 * view is counted only if none of `readers` saw `slug` within the window,
 * and, given an `allowance`, its client has counted fewer than `limit` views
 * of `slug` in its own window (which starts with its first counted view);
 * either way, every reader not within its window is marked as having seen it.
 */
export interface ViewStore {
  record(slug: string, readers: readonly string[], windowMs: number, allowance?: Allowance): Promise<RecordResult>;
  get(slug: string): Promise<number>;
  top(limit: number): Promise<TopEntry[]>;
  /**
   * The most-read articles over the last `hours` (1 to LONGEST_WINDOW_HOURS): the sum of their
   * hourly counts from the current hour and the `hours - 1` before it, by the store's clock (see
   * windows.ts), most first, ties by slug. A view enters its hour's count in the same atomic step
   * as the total, so by the same rules.
   */
  topInWindow(hours: number, limit: number): Promise<TopEntry[]>;
  close(): Promise<void>;
}

const UNAVAILABLE = Symbol.for("harbor-ledger.store-unavailable");

/** The store could not be reached or written; callers answer 503 or hide the count. */
export class StoreUnavailableError extends Error {
  readonly [UNAVAILABLE] = true;

  // Next gives each route bundle (and instrumentation.ts) its own copy of this module, while the
  // store is one per process: `instanceof` must recognise an error made by any copy.
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && UNAVAILABLE in value;
  }

  constructor(cause: unknown) {
    super(`view store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "StoreUnavailableError";
  }
}

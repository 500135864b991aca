/** A count that was asked for, and whether this request added to it. */
export type RecordResult = { views: number; counted: boolean };

export type TopEntry = { slug: string; views: number };

/**
 * Where view counts live. Implementations are atomic across processes: a
 * view is counted only if none of `readers` saw `slug` within the window;
 * either way, every reader not within its window is marked as having seen it.
 */
export interface ViewStore {
  record(slug: string, readers: readonly string[], windowMs: number): Promise<RecordResult>;
  get(slug: string): Promise<number>;
  top(limit: number): Promise<TopEntry[]>;
  close(): Promise<void>;
}

/** The store could not be reached or written; callers answer 503 or hide the count. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`view store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "StoreUnavailableError";
  }
}

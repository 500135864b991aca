import { LRUCache } from "lru-cache";
import { processWide } from "../archive/process-wide";
import { tooManyRequests } from "./api-responses";
import { addressKey, clientAddress } from "./client-address";
import { envNumber } from "./env-number";

/** The most clients one limiter keeps a count for; past it, the least recently seen is forgotten. */
export const MAX_TRACKED_CLIENTS = 50_000;

/** At most this many expired counts are dropped per request, so that no request pays for many. */
const PRUNE_BATCH = 64;

type Window = { start: number; count: number };

/**
 * `points` requests per `windowMs` for each key, in a fixed window that opens
 * at the key's first request. A key costs its string and two numbers: there
 * are no timers and no callbacks, so nothing a request carries (its headers,
 * its async context) is kept past the call. The clock is whatever `now` the
 * caller passes, in milliseconds, so tests control time.
 *
 * Memory is bounded twice: an LRU of `maxClients` keys forgets the least
 * recently seen client when full (so a flood of new addresses costs a
 * forgotten client a fresh budget, never memory, while a client still
 * sending stays at the recent end and keeps its count); and each call drops
 * a few of the least recently seen keys whose window has ended, so counts
 * for clients gone quiet do not outlive their window by long.
 */
export class FixedWindowLimiter {
  readonly #windows: LRUCache<string, Window>;

  constructor(
    readonly points: number,
    readonly windowMs: number,
    readonly maxClients = MAX_TRACKED_CLIENTS,
  ) {
    // No ttl: lru-cache keeps ttl with timers, which this class is written to avoid.
    this.#windows = new LRUCache<string, Window>({ max: maxClients });
  }

  /** How many keys have a count. */
  get size(): number {
    return this.#windows.size;
  }

  /** 0 when `key` may make another request now; otherwise the milliseconds until its window ends. */
  hit(key: string, now: number): number {
    this.#prune(now);
    const window = this.#windows.get(key);
    // A window that has ended, or one from a clock that went back, starts over.
    if (!window || now - window.start >= this.windowMs || now < window.start) {
      this.#windows.set(key, { start: now, count: 1 });
      return 0;
    }
    if (window.count < this.points) {
      window.count++;
      return 0;
    }
    return window.start + this.windowMs - now;
  }

  #prune(now: number) {
    const ended: string[] = [];
    // From the least recently seen; peek() leaves the order as it is.
    for (const key of this.#windows.rkeys()) {
      const window = this.#windows.peek(key);
      if (ended.length === PRUNE_BATCH || !window || now - window.start < this.windowMs) break;
      ended.push(key);
    }
    for (const key of ended) this.#windows.delete(key);
  }
}

/**
 * A per-client limit: `API_RATE_LIMIT` requests a minute (0 turns it off),
 * counted by addressKey(clientAddress(headers)) (an IPv4 address, an IPv6
 * /64, or one bucket for whatever is not an address). Limits created with
 * the same name share one budget in the process, even from route modules Next
 * loads separately, so the views beacon and its no-JS pixel are one budget.
 * Per process and in memory (see FixedWindowLimiter for its bounds). The check
 * answers `refuse`'s 429 (JSON with Retry-After unless told otherwise), or
 * undefined when the request may go ahead; `now` is for tests.
 */
export function createRateLimit(
  name: string,
  refuse: (retryAfterSeconds: number) => Response = tooManyRequests,
): (headers: Headers, now?: number) => Promise<Response | undefined> {
  const points = Math.floor(envNumber("API_RATE_LIMIT", 120));
  if (points <= 0) return async () => undefined;
  const limiter = processWide(`rate-limit.${name}`, () => new FixedWindowLimiter(points, 60_000));
  return async (headers, now = performance.now()) => {
    const waitMs = limiter.hit(addressKey(clientAddress(headers)), now);
    return waitMs > 0 ? refuse(Math.max(1, Math.ceil(waitMs / 1000))) : undefined;
  };
}

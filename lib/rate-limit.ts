import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

function perMinute(): number {
  const value = Number(process.env.API_RATE_LIMIT);
  return process.env.API_RATE_LIMIT && Number.isFinite(value) && value >= 0 ? value : 120;
}

/**
 * A per-client limit for one API: `API_RATE_LIMIT` requests a minute (0 turns
 * it off). Per process and in memory; each key expires with its one-minute
 * window, so memory is bounded by the clients seen in the last minute.
 */
export function createRateLimit(name: string): (client: string) => Promise<number> {
  const points = perMinute();
  const limiter = points > 0 ? new RateLimiterMemory({ keyPrefix: name, points, duration: 60 }) : undefined;
  /** Seconds to wait before retrying, or 0 when the request may go ahead. */
  return async (client) => {
    if (!limiter) return 0;
    try {
      await limiter.consume(client);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  };
}

import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { tooManyRequests } from "./api-responses";
import { clientAddress } from "./client-address";
import { envNumber } from "./env-number";

/**
 * A per-client limit for one API: `API_RATE_LIMIT` requests a minute (0 turns
 * it off). Per process and in memory; each key expires with its one-minute
 * window, so memory is bounded by the clients seen in the last minute. The
 * check answers `refuse`'s 429 (JSON with Retry-After unless told otherwise), or undefined when
 * the request may go ahead.
 */
export function createRateLimit(
  name: string,
  refuse: (retryAfterSeconds: number) => Response = tooManyRequests,
): (headers: Headers) => Promise<Response | undefined> {
  const points = envNumber("API_RATE_LIMIT", 120);
  const limiter = points > 0 ? new RateLimiterMemory({ keyPrefix: name, points, duration: 60 }) : undefined;
  return async (headers) => {
    if (!limiter) return undefined;
    try {
      await limiter.consume(clientAddress(headers));
      return undefined;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return refuse(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      throw rejection;
    }
  };
}

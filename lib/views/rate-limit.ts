import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { viewsConfig } from "./config";

// Per-process and in memory: each key expires with its one-minute window, so
// memory is bounded by the clients seen in the last minute.
const limiter =
  viewsConfig.rateLimitPerMinute > 0 ? new RateLimiterMemory({ keyPrefix: "views", points: viewsConfig.rateLimitPerMinute, duration: 60 }) : undefined;

/** Seconds to wait before retrying, or 0 when the request may go ahead. */
export async function retryAfterSeconds(client: string): Promise<number> {
  if (!limiter) return 0;
  try {
    await limiter.consume(client);
    return 0;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}

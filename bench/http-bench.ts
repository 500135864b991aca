import autocannon from "autocannon";

export const CONNECTIONS = 50;
export const SECONDS = Number(process.env.BENCH_SECONDS || 10);

export type Row = { case: string; requestsPerSecond: number; p50Ms: number; p99Ms: number; ok: number; non2xx: number; errors: number; ratio?: string };

/** One autocannon run, 50 connections for BENCH_SECONDS unless `options` says otherwise, as a table row. */
export async function measureRequests(name: string, options: autocannon.Options): Promise<Row> {
  // autocannon only notices a run has ended at its next sample; sampling every 100 ms rather
  // than every second keeps a run of `amount` requests from being timed up to a second long.
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, sampleInt: 100, ...options });
  return {
    case: name,
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

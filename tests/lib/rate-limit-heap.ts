// Run by tests/lib/rate-limit.test.ts as `node --expose-gc --import tsx tests/lib/rate-limit-heap.ts <ipv4|ipv6>`
// (a script, not a test file, so that gc() is there and nothing else shares the heap). It sends
// 100,000 distinct clients through one limiter, each request inside its own async context holding
// 12 KB that is unique to it, as a request's store does, and prints the heap after gc at each step
// as one line of JSON. The rate limiter it replaced kept such a context alive per client for a minute.
import { AsyncLocalStorage } from "node:async_hooks";
import { MAX_TRACKED_CLIENTS, createRateLimit } from "../../lib/http/rate-limit";

declare const gc: () => void;

const CLIENTS = 100_000;
const family = process.argv[2] === "ipv6" ? "ipv6" : "ipv4";
const address = (i: number) =>
  family === "ipv6" ? `2001:db8:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}:1:2:3:4` : `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

function heapUsed() {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const context = new AsyncLocalStorage<{ headers: Headers; junk: string }>();
const rateLimited = createRateLimit(`heap-${family}`);
const sizeNow = () => {
  // The limiter behind createRateLimit is the process-wide one of its name; read its size there.
  const limiter = (globalThis as Record<symbol, { size: number }>)[Symbol.for(`harbor-ledger.rate-limit.heap-${family}`)];
  return limiter?.size ?? 0;
};

async function request(i: number, now: number) {
  // The 12 KB (a flat string: "".repeat() builds a tree of a few hundred bytes) sits in the context,
  // not in a header: Headers takes 50 µs to check a 12 KB value.
  const headers = new Headers({ "x-forwarded-for": address(i) });
  return context.run({ headers, junk: Buffer.alloc(12 * 1024, String(i)).toString("latin1") }, () => rateLimited(headers, now));
}

await request(0, 0);
const before = heapUsed();
let maxTracked = 0;
let refused = 0;
for (let i = 1; i <= CLIENTS; i++) {
  if (await request(i, i / 100)) refused++;
  maxTracked = Math.max(maxTracked, sizeNow());
}
const full = heapUsed();
const fullTracked = sizeNow();

// A minute after the last of them, one client's requests drop the ended windows a batch at a time.
let drainRequests = 0;
for (const now = CLIENTS / 100 + 60_000; sizeNow() > 1 && drainRequests < 10_000; drainRequests++) await request(0, now);
const drained = heapUsed();

console.log(
  JSON.stringify({
    family,
    clients: CLIENTS,
    cap: MAX_TRACKED_CLIENTS,
    refused,
    maxTracked,
    fullTracked,
    afterDrainTracked: sizeNow(),
    drainRequests,
    before,
    full,
    drained,
    bytesPerTrackedClient: Math.round((full - before) / fullTracked),
  }),
);

import { expect } from "vitest";

// Hang guards prove the shape of a cost, not a number of seconds: CI shares its cores, so an
// absolute budget fails whenever the machine is busy, while the ratio of two costs measured
// side by side in one process holds. Growing an input FACTOR times makes linear work cost about
// FACTOR times more and quadratic work FACTOR² times more; the limit, twice linear, leaves room
// for garbage collection and cache effects and is still four times short of quadratic.
const FACTOR = 8;
const LIMIT = 2 * FACTOR;
const MAX_ROUNDS = 6;
/** A batch of calls long enough that the microsecond clock and one-off pauses are noise. */
const MIN_BATCH_MICROS = 5_000;

/** Process CPU time in microseconds: time spent waiting for a busy core does not count. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** CPU time per call of `work`, over a batch of calls long enough to measure. */
function microsPerCall(work: () => unknown): number {
  const start = cpuMicros();
  let calls = 0;
  let spent = 0;
  do {
    work();
    calls += 1;
    spent = cpuMicros() - start;
  } while (spent < MIN_BATCH_MICROS);
  return spent / calls;
}

/**
 * How much more `work` costs on an input FACTOR times larger than `make(size)`. Small and large
 * are measured in alternation and the cheapest round of each counts, so a warm-up or a burst of
 * load elsewhere lands on both or on neither. Rounds stop early once the ratio is clearly under
 * the limit: work that grows quadratically could only get there if its small input read five
 * times too dear in every round so far.
 */
export function costGrowth<T>(make: (size: number) => T, work: (input: T) => unknown, size: number): number {
  const small = make(size);
  const large = make(size * FACTOR);
  let smallest = Infinity;
  let largest = Infinity;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    smallest = Math.min(smallest, microsPerCall(() => work(small)));
    largest = Math.min(largest, microsPerCall(() => work(large)));
    if (round >= 1 && largest / smallest < 0.75 * LIMIT) break;
  }
  return largest / smallest;
}

/** Asserts that `work` costs at most linear time in the size of what `make` builds (see above). */
export function expectLinearCost<T>(make: (size: number) => T, work: (input: T) => unknown, size: number): void {
  const growth = costGrowth(make, work, size);
  expect(growth, `cost grew ${growth.toFixed(1)}x for a ${FACTOR}x larger input (linear is about ${FACTOR}x)`).toBeLessThan(LIMIT);
}

/** A count from a query parameter: a whole number from 1 to `max`, or `fallback` when absent or not a number. */
export function countParam(value: string | null, fallback: number, max: number): number {
  const asked = Number.parseInt(value ?? "", 10);
  return Math.min(max, Math.max(1, Number.isFinite(asked) ? asked : fallback));
}

// Runs once as a server process starts: the view store connects before the first reader arrives,
// so a burst of beacons at start-up does not wait for the connection (and time out) on a busy loop.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { viewStore } = await import("./lib/views/store");
  viewStore();
}

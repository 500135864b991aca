// @ts-check
// Plain JavaScript, so that server.mjs and next.config.ts read the same rule as the TypeScript modules.

/**
 * The folder `next build` writes and servers read, relative to the project: `NEXT_DIST_DIR`
 * (the bench and some tests build into folders of their own), or `.next`.
 */
export function buildFolderName() {
  return process.env.NEXT_DIST_DIR || ".next";
}

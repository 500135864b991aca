import path from "node:path";

/** `CONTENT_DIR` points the site at another archive without touching the repo. */
export function contentDir(): string {
  // The folder is chosen at run time, so the bundler must not try to trace it.
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.CONTENT_DIR || "content");
}

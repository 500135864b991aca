import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ContentError } from "@/lib/content/content-error";

export const fixture = (name: string) => path.join(__dirname, "..", "fixtures", name);

/** The ContentError that loading throws, so a test can read its lines. */
export function contentErrorOf(load: () => unknown): ContentError {
  try {
    load();
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  throw new Error("expected a ContentError, but loading succeeded");
}

/** A temporary content folder, for cases git cannot hold (bytes, links, emptiness). */
export function tempContentDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "content-"));
}

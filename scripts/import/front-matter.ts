import { parse as parseToml } from "smol-toml";
import YAML from "yaml";

export type SourceFile = {
  data: Record<string, unknown>;
  body: string;
  /** The file's line number of the body's first line. */
  bodyLine: number;
  /** The file's line number where a top-level key is written, or 1 when it is not. */
  keyLine(key: string): number;
};

/** The file has no front matter this importer can read; the message says why. */
export class FrontMatterError extends Error {}

const PARSERS: Record<string, (text: string) => unknown> = {
  // The core schema keeps "2016-11-21 10:30:00 +0000" as the text written instead of turning it
  // into a Date in the machine's zone, so the calendar day survives.
  "---": (text) => YAML.parse(text, { schema: "core", maxAliasCount: 50, prettyErrors: false }),
  "+++": (text) => parseToml(text),
};

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!.trim();
}

/** Splits a Hugo or Jekyll file into its front matter (YAML between `---`, TOML between `+++`) and body. */
export function readSourceFile(text: string): SourceFile {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const delimiter = lines[0]?.trimEnd() ?? "";
  const parser = PARSERS[delimiter];
  const end = parser ? lines.findIndex((line, index) => index > 0 && line.trimEnd() === delimiter) : -1;
  if (!parser || end === -1) throw new FrontMatterError('no front matter (a "---" or "+++" block at the top)');

  const header = lines.slice(1, end);
  let data: unknown;
  try {
    data = parser(header.join("\n")) ?? {};
  } catch (error) {
    throw new FrontMatterError(`could not read the front matter: ${firstLine(error)}`);
  }
  if (typeof data !== "object" || Array.isArray(data)) throw new FrontMatterError("the front matter is not a mapping of keys to values");

  return {
    data: data as Record<string, unknown>,
    body: lines.slice(end + 1).join("\n"),
    bodyLine: end + 2,
    keyLine(key) {
      const at = header.findIndex((line) => new RegExp(`^["']?${key}["']?\\s*[:=]`).test(line));
      return at === -1 ? 1 : at + 2;
    },
  };
}

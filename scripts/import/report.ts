/**
 * "not converted": left as written for a person to finish; "filled in": a value the importer
 * chose; "skipped": the article is already there; "not imported": the post could not be read.
 */
export type ReportKind = "not converted" | "filled in" | "skipped" | "not imported";

/** One line of the importer's output, about one place in one source file. */
export type Report = { file: string; line: number; what: string; kind: ReportKind };

export function formatReport({ file, line, what }: Report): string {
  return `${file}:${line}: ${what}`;
}

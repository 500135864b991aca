import type { z } from "zod";

/** One thing wrong with one file: where, which field, what was expected and what was found. */
export type ContentProblem = { file: string; field: string; message: string };

/**
 * Every problem in the content folder at once, one line each, so an editor
 * fixes them in one pass rather than one build at a time.
 */
export class ContentError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`Content has ${count}:\n${problems.map((p) => `  ${p.file}: ${p.field}: ${p.message}`).join("\n")}`);
    this.name = "ContentError";
    this.problems = problems;
  }
}

/** A short, bounded description of a YAML value: never walks a large or aliased structure. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") {
    if (value.trim() === "") return "empty text";
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "a mapping";
  return typeof value;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (name, key) => (typeof key === "number" ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)),
    "",
  );
}

/** Turns schema issues into problems that name the field, the expectation and the value found. */
export function problemsFromIssues(
  file: string,
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
  allowedKeys: readonly string[],
): ContentProblem[] {
  return issues.flatMap((issue): ContentProblem[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        file,
        field: fieldName([...issue.path, key]) || '""',
        message:
          issue.path.length === 0 ? `unknown key; allowed keys are ${allowedKeys.join(", ")}` : "unknown key",
      }));
    }
    const field = fieldName(issue.path) || "front matter";
    const found = valueAt(data, issue.path);
    if (found === undefined && issue.code === "invalid_type") {
      return [{ file, field, message: `required, but missing (${issue.message})` }];
    }
    return [{ file, field, message: `${issue.message}, found ${describeValue(found)}` }];
  });
}

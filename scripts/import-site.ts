// `npm run import -- --from hugo|jekyll <site folder> [--out <content folder>] [--category <slug>]`:
// converts another generator's posts into articles for content/, then prints one line per thing
// it could not convert or had to choose, and a summary.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { SLUG_PATTERN } from "../lib/content/article-schema";
import { hugo } from "./import/hugo";
import { importSite, type ImportResult } from "./import/import-posts";
import { jekyll } from "./import/jekyll";
import { formatReport, type ReportKind } from "./import/report";
import { ImportError, type Generator } from "./import/site";

const USAGE = "Usage: npm run import -- --from hugo|jekyll <site folder> [--out <content folder>] [--category <slug>]";

const GENERATORS = new Map<string, Generator>([
  ["hugo", hugo],
  ["jekyll", jekyll],
]);

export type Output = { out(line: string): void; error(line: string): void };

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

class UsageError extends Error {}

function options(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        from: { type: "string" },
        out: { type: "string", default: "content" },
        category: { type: "string", default: "news" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    // Node's message goes on to explain "--" at length; its first sentence names the problem.
    throw new UsageError((error instanceof Error ? error.message : String(error)).split(". ")[0]!);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  const generator = GENERATORS.get(values.from ?? "");
  if (!generator) throw new UsageError(values.from === undefined ? "--from is required: hugo or jekyll" : `--from must be hugo or jekyll, not "${values.from}"`);
  if (positionals.length !== 1) throw new UsageError(`expected one site folder, found ${positionals.length === 0 ? "none" : positionals.join(" ")}`);
  if (!SLUG_PATTERN.test(values.category)) throw new UsageError(`--category must be lowercase words joined by hyphens (like "local-news"), not "${values.category}"`);
  return { generator, siteDir: path.resolve(positionals[0]!), outDir: values.out, defaultCategory: values.category };
}

function summary({ reports, imported, withImages }: ImportResult, outDir: string): string {
  const of = (kind: ReportKind) => reports.filter((report) => report.kind === kind).length;
  return [
    `Imported ${count(imported, "article", "articles")} (${withImages} with images) into ${outDir}`,
    count(of("not converted"), "thing not converted", "things not converted"),
    of("filled in") > 0 ? count(of("filled in"), "value filled in", "values filled in") : "",
    `${of("skipped")} skipped (already there)`,
    of("not imported") > 0 ? `${of("not imported")} not imported` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/** Runs the importer with command-line arguments; answers the exit code. */
export function main(args: string[], output: Output = { out: console.log, error: console.error }): number {
  try {
    const chosen = options(args);
    if (!chosen) {
      output.out(USAGE);
      return 0;
    }
    const result = importSite(chosen);
    for (const report of result.reports) output.out(formatReport(report));
    output.out(summary(result, chosen.outDir));
    return result.imported > 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError) output.error(`${error.message}\n${USAGE}`);
    else if (error instanceof ImportError) output.error(error.message);
    else output.error(`Import failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}

import type { Root } from "mdast";
import { visit } from "unist-util-visit";
import type { BodyWarning } from "../content/article-schema";

// Hugo shortcodes ({{< … >}}, {{% … %}}), Liquid tags ({% … %}) and template expressions
// ({{ … }}) mean nothing here and show to readers as written. Code is left alone: there they
// are usually the point (a post about Hugo).
const TEMPLATE = /\{\{<[^\n]{0,200}?>\}\}|\{\{%[^\n]{0,200}?%\}\}|\{%[^\n]{0,200}?%\}|\{\{[^\n]{0,200}?\}\}/g;

function shortened(found: string): string {
  return found.length > 60 ? `${found.slice(0, 57)}...` : found;
}

/**
 * Reports the template syntax in one run of prose (a text or HTML node's value), which starts on
 * `line` of the file, each with the line it is on. The renderer (below) and the body scan
 * (body-scan.ts) both call this for every run of text they read.
 */
export function reportGeneratorSyntax(value: string, line: number, warnings: BodyWarning[]): void {
  if (!value.includes("{")) return;
  let counted = 0;
  for (const match of value.matchAll(TEMPLATE)) {
    for (; counted < match.index; counted++) if (value.charCodeAt(counted) === 10) line += 1;
    warnings.push({ line, message: `template syntax from another site generator, shown as text: ${shortened(match[0])} (npm run import converts it)` });
  }
}

/** Reports template syntax from other site generators in prose, with its line, for `npm run import` to fix. */
export function remarkGeneratorSyntax(options: { warnings: BodyWarning[]; firstLine: number }) {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (node.type !== "text" && node.type !== "html") return;
      reportGeneratorSyntax(node.value, (node.position?.start.line ?? 1) + options.firstLine - 1, options.warnings);
    });
  };
}

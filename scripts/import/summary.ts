import { toString } from "mdast-util-to-string";
import { parseMarkdown } from "./markdown";

const LIMIT = 200;

/** Text cut at a word boundary so that, with its "…", it fits the limit. */
export function shorten(text: string, limit = LIMIT): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > 0 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.!?-]+$/, "")}…`;
}

/**
 * The body's first paragraph as plain text, shortened; undefined when it has none. Image alt
 * text, HTML and directive lines are not words a reader would see as the opening.
 */
export function firstParagraph(body: string): string | undefined {
  for (const node of parseMarkdown(body).children) {
    if (node.type !== "paragraph") continue;
    const text = toString(node, { includeHtml: false, includeImageAlt: false }).replace(/\s+/g, " ").trim();
    if (text !== "" && !text.startsWith("::")) return shorten(text);
  }
  return undefined;
}

import type { Root } from "mdast";
import { remark } from "remark";
import remarkGfm from "remark-gfm";
import { visit } from "unist-util-visit";

const parser = remark().use(remarkGfm);

export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

/** [start, end) offsets of fenced, indented and inline code, which every conversion leaves alone. */
export function codeRanges(tree: Root): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  visit(tree, ["code", "inlineCode"], (node) => {
    const { start, end } = node.position ?? {};
    if (start?.offset !== undefined && end?.offset !== undefined) ranges.push([start.offset, end.offset]);
  });
  return ranges.sort((a, b) => a[0] - b[0]);
}

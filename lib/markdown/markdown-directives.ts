import type { Element } from "hast";
import type { Paragraph, Root, Text } from "mdast";
import type { ContainerDirective, LeafDirective, TextDirective } from "mdast-util-directive";
import type { State } from "mdast-util-to-hast";
import { visit } from "unist-util-visit";
import type { BodyWarning } from "../content/article-schema";
import { videoEmbed } from "./video-embed";

type Directive = ContainerDirective | LeafDirective | TextDirective;

function isDirective(node: { type: string }): node is Directive {
  return node.type === "containerDirective" || node.type === "leafDirective" || node.type === "textDirective";
}

/**
 * remark-directive reads `::video{src="…"}`, the one directive we render. It also reads any
 * `:word` in prose ("Note:this") as a directive, so every other directive goes back to the
 * text the editor wrote; a container (`:::note`) keeps its content and is reported.
 */
export function remarkDirectives(options: { markdown: string; warnings: BodyWarning[]; firstLine: number }) {
  const source = (node: Directive) =>
    node.position?.start.offset !== undefined && node.position.end.offset !== undefined
      ? options.markdown.slice(node.position.start.offset, node.position.end.offset)
      : `:${node.name}`;
  const lineOf = (node: Directive) => (node.position?.start.line ?? 1) + options.firstLine - 1;
  return (tree: Root) => {
    visit(tree, (node, index, parent) => {
      if (!isDirective(node) || !parent || index === undefined) return;
      if (node.type === "leafDirective" && node.name === "video") {
        const src = node.attributes?.src ?? "";
        if (videoEmbed(src)) return;
        options.warnings.push({ line: lineOf(node), message: `expected a YouTube or Vimeo address in ::video, found ${JSON.stringify(src)}; shown as text` });
      } else if (node.type === "containerDirective") {
        options.warnings.push({ line: lineOf(node), message: `unknown directive :::${node.name}; its content is kept without it` });
        parent.children.splice(index, 1, ...(node.children as typeof parent.children));
        return index;
      }
      const text: Text = { type: "text", value: source(node), position: node.position };
      const replacement = node.type === "textDirective" ? text : ({ type: "paragraph", children: [text] } satisfies Paragraph);
      parent.children[index] = replacement as (typeof parent.children)[number];
    });
  };
}

/** remark-rehype handler: the `::video` directive becomes an element that rehypeVideoPlaceholders recognises. */
export function videoDirectiveHandler(_state: State, node: LeafDirective): Element {
  const label = node.children.map((child) => ("value" in child ? child.value : "")).join("");
  const properties = { dataVideoSrc: node.attributes?.src ?? "", dataVideoTitle: node.attributes?.title ?? label };
  return { type: "element", tagName: "div", properties, children: [], position: node.position };
}

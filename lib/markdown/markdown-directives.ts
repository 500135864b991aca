import type { Element } from "hast";
import type { Paragraph, Root, Text } from "mdast";
import type { ContainerDirective, LeafDirective, TextDirective } from "mdast-util-directive";
import type { State } from "mdast-util-to-hast";
import { SKIP, visit } from "unist-util-visit";
import type { BodyWarning } from "../content/article-schema";
import { videoEmbed, type VideoEmbed } from "./video-embed";

type Directive = ContainerDirective | LeafDirective | TextDirective;

/** A directive as the editor wrote it: its kind, name and attributes. */
export type DirectiveSyntax = { type: Directive["type"]; name: string; attributes?: Record<string, string | null | undefined> | null };

/**
 * What a directive becomes: `::video{src="…"}` with a YouTube or Vimeo address is the video; a
 * container (`:::note`) is its content, without the directive; anything else is the text the
 * editor wrote. `warning` says what to report, if anything. The renderer (remarkDirectives) and
 * the body scan (body-scan.ts) both decide with this.
 */
export function directiveOutcome(directive: DirectiveSyntax): { becomes: "video"; video: VideoEmbed } | { becomes: "content" | "text"; warning?: string } {
  if (directive.type === "leafDirective" && directive.name === "video") {
    const src = directive.attributes?.src ?? "";
    const video = videoEmbed(src);
    if (video) return { becomes: "video", video };
    return { becomes: "text", warning: `expected a YouTube or Vimeo address in ::video, found ${JSON.stringify(src)}; shown as text` };
  }
  if (directive.type === "containerDirective") return { becomes: "content", warning: `unknown directive :::${directive.name}; its content is kept without it` };
  return { becomes: "text" };
}

/** The title a `::video` shows: its `title` attribute, else the text of its label (`::video[Title]{…}`). */
export function videoDirectiveTitle(attributes: DirectiveSyntax["attributes"], label: string): string {
  return attributes?.title ?? label;
}

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
      const outcome = directiveOutcome(node);
      if ("warning" in outcome && outcome.warning) options.warnings.push({ line: lineOf(node), message: outcome.warning });
      if (outcome.becomes === "video") return;
      if (outcome.becomes === "content") {
        parent.children.splice(index, 1, ...(node.children as typeof parent.children));
        // Its children now stand in its place: visit them there, once, not inside the node as well.
        return [SKIP, index];
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
  const properties = { dataVideoSrc: node.attributes?.src ?? "", dataVideoTitle: videoDirectiveTitle(node.attributes, label) };
  return { type: "element", tagName: "div", properties, children: [], position: node.position };
}

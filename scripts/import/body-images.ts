import type { Definition } from "mdast";
import { visit } from "unist-util-visit";
import type { ArticleImages } from "./article-images";
import { escapeAttribute } from "./html-escape";
import { parseMarkdown } from "./markdown";
import { Rewriter } from "./rewriter";
import type { BodyProblem } from "./shortcodes";

type Found = { start: number; end: number; reference: string; write(placed: string): string };

const MARKDOWN_DESTINATION = /^(\]\(\s*|\]:\s*)(<[^>\n]*>|[^\s)]+)/;
const HTML_IMAGE_SOURCE = /(<img\b[^>]*?\ssrc\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+)/gi;

const markdownDestination = (placed: string) => (/[\s()<>]/.test(placed) ? `<${placed}>` : placed);

/** The destination of `![alt](dest)` or `[label]: dest`, found after the first "](" or "]:". */
function destinationIn(body: string, start: number, end: number): Found | undefined {
  const source = body.slice(start, end);
  const from = source.search(/\](?:\(|:)/);
  const match = from === -1 ? null : MARKDOWN_DESTINATION.exec(source.slice(from));
  if (!match) return undefined;
  const at = start + from + match[1]!.length;
  const raw = match[2]!;
  return { start: at, end: at + raw.length, reference: raw.replace(/^<|>$/g, ""), write: markdownDestination };
}

/**
 * Gives every image in a (converted) body its place beside the article: Markdown images, the
 * definitions image references use, and `<img>` in HTML. Line breaks are never added or removed,
 * so offsets into the result name the same lines as offsets into the input.
 */
export function placeBodyImages(body: string, images: ArticleImages): { text: string; problems: BodyProblem[] } {
  const tree = parseMarkdown(body);
  const found: Found[] = [];
  const definitions = new Map<string, Definition>();
  const referenced = new Set<string>();
  visit(tree, (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    if (node.type === "image") {
      const destination = destinationIn(body, start, end);
      if (destination) found.push(destination);
    } else if (node.type === "imageReference") {
      referenced.add(node.identifier);
    } else if (node.type === "definition") {
      // The first definition of a label is the one CommonMark uses.
      if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
    } else if (node.type === "html") {
      // The source text, not node.value, which loses a blockquote's "> " and so the offsets.
      for (const match of body.slice(start, end).matchAll(HTML_IMAGE_SOURCE)) {
        const at = start + match.index + match[1]!.length;
        const raw = match[2]!;
        found.push({ start: at, end: at + raw.length, reference: raw.replace(/^["']|["']$/g, ""), write: (placed) => `"${escapeAttribute(placed)}"` });
      }
    }
  });
  for (const identifier of referenced) {
    const position = definitions.get(identifier)?.position;
    const destination = position && destinationIn(body, position.start.offset!, position.end.offset!);
    if (destination) found.push(destination);
  }

  const out = new Rewriter(body);
  const problems: BodyProblem[] = [];
  for (const image of found.sort((a, b) => a.start - b.start)) {
    const placement = images.place(image.reference);
    if ("notFound" in placement) problems.push({ offset: image.start, what: `image ${image.reference} not found at ${placement.notFound}; left as written` });
    else if (placement.written !== image.reference) out.replace(image.start, image.end, image.write(placement.written));
  }
  return { text: out.finish(), problems };
}

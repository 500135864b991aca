import type { Element, ElementContent, Properties, Root } from "hast";
import type { Root as MdastRoot, PhrasingContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { defaultHandlers, type State } from "mdast-util-to-hast";
import type { Token } from "markdown-it";
import rehypeRaw from "rehype-raw";
import { remark } from "remark";
import remarkGfm from "remark-gfm";
import { visit } from "unist-util-visit";
import type { BodyWarning } from "../content/article-schema";
import { placeImage, type ImagePlacement, type MissingImage } from "./article-images";
import { countNewlines, createScanParser, labelText, parseForScan, tokenNewlines, type DirectiveParts } from "./body-scan-syntax";
import { reportGeneratorSyntax } from "./generator-syntax";
import { allowlist, rehypeReportDropped, sanitizeBody } from "./html-allowlist";
import { addWords, renderMarkdown, type BodyFindings, type RenderOptions } from "./markdown";
import { directiveOutcome, videoDirectiveTitle } from "./markdown-directives";
import { defuseMarkdown } from "./markdown-limits";
import { rehypeVideoFacades, rehypeVideoPlaceholders, videoPlaceholder } from "./video-embed";

/**
 * What the build needs from a body without rendering it: its words, the images and links it
 * shows, and every warning and missing image the renderer would report, equal to
 * renderMarkdown's (tests/lib/body-scan.test.ts holds the two to that).
 */
export type BodyScan = BodyFindings;

/*
 * How: markdown-it (body-scan-syntax.ts: CommonMark, taught what remark-gfm and remark-directive
 * read beyond it) tokenizes a body about twenty times faster than remark, and the scan walks its
 * tokens. What decides each outcome is the renderer's own code: defuseMarkdown first;
 * directiveOutcome for directives; reportGeneratorSyntax on each run of text, split where the
 * renderer's text nodes split (at autolink literals, which remark-gfm's own transform finds, and
 * at directives); the renderer's link and image handlers to write URLs and its sanitizer (sanitizeBody,
 * html-allowlist.ts) to drop unsafe ones; placeImage for local images; mdast-util-to-hast's footnote
 * numbering; addWords for words.
 *
 * Raw HTML is where the renderer's outcome depends on more than the block it is in: it parses the
 * whole body again with an HTML parser (rehype-raw). The scan builds, for each block holding raw
 * HTML, the hast remark-rehype makes of that block and runs the renderer's passes over it:
 * rehype-raw, video placeholders, the dropped-HTML report, the sanitizer, video facades. That is
 * the renderer's outcome as long as no block leaves open an element that changes how the parser
 * reads the blocks after it (a <script>, <iframe>, <svg>, <table>, <a> … not closed in its block).
 * A body that does, or that has one of two Markdown shapes micromark reads differently from
 * markdown-it (body-scan-syntax.ts: a lone HTML tag on a lazy line, an indented line right after
 * a link definition), is rendered in full instead: exact, as slow as rendering, and rare.
 */

const md = createScanParser();

class NeedsFullRender extends Error {}

/** Elements that, left open at the end of a block, change how the HTML parser reads the blocks after it. */
const CROSS_BLOCK = new Set([
  ...allowlist.strip!.filter((name) => name !== "embed"),
  "xmp",
  "noembed",
  "noframes",
  "plaintext",
  "select",
  "table",
  "form",
  "a",
]);
/** Elements whose content is text to the parser, up to their end tag. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"]);
const TAG = /<!--[^]*?(?:-->|$)|<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:[^<>"']|"[^"]*"|'[^']*')*>/g;

// The renderer's handlers write the href of a link and the src of an image (normalizing the URL);
// these call them with nothing else to do.
const handlerState = { all: () => [], patch: () => undefined, applyData: (_node: unknown, result: unknown) => result } as unknown as State;

function normalizeUri(url: string): string {
  return String(defaultHandlers.link(handlerState, { type: "link", url, children: [] }).properties.href);
}

function imageSource(url: string): string {
  return String(defaultHandlers.image(handlerState, { type: "image", url, alt: "" }).properties.src);
}

// remark-gfm finds www. and e-mail autolink literals (and any http(s) ones its tokenizer left) with
// a transform over the text nodes it parsed; the scan runs that same transform over each run of text.
const autolinkTransforms = (remark().use(remarkGfm).freeze().data("fromMarkdownExtensions") as unknown[])
  .flat(Infinity)
  .flatMap((extension) => (extension as { transforms?: ((tree: MdastRoot) => void)[] }).transforms ?? []);
const AUTOLINK_CANDIDATE = /@|www\.|https?:\/\//i;

type Piece = string | { url: string; text: string };

function autolinkPieces(value: string): Piece[] | undefined {
  if (!AUTOLINK_CANDIDATE.test(value)) return undefined;
  const children: PhrasingContent[] = [{ type: "text", value }];
  for (const transform of autolinkTransforms) transform({ type: "root", children: [{ type: "paragraph", children }] });
  if (children.length === 1 && children[0]!.type === "text") return undefined;
  return children.map((node) => (node.type === "link" ? { url: node.url, text: toString(node) } : toString(node)));
}

/** mdast-util-to-hast keys footnotes by the identifier mdast gives them, upper-cased. */
function footnoteKey(id: string): string {
  return id.toLowerCase().toUpperCase();
}

function at(line: number, lines = 0) {
  return { start: { line, column: 1, offset: 0 }, end: { line: line + lines, column: 1, offset: 0 } };
}

const EMPTY_FILE = { toString: () => "" } as unknown as Parameters<ReturnType<typeof rehypeRaw>>[1];

/** Where the inline content of a block goes: straight to the counts, into hast (a block with raw HTML), or nowhere. */
interface Sink {
  text(value: string): void;
  open(tagName: string, properties: Properties, line: number): void;
  close(): void;
  leaf(tagName: string, properties: Properties, line: number): void;
  raw(value: string, line: number): void;
  end(): void;
}

const nowhere: Sink = { text() {}, open() {}, close() {}, leaf() {}, raw() {}, end() {} };

type Collected = { words: string[]; links: string[]; images: string[]; placement: ImagePlacement };

/** Markdown without raw HTML: what the renderer makes of it is known here, without building hast. */
class DirectSink implements Sink {
  private words = "";
  constructor(private readonly out: Collected) {}

  text(value: string) {
    this.words += value;
  }
  open(tagName: string, properties: Properties) {
    this.end();
    if (tagName !== "a") return;
    const href = sanitizeBody<Element>({ type: "element", tagName, properties, children: [] }).properties?.href;
    if (typeof href === "string") this.out.links.push(href);
  }
  close() {
    this.end();
  }
  leaf(tagName: string, properties: Properties, line: number) {
    this.end();
    if (tagName !== "img") return;
    const image = sanitizeBody<Element>({ type: "element", tagName, properties, children: [], position: at(line) });
    placeImage(image, this.out.placement);
    if (typeof image.properties.src === "string") this.out.images.push(image.properties.src);
  }
  raw() {
    throw new Error("raw HTML goes to a HastSink");
  }
  end() {
    if (this.words === "") return;
    addWords(this.words, this.out.words);
    this.words = "";
  }
}

/** A block with raw HTML: the hast remark-rehype makes of it, for the renderer's passes. */
class HastSink implements Sink {
  private readonly stack: ElementContent[][];
  constructor(root: Element) {
    this.stack = [root.children];
  }
  private get children() {
    return this.stack.at(-1)!;
  }
  text(value: string) {
    this.children.push({ type: "text", value });
  }
  open(tagName: string, properties: Properties, line: number) {
    const element: Element = { type: "element", tagName, properties, children: [], position: at(line) };
    this.children.push(element);
    this.stack.push(element.children);
  }
  close() {
    this.stack.pop();
  }
  leaf(tagName: string, properties: Properties, line: number) {
    this.children.push({ type: "element", tagName, properties, children: [], position: at(line) });
  }
  raw(value: string, line: number) {
    this.children.push({ type: "raw", value, position: at(line, countNewlines(value)) } as unknown as ElementContent);
  }
  end() {}
}

const EMPHASIS: Record<string, string> = { em_open: "em", strong_open: "strong", s_open: "del" };
/** The blocks whose inline content becomes the children of one element: p, h1-h6, th, td. */
const TEXT_BLOCKS = new Set(["paragraph_open", "heading_open", "th_open", "td_open"]);

class Scanner implements Collected {
  words: string[] = [];
  links: string[] = [];
  images: string[] = [];
  missing: MissingImage[] = [];
  directiveWarnings: BodyWarning[] = [];
  templateWarnings: BodyWarning[] = [];
  droppedWarnings: BodyWarning[] = [];
  placement: ImagePlacement;
  private readonly direct = new DirectSink(this);
  private readonly reportDropped: (tree: Root) => void;
  private readonly footnoteOrder: string[] = [];
  private readonly footnoteCounts = new Map<string, number>();
  private readonly definitions = new Map<string, Token[]>();
  private readonly unreadDefinitions: Token[][] = [];
  private readonly open = new Map<string, number>();

  constructor(private readonly firstLine: number, images: RenderOptions["images"]) {
    this.placement = { context: images, missing: this.missing, firstLine, measure: false };
    this.reportDropped = rehypeReportDropped({ warnings: this.droppedWarnings, firstLine });
  }

  scan(tokens: Token[]) {
    this.blocks(tokens, true);
    this.footer();
    for (const [id, tokens] of this.definitions) if (!this.footnoteCounts.has(id)) this.blocks(tokens, false);
    for (const tokens of this.unreadDefinitions) this.blocks(tokens, false);
  }

  private warn(list: BodyWarning[], line: number, message: string) {
    list.push({ line: line + this.firstLine - 1, message });
  }

  private template(value: string, line: number) {
    reportGeneratorSyntax(value, line + this.firstLine - 1, this.templateWarnings);
  }

  /** The block tokens of the body (or of a footnote); `rendered` false reads them for warnings only. */
  private blocks(tokens: Token[], rendered: boolean) {
    let rowLine = 1;
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index]!;
      const line = (token.map?.[0] ?? 0) + 1;
      switch (token.type) {
        case "tr_open":
          rowLine = line;
          break;
        case "inline": {
          const opener = tokens[index - 1];
          // markdown-it gives a cell the line of its table; the row says which line it is on.
          const cell = opener?.type === "th_open" || opener?.type === "td_open";
          this.inlineBlock(token, opener, cell ? rowLine : line, rendered);
          break;
        }
        case "fence":
        case "code_block":
          if (rendered) addWords(token.content, this.words);
          break;
        case "html_block":
          this.htmlBlock(token.content.replace(/\n$/, ""), line, rendered);
          break;
        case "footnote_def_open": {
          let end = index + 1;
          while (tokens[end]!.type !== "footnote_def_close" || tokens[end]!.level !== token.level) end += 1;
          const id = footnoteKey((token.meta as { id: string }).id);
          if (rendered && !this.definitions.has(id)) this.definitions.set(id, tokens.slice(index + 1, end));
          else this.unreadDefinitions.push(tokens.slice(index + 1, end));
          index = end;
          break;
        }
        case "directive_leaf":
          this.leafDirective(token, line, rendered);
          break;
        case "directive_container_open": {
          const { name, attributes } = token.meta as DirectiveParts;
          const outcome = directiveOutcome({ type: "containerDirective", name, attributes });
          if ("warning" in outcome && outcome.warning) this.warn(this.directiveWarnings, line, outcome.warning);
          break;
        }
        default:
          break;
      }
    }
  }

  private inlineBlock(token: Token, opener: Token | undefined, line: number, rendered: boolean) {
    const children = token.children ?? [];
    if (!rendered) return this.inline(children, line, nowhere, false);
    if (!children.some((child) => child.type === "html_inline")) return this.inline(children, line, this.direct, true);
    const tagName = opener && TEXT_BLOCKS.has(opener.type) ? opener.tag : "p";
    const element: Element = { type: "element", tagName, properties: {}, children: [], position: at(line) };
    this.inline(children, line, new HastSink(element), true);
    this.balanced();
    this.html({ type: "root", children: [element] });
  }

  private inline(children: Token[], startLine: number, sink: Sink, rendered: boolean) {
    let line = startLine;
    let text = "";
    let textLine = line;
    let inLink = 0;
    const endText = () => {
      if (text === "") return;
      this.textNode(text, textLine, inLink > 0, sink);
      text = "";
    };
    for (const token of children) {
      switch (token.type) {
        case "text":
        case "softbreak":
          if (text === "") textLine = line;
          text += token.type === "text" ? token.content : "\n";
          break;
        case "hardbreak":
          endText();
          sink.leaf("br", {}, line);
          sink.text("\n");
          break;
        case "code_inline":
          endText();
          sink.open("code", {}, line);
          sink.text(token.content);
          sink.close();
          break;
        case "em_open":
        case "strong_open":
        case "s_open":
          endText();
          sink.open(EMPHASIS[token.type]!, {}, line);
          break;
        case "em_close":
        case "strong_close":
        case "s_close":
          endText();
          sink.close();
          break;
        case "link_open": {
          endText();
          inLink += 1;
          const title = token.attrGet("title");
          sink.open("a", { href: normalizeUri(String(token.attrGet("href") ?? "")), ...(title ? { title: String(title) } : {}) }, line);
          break;
        }
        case "link_close":
          endText();
          inLink -= 1;
          sink.close();
          break;
        case "image":
          endText();
          sink.leaf("img", { src: imageSource(String(token.attrGet("src") ?? "")), alt: token.content }, line);
          break;
        case "html_inline":
          endText();
          this.template(token.content, line);
          if (rendered) this.track(token.content);
          sink.raw(token.content, line);
          break;
        case "footnote_ref":
          endText();
          if (rendered) this.footnoteCall((token.meta as { id: string }).id, sink, line);
          break;
        case "directive_text":
          // Shown as written: its own text node for template syntax, merged with its neighbours for words.
          endText();
          this.template(token.content, line);
          sink.text(token.content);
          break;
        default:
          endText();
          break;
      }
      line += tokenNewlines(token);
    }
    endText();
    sink.end();
  }

  /** One text node of mdast: autolink literals split off as links, template syntax reported, words counted. */
  private textNode(value: string, line: number, inLink: boolean, sink: Sink) {
    const pieces = inLink ? undefined : autolinkPieces(value);
    if (!pieces) {
      this.template(value, line);
      sink.text(value);
      return;
    }
    let offset = 0;
    for (const piece of pieces) {
      const pieceLine = line + countNewlines(value, 0, offset);
      const text = typeof piece === "string" ? piece : piece.text;
      if (typeof piece !== "string") sink.open("a", { href: normalizeUri(piece.url) }, pieceLine);
      this.template(text, pieceLine);
      sink.text(text);
      if (typeof piece !== "string") sink.close();
      offset += text.length;
    }
  }

  /** A footnote call, numbered as mdast-util-to-hast numbers it: `<sup><a href="#user-content-fn-…">2</a></sup>`. */
  private footnoteCall(id: string, sink: Sink, line: number) {
    const key = footnoteKey(id);
    const count = (this.footnoteCounts.get(key) ?? 0) + 1;
    if (count === 1) this.footnoteOrder.push(key);
    this.footnoteCounts.set(key, count);
    const safeId = normalizeUri(key.toLowerCase());
    sink.open("sup", {}, line);
    sink.open("a", { href: `#user-content-fn-${safeId}`, id: `user-content-fnref-${safeId}${count > 1 ? `-${count}` : ""}`, dataFootnoteRef: true }, line);
    sink.text(String(this.footnoteOrder.indexOf(key) + 1));
    sink.close();
    sink.close();
  }

  /** The footnotes section: each called footnote's content in order of first call, then its back links. */
  private footer() {
    if (!this.footnoteOrder.some((id) => this.definitions.has(id))) return;
    addWords("Footnotes", this.words);
    const ends: { id: string; links: number; words: number }[] = [];
    // Calls inside a footnote add to the order as it is read, as they do in mdast-util-to-hast.
    for (let index = 0; index < this.footnoteOrder.length; index++) {
      const id = this.footnoteOrder[index]!;
      const definition = this.definitions.get(id);
      if (!definition) continue;
      this.blocks(definition, true);
      ends.push({ id, links: this.links.length, words: this.words.length });
    }
    for (const { id, links, words } of ends.reverse()) {
      const safeId = normalizeUri(id.toLowerCase());
      const count = this.footnoteCounts.get(id) ?? 0;
      const backLinks = Array.from({ length: count }, (_, index) => `#user-content-fnref-${safeId}${index > 0 ? `-${index + 1}` : ""}`);
      // Each back link is "↩", with the number of the call from the second on.
      const backWords = Array.from({ length: Math.max(0, count - 1) }, (_, index) => String(index + 2));
      this.links.splice(links, 0, ...backLinks);
      this.words.splice(words, 0, ...backWords);
    }
  }

  private leafDirective(token: Token, line: number, rendered: boolean) {
    const { name, attributes, label } = token.meta as DirectiveParts;
    const outcome = directiveOutcome({ type: "leafDirective", name, attributes });
    if ("warning" in outcome && outcome.warning) this.warn(this.directiveWarnings, line, outcome.warning);
    if (outcome.becomes !== "video") {
      // A paragraph of the text the editor wrote.
      this.template(token.content, line);
      if (rendered) addWords(token.content, this.words);
      return;
    }
    if (label) this.template(label, line);
    if (!rendered) return;
    const title = videoDirectiveTitle(attributes, label === undefined ? "" : labelText(md, label));
    const tree: Root = { type: "root", children: [videoPlaceholder(outcome.video, title)] };
    rehypeVideoFacades()(tree);
    this.collect(tree);
  }

  private htmlBlock(value: string, line: number, rendered: boolean) {
    this.template(value, line);
    if (!rendered) return;
    this.track(value);
    this.balanced();
    this.html({ type: "root", children: [{ type: "raw", value, position: at(line, countNewlines(value)) } as unknown as ElementContent] });
  }

  /** The renderer's passes from rehype-raw to the video facades, over the hast of one block. */
  private html(root: Root) {
    const tree = rehypeRaw()(root, EMPTY_FILE);
    rehypeVideoPlaceholders()(tree);
    this.reportDropped(tree);
    const clean = sanitizeBody(tree);
    rehypeVideoFacades()(clean);
    this.collect(clean);
  }

  /** Words, links and images of finished hast, as the renderer reads them from its tree. */
  private collect(tree: Root) {
    visit(tree, (node) => {
      if (node.type === "text") return addWords(node.value, this.words);
      if (node.type !== "element") return;
      if (node.tagName === "a" && typeof node.properties.href === "string") this.links.push(node.properties.href);
      if (node.tagName !== "img") return;
      placeImage(node, this.placement);
      if (typeof node.properties.src === "string") this.images.push(node.properties.src);
    });
  }

  /** Counts the elements raw HTML opens and closes that matter beyond their block. */
  private track(fragment: string) {
    if (!fragment.includes("<")) return;
    const lower = fragment.toLowerCase();
    TAG.lastIndex = 0;
    for (let match = TAG.exec(fragment); match; match = TAG.exec(fragment)) {
      const name = match[2]?.toLowerCase();
      if (!name || !CROSS_BLOCK.has(name)) continue;
      const open = this.open.get(name) ?? 0;
      if (match[1] === "/") {
        this.open.set(name, Math.max(0, open - 1));
        continue;
      }
      // A self-closed <svg/> or <math/> is closed; any other element ignores the slash.
      if ((name === "svg" || name === "math") && /\/\s*>$/.test(match[0])) continue;
      this.open.set(name, open + 1);
      if (RAW_TEXT.has(name)) {
        const end = lower.indexOf(`</${name}`, TAG.lastIndex);
        TAG.lastIndex = end === -1 ? fragment.length : end;
      }
    }
  }

  /** After each block: raw HTML must not leave open what changes the blocks after it. */
  private balanced() {
    for (const [name, count] of this.open) if (count > 0) throw new NeedsFullRender(`raw <${name}> left open across blocks`);
  }
}

/** Like scanBody, and why the body had to be rendered in full, if it had (see above). */
export function scanBodyWithPath(source: string, { firstLine = 1, images }: RenderOptions = {}): { scan: BodyScan; rendered?: string } {
  const { markdown, warnings } = defuseMarkdown(source);
  for (const warning of warnings) warning.line += firstLine - 1;
  const scanner = new Scanner(firstLine, images);
  try {
    const { tokens, env } = parseForScan(md, markdown);
    if (env.needsRenderer) throw new NeedsFullRender(env.needsRenderer);
    scanner.scan(tokens);
  } catch (error) {
    if (!(error instanceof NeedsFullRender)) throw error;
    const body = renderMarkdown(source, { firstLine, images });
    const scan = { wordCount: body.wordCount, text: body.text, images: body.images, links: body.links, warnings: body.warnings, missingImages: body.missingImages };
    return { scan, rendered: error.message };
  }
  warnings.push(...scanner.directiveWarnings, ...scanner.templateWarnings, ...scanner.droppedWarnings);
  warnings.sort((a, b) => a.line - b.line);
  const scan = {
    wordCount: scanner.words.length,
    text: scanner.words.join(" "),
    images: scanner.images,
    links: scanner.links,
    warnings,
    missingImages: scanner.missing,
  };
  return { scan };
}

/**
 * What the build needs from a body (words, images, links, warnings, missing images) without
 * rendering it: the same results as renderMarkdown for 5-25 times less CPU (20 times less on a
 * 600-line release note, see tests/lib/body-scan.test.ts).
 */
export function scanBody(source: string, options?: RenderOptions): BodyScan {
  return scanBodyWithPath(source, options).scan;
}

import GithubSlugger from "github-slugger";
import type { Element, ElementContent, Root } from "hast";
import { toString } from "hast-util-to-string";
import { defaultHandlers, type Handlers } from "mdast-util-to-hast";
import rehypeRaw from "rehype-raw";
import rehypeStringify from "rehype-stringify";
import { remark } from "remark";
import remarkDirective from "remark-directive";
import remarkGfm from "remark-gfm";
import remarkRehype from "remark-rehype";
import { visit } from "unist-util-visit";
import { rehypeImages, type ImageContext, type MissingImage } from "./article-images";
import type { BodyWarning, Heading } from "../content/article-schema";
import { remarkGeneratorSyntax } from "./generator-syntax";
import { rehypeReportDropped, rehypeSanitizeBody } from "./html-allowlist";
import { remarkDirectives, videoDirectiveHandler } from "./markdown-directives";
import { defuseMarkdown } from "./markdown-limits";
import { rehypeVideoFacades, rehypeVideoPlaceholders } from "./video-embed";

/** What rendering finds in a body besides its HTML; the build's scan (body-scan.ts) finds the same without rendering. */
export type BodyFindings = {
  /** The words of the rendered text. */
  wordCount: number;
  /** The body as plain words joined by spaces, for search and related-article keywords. */
  text: string;
  /** The src of every image shown, after local ones are resolved (/articles/<slug>/chart.png), in document order. */
  images: string[];
  /** The href of every link kept after sanitizing (footnote and video links too), in document order. */
  links: string[];
  warnings: BodyWarning[];
  /** Local images that are not there: content problems, unlike warnings. */
  missingImages: MissingImage[];
};

export type RenderedBody = BodyFindings & { html: string; headings: Heading[] };

export type RenderOptions = {
  /** The line of the file on which the body starts, so that warnings name lines of the file. */
  firstLine?: number;
  /** Where local images are found and served; without it, image paths are left as written. */
  images?: ImageContext;
};

const WORD = /[\p{L}\p{N}]/u;

/**
 * Adds the words of one text node of the rendered body: what is between whitespace and has a
 * letter or digit. The renderer and the body scan (body-scan.ts) both count with this.
 */
export function addWords(value: string, words: string[]): void {
  // A loop, not push(...spread): one paragraph may hold more words than a call takes arguments.
  for (const token of value.split(/\s+/)) if (WORD.test(token)) words.push(token);
}
const HEADING = /^h[1-6]$/;

function isExternal(href: unknown): boolean {
  return typeof href === "string" && /^https?:\/\//i.test(href);
}

function firstCheckbox(nodes: ElementContent[]): Element | undefined {
  for (const node of nodes) {
    if (node.type !== "element") continue;
    if (node.tagName === "input") return node;
    const nested = node.tagName === "p" ? firstCheckbox(node.children) : undefined;
    if (nested) return nested;
  }
  return undefined;
}

/** Makes what GFM renders usable by keyboard and screen reader, as axe checks. */
const handlers: Partial<Handlers> = {
  // A task-list checkbox has no label of its own; an aria-label names its state.
  listItem(state, node, parent) {
    const item = defaultHandlers.listItem(state, node, parent);
    const checkbox = typeof node.checked === "boolean" ? firstCheckbox(item.children) : undefined;
    if (checkbox) checkbox.properties.ariaLabel = node.checked ? "Done" : "Not done";
    return item;
  },
  // Code blocks and tables scroll sideways on a phone, so keyboard users must be able to focus them.
  code(state, node) {
    const pre = defaultHandlers.code(state, node);
    pre.properties.tabIndex = 0;
    return pre;
  },
  table(state, node) {
    const table = defaultHandlers.table(state, node);
    table.properties.tabIndex = 0;
    return table;
  },
  leafDirective: videoDirectiveHandler,
};

/**
 * After sanitizing, on markup that is now ours: the headline is the page's only h1, so when the
 * body uses h1 (as 21% of real archives do) every heading moves down a level; each heading gets
 * a stable, unique id; external links get rel; and the outline and the words a reader reads are
 * recorded.
 */
function rehypeArticleData(result: Pick<RenderedBody, "headings" | "links"> & { words: string[] }) {
  return (tree: Root) => {
    let hasH1 = false;
    visit(tree, "element", (node: Element) => {
      if (node.tagName === "h1") hasH1 = true;
    });
    const slugger = new GithubSlugger();
    visit(tree, (node) => {
      if (node.type === "text") {
        addWords(node.value, result.words);
        return;
      }
      if (node.type !== "element") return;
      if (node.tagName === "a" && typeof node.properties.href === "string") result.links.push(node.properties.href);
      if (node.tagName === "a" && isExternal(node.properties.href)) node.properties.rel = ["noopener", "noreferrer"];
      // The footnotes' own label (visually hidden) is not a section of the article.
      if (!HEADING.test(node.tagName) || String(node.properties.className ?? "").includes("sr-only")) return;
      const depth = Math.min(6, Number(node.tagName[1]) + (hasH1 ? 1 : 0));
      node.tagName = `h${depth}`;
      const text = toString(node).trim();
      const id = slugger.slug(text) || slugger.slug("section");
      node.properties.id = id;
      result.headings.push({ depth, text, id });
    });
  };
}

/** Markdown to sanitized HTML, with the heading outline, word count, plain text (for search) and what was dropped. */
export function renderMarkdown(source: string, { firstLine = 1, images }: RenderOptions = {}): RenderedBody {
  const { markdown, warnings } = defuseMarkdown(source);
  for (const warning of warnings) warning.line += firstLine - 1;
  const data = { headings: [] as Heading[], words: [] as string[], links: [] as string[] };
  const missingImages: MissingImage[] = [];
  const imageSources: string[] = [];
  const html = remark()
    .use(remarkGfm)
    .use(remarkDirective)
    .use(remarkDirectives, { markdown, warnings, firstLine })
    .use(remarkGeneratorSyntax, { warnings, firstLine })
    .use(remarkRehype, { allowDangerousHtml: true, handlers })
    .use(rehypeRaw)
    .use(rehypeVideoPlaceholders)
    .use(rehypeReportDropped, { warnings, firstLine })
    .use(rehypeSanitizeBody)
    .use(rehypeVideoFacades)
    .use(rehypeArticleData, data)
    .use(rehypeImages, { context: images, missing: missingImages, firstLine, images: imageSources })
    .use(rehypeStringify)
    .processSync(markdown);
  warnings.sort((a, b) => a.line - b.line);
  return {
    html: String(html),
    headings: data.headings,
    wordCount: data.words.length,
    text: data.words.join(" "),
    images: imageSources,
    links: data.links,
    warnings,
    missingImages,
  };
}

import GithubSlugger from "github-slugger";
import { defaultSchema, type Schema } from "hast-util-sanitize";
import type { Element, ElementContent } from "hast";
import type { Link, Root } from "mdast";
import { defaultHandlers, type Handlers } from "mdast-util-to-hast";
import { toString } from "mdast-util-to-string";
import { remark } from "remark";
import remarkGfm from "remark-gfm";
import remarkHtml from "remark-html";
import { visit } from "unist-util-visit";
import type { Heading } from "./article-schema";

export type RenderedBody = { html: string; headings: Heading[]; wordCount: number; text: string };

const WORD = /[\p{L}\p{N}]/u;

/**
 * GitHub's allowlist, with three changes: heading ids keep the exact slug so
 * `#looking-ahead` deep links work without script (raw HTML never reaches the
 * output, so every id is one we generated), links may carry `rel`, and
 * task-list checkboxes may carry the label we give them.
 */
const sanitizeSchema: Schema = {
  ...defaultSchema,
  clobber: [],
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []), ["rel", "noopener", "noreferrer"]],
    input: [...(defaultSchema.attributes?.input ?? []), ["ariaLabel", "Done", "Not done"]],
  },
};

function isExternal(link: Link): boolean {
  return /^https?:\/\//i.test(link.url);
}

/** Gives each heading a stable, unique id and records the outline and the words a reader reads. */
function remarkArticleData() {
  return (tree: Root, file: { data: Record<string, unknown> }) => {
    const slugger = new GithubSlugger();
    const headings: Heading[] = [];
    const words: string[] = [];
    visit(tree, (node) => {
      if (node.type === "heading") {
        const text = toString(node).trim();
        const id = slugger.slug(text) || slugger.slug("section");
        node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } };
        headings.push({ depth: node.depth, text, id });
      } else if (node.type === "link" && isExternal(node)) {
        node.data = { ...node.data, hProperties: { ...node.data?.hProperties, rel: ["noopener", "noreferrer"] } };
      } else if (node.type === "text" || node.type === "inlineCode" || node.type === "code") {
        // A loop, not push(...spread): one paragraph may hold more words than a call takes arguments.
        for (const token of node.value.split(/\s+/)) if (WORD.test(token)) words.push(token);
      }
    });
    file.data.headings = headings;
    file.data.words = words;
  };
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
};

const processor = remark().use(remarkGfm).use(remarkArticleData).use(remarkHtml, { sanitize: sanitizeSchema, handlers }).freeze();

/** Markdown to sanitized HTML, with the heading outline, word count and plain text (for search). */
export function renderMarkdown(markdown: string): RenderedBody {
  const file = processor.processSync(markdown);
  const words = file.data.words as string[];
  return {
    html: String(file),
    headings: file.data.headings as Heading[],
    wordCount: words.length,
    text: words.join(" "),
  };
}

import type { Element, Root } from "hast";
import { defaultSchema, type Schema } from "hast-util-sanitize";
import { visit } from "unist-util-visit";
import type { BodyWarning } from "../content/article-schema";

const aria = ["ariaDescribedBy", "ariaLabel", "ariaLabelledBy"];

/**
 * What raw HTML in an article may keep: GitHub's allowlist plus the structural elements real
 * archives use (figures, media with controls, small print, marks). No element runs script or
 * styles the page. Ids and names are left out, so editors' markup cannot clobber the page's
 * globals or our heading ids; the only ids kept are the footnotes' `user-content-` ones, and
 * headings get theirs after sanitizing (markdown.ts).
 */
export const allowlist: Schema = {
  ...defaultSchema,
  clobber: [],
  tagNames: [
    ...defaultSchema.tagNames!,
    "figure",
    "figcaption",
    "video",
    "audio",
    "small",
    "mark",
    "abbr",
    "cite",
    "caption",
    "u",
  ],
  attributes: {
    ...defaultSchema.attributes,
    "*": [...defaultSchema.attributes!["*"]!.filter((name) => name !== "id" && name !== "name"), ["id", /^user-content-fn/]],
    a: [...defaultSchema.attributes!.a!, "title"],
    img: [...defaultSchema.attributes!.img!, ["loading", "lazy", "eager"], ["decoding", "async"]],
    input: [...defaultSchema.attributes!.input!, ["ariaLabel", "Done", "Not done"]],
    h2: [...defaultSchema.attributes!.h2!, ["id", "footnote-label", /^user-content-/]],
    video: ["src", "poster", "controls", "preload", "playsInline", "muted", "loop"],
    audio: ["src", "controls", "preload", "loop"],
    source: [...defaultSchema.attributes!.source!, "src", "type", "media", "sizes"],
    abbr: [...aria],
  },
  protocols: { ...defaultSchema.protocols, poster: ["http", "https"] },
  // A player without controls could only be started by script, which never runs here.
  required: { ...defaultSchema.required, video: { controls: true }, audio: { controls: true } },
  // Removed with their content: the text inside is code or markup, never prose.
  strip: ["script", "style", "template", "noscript", "textarea", "title", "iframe", "object", "embed", "svg", "math"],
};

const allowed = new Set(allowlist.tagNames);

/**
 * Records each element the sanitizer is about to remove, with its line, so that check-content
 * can say what an article lost (`content/x.md:12: dropped <script>`) instead of dropping it silently.
 * One report per element name and line: the transformer may run over several trees of one body
 * (the body scan runs it over each block of raw HTML), and reports each once.
 */
export function rehypeReportDropped(options: { warnings: BodyWarning[]; firstLine: number }) {
  const seen = new Set<string>();
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if (allowed.has(node.tagName)) return;
      const line = (node.position?.start.line ?? 1) + options.firstLine - 1;
      const message = `dropped <${node.tagName}>${allowlist.strip!.includes(node.tagName) ? " and its content" : ", kept its text"}`;
      if (seen.has(`${line}${message}`)) return;
      seen.add(`${line}${message}`);
      options.warnings.push({ line, message });
    });
  };
}

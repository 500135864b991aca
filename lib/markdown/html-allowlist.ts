import type { Element, Root } from "hast";
import { defaultSchema, sanitize, type Schema } from "hast-util-sanitize";
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

/** A scheme exactly at the start of a URL (RFC 3986: a letter, then letters, digits, `+`, `-` or `.`), before its colon. */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * `value` with its scheme in lowercase when that is one of `protocols`: `HTTPS://Example.com/A`
 * becomes `https://Example.com/A`, the rest left as written. Schemes are case-insensitive (RFC
 * 3986 §3.1) but hast-util-sanitize compares them case-sensitively, so without this it would drop
 * `HTTPS://…` and `Mailto:…`. Anything else is left alone for the sanitizer to judge: a scheme
 * that is not allowed (`JaVaScRiPt:` too), and one with anything before or inside it (` javascript:`,
 * `java\tscript:` from `java&#x09;script:`), which matches no allowed protocol and is dropped.
 */
function lowercaseScheme(value: string, protocols: readonly string[]): string {
  const scheme = SCHEME.exec(value)?.[1];
  if (scheme === undefined || scheme === scheme.toLowerCase()) return value;
  const lower = scheme.toLowerCase();
  return protocols.includes(lower) ? lower + value.slice(scheme.length) : value;
}

const protocolEntries = Object.entries(allowlist.protocols ?? {}).filter((entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].length > 0);

/** Lowercases, in place, the allowed schemes of every URL property the allowlist checks protocols of (href, src, cite, poster…). */
function lowercaseSchemes(tree: Root | Element): void {
  visit(tree, "element", (node: Element) => {
    for (const [key, protocols] of protocolEntries) {
      const value = node.properties[key];
      if (typeof value === "string") node.properties[key] = lowercaseScheme(value, protocols);
    }
  });
}

/**
 * The body's sanitizer: hast-util-sanitize with the allowlist, after allowed schemes written in
 * any case are lowercased (lowercaseSchemes). The renderer (rehypeSanitizeBody) and the body scan
 * (body-scan.ts) both sanitize with this, so they keep and drop the same URLs.
 */
export function sanitizeBody<Tree extends Root | Element>(tree: Tree): Tree {
  lowercaseSchemes(tree);
  return sanitize(tree, allowlist) as Tree;
}

/** sanitizeBody as a rehype plugin, in place of rehype-sanitize. */
export function rehypeSanitizeBody() {
  return (tree: Root): Root => sanitizeBody(tree);
}

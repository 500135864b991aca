/** `{{< >}}`/`{{% %}}` are Hugo shortcodes, `{% %}` Liquid tags, `{{ }}` template output. */
export type TagKind = "shortcode" | "liquid" | "output";

export type TemplateTag = {
  kind: TagKind;
  start: number;
  end: number;
  /** As written, for reports. */
  text: string;
  /** Between the delimiters, trimmed. */
  inner: string;
};

export type TagArguments = { name: string; positional: string[]; named: Map<string, string> };

// Longest opener first: "{{<" must not be read as "{{" followed by text.
const DELIMITERS: Array<[open: string, close: string, kind: TagKind]> = [
  ["{{<", ">}}", "shortcode"],
  ["{{%", "%}}", "shortcode"],
  ["{%", "%}", "liquid"],
  ["{{", "}}", "output"],
];

/** Finds template tags in order. A tag never spans a blank line, so a stray "{{" in prose cannot swallow paragraphs. */
export class TagScanner {
  // Where a closing delimiter was last found missing: no later search for it can succeed, which
  // keeps a text full of unclosed openers linear.
  private readonly missingAfter = new Map<string, number>();

  constructor(private readonly text: string) {}

  next(from: number): TemplateTag | undefined {
    const opener = /\{\{|\{%/g;
    opener.lastIndex = from;
    for (let found = opener.exec(this.text); found; found = opener.exec(this.text)) {
      const start = found.index;
      const [open, close, kind] = DELIMITERS.find(([open]) => this.text.startsWith(open, start))!;
      const closeAt = this.closing(close, start + open.length);
      if (closeAt === -1) continue;
      const end = closeAt + close.length;
      const text = this.text.slice(start, end);
      if (/\n[ \t]*\n/.test(text)) continue;
      const between = this.text.slice(start + open.length, closeAt);
      // Liquid's "{%-" and "-%}" only trim whitespace around the tag.
      const inner = (kind === "shortcode" ? between : between.replace(/^-|-$/g, "")).trim();
      return { kind, start, end, text, inner };
    }
    return undefined;
  }

  private closing(close: string, from: number): number {
    const missing = this.missingAfter.get(close);
    if (missing !== undefined && from >= missing) return -1;
    const at = this.text.indexOf(close, from);
    if (at === -1) this.missingAfter.set(close, from);
    return at;
  }
}

const ARGUMENT = /(?:([\w-]+)\s*=\s*)?(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|([^\s"'`]+))/g;

/** A tag's name and arguments: positional words or quoted strings, and key=value pairs, as Hugo and Liquid write them. */
export function tagArguments(inner: string): TagArguments {
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (const [, key, doubleQuoted, singleQuoted, raw, bare] of inner.matchAll(ARGUMENT)) {
    const value = doubleQuoted?.replace(/\\(.)/g, "$1") ?? singleQuoted ?? raw ?? bare ?? "";
    if (key) named.set(key, value);
    else positional.push(value);
  }
  return { name: positional.shift() ?? "", positional, named };
}

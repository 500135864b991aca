import { escapeAttribute, escapeText } from "./html-escape";
import { codeRanges, parseMarkdown } from "./markdown";
import { Rewriter } from "./rewriter";
import { slugFromPath } from "./slug";
import { TagScanner, tagArguments, type TagArguments, type TagKind, type TemplateTag } from "./template-tags";
import { videoEmbed } from "../../lib/markdown/video-embed";

/** Something in a body the importer left as written; offset is into the source body. */
export type BodyProblem = { offset: number; what: string };

export type ConvertedBody = {
  text: string;
  problems: BodyProblem[];
  /** Where an offset in the converted text came from in the source body. */
  sourceOffset(offset: number): number;
};

/** A tag's replacement; block replacements (videos, code) need a line of their own to be read as blocks. */
type Conversion = { block?: boolean; convert(args: TagArguments): string | undefined };

const WATCH_PAGES = new Map([
  ["youtube", "https://www.youtube.com/watch?v="],
  ["vimeo", "https://vimeo.com/"],
]);

// Only what the site's ::video directive embeds: anything else (a Liquid variable, say) would
// only show as text, so it is left for a person.
function video(service: string, id: string | undefined): string | undefined {
  const watch = WATCH_PAGES.get(service);
  const embed = watch && id ? videoEmbed(`${watch}${id}`) : undefined;
  return embed ? `::video{src="${embed.watch}"}` : undefined;
}

function gist(path: string | undefined): string | undefined {
  return path && /^[\w-]+(?:\/[\w-]+)?$/.test(path) ? `[View the gist on GitHub](https://gist.github.com/${path})` : undefined;
}

/** Hugo's ref and Jekyll's post_url name a post file; this site serves every article at /articles/<slug>. */
function articleLink(target: string | undefined): string | undefined {
  if (!target) return undefined;
  const hash = target.indexOf("#");
  const anchor = hash === -1 ? "" : target.slice(hash);
  const slug = slugFromPath(hash === -1 ? target : target.slice(0, hash));
  if (slug) return `/articles/${slug}${anchor}`;
  return hash === 0 ? anchor : undefined;
}

function figure({ named }: TagArguments): string | undefined {
  const src = named.get("src");
  if (!src) return undefined;
  const caption = named.get("caption") ?? named.get("title");
  const link = named.get("link");
  const image = `<img src="${escapeAttribute(src)}" alt="${escapeAttribute(named.get("alt") ?? caption ?? "")}">`;
  return `<figure>${link ? `<a href="${escapeAttribute(link)}">${image}</a>` : image}${caption ? `<figcaption>${escapeText(caption)}</figcaption>` : ""}</figure>`;
}

const toArticle: Conversion = { convert: ({ positional, named }) => articleLink(named.get("path") ?? positional[0]) };

const CONVERSIONS: Record<TagKind, Map<string, Conversion>> = {
  shortcode: new Map([
    ["figure", { convert: figure }],
    ["youtube", { block: true, convert: ({ positional, named }) => video("youtube", named.get("id") ?? positional[0]) }],
    ["vimeo", { block: true, convert: ({ positional, named }) => video("vimeo", named.get("id") ?? positional[0]) }],
    ["gist", { convert: ({ positional: [user, id] }) => (user && id ? gist(`${user}/${id}`) : undefined) }],
    ["ref", toArticle],
    ["relref", toArticle],
  ]),
  liquid: new Map([
    ["youtube", { block: true, convert: ({ positional }) => video("youtube", positional[0]) }],
    // The include snippets themes ship for embeds: youtube.html, vimeo.html.
    ["include", { block: true, convert: ({ positional: [file = ""], named }) => video(file.replace(/\.html$/, ""), named.get("id")) }],
    ["gist", { convert: ({ positional }) => gist(positional[0]) }],
    ["post_url", toArticle],
  ]),
  output: new Map(),
};

/** Tags that wrap content, and the closing tag that ends it. */
const PAIRED: Record<TagKind, Map<string, RegExp>> = {
  shortcode: new Map([["highlight", /\{\{[<%]\s*\/highlight\s*[>%]\}\}/g]]),
  liquid: new Map([
    ["highlight", /\{%-?\s*endhighlight\s*-?%\}/g],
    ["raw", /\{%-?\s*endraw\s*-?%\}/g],
    ["comment", /\{%-?\s*endcomment\s*-?%\}/g],
  ]),
  output: new Map(),
};

const SITE_URL = /^(?:site\.url|site\.baseurl|\.Site\.BaseURL)\s*(?:\|.*)?$/;
const RELATIVE_URL_FILTER = /^(["'])(\/[^"']*)\1\s*\|\s*(?:relative_url|absolute_url)$/;
const ESCAPED_SHORTCODE = /^(\{\{[<%])\s*\/\*([\s\S]*)\*\/\s*([>%]\}\})$/;

function fencedCode(language: string | undefined, code: string): string {
  const longestRun = Math.max(0, ...Array.from(code.matchAll(/`+/g), ([run]) => run.length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return `${fence}${language?.replace(/[^\w+#.-]/g, "") ?? ""}\n${code}\n${fence}`;
}

function shown(text: string): string {
  const line = text.replace(/\s+/g, " ");
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

/**
 * Turns Hugo shortcodes and Jekyll Liquid into Markdown, the allowlisted HTML or the video
 * directive, leaving code alone, and lists every tag it left as written.
 */
export function convertTemplates(body: string): ConvertedBody {
  const code = codeRanges(parseMarkdown(body));
  const scanner = new TagScanner(body);
  const out = new Rewriter(body);
  const problems: BodyProblem[] = [];
  const notConverted = (tag: TemplateTag, why = "") => problems.push({ offset: tag.start, what: `could not convert ${shown(tag.text)}${why}` });

  const onOwnLine = (tag: TemplateTag, text: string) =>
    `${tag.start > 0 && body[tag.start - 1] !== "\n" ? "\n" : ""}${text}${tag.end < body.length && body[tag.end] !== "\n" ? "\n" : ""}`;

  // "{{ site.url }}/x" and "{{ site.url }}{{ site.baseurl }}/x" both become "/x"; alone it is "/".
  const siteUrl = (tag: TemplateTag) => {
    const next = scanner.next(tag.end);
    const joined = body.startsWith("/", tag.end) || (next?.start === tag.end && next.kind === "output" && SITE_URL.test(next.inner));
    return joined ? "" : "/";
  };

  const convertOutput = (tag: TemplateTag) => {
    const converted = SITE_URL.test(tag.inner) ? siteUrl(tag) : RELATIVE_URL_FILTER.exec(tag.inner)?.[2];
    if (converted === undefined) notConverted(tag);
    else out.replace(tag.start, tag.end, converted);
  };

  /** Converts a tag and the content up to its closing tag; returns where scanning resumes. */
  const convertPair = (tag: TemplateTag, { name, positional }: TagArguments, closing: RegExp): number => {
    closing.lastIndex = tag.end;
    const close = closing.exec(body);
    if (!close) {
      notConverted(tag, " (no closing tag)");
      return tag.end;
    }
    const end = close.index + close[0].length;
    if (name === "raw") {
      out.replace(tag.start, tag.end, "");
      out.replace(close.index, end, "");
    } else if (name === "comment") {
      // A comment on lines of its own takes its line break too, so no blank lines pile up.
      const ownLines = (tag.start === 0 || body[tag.start - 1] === "\n") && body[end] === "\n";
      out.replace(tag.start, ownLines ? end + 1 : end, "");
    } else {
      const content = body.slice(tag.end, close.index).replace(/^[ \t]*\n/, "").replace(/\n[ \t]*$/, "");
      out.replace(tag.start, end, onOwnLine({ ...tag, end }, fencedCode(positional[0], content)));
    }
    return end;
  };

  let at = 0;
  let codeIndex = 0;
  for (let tag = scanner.next(at); tag; tag = scanner.next(at)) {
    at = tag.end;
    while (code[codeIndex] && code[codeIndex]![1] <= tag.start) codeIndex++;
    const inCode = code[codeIndex] !== undefined && code[codeIndex]![0] <= tag.start;

    // Hugo's {{</* */>}} and Jekyll's {% raw %} exist to show template syntax in code samples, and
    // both generators read tags inside code, so these two are undone there too.
    const escaped = tag.kind === "shortcode" ? ESCAPED_SHORTCODE.exec(tag.text) : null;
    if (escaped) {
      out.replace(tag.start, tag.end, `${escaped[1]}${escaped[2]}${escaped[3]}`);
      continue;
    }
    if (tag.kind === "output") {
      if (!inCode) convertOutput(tag);
      continue;
    }
    const args = tagArguments(tag.inner.replace(/\s*\/$/, ""));
    const closing = PAIRED[tag.kind].get(args.name);
    if (inCode && !(tag.kind === "liquid" && args.name === "raw")) continue;
    if (closing) {
      at = convertPair(tag, args, closing);
      continue;
    }
    const conversion = CONVERSIONS[tag.kind].get(args.name);
    const converted = conversion?.convert(args);
    if (converted === undefined) notConverted(tag);
    else out.replace(tag.start, tag.end, conversion?.block ? onOwnLine(tag, converted) : converted);
  }

  const text = out.finish();
  return { text, problems, sourceOffset: (offset) => out.sourceOffset(offset) };
}

import markdownIt, { type MarkdownIt, type Ruler, type StateBlock, type StateCore, type StateInline, type Token } from "markdown-it";

/**
 * The Markdown the body scan (body-scan.ts) reads: markdown-it, a fast CommonMark tokenizer,
 * taught what the renderer (remark with remark-gfm and remark-directive, on micromark) reads
 * beyond CommonMark, so that both find the same links, images, footnotes and directives:
 *
 * - footnote definitions (`[^a]: …`, indented continuation) and calls (`[^a]`, only of a label
 *   that is defined), as micromark-extension-gfm-footnote reads them;
 * - directives (`:name[label]{attributes}`, `::name…` on its own line, `:::name` … `:::`), as
 *   micromark-extension-directive reads them;
 * - task-list checks (`- [x] done`), which are not text;
 * - strikethrough with one tilde or two, and tables that end where any block starts;
 * - http(s) and www. autolink literals, read while tokenizing as micromark reads them (so that a
 *   `_`, `*` or `~` in a URL is part of it); remark-gfm's own transform finds the rest, e-mail
 *   addresses among them, afterwards in the text (body-scan.ts).
 *
 * Where micromark and markdown-it part ways on a shape this does not emulate, the parse says so
 * (ScanEnv.needsRenderer) and the scan renders the body in full.
 *
 * Link and image destinations are left as written: the scan writes them as the renderer does.
 */

/**
 * What the block rules record: the footnote labels defined anywhere in the body (for the inline
 * rules), and why the body has to be rendered to be read right, if it has.
 */
export type ScanEnv = { footnoteIds: Set<string>; needsRenderer?: string };

/** A directive's parts: its name, label (the text in `[…]`) and attributes (`{…}`). */
export type DirectiveParts = { name: string; label?: string; attributes?: Record<string, string>; end: number };

const MAX_LABEL_ESCAPES = 999;
const MAX_LABEL_NESTING = 32;

const isEol = (code: number) => code === 0x0a || code === 0x0d;
const isSpace = (code: number) => code === 0x20 || code === 0x09;
const isAsciiAlpha = (code: number) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
const isAsciiControl = (code: number) => code < 0x20 || code === 0x7f;
// micromark reads UTF-16 code units, and so do these (a lone surrogate is neither).
const PUNCTUATION = /\p{P}|\p{S}/u;
const WHITESPACE = /\s/;
const isPunctuation = (code: number) => code === code && PUNCTUATION.test(String.fromCharCode(code));
const isWhitespace = (code: number) => code === code && WHITESPACE.test(String.fromCharCode(code));

/** A footnote or link label as micromark normalizes it (micromark-util-normalize-identifier). */
function normalizeIdentifier(value: string): string {
  return value
    .replace(/[\t\n\r ]+/g, " ")
    .replace(/^ | $/g, "")
    .toLowerCase()
    .toUpperCase();
}

export function countNewlines(value: string, from = 0, to = value.length): number {
  let count = 0;
  for (let at = value.indexOf("\n", from); at !== -1 && at < to; at = value.indexOf("\n", at + 1)) count += 1;
  return count;
}

/** `[^label]` from `start`: the label as written and the index of its `]`, or undefined. */
function footnoteLabel(src: string, start: number, max: number): { raw: string; end: number } | undefined {
  if (src.charCodeAt(start) !== 0x5b || src.charCodeAt(start + 1) !== 0x5e) return undefined;
  let size = 0;
  for (let pos = start + 2; pos < max && size <= MAX_LABEL_ESCAPES; pos++) {
    const code = src.charCodeAt(pos);
    if (code === 0x5d) return pos === start + 2 ? undefined : { raw: src.slice(start + 2, pos), end: pos };
    if (code === 0x5b || isSpace(code) || isEol(code)) return undefined;
    size += 1;
    const next = src.charCodeAt(pos + 1);
    if (code === 0x5c && (next === 0x5b || next === 0x5c || next === 0x5d)) {
      pos += 1;
      size += 1;
    }
  }
  return undefined;
}

/** `[^label]: …` at the start of a line: a footnote definition, its content indented by four. */
function footnoteDefinition(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const max = state.eMarks[startLine]!;
  const label = footnoteLabel(state.src, start, max);
  if (!label || state.src.charCodeAt(label.end + 1) !== 0x3a) return false;
  if (silent) return true;
  const id = normalizeIdentifier(label.raw);
  (state.env as ScanEnv).footnoteIds.add(id);

  const afterColon = label.end + 2;
  const initial = state.sCount[startLine]! + afterColon - start;
  let offset = initial;
  let pos = afterColon;
  for (; pos < max; pos++) {
    const code = state.src.charCodeAt(pos);
    if (code === 0x20) offset += 1;
    else if (code === 0x09) offset += 4 - (offset % 4);
    else break;
  }
  const saved = {
    bMark: state.bMarks[startLine]!,
    tShift: state.tShift[startLine]!,
    sCount: state.sCount[startLine]!,
    parentType: state.parentType,
    blkIndent: state.blkIndent,
  };
  state.bMarks[startLine] = afterColon;
  state.tShift[startLine] = pos - afterColon;
  state.sCount[startLine] = offset - initial;
  state.blkIndent += 4;
  state.parentType = "footnote";
  if (state.sCount[startLine]! < state.blkIndent) state.sCount[startLine]! += state.blkIndent;

  const open = state.push("footnote_def_open", "", 1);
  open.meta = { id, label: label.raw };
  open.map = [startLine, startLine];
  state.md.block.tokenize(state, startLine, endLine);
  state.push("footnote_def_close", "", -1);
  open.map[1] = state.line;

  state.bMarks[startLine] = saved.bMark;
  state.tShift[startLine] = saved.tShift;
  state.sCount[startLine] = saved.sCount;
  state.parentType = saved.parentType;
  state.blkIndent = saved.blkIndent;
  return true;
}

/** `[^label]` of a defined footnote. */
function footnoteCall(state: StateInline, silent: boolean): boolean {
  const label = footnoteLabel(state.src, state.pos, state.posMax);
  if (!label) return false;
  const id = normalizeIdentifier(label.raw);
  if (!(state.env as ScanEnv).footnoteIds.has(id)) return false;
  if (!silent) state.push("footnote_ref", "", 0).meta = { id, label: label.raw };
  state.pos = label.end + 1;
  return true;
}

// Directives, as micromark-extension-directive reads them (factory-name, factory-label, factory-attributes).

function directiveName(src: string, pos: number, max: number): number | undefined {
  const first = src.charCodeAt(pos);
  if (pos >= max || isEol(first) || isWhitespace(first) || isPunctuation(first)) return undefined;
  let at = pos + 1;
  for (; at < max; at++) {
    const code = src.charCodeAt(at);
    if (isEol(code) || isWhitespace(code) || (isPunctuation(code) && code !== 0x2d && code !== 0x5f)) break;
  }
  const last = src.charCodeAt(at - 1);
  return last === 0x2d || last === 0x5f ? undefined : at;
}

/** `[…]` from `pos`: the index after its `]`, or undefined. */
function directiveLabel(src: string, pos: number, max: number, allowEol: boolean): number | undefined {
  let balance = 0;
  let escapes = 0;
  for (let at = pos + 1; ; at++) {
    if (at >= max || escapes > MAX_LABEL_ESCAPES) return undefined;
    const code = src.charCodeAt(at);
    if (code === 0x5b && ++balance > MAX_LABEL_NESTING) return undefined;
    if (code === 0x5d && !balance--) return at + 1;
    if (isEol(code) && !allowEol) return undefined;
    const next = src.charCodeAt(at + 1);
    if (code === 0x5c && (next === 0x5b || next === 0x5c || next === 0x5d)) {
      at += 1;
      escapes += 1;
    }
  }
}

const ENTITY = /&(?:#[xX][\da-fA-F]+|#\d+|[A-Za-z][A-Za-z\d]*);/g;

/** `{…}` from `pos`: the attributes and the index after its `}`, or undefined. */
function directiveAttributes(src: string, pos: number, max: number, allowEol: boolean, decode: (value: string) => string): { attributes: Record<string, string>; end: number } | undefined {
  const list: [string, string][] = [];
  const at = (index: number) => (index < max ? src.charCodeAt(index) : NaN);
  const isGap = (code: number) => isSpace(code) || (allowEol && isEol(code));
  let p = pos + 1;
  for (;;) {
    let code = at(p);
    if (code === 0x23 || code === 0x2e) {
      // #id or .class
      const key = code === 0x23 ? "id" : "class";
      const valueStart = ++p;
      code = at(p);
      if (code !== code || code === 0x22 || code === 0x23 || code === 0x27 || code === 0x2e || code === 0x3c || code === 0x3d || code === 0x3e || code === 0x60 || code === 0x7d || isSpace(code) || isEol(code)) {
        return undefined;
      }
      for (;;) {
        code = at(p);
        if (code !== code || code === 0x22 || code === 0x27 || code === 0x3c || code === 0x3d || code === 0x3e || code === 0x60) return undefined;
        if (code === 0x23 || code === 0x2e || code === 0x7d || isSpace(code) || isEol(code)) break;
        p += 1;
      }
      list.push([key, decode(src.slice(valueStart, p))]);
      continue;
    }
    if (isGap(code)) {
      while (isGap(at(p))) p += 1;
      continue;
    }
    if (code !== code || isEol(code) || isWhitespace(code) || (isPunctuation(code) && code !== 0x2d && code !== 0x5f)) {
      return code === 0x7d ? { attributes: attributeRecord(list), end: p + 1 } : undefined;
    }
    const nameStart = p;
    for (p += 1; ; p++) {
      code = at(p);
      if (code !== code || isEol(code) || isWhitespace(code) || (isPunctuation(code) && code !== 0x2d && code !== 0x2e && code !== 0x3a && code !== 0x5f)) break;
    }
    const attribute: [string, string] = [src.slice(nameStart, p), ""];
    list.push(attribute);
    while (isGap(at(p))) p += 1;
    if (at(p) !== 0x3d) continue;
    p += 1;
    while (isGap(at(p))) p += 1;
    code = at(p);
    if (code !== code || code === 0x3c || code === 0x3d || code === 0x3e || code === 0x60 || code === 0x7d || (!allowEol && isEol(code))) return undefined;
    if (code === 0x22 || code === 0x27) {
      const close = src.indexOf(String.fromCharCode(code), p + 1);
      if (close === -1 || close >= max) return undefined;
      const value = src.slice(p + 1, close);
      if (!allowEol && /[\n\r]/.test(value)) return undefined;
      attribute[1] = decode(value);
      p = close + 1;
      code = at(p);
      if (code === 0x7d || isSpace(code) || isEol(code)) continue;
      return undefined;
    }
    const valueStart = p;
    for (;;) {
      code = at(p);
      if (code !== code || code === 0x22 || code === 0x27 || code === 0x3c || code === 0x3d || code === 0x3e || code === 0x60) return undefined;
      if (code === 0x7d || isSpace(code) || isEol(code)) break;
      p += 1;
    }
    attribute[1] = decode(src.slice(valueStart, p));
  }
}

function attributeRecord(list: [string, string][]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, value] of list) record[key] = key === "class" && record.class ? `${record.class} ${value}` : value;
  return record;
}

function directiveParts(md: MarkdownIt, src: string, pos: number, max: number, allowEol: boolean): DirectiveParts | undefined {
  const nameEnd = directiveName(src, pos, max);
  if (nameEnd === undefined) return undefined;
  const parts: DirectiveParts = { name: src.slice(pos, nameEnd), end: nameEnd };
  if (src.charCodeAt(parts.end) === 0x5b) {
    const labelEnd = directiveLabel(src, parts.end, max, allowEol);
    if (labelEnd !== undefined) {
      parts.label = src.slice(parts.end + 1, labelEnd - 1);
      parts.end = labelEnd;
    }
  }
  if (src.charCodeAt(parts.end) === 0x7b) {
    const decode = (value: string) => (value.includes("&") ? value.replace(ENTITY, (entity) => md.utils.unescapeAll(entity)) : value);
    const attributes = directiveAttributes(src, parts.end, max, allowEol, decode);
    if (attributes) {
      parts.attributes = attributes.attributes;
      parts.end = attributes.end;
    }
  }
  return parts;
}

/** `:name[label]{attributes}` in text (not after another `:`): the renderer shows it as written. */
function textDirective(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x3a) return false;
  if (pos > 0 && src.charCodeAt(pos - 1) === 0x3a && !(pos > 1 && src.charCodeAt(pos - 2) === 0x5c)) return false;
  const parts = directiveParts(state.md, src, pos + 1, state.posMax, true);
  if (!parts || src.charCodeAt(pos + 1 + parts.name.length) === 0x3a) return false;
  if (!silent) state.push("directive_text", "", 0).content = src.slice(pos, parts.end);
  state.pos = parts.end;
  return true;
}

function onlySpaceAfter(src: string, pos: number, max: number): boolean {
  for (let at = pos; at < max; at++) if (!isSpace(src.charCodeAt(at))) return false;
  return true;
}

/** `::name[label]{attributes}` alone on a line. */
function leafDirective(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const max = state.eMarks[startLine]!;
  if (state.src.charCodeAt(start) !== 0x3a || state.src.charCodeAt(start + 1) !== 0x3a) return false;
  const parts = directiveParts(state.md, state.src, start + 2, max, false);
  if (!parts || !onlySpaceAfter(state.src, parts.end, max)) return false;
  if (silent) return true;
  const token = state.push("directive_leaf", "", 0);
  token.meta = parts;
  token.content = state.src.slice(start, max);
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}

function colonFence(src: string, start: number, max: number): number {
  let at = start;
  while (at < max && src.charCodeAt(at) === 0x3a) at += 1;
  return at - start;
}

/** `:::name[label]{attributes}` … `:::`: its content is Markdown, parsed as the body around it. */
function containerDirective(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const { src } = state;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const max = state.eMarks[startLine]!;
  const size = colonFence(src, start, max);
  if (size < 3) return false;
  const parts = directiveParts(state.md, src, start + size, max, false);
  if (!parts || !onlySpaceAfter(src, parts.end, max)) return false;
  if (silent) return true;

  let nextLine = startLine;
  let closed = false;
  while (++nextLine < endLine) {
    const lineStart = state.bMarks[nextLine]! + state.tShift[nextLine]!;
    const lineMax = state.eMarks[nextLine]!;
    if (lineStart < lineMax && state.sCount[nextLine]! < state.blkIndent) break;
    if (state.sCount[nextLine]! - state.blkIndent >= 4) continue;
    const closing = colonFence(src, lineStart, lineMax);
    if (closing >= size && onlySpaceAfter(src, lineStart + closing, lineMax)) {
      closed = true;
      break;
    }
  }

  const open = state.push("directive_container_open", "", 1);
  open.meta = parts;
  open.map = [startLine, nextLine];
  if (parts.label !== undefined) {
    // The label is a paragraph of the content (mdast-util-directive), kept when the directive is not.
    state.push("paragraph_open", "p", 1).map = [startLine, startLine + 1];
    const inline = state.push("inline", "", 0);
    inline.content = parts.label;
    inline.map = [startLine, startLine + 1];
    inline.children = [];
    state.push("paragraph_close", "p", -1);
  }
  const saved = { parentType: state.parentType, lineMax: state.lineMax };
  state.parentType = "container";
  state.lineMax = nextLine;
  state.md.block.tokenize(state, startLine + 1, nextLine);
  state.parentType = saved.parentType;
  state.lineMax = saved.lineMax;
  state.push("directive_container_close", "", -1);
  state.line = nextLine + (closed ? 1 : 0);
  return true;
}

// http(s) autolink literals, as micromark-extension-gfm-autolink-literal tokenizes them.

/** Whether what starts at `pos` is trailing punctuation, not part of the URL (tokenizeTrail). */
function isTrail(src: string, pos: number, max: number): boolean {
  const at = (index: number) => (index < max ? src.charCodeAt(index) : NaN);
  for (let p = pos; ; ) {
    const code = at(p);
    if (code === 0x21 || code === 0x22 || code === 0x27 || code === 0x29 || code === 0x2a || code === 0x2c || code === 0x2e || code === 0x3a || code === 0x3b || code === 0x3f || code === 0x5f || code === 0x7e) {
      p += 1;
    } else if (code === 0x26) {
      p += 1;
      if (!isAsciiAlpha(at(p))) return false;
      while (isAsciiAlpha(at(p))) p += 1;
      if (at(p) !== 0x3b) return false;
      p += 1;
    } else if (code === 0x5d) {
      p += 1;
      const next = at(p);
      if (next !== next || next === 0x28 || next === 0x5b || isWhitespace(next)) return true;
    } else {
      return code === 0x3c || code !== code || isWhitespace(code);
    }
  }
}

function domainEnd(src: string, pos: number, max: number): number | undefined {
  let underscoreInLast = false;
  let underscoreInLastLast = false;
  let seen = false;
  let p = pos;
  for (;;) {
    const code = p < max ? src.charCodeAt(p) : NaN;
    if (code === 0x2e || code === 0x5f) {
      if (isTrail(src, p, max)) break;
      if (code === 0x5f) underscoreInLast = true;
      else {
        underscoreInLastLast = underscoreInLast;
        underscoreInLast = false;
      }
      p += 1;
      continue;
    }
    if (code !== code || isWhitespace(code) || (code !== 0x2d && isPunctuation(code))) break;
    seen = true;
    p += 1;
  }
  return underscoreInLastLast || underscoreInLast || !seen ? undefined : p;
}

function pathEnd(src: string, pos: number, max: number): number {
  let open = 0;
  let close = 0;
  for (let p = pos; ; p++) {
    const code = p < max ? src.charCodeAt(p) : NaN;
    if (code === 0x28) open += 1;
    else if (code === 0x29 && close < open) close += 1;
    else if (
      code === 0x21 || code === 0x22 || code === 0x26 || code === 0x27 || code === 0x29 || code === 0x2a || code === 0x2c || code === 0x2e ||
      code === 0x3a || code === 0x3b || code === 0x3c || code === 0x3f || code === 0x5d || code === 0x5f || code === 0x7e
    ) {
      if (isTrail(src, p, max)) return p;
      if (code === 0x29) close += 1;
    } else if (code !== code || isWhitespace(code)) return p;
  }
}

const openBrackets = new WeakMap<StateInline, { pos: number; open: number }>();

/**
 * Whether a `[` before `pos` has not met its `]` yet: micromark reads no autolink literal inside a
 * label that may still become a link (remark-gfm's transform may link the URL afterwards).
 */
function insideOpenBracket(state: StateInline, pos: number): boolean {
  let scanned = openBrackets.get(state);
  if (!scanned || scanned.pos > pos) scanned = { pos: 0, open: 0 };
  for (let at = scanned.pos; at < pos; at++) {
    const code = state.src.charCodeAt(at);
    if (code === 0x5c) at += 1;
    else if (code === 0x5b) scanned.open += 1;
    else if (code === 0x5d && scanned.open > 0) scanned.open -= 1;
  }
  scanned.pos = pos;
  openBrackets.set(state, scanned);
  return scanned.open > 0;
}

/** At the `:` of `http://` or `https://` written in text: the URL as a link, before emphasis can take its `_` or `*`. */
function protocolAutolink(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (silent || state.linkLevel > 0) return false;
  if (src.charCodeAt(pos) !== 0x3a || src.charCodeAt(pos + 1) !== 0x2f || src.charCodeAt(pos + 2) !== 0x2f) return false;
  let start = pos;
  while (start > 0 && pos - start < 6 && isAsciiAlpha(src.charCodeAt(start - 1))) start -= 1;
  const protocol = src.slice(start, pos);
  if (!/^https?$/i.test(protocol) || !state.pending.endsWith(protocol) || insideOpenBracket(state, start)) return false;
  const first = pos + 3 < state.posMax ? src.charCodeAt(pos + 3) : NaN;
  if (first !== first || isAsciiControl(first) || isWhitespace(first) || isPunctuation(first)) return false;
  const domain = domainEnd(src, pos + 3, state.posMax);
  if (domain === undefined) return false;
  const end = pathEnd(src, domain, state.posMax);
  const url = src.slice(start, end);
  state.pending = state.pending.slice(0, -protocol.length);
  const open = state.push("link_open", "a", 1);
  open.attrs = [["href", url]];
  open.info = "auto";
  state.push("text", "", 0).content = url;
  state.push("link_close", "a", -1).info = "auto";
  state.pos = end;
  return true;
}

const isWwwPrevious = (code: number) =>
  code !== code || code === 0x28 || code === 0x2a || code === 0x5f || code === 0x5b || code === 0x5d || code === 0x7e || isSpace(code) || isEol(code);

function startsWww(src: string, pos: number): boolean {
  return (
    (src.charCodeAt(pos) | 0x20) === 0x77 && (src.charCodeAt(pos + 1) | 0x20) === 0x77 && (src.charCodeAt(pos + 2) | 0x20) === 0x77 && src.charCodeAt(pos + 3) === 0x2e
  );
}

/** `www.…` written in text, after a space, `(`, `*`, `_`, `[`, `]` or `~`: a link to http://www.…, before emphasis can take its `_` or `*`. */
function wwwAutolink(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (silent || state.linkLevel > 0 || !startsWww(src, pos) || pos + 4 >= state.posMax) return false;
  if (!isWwwPrevious(pos > 0 ? src.charCodeAt(pos - 1) : NaN) || insideOpenBracket(state, pos)) return false;
  const domain = domainEnd(src, pos, state.posMax);
  if (domain === undefined) return false;
  const end = pathEnd(src, domain, state.posMax);
  const text = src.slice(pos, end);
  const open = state.push("link_open", "a", 1);
  open.attrs = [["href", `http://${text}`]];
  open.info = "auto";
  state.push("text", "", 0).content = text;
  state.push("link_close", "a", -1).info = "auto";
  state.pos = end;
  return true;
}

const nextWww = new WeakMap<StateInline, { from: number; at: number }>();

/** The next `www.` after a space or `(` at or after `from`, or -1; found once per stretch of the source. */
function wwwAfter(state: StateInline, from: number): number {
  const found = nextWww.get(state);
  if (found && found.from <= from && (found.at === -1 || found.at >= from)) return found.at;
  const { src } = state;
  let at = -1;
  for (let index = from; index + 3 < state.posMax; index++) {
    const code = src.charCodeAt(index - 1);
    if ((code === 0x20 || code === 0x0a || code === 0x09 || code === 0x28) && startsWww(src, index)) {
      at = index;
      break;
    }
  }
  nextWww.set(state, { from, at });
  return at;
}

/** markdown-it's text rule, stopping before a `www.` after a space or `(` so that wwwAutolink gets to read it. */
function stoppingAtWww(rule: (state: StateInline, silent: boolean) => boolean) {
  return (state: StateInline, silent: boolean) => {
    const at = wwwAfter(state, state.pos + 1);
    if (at === -1 || at >= state.posMax) return rule(state, silent);
    const max = state.posMax;
    state.posMax = at;
    const matched = rule(state, silent);
    state.posMax = max;
    return matched;
  };
}

/**
 * The line of each inline token is counted from its block's first line and the line breaks
 * before it. Code spans, links and images can hold line breaks that no token shows; this wraps
 * their rules to record those on the token (meta.newlines).
 */
function countingLineBreaks(rule: (state: StateInline, silent: boolean) => boolean) {
  return (state: StateInline, silent: boolean) => {
    const start = state.pos;
    const first = state.tokens.length;
    const matched = rule(state, silent);
    if (!matched || silent) return matched;
    let shown = 0;
    for (let index = first; index < state.tokens.length; index++) shown += tokenNewlines(state.tokens[index]!);
    const hidden = countNewlines(state.src, start, state.pos) - shown;
    const last = state.tokens.at(-1);
    if (hidden > 0 && last) last.meta = { ...last.meta, newlines: ((last.meta?.newlines as number | undefined) ?? 0) + hidden };
    return true;
  };
}

/** The line breaks of the source that a token stands for. */
export function tokenNewlines(token: Token): number {
  if (token.type === "softbreak" || token.type === "hardbreak") return 1;
  const hidden = (token.meta?.newlines as number | undefined) ?? 0;
  return token.type === "html_inline" || token.type === "directive_text" ? hidden + countNewlines(token.content) : hidden;
}

// GFM strikethrough, as micromark-extension-gfm-strikethrough reads it: `~one~` as well as
// `~~two~~`, a run closing only a run of its own length; three or more tildes are text.

/** micromark-util-classify-character: 1 for whitespace (and the edges), 2 for punctuation, 0 for the rest. */
function characterGroup(code: number): number {
  if (code !== code || isEol(code) || isWhitespace(code)) return 1;
  return isPunctuation(code) ? 2 : 0;
}

/** A marker per run length, so that the shared pairing (balance_pairs) pairs `~` only with `~`, `~~` with `~~`. */
const TILDE_MARKERS = [0, 0x7e, 0x7e + 0x10000];

function strikethroughRun(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (silent || src.charCodeAt(pos) !== 0x7e) return false;
  if (pos > 0 && src.charCodeAt(pos - 1) === 0x7e && !(pos > 1 && src.charCodeAt(pos - 2) === 0x5c)) return false;
  let end = pos;
  while (end < state.posMax && src.charCodeAt(end) === 0x7e) end += 1;
  const size = end - pos;
  const token = state.push("text", "", 0);
  token.content = src.slice(pos, end);
  if (size <= 2) {
    const before = characterGroup(pos > 0 ? src.charCodeAt(pos - 1) : NaN);
    const after = characterGroup(end < state.posMax ? src.charCodeAt(end) : NaN);
    state.delimiters.push({
      marker: TILDE_MARKERS[size]!,
      length: 0,
      token: state.tokens.length - 1,
      end: -1,
      open: !after || (after === 2 && Boolean(before)),
      close: !before || (before === 2 && Boolean(after)),
    });
  }
  state.pos = end;
  return true;
}

function strikethroughPairs(state: StateInline): void {
  if (!state.src.includes("~")) return;
  const lists = [state.delimiters, ...state.tokens_meta.map((meta) => meta?.delimiters ?? [])];
  for (const delimiters of lists) {
    for (const delimiter of delimiters) {
      if (!TILDE_MARKERS.includes(delimiter.marker) || delimiter.marker === 0 || delimiter.end === -1 || !delimiter.open) continue;
      const open = state.tokens[delimiter.token]!;
      const close = state.tokens[delimiters[delimiter.end]!.token]!;
      Object.assign(open, { type: "s_open", tag: "s", nesting: 1, markup: open.content, content: "" });
      Object.assign(close, { type: "s_close", tag: "s", nesting: -1, markup: close.content, content: "" });
    }
  }
}

// A GFM table ends where any block starts, as micromark tries every other block before a table row:
// an HTML line such as <img …> too, which markdown-it leaves to the table.
const HTML_TAG_LINE = new RegExp(
  `^ {0,3}(?:<[A-Za-z][A-Za-z0-9\\-]*(?:\\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\\s*=\\s*(?:[^"'=<>\`\\x00-\\x20]+|'[^']*'|"[^"]*"))?)*\\s*\\/?>|<\\/[A-Za-z][A-Za-z0-9\\-]*\\s*>)\\s*$`,
);

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!);
}

function endingAtHtml(rule: (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean) {
  return (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
    const isTable = rule(state, startLine, endLine, true);
    if (silent || !isTable) return isTable;
    // A table: its rows run to the first blank line at most.
    let end = startLine + 2;
    while (end < endLine && !state.isEmpty(end) && !(state.sCount[end]! - state.blkIndent < 4 && state.src.charCodeAt(state.bMarks[end]! + state.tShift[end]!) === 0x3c && HTML_TAG_LINE.test(lineText(state, end)))) {
      end += 1;
    }
    return rule(state, startLine, end, false);
  };
}

/**
 * micromark lets a lazy line (one that does not continue the list item, quote or footnote it
 * follows) start an HTML block with a lone tag such as <img …>, which CommonMark and markdown-it
 * read as more of the paragraph. What follows then differs too; such a body is left to the renderer.
 */
function flaggingLazyHtml(rule: (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean) {
  return (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
    const matched = rule(state, startLine, endLine, silent);
    if (!matched || silent) return matched;
    for (let line = startLine + 1; line < state.line; line++) {
      if (state.sCount[line]! < state.blkIndent && HTML_TAG_LINE.test(lineText(state, line))) {
        (state.env as ScanEnv).needsRenderer = "a lazy line of raw HTML";
      }
    }
    return true;
  };
}

/**
 * In CommonMark a link reference definition is the start of a paragraph, so the line after it
 * continues that paragraph, even when indented four spaces or a lone HTML tag (neither can
 * interrupt a paragraph); markdown-it starts a code or HTML block there. Left to the renderer.
 */
function flaggingDefinitionContinuation(rule: (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean) {
  return (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
    const matched = rule(state, startLine, endLine, silent);
    if (!matched || silent) return matched;
    const next = state.line;
    if (next < endLine && !state.isEmpty(next) && state.sCount[next]! >= state.blkIndent) {
      if (state.sCount[next]! - state.blkIndent >= 4 || HTML_TAG_LINE.test(lineText(state, next))) {
        (state.env as ScanEnv).needsRenderer = "a line continuing a link definition";
      }
    }
    return true;
  };
}

const TASK_CHECK = /^\[[ \t\nxX]\](?=[ \t\n])/;

/** `- [x] done`: the check of a task-list item is a checkbox, not text (micromark-extension-gfm-task-list-item). */
function taskListChecks(state: StateCore): void {
  const { tokens } = state;
  for (let index = 0; index + 2 < tokens.length; index++) {
    if (tokens[index]!.type !== "list_item_open" || tokens[index + 1]!.type !== "paragraph_open") continue;
    const inline = tokens[index + 2]!;
    if (inline.type === "inline" && TASK_CHECK.test(inline.content)) inline.content = inline.content.slice(3);
  }
}

/** Replaces a rule with `wrap(rule)`, keeping the chains it belongs to (which blocks it may interrupt). */
function wrapRule<Args extends unknown[], Result>(ruler: Ruler<Args, Result>, name: string, wrap: (rule: (...args: Args) => Result) => (...args: Args) => Result) {
  const rule = ruler.__rules__.find((candidate) => candidate.name === name)!;
  ruler.at(name, wrap(rule.fn), { alt: rule.alt });
}

/** The parser the body scan reads with. */
export function createScanParser(): MarkdownIt {
  const md = markdownIt("default", { html: true, linkify: false, typographer: false, maxNesting: 256 });
  // Destinations stay as written (decoded as CommonMark says); the scan normalizes and sanitizes them as the renderer does.
  md.validateLink = () => true;
  md.normalizeLink = (url) => url;
  md.normalizeLinkText = (text) => text;
  const interrupts = { alt: ["paragraph", "reference", "blockquote", "list"] };
  md.block.ruler.before("table", "footnote_definition", footnoteDefinition, interrupts);
  md.block.ruler.before("table", "directive_container", containerDirective, interrupts);
  md.block.ruler.before("table", "directive_leaf", leafDirective, interrupts);
  md.inline.ruler.before("link", "footnote_call", footnoteCall);
  wrapRule(md.inline.ruler, "text", stoppingAtWww);
  md.inline.ruler.before("text", "www_autolink", wwwAutolink);
  md.inline.ruler.after("text", "protocol_autolink", protocolAutolink);
  md.inline.ruler.after("protocol_autolink", "directive_text", textDirective);
  for (const name of ["backticks", "link", "image"]) wrapRule(md.inline.ruler, name, countingLineBreaks);
  md.inline.ruler.at("strikethrough", strikethroughRun);
  md.inline.ruler2.at("strikethrough", strikethroughPairs);
  wrapRule(md.block.ruler, "table", endingAtHtml);
  wrapRule(md.block.ruler, "paragraph", flaggingLazyHtml);
  wrapRule(md.block.ruler, "reference", flaggingDefinitionContinuation);
  md.core.ruler.after("block", "task_list_checks", taskListChecks);
  return md;
}

/** Parses `markdown` as the scan reads it. */
export function parseForScan(md: MarkdownIt, markdown: string): { tokens: Token[]; env: ScanEnv } {
  const env: ScanEnv = { footnoteIds: new Set() };
  return { tokens: md.parse(markdown, env), env };
}

/** The parts of a directive, for the label text a `::video` shows: the top-level text of its label. */
export function labelText(md: MarkdownIt, label: string): string {
  const [inline] = md.parseInline(label, { footnoteIds: new Set() } satisfies ScanEnv);
  return (inline?.children ?? [])
    .filter((token: Token) => token.level === 0 && (token.type === "text" || token.type === "code_inline" || token.type === "html_inline"))
    .map((token: Token) => token.content)
    .join("");
}

import type { BodyWarning } from "../content/article-schema";

// Four shapes of Markdown make the parser's time grow with the square of their size, or worse,
// measured (tests/lib/hostile-content.test.ts): container markers chained on one line (a quote or
// list nested thousands of levels deep, whose tree the renderer also walks once per level on the
// stack), container directives (`:::name`) opened inside one another line after line, brackets
// nested deep or closing nothing by the hundred, and thousands of emphasis markers, in one run of
// inline text. No file is refused for them: past each limit the markers are escaped, so they
// show as the characters they are, the cost stays linear, nothing is lost, and the line is
// reported. Everything else parses in linear time and is left alone: a 600-line list of bold
// commit messages (each item its own run), link references full of "*" and "_", a line of spaces.
export const MAX_NESTING = 64;
/** Each "]" that closes a "[" searches back to it, so nesting costs depth times length; real text nests a few. */
export const MAX_BRACKET_DEPTH = 32;
export const MAX_EMPHASIS_MARKERS = 1_000;
/** Each "]" with nothing to close searches back through the paragraph so far; real text has a few. */
export const MAX_UNMATCHED_CLOSERS = 100;
/** Each `:::name` left open nests the next; real articles nest two or three (a note in a tip). */
export const MAX_DIRECTIVE_NESTING = 16;

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]*\]:/;
const FENCE = /^[\s>]*(?:```|~~~)/;
/** A container directive's fence: opening with a name (`:::tip`), closing without one (`:::`). */
const DIRECTIVE_FENCE = /^(:{3,})\s*([A-Za-z])?/;

export type DefusedMarkdown = { markdown: string; warnings: BodyWarning[] };

/** Where the line's text starts after the containers (quotes, list items) that open it, and how many. */
function containersOpening(line: string): { count: number; start: number; escapeAt?: number } {
  let count = 0;
  let at = 0;
  for (;;) {
    while (line[at] === " " || line[at] === "\t") at += 1;
    const marker = line[at] === ">" ? ">" : LIST_MARKER.exec(line.slice(at, at + 11))?.[0];
    if (!marker) return { count, start: at };
    // The first marker past the limit is escaped: from there on the line is text.
    if (count === MAX_NESTING) return { count: count + 1, start: at, escapeAt: at + marker.length - 1 };
    count += 1;
    at += marker.length;
  }
}

/**
 * The body with the markers that would make parsing superlinear escaped, and a warning for each
 * line where that happened. Lines are numbered from the body's first line.
 */
export function defuseMarkdown(markdown: string): DefusedMarkdown {
  const lines = markdown.split("\n");
  const warnings: BodyWarning[] = [];
  let brackets = 0;
  let closers = 0;
  let emphasis = 0;
  let directives = 0;
  let fenced = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (FENCE.test(line)) fenced = !fenced;
    if (fenced) continue;
    const { count, start, escapeAt } = containersOpening(line);
    const rest = line.slice(start);
    // A blank line, a list item, a heading or a table row starts a new run of inline text.
    if (rest.trim() === "" || count > 0 || rest.startsWith("#") || rest.startsWith("|")) brackets = closers = emphasis = 0;
    if (LINK_DEFINITION.test(rest)) continue;

    const escaped: number[] = escapeAt === undefined ? [] : [escapeAt];
    const fence = DIRECTIVE_FENCE.exec(rest);
    let deepDirectives = false;
    if (fence && !fence[2]) directives = Math.max(0, directives - 1);
    else if (fence && directives < MAX_DIRECTIVE_NESTING) directives += 1;
    else if (fence) {
      // Escaped, the fence is text: it opens nothing, and the lines after it stay at this depth.
      escaped.push(start);
      deepDirectives = true;
    }
    let deepBrackets = false;
    let manyMarkers = false;
    const escape = (at: number) => escaped.at(-1) !== at && escaped.push(at);
    const scanFrom = deepDirectives ? start + fence![1]!.length : start;
    for (let at = scanFrom; at < line.length; at++) {
      const char = line[at];
      if (char === "\\") at += 1;
      else if (char === "[" && brackets < MAX_BRACKET_DEPTH) brackets += 1;
      else if (char === "[") {
        // Escaped, it opens nothing, so the "]" that would have closed it closes nothing.
        escape(at);
        deepBrackets = true;
      } else if (char === "]" && brackets > 0) brackets -= 1;
      else if (char === "]") {
        closers += 1;
        if (closers > MAX_UNMATCHED_CLOSERS) {
          escape(at);
          deepBrackets = true;
        }
      }
      else if (char === "*" || char === "_") {
        emphasis += 1;
        if (emphasis > MAX_EMPHASIS_MARKERS) {
          escape(at);
          manyMarkers = true;
        }
      }
    }
    if (escaped.length === 0) continue;
    let rewritten = "";
    let from = 0;
    for (const at of escaped) {
      rewritten += `${line.slice(from, at)}\\`;
      from = at;
    }
    lines[index] = rewritten + line.slice(from);
    const what = [
      escapeAt !== undefined && `containers nested over ${MAX_NESTING} deep`,
      deepDirectives && `directives (:::) nested over ${MAX_DIRECTIVE_NESTING} deep`,
      deepBrackets && `"[" nested over ${MAX_BRACKET_DEPTH} deep or over ${MAX_UNMATCHED_CLOSERS} "]" closing nothing`,
      manyMarkers && `over ${MAX_EMPHASIS_MARKERS} "*" or "_" in one paragraph`,
    ].filter(Boolean);
    warnings.push({ line: index + 1, message: `${what.join(" and ")}: the markers past that are shown as written, not as Markdown` });
  }
  return warnings.length ? { markdown: lines.join("\n"), warnings } : { markdown, warnings };
}

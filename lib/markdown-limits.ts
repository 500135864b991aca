// The Markdown parser's time grows with the square of some inputs (thousands
// of unclosed "[" or "*" in one paragraph) and its tree walkers recurse once
// per nesting level, so a hostile body could hang or crash the build. No real
// article comes near these limits; a body that passes them parses in time
// proportional to its length.
export const MAX_NESTING = 64;
export const MAX_MARKERS_PER_PARAGRAPH = 1_000;

const MARKERS = ["[", "*", "_"] as const;

/** How many block containers (quotes, list items, indentation) open a line. */
function nestingOf(line: string): number {
  let depth = 0;
  let i = 0;
  let spaces = 0;
  while (i < line.length) {
    const char = line[i]!;
    if (char === " " || char === "\t") {
      spaces += char === "\t" ? 4 : 1;
      i += 1;
    } else if (char === ">") {
      depth += 1;
      // One space after ">" belongs to the marker, not to indentation.
      i += line[i + 1] === " " ? 2 : 1;
    } else if ((char === "-" || char === "*" || char === "+") && (line[i + 1] === " " || line[i + 1] === "\t")) {
      depth += 1;
      i += 2;
    } else {
      let digits = 0;
      while (digits < 10 && line[i + digits]! >= "0" && line[i + digits]! <= "9") digits += 1;
      const after = line[i + digits];
      if (digits === 0 || (after !== "." && after !== ")") || (line[i + digits + 1] !== " " && line[i + digits + 1] !== "\t")) break;
      depth += 1;
      i += digits + 2;
    }
  }
  return depth + Math.floor(spaces / 2);
}

/** What is wrong with a body the parser could not handle in linear time, or undefined when it is fine. */
export function markdownLimitProblem(markdown: string): string | undefined {
  const lines = markdown.split("\n");
  const counts = { "[": 0, "*": 0, _: 0 };
  let paragraphStart = 1;
  let fenced = false;
  for (let number = 1; number <= lines.length; number++) {
    const line = lines[number - 1]!;
    const trimmed = line.trimStart();
    if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) fenced = !fenced;
    if (fenced) continue;
    const depth = nestingOf(line);
    if (depth > MAX_NESTING) {
      return `expected Markdown nested at most ${MAX_NESTING} levels deep, found ${depth} levels on line ${number} of the body`;
    }
    if (trimmed === "") {
      counts["["] = counts["*"] = counts._ = 0;
      paragraphStart = number + 1;
      continue;
    }
    for (const char of line) {
      if (char === "[" || char === "*" || char === "_") counts[char] += 1;
    }
    const marker = MARKERS.find((candidate) => counts[candidate] > MAX_MARKERS_PER_PARAGRAPH);
    if (marker) {
      return `expected at most ${MAX_MARKERS_PER_PARAGRAPH} "${marker}" in one paragraph, found more in the paragraph starting on line ${paragraphStart} of the body`;
    }
  }
  return undefined;
}

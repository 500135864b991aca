type Anchor = { out: number; source: number; copied: boolean };

/**
 * Builds a new text from a source by replacing spans in source order, and remembers where each
 * piece came from, so a problem found in the new text can name the line the author wrote.
 */
export class Rewriter {
  private readonly pieces: string[] = [];
  private readonly anchors: Anchor[] = [];
  private sourceAt = 0;
  private outAt = 0;

  constructor(private readonly source: string) {}

  private push(text: string, copied: boolean): void {
    if (text === "") return;
    this.anchors.push({ out: this.outAt, source: this.sourceAt, copied });
    this.pieces.push(text);
    this.outAt += text.length;
  }

  private copyTo(offset: number): void {
    if (offset <= this.sourceAt) return;
    this.push(this.source.slice(this.sourceAt, offset), true);
    this.sourceAt = offset;
  }

  /** Replaces source[from, to) with text; spans must not overlap and must come in order. */
  replace(from: number, to: number, text: string): void {
    this.copyTo(from);
    this.push(text, false);
    this.sourceAt = to;
  }

  finish(): string {
    this.copyTo(this.source.length);
    return this.pieces.join("");
  }

  /** The source offset an offset in the finished text came from (a replacement's start, inside one). */
  sourceOffset(outOffset: number): number {
    let low = 0;
    let high = this.anchors.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.anchors[middle]!.out <= outOffset) low = middle;
      else high = middle - 1;
    }
    const anchor = this.anchors[low];
    if (!anchor) return outOffset;
    return anchor.copied ? anchor.source + (outOffset - anchor.out) : anchor.source;
  }
}

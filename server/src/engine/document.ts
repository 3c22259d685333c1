// The minimal document the engine reads. vscode-languageserver-textdocument's
// TextDocument satisfies it as it is; PlainTextDocument is ours for the CLI,
// the benchmark and tests, so the engine imports no protocol package.

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface OutlineDocument {
  readonly uri: string;
  readonly version: number;
  readonly lineCount: number;
  getText(): string;
  /** Offset of a position; the start of a line is offsetAt({ line, character: 0 }). */
  offsetAt(position: Position): number;
}

/** Offsets where each line starts; \n, \r\n and a lone \r all end a line. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  while (nextLf !== -1 || nextCr !== -1) {
    if (nextCr !== -1 && (nextLf === -1 || nextCr < nextLf)) {
      const crlf = nextLf === nextCr + 1;
      const start = nextCr + (crlf ? 2 : 1);
      starts.push(start);
      if (crlf) nextLf = text.indexOf('\n', start);
      nextCr = text.indexOf('\r', start);
    } else {
      starts.push(nextLf + 1);
      nextLf = text.indexOf('\n', nextLf + 1);
    }
  }
  return starts;
}

export class PlainTextDocument implements OutlineDocument {
  private readonly lineStarts: number[];

  /** `lineStarts`: the text's line starts when already known (computeLineStarts of it; a structure edit has them). */
  constructor(
    readonly uri: string,
    private readonly text: string,
    readonly version = 1,
    lineStarts?: number[],
  ) {
    this.lineStarts = lineStarts ?? computeLineStarts(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  getText(): string {
    return this.text;
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    if (position.character <= 0) return start;
    return Math.min(start + position.character, lineContentEnd(this.text, this, position.line));
  }
}

/** One position object reused for line-start lookups: parsing asks for tens of thousands. */
const scratch = { line: 0, character: 0 };

/** Offset where a line starts. */
export function lineStart(doc: OutlineDocument, line: number): number {
  scratch.line = line;
  return doc.offsetAt(scratch);
}

/** Offset of the end of a line's content, before its line break. */
export function lineContentEnd(text: string, doc: OutlineDocument, line: number): number {
  if (line + 1 >= doc.lineCount) return text.length; // the last line has no break
  let end = lineStart(doc, line + 1);
  if (text.charCodeAt(end - 1) === 0x0a) end--;
  if (text.charCodeAt(end - 1) === 0x0d) end--;
  return end;
}

/**
 * Calls `visit` for lines fromLine..toLine (inclusive) with the offsets of
 * each line's content: its start, and its end before the line break. The one
 * walk over lines of the per-line scans (markers, references).
 */
export function forEachLine(doc: OutlineDocument, fromLine: number, toLine: number, visit: (line: number, start: number, end: number) => void): void {
  const text = doc.getText();
  const lastLine = doc.lineCount - 1;
  let start = lineStart(doc, fromLine);
  for (let line = fromLine; line <= toLine; line++) {
    const next = line < lastLine ? lineStart(doc, line + 1) : text.length;
    let end = next;
    if (line < lastLine) {
      if (text.charCodeAt(end - 1) === 0x0a) end--;
      if (text.charCodeAt(end - 1) === 0x0d) end--;
    }
    visit(line, start, end);
    start = next;
  }
}

// Section statistics for the 提纲 view: how long each section is to read aloud.
//
// Counting a 10 MB text on every outline request cost 34 ms; the counts are
// kept per line instead and patched after each edit with the same LineEdit
// the marker cache takes (outlineCache.ts), so a keystroke recounts the lines
// it touched, and a section's count is a difference of two prefix sums.

import { OutlineDocument, lineStart } from './document';
import { isSpace } from './names';
import { Outline } from './types';
import { LineEdit, touchedLines } from './outlineCache';

/** Whether the UTF-16 unit at i starts a character of the text (a code point that is not whitespace). */
function counts(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code === 0x0a || code === 0x0d || code === 0xfeff || isSpace(code)) return false;
  if (code < 0xdc00 || code > 0xdfff) return true;
  // The second half of a surrogate pair is the character its first half started; a lone one is a character.
  const previous = text.charCodeAt(i - 1);
  return !(previous >= 0xd800 && previous <= 0xdbff);
}

/** Counts of lines fromLine..toLine (inclusive), written to out[0…]. */
function countLines(doc: OutlineDocument, fromLine: number, toLine: number, out: Int32Array, at: number): void {
  const text = doc.getText();
  const lastLine = doc.lineCount - 1;
  let start = lineStart(doc, fromLine);
  for (let line = fromLine; line <= toLine; line++) {
    const next = line < lastLine ? lineStart(doc, line + 1) : text.length;
    let n = 0;
    for (let i = start; i < next; i++) if (counts(text, i)) n++;
    out[at + line - fromLine] = n;
    start = next;
  }
}

/** Non-whitespace characters per line of one document version. */
export class LineStatistics {
  private perLine: Int32Array;
  /** before[l] = characters on lines 0..l-1, computed once per version when asked. */
  private before: Float64Array | undefined;

  private constructor(
    public version: number,
    perLine: Int32Array,
  ) {
    this.perLine = perLine;
  }

  static of(doc: OutlineDocument): LineStatistics {
    const perLine = new Int32Array(doc.lineCount);
    if (doc.lineCount > 0) countLines(doc, 0, doc.lineCount - 1, perLine, 0);
    return new LineStatistics(doc.version, perLine);
  }

  /** Characters on lines from..to (inclusive). */
  characters(from: number, to: number): number {
    const before = this.prefix();
    return before[to + 1] - before[from];
  }

  /** Characters of each heading's section, in the order of outline.headings. */
  sectionCharacters(outline: Outline): number[] {
    const before = this.prefix();
    return outline.headings.map((h) => before[h.endLine + 1] - before[h.line]);
  }

  /** The counts after one edit of `doc` (already updated); only the touched lines are counted again. */
  edited(doc: OutlineDocument, edit: LineEdit): LineStatistics {
    const { from, toBefore, toAfter } = touchedLines(edit, doc.lineCount);
    const next = new Int32Array(doc.lineCount);
    next.set(this.perLine.subarray(0, from), 0);
    if (toAfter >= from) countLines(doc, from, toAfter, next, from);
    next.set(this.perLine.subarray(toBefore + 1), toAfter + 1);
    return new LineStatistics(doc.version, next);
  }

  private prefix(): Float64Array {
    if (this.before === undefined) {
      const before = new Float64Array(this.perLine.length + 1);
      for (let i = 0; i < this.perLine.length; i++) before[i + 1] = before[i] + this.perLine[i];
      this.before = before;
    }
    return this.before;
  }
}

/**
 * Non-whitespace characters (code points) in each heading's section, in the
 * order of outline.headings, counted from scratch.
 */
export function sectionCharacters(doc: OutlineDocument, outline: Outline): number[] {
  return LineStatistics.of(doc).sectionCharacters(outline);
}

/** The statistics of each open document, patched per edit. */
export class StatisticsCache {
  private readonly entries = new Map<string, LineStatistics>();

  get(doc: OutlineDocument): LineStatistics {
    let stats = this.entries.get(doc.uri);
    if (stats === undefined || stats.version !== doc.version) {
      stats = LineStatistics.of(doc);
      this.entries.set(doc.uri, stats);
    }
    return stats;
  }

  /** `doc` (already updated) differs from its previous version by one edit. */
  edited(doc: OutlineDocument, edit: LineEdit): void {
    const stats = this.entries.get(doc.uri);
    if (stats === undefined) return; // counted in full when first asked
    if (stats.version !== edit.versionBefore || doc.lineCount === 0) this.entries.delete(doc.uri);
    else this.entries.set(doc.uri, stats.edited(doc, edit));
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

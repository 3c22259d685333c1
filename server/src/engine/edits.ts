// Ranges and text edits on one line, in the document's own coordinates
// (0-based line, UTF-16 columns), as the numbering checks and their fixes
// give them. providers/ turns them into LSP Ranges and TextEdits.

import { computeLineStarts } from './document';

/** Columns start..end of one line. */
export interface LineRange {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Replaces columns start..end of `line` with `newText`. `end` may be past
 * the line's content only up to its length; an edit never spans a line break
 * unless it says so with `endLine` (a table of contents rewritten as a block).
 */
export interface TextEdit extends LineRange {
  readonly newText: string;
  /** Last line of the replaced range when it spans lines; `end` is then a column of that line. */
  readonly endLine?: number;
}

/** Edits in document order; overlapping ones are dropped, keeping the first (they are computed not to overlap). */
export function orderEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.line - b.line || a.start - b.start);
  const out: TextEdit[] = [];
  for (const edit of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && ((last.endLine ?? last.line) > edit.line || ((last.endLine ?? last.line) === edit.line && last.end > edit.start))) continue;
    out.push(edit);
  }
  return out;
}

/** The text after the edits, which must not overlap (orderEdits). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = computeLineStarts(text);
  const offset = (line: number, column: number) => (line < starts.length ? starts[line] + column : text.length);
  let out = '';
  let at = 0;
  for (const edit of orderEdits(edits)) {
    const from = offset(edit.line, edit.start);
    out += text.slice(at, from) + edit.newText;
    at = offset(edit.endLine ?? edit.line, edit.end);
  }
  return out + text.slice(at);
}

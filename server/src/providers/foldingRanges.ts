// textDocument/foldingRange (docs/headings.md §6).

import { FoldingRange } from 'vscode-languageserver';
import { Heading, Outline } from '../engine';

/**
 * Every section of two or more lines folds from its heading line to its last
 * non-blank line. With a rangeLimit (the client's capability
 * textDocument.foldingRange.rangeLimit) the outermost ranges are kept.
 */
export function foldingRanges(outline: Outline, rangeLimit?: number): FoldingRange[] {
  let foldable: Heading[] = outline.headings.filter((h) => h.endLine > h.line);
  if (rangeLimit !== undefined && rangeLimit >= 0 && foldable.length > rangeLimit) {
    // Stable sort: by depth, then document order; keep the first rangeLimit.
    foldable = foldable
      .map((h, i) => ({ h, i }))
      .sort((a, b) => a.h.depth - b.h.depth || a.i - b.i)
      .slice(0, rangeLimit)
      .sort((a, b) => a.i - b.i)
      .map((x) => x.h);
  }
  return foldable.map((h) => ({ startLine: h.line, endLine: h.endLine }));
}

// textDocument/selectionRange: smart select grows from the heading title to
// the heading line, the whole section, the parent section … the document.

import { Position, Range, SelectionRange } from 'vscode-languageserver';
import { Heading, Outline, OutlineDocument, firstAtOrAfterLine, lineContentEnd } from '../engine';
import { headingSpan, sectionRange } from './lsp';

/** The selection ranges at one position of the document. */
export function selectionRangeAt(outline: Outline, doc: OutlineDocument, position: Position): SelectionRange {
  const pos = clamp(doc, position);
  // Outermost first, then wrapped inside out.
  const chain: Range[] = [documentRange(doc)];
  const innermost = innermostSection(outline.headings, pos);
  const sections: Heading[] = [];
  for (let h = innermost; h !== undefined; h = h.parent) sections.push(h);
  for (let i = sections.length - 1; i >= 0; i--) chain.push(sectionRange(sections[i]));
  const text = doc.getText();
  const lineStart = doc.offsetAt({ line: pos.line, character: 0 });
  chain.push({ start: { line: pos.line, character: 0 }, end: { line: pos.line, character: lineContentEnd(text, doc, pos.line) - lineStart } });
  if (innermost !== undefined && innermost.line === pos.line && pos.character >= innermost.start && pos.character <= innermost.titleEnd) {
    chain.push(headingSpan(innermost));
  }
  let result: SelectionRange | undefined;
  for (const range of chain) {
    if (result !== undefined && sameRange(result.range, range)) continue;
    result = { range, parent: result };
  }
  return result!;
}

/** The innermost section whose range contains the position. */
function innermostSection(headings: readonly Heading[], pos: Position): Heading | undefined {
  const lo = firstAtOrAfterLine(headings, pos.line + 1);
  for (let h: Heading | undefined = headings[lo - 1]; h !== undefined; h = h.parent) {
    if (pos.line < h.endLine || (pos.line === h.endLine && pos.character <= h.endCharacter)) return h;
  }
  return undefined;
}

function documentRange(doc: OutlineDocument): Range {
  const last = Math.max(0, doc.lineCount - 1);
  const text = doc.getText();
  return { start: { line: 0, character: 0 }, end: { line: last, character: text.length - doc.offsetAt({ line: last, character: 0 }) } };
}

function clamp(doc: OutlineDocument, p: Position): Position {
  const line = Math.min(Math.max(0, p.line), Math.max(0, doc.lineCount - 1));
  const text = doc.getText();
  const length = lineContentEnd(text, doc, line) - doc.offsetAt({ line, character: 0 });
  return { line, character: Math.min(Math.max(0, p.character), length) };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

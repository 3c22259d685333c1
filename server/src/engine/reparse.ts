// The outline a document would have after some edits: how every fix and
// renumbering checks itself before it is offered (numbering.ts,
// renumbering.ts), parsed with the outline's own rules and settings.

import { OutlineDocument, PlainTextDocument } from './document';
import { TextEdit, applyEdits } from './edits';
import { scanLines } from './markers';
import { buildOutline } from './outline';
import { Outline } from './types';

/** The outline of the document after `edits` (which must not overlap), parsed as `outline` was. */
export function outlineAfterEdits(doc: OutlineDocument, outline: Outline, edits: readonly TextEdit[]): Outline {
  const after = new PlainTextDocument(doc.uri, applyEdits(doc.getText(), edits), doc.version + 1);
  // An outline without points may have been built with them left out (the tigang.enumerations setting).
  const enumerations = outline.headings.some((h) => h.style === 'enumeration');
  return buildOutline(after, after.lineCount === 0 ? [] : scanLines(after, 0, after.lineCount - 1, outline.rules), { enumerations, rules: outline.rules });
}

/** Whether two outlines have the same tree: heading for heading the same style, kind, depth and parent. */
export function sameTree(a: Outline, b: Outline): boolean {
  const x = a.headings;
  const y = b.headings;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    if (x[i].style !== y[i].style || x[i].kind !== y[i].kind || x[i].depth !== y[i].depth || (x[i].parent?.index ?? -1) !== (y[i].parent?.index ?? -1)) return false;
  }
  return true;
}

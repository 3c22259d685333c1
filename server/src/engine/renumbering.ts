// Renumbering follows through (docs/headings.md §8, §9): when edits renumber
// law articles — a numbering fix, fix-all, 重新编号全文, a moved or inserted
// article — every reference to a renumbered article is rewritten in the same
// edit, so one undo step takes both back.

import { OutlineDocument, PlainTextDocument } from './document';
import { TextEdit, applyEdits, orderEdits } from './edits';
import { buildOutline } from './outline';
import { scanDocumentReferences } from './referenceCache';
import { renumberReferences } from './references';
import { scanLines } from './markers';
import { Heading, Outline } from './types';

/** Articles numbered as the document has them: 第十条之一 goes with its base and is not renumbered on its own. */
function articles(outline: Outline): Heading[] {
  return outline.headings.filter((h) => h.kind === 'law');
}

/**
 * The old article number → new number of every article `edits` renumber, by
 * position (the edits keep the articles' order and count). An old number
 * that two articles carry (a slip) is left out: a reference to it is
 * ambiguous.
 */
export function articleRenumbering(before: Outline, after: Outline): Map<number, number> {
  const a = articles(before);
  const b = articles(after);
  const mapping = new Map<number, number>();
  if (a.length !== b.length) return mapping;
  const seen = new Map<number, number>();
  for (const h of a) seen.set(h.number, (seen.get(h.number) ?? 0) + 1);
  for (let i = 0; i < a.length; i++) {
    if (a[i].number !== b[i].number && seen.get(a[i].number) === 1) mapping.set(a[i].number, b[i].number);
  }
  return mapping;
}

/**
 * `edits` with the edits that rewrite the references to the articles they
 * renumber. Nothing is added when no article changes its number.
 */
export function withReferencesFollowing(doc: OutlineDocument, outline: Outline, edits: readonly TextEdit[]): TextEdit[] {
  if (edits.length === 0 || !outline.headings.some((h) => h.kind === 'law')) return [...edits];
  const after = new PlainTextDocument(doc.uri, applyEdits(doc.getText(), edits), doc.version + 1);
  const enumerations = outline.headings.some((h) => h.style === 'enumeration');
  const reparsed = buildOutline(after, after.lineCount === 0 ? [] : scanLines(after, 0, after.lineCount - 1), { enumerations });
  const mapping = articleRenumbering(outline, reparsed);
  if (mapping.size === 0) return [...edits];
  const references = renumberReferences(scanDocumentReferences(doc), mapping);
  return orderEdits([...edits, ...references]);
}

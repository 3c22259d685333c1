// Renumbering follows through (docs/headings.md §8, §9): when edits renumber
// law articles — a numbering fix, fix-all, 重新编号全文, a moved or inserted
// article — every reference to a renumbered article is rewritten in the same
// edit, so one undo step takes both back. 重新编号条文 (renumberArticles)
// renumbers the articles themselves and their references together.

import { OutlineDocument, lineContentEnd, lineStart } from './document';
import { TextEdit, orderEdits } from './edits';
import { outlineAfterEdits, sameTree } from './reparse';
import { scanDocumentReferences } from './referenceCache';
import { renumberReferences, writeReferenceNumber } from './references';
import { markerForm, readArabic, readCnNumeral, writeNumeral } from './numerals';
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
  const mapping = articleRenumbering(outline, outlineAfterEdits(doc, outline, edits));
  if (mapping.size === 0) return [...edits];
  const references = renumberReferences(scanDocumentReferences(doc), mapping);
  return orderEdits([...edits, ...references]);
}

/**
 * 重新编号条文 (Renumber Articles): every article of the law numbered
 * consecutively from the first article's number (1 for a whole law; an
 * excerpt or one book of a code starts where it starts), an inserted article
 * (第十条之一, 第 2-1 條) taking a number of its own, and every reference of
 * this document to a renumbered article rewritten to the same article (each
 * end of a range on its own, 第十条之一 → 第十一条). Nothing else changes: no
 * other list, no other text. Each marker and reference keeps its numeral
 * kind. Empty when the articles are numbered so already, when a number cannot
 * be written, or when the edit would change the tree (checked by parsing it).
 */
export function renumberArticles(doc: OutlineDocument, outline: Outline): TextEdit[] {
  const list = articles(outline);
  if (list.length === 0) return [];
  const text = doc.getText();
  const lineText = (line: number) => text.slice(lineStart(doc, line), lineContentEnd(text, doc, line));
  const start = list[0].number;
  const edits: TextEdit[] = [];
  /** New number by old number * 1024 + sub; an old number two articles carry (a slip) is ambiguous and left out. */
  const mapping = new Map<number, number>();
  const ambiguous = new Set<number>();
  for (let i = 0; i < list.length; i++) {
    const h = list[i];
    const to = start + i;
    const key = h.number * 1024 + (h.sub ?? 0);
    if (mapping.has(key)) ambiguous.add(key);
    mapping.set(key, to);
    if (h.number === to && h.sub === undefined) continue;
    const raw = lineText(h.line).slice(h.start, h.markerEnd);
    const form = markerForm(raw);
    const digits = form && writeNumeral(to, form.numeral);
    if (form === undefined || digits === undefined) return [];
    // The inserted article's 之一 or -1 goes: the article has a number of its own now.
    const after = h.sub === undefined ? form.after : form.after.replace(/^[-－][0-9０-９]+/, '').replace(/之.*$/, '');
    edits.push({ line: h.line, start: h.start, end: h.markerEnd, newText: raw.slice(0, form.numeralStart) + digits + after });
  }
  for (const key of ambiguous) mapping.delete(key);
  if (edits.length === 0) return [];
  const references = scanDocumentReferences(doc);
  for (let line = 0; line < references.length; line++) {
    const list = references[line];
    if (list.length === 0) continue;
    const row = lineText(line);
    for (const ref of list) {
      if (ref.document !== undefined) continue; // another document's articles
      for (const part of ref.parts) {
        if (part.unit !== 'article' || part.mode !== 'number' || part.numberStart < 0) continue;
        const to = mapping.get(part.number * 1024 + part.sub);
        if (to === undefined || (to === part.number && part.sub === 0)) continue;
        const digits = writeReferenceNumber(to, part.numeral ?? 'chinese', part.zero);
        if (digits === undefined) return [];
        if (part.sub === 0) {
          edits.push({ line, start: part.numberStart, end: part.numberEnd, newText: digits });
          continue;
        }
        // 第十条之一 → 第十一条: the numeral, then what stands between it and 之 (spaces, 条), and 之一 dropped.
        let unitEnd = part.numberEnd;
        while (unitEnd < row.length && /\s/.test(row[unitEnd])) unitEnd++;
        unitEnd++;
        const sub = row[unitEnd] === '之' ? (readCnNumeral(row, unitEnd + 1, row.length) ?? readArabic(row, unitEnd + 1, row.length)) : undefined;
        if (sub === undefined) return [];
        edits.push({ line, start: part.numberStart, end: sub.end, newText: digits + row.slice(part.numberEnd, unitEnd) });
      }
    }
  }
  const ordered = orderEdits(edits);
  return renumbersArticlesOnly(doc, outline, ordered, start) ? ordered : [];
}

/** Whether the document after `edits` has the same tree, its articles numbered start, start + 1, … with no 之一 left. */
function renumbersArticlesOnly(doc: OutlineDocument, outline: Outline, edits: readonly TextEdit[], start: number): boolean {
  const reparsed = outlineAfterEdits(doc, outline, edits);
  return sameTree(outline, reparsed) && articles(reparsed).every((h, i) => h.number === start + i && h.sub === undefined);
}

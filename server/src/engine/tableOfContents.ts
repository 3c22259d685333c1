// toc.mismatch (docs/headings.md §7): a 目录 entry that no body heading
// repeats, a body heading of the entries' styles that the 目录 lacks, entries
// in another order than the body; and the fix that rewrites the entries from
// the body headings, keeping the page numbers of unchanged ones.

import { OutlineDocument, lineContentEnd, lineStart } from './document';
import { LineRange, TextEdit } from './edits';
import type { NumberingDiagnostic } from './numbering';
import { withoutPageNumber } from './outline';
import { Heading, HeadingStyle, Outline, TableOfContents } from './types';

/** What a table of contents entry and a heading share. */
interface Listed {
  readonly line: number;
  readonly start: number;
  readonly titleEnd: number;
  readonly style: HeadingStyle;
  readonly marker: string;
  readonly name: string;
}

export function checkTablesOfContents(_text: string, _doc: OutlineDocument, outline: Outline): NumberingDiagnostic[] {
  const out: NumberingDiagnostic[] = [];
  for (const toc of outline.tablesOfContents) {
    const { body, match } = matchEntries(outline, toc);
    let furthest = -1;
    toc.entries.forEach((entry, i) => {
      const j = match[i];
      const range = { line: entry.line, start: entry.start, end: entry.titleEnd };
      if (j < 0) {
        out.push({ ...range, code: 'toc.mismatch', detail: 'entry', severity: 'warning', args: [displayName(entry)] });
      } else if (j < furthest) {
        out.push({ ...range, code: 'toc.mismatch', detail: 'order', severity: 'warning', related: [headingRange(body[j])], args: [displayName(entry)] });
      } else {
        furthest = j;
      }
    });
    const matched = new Set(match);
    body.forEach((h, j) => {
      if (matched.has(j)) return;
      const range = { line: toc.heading.line, start: toc.heading.start, end: toc.heading.titleEnd };
      out.push({ ...range, code: 'toc.mismatch', detail: 'missing', severity: 'warning', related: [headingRange(h)], args: [h.name] });
    });
  }
  return out;
}

/** The table of contents whose 目录 line or one of whose entries is on `line`. */
export function tableOfContentsAt(outline: Outline, line: number): TableOfContents | undefined {
  return outline.tablesOfContents.find((t) => t.heading.line === line || t.entries.some((e) => e.line === line));
}

/**
 * The entries rewritten from the body headings of their styles, in body
 * order: each in the indentation its style's entries use, with the page
 * number of the entry that listed it. `markers` gives the new marker of the
 * headings a fix renumbers in the same edit. Undefined when nothing changes,
 * or when a line among the entries is neither an entry nor blank (it would
 * be lost).
 */
export function rewriteTableOfContents(
  text: string,
  doc: OutlineDocument,
  outline: Outline,
  toc: TableOfContents,
  markers: ReadonlyMap<Heading, string> | undefined,
): TextEdit | undefined {
  const { entries } = toc;
  const { body, match } = matchEntries(outline, toc);
  const lineText = (line: number) => text.slice(lineStart(doc, line), lineContentEnd(text, doc, line));
  const first = entries[0];
  const last = entries[entries.length - 1];
  const entryLines = new Set(entries.map((e) => e.line));
  for (let line = first.line; line <= last.line; line++) {
    if (!entryLines.has(line) && lineText(line).trim() !== '') return undefined;
  }
  const entryOf = new Map<number, (typeof entries)[number]>();
  match.forEach((j, i) => {
    if (j >= 0) entryOf.set(j, entries[i]);
  });
  const indentOf = new Map<string, string>();
  for (const e of entries) if (!indentOf.has(styleKey(e))) indentOf.set(styleKey(e), lineText(e.line).slice(0, e.start));
  const lines = body.map((h, j) => {
    const own = lineText(h.line);
    const marker = markers?.get(h) ?? own.slice(h.start, h.markerEnd);
    // The rest of the heading's line, so that the first entry still repeats it (§3), without what reads as a page number.
    const title = own.slice(h.markerEnd, Math.max(h.markerEnd, withoutPageNumber(own, h.start, own.length))).replace(/\s+$/, '');
    const entry = entryOf.get(j);
    let page = '';
    if (entry !== undefined) {
      const written = lineText(entry.line);
      page = written.slice(withoutPageNumber(written, entry.start, written.length));
    }
    return (indentOf.get(styleKey(h)) ?? indentOf.get(styleKey(first))!) + marker + title + page;
  });
  if (lines.length === 0) return undefined;
  // The entries end at the first line that repeats the first one (§3): a later entry that did would cut the table short.
  const firstKey = listedKey(lines[0]);
  if (lines.some((line, i) => i > 0 && listedKey(line) === firstKey)) return undefined;
  const firstEnd = lineContentEnd(text, doc, first.line);
  const next = entries.length > 1 ? lineStart(doc, entries[1].line) : first.line + 1 < doc.lineCount ? lineStart(doc, first.line + 1) : firstEnd;
  let separator = text.slice(firstEnd, next);
  if (separator === '' || separator.trim() !== '') separator = lineBreakAt(text, firstEnd);
  const newText = lines.join(separator);
  const end = lineText(last.line).length;
  if (newText === text.slice(lineStart(doc, first.line), lineStart(doc, last.line) + end)) return undefined;
  return { line: first.line, start: 0, endLine: last.line, end, newText };
}

/**
 * The entries of `toc` whose headings a fix gives a new marker (`markers`),
 * with that marker: the table kept in step with a renumbered list, and
 * nothing else of it changed.
 */
export function tableEntryEdits(outline: Outline, toc: TableOfContents, markers: ReadonlyMap<Heading, string>): TextEdit[] {
  const { body, match } = matchEntries(outline, toc);
  const edits: TextEdit[] = [];
  match.forEach((j, i) => {
    const marker = j < 0 ? undefined : markers.get(body[j]);
    if (marker === undefined) return;
    const entry = toc.entries[i];
    edits.push({ line: entry.line, start: entry.start, end: entry.markerEnd, newText: marker });
  });
  return edits;
}

function lineBreakAt(text: string, at: number): string {
  if (text.startsWith('\r\n', at)) return '\r\n';
  if (text[at] === '\r') return '\r';
  return '\n';
}

/** The body headings a table of contents lists, and the body heading each entry names (−1 for none), matched in order. */
function matchEntries(outline: Outline, toc: TableOfContents): { body: Heading[]; match: number[] } {
  const lastLine = toc.entries[toc.entries.length - 1].line;
  const styles = new Set(toc.entries.map(styleKey));
  const nextTable = outline.tablesOfContents.find((t) => t.heading.line > toc.heading.line)?.heading.line ?? Infinity;
  const body = outline.headings.filter((h) => h.line > lastLine && h.line < nextTable && styles.has(styleKey(h)));
  const queues = new Map<string, number[]>();
  body.forEach((h, j) => {
    const key = listedKey(h.name);
    const queue = queues.get(key);
    if (queue === undefined) queues.set(key, [j]);
    else queue.push(j);
  });
  const match = toc.entries.map((e) => queues.get(listedKey(e.name))?.shift() ?? -1);
  return { body, match };
}

/** Entries and headings are compared without whitespace and without a page number (§3). */
function listedKey(name: string): string {
  return name.slice(0, withoutPageNumber(name, 0, name.length)).replace(/\s+/g, '');
}

function displayName(entry: Listed): string {
  return entry.name.slice(0, withoutPageNumber(entry.name, 0, entry.name.length)).trimEnd();
}

/** The style an entry lists; a named one by its word (附录 and 前言 are listed apart). */
function styleKey(m: Listed): string {
  if (m.style !== 'named') return m.style;
  return 'named|' + m.marker.replace(/\s+/g, '').replace(/[0-9０-９〇零一二三四五六七八九十百千]+$/, '');
}

function headingRange(h: Heading): LineRange {
  return { line: h.line, start: h.start, end: h.titleEnd };
}

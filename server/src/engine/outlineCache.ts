// One heading model per document version. The line markers are kept across
// versions and patched after each edit, so an edit to a 10 MB document costs
// a scan of the edited lines plus a linear pass over the markers.

import { firstAtOrAfterLine, partitionPoint } from './search';
import { CompiledRules, NO_RULES } from './customRules';
import { OutlineDocument } from './document';
import { markerOnLine, sameApartFromTitle, scanLines } from './markers';
import { QUOTE_LINES, assignSectionEnds, buildOutline, renamedOutline, renamesOnly } from './outline';
import { Marker, Outline, OutlineOptions } from './types';

interface Entry {
  /**
   * The document object the markers were scanned from. A didOpen of a URI
   * already open brings a new object, maybe with the same version and other
   * text: uri and version alone cannot tell it from the old one.
   */
  document: OutlineDocument;
  version: number;
  /** The user-defined rules the markers were scanned with (§10): other rules scan the document again. */
  rules: CompiledRules;
  markers: Marker[];
  /** The lines that open a quotation, ascending (scanLines), patched with the markers. */
  quotations: number[];
  /** Outlines built from `markers`, by options (enumerations on or off). */
  outlines: Map<boolean, Built>;
  /** The outlines' tree is right but their section ends may not be (see edited). */
  endsStale: boolean;
}

interface Built {
  readonly outline: Outline;
  /** Lines whose text the tree was built from beyond their markers, ascending (buildOutline). */
  readonly linesRead: readonly number[];
}

/** A text edit in the line numbers of the document before it. */
export interface LineEdit {
  /** First line the edit touches. */
  readonly startLine: number;
  /** Last line the edit touches, before the edit. */
  readonly endLine: number;
  /** The document's line count before the edit. */
  readonly lineCountBefore: number;
  /** The document's version before the edit. */
  readonly versionBefore: number;
}

/** The lines one edit touched, in the line numbers before (from..toBefore) and after (from..toAfter) it. */
export interface TouchedLines {
  readonly from: number;
  readonly toBefore: number;
  readonly toAfter: number;
  /** Lines added (negative: removed). */
  readonly delta: number;
}

/**
 * The lines every per-line cache scans again after an edit (the markers
 * here, the statistics in stats.ts, the references in referenceCache.ts):
 * the edited lines, clamped as TextDocument clamps a range, with one line of
 * margin each side — an edit next to a \r can join or split a \r\n.
 */
export function touchedLines(edit: LineEdit, lineCountAfter: number): TouchedLines {
  const delta = lineCountAfter - edit.lineCountBefore;
  const lastBefore = edit.lineCountBefore - 1;
  const a = Math.min(Math.max(0, edit.startLine), lastBefore);
  const b = Math.min(Math.max(0, edit.endLine), lastBefore);
  const from = Math.max(0, Math.min(a, b) - 1);
  const toBefore = Math.min(lastBefore, Math.max(a, b) + 1);
  return { from, toBefore, toAfter: Math.min(lineCountAfter - 1, toBefore + delta), delta };
}

/** The markers of a whole document; with `quotations`, the lines that open a quotation too (scanLines). */
export function scanDocument(doc: OutlineDocument, rules: CompiledRules = NO_RULES, quotations?: number[]): Marker[] {
  return doc.lineCount === 0 ? [] : scanLines(doc, 0, doc.lineCount - 1, rules, quotations);
}

export class OutlineCache {
  private readonly entries = new Map<string, Entry>();

  /** The outline of this version of the document, computed at most once. */
  get(doc: OutlineDocument, options: OutlineOptions): Outline {
    let entry = this.entries.get(doc.uri);
    const rules = options.rules ?? NO_RULES;
    if (entry === undefined || entry.version !== doc.version || entry.document !== doc || entry.rules.fingerprint !== rules.fingerprint) {
      const quotations: number[] = [];
      entry = { document: doc, version: doc.version, rules, markers: scanDocument(doc, rules, quotations), quotations, outlines: new Map(), endsStale: false };
      this.entries.set(doc.uri, entry);
    }
    if (entry.endsStale) {
      for (const built of entry.outlines.values()) assignSectionEnds(doc, built.outline.headings);
      entry.endsStale = false;
    }
    let built = entry.outlines.get(options.enumerations);
    if (built === undefined) {
      const linesRead: number[] = [];
      const outline = buildOutline(doc, entry.markers, { ...options, rules: entry.rules }, linesRead, entry.quotations);
      if (!isAscending(linesRead)) linesRead.sort((a, b) => a - b);
      built = { outline, linesRead };
      entry.outlines.set(options.enumerations, built);
    }
    return built.outline;
  }

  /**
   * Tells the cache that `doc` (already updated) differs from its previous
   * version by one edit; only the touched lines are scanned again.
   */
  edited(doc: OutlineDocument, edit: LineEdit): void {
    const entry = this.entries.get(doc.uri);
    if (entry === undefined) return; // scanned in full when first asked
    if (entry.version !== edit.versionBefore || entry.document !== doc || doc.lineCount === 0) {
      this.entries.delete(doc.uri);
      return;
    }
    const { from, toBefore, toAfter, delta } = touchedLines(edit, doc.lineCount);
    const markers = entry.markers;
    const lo = firstAtOrAfterLine(markers, from);
    const hi = firstAtOrAfterLine(markers, toBefore + 1);
    const freshQuotations: number[] = [];
    const fresh = toAfter >= from ? scanLines(doc, from, toAfter, entry.rules, freshQuotations) : [];
    patchLines(entry.quotations, from, toBefore, freshQuotations, delta);
    const treeMayStand = delta === 0 && hi - lo === fresh.length && !readsAnyOf(entry, from, toBefore) && !opensQuotation(markers, freshQuotations);
    if (treeMayStand && sameMarkers(markers, lo, hi, fresh)) {
      // Typing inside a paragraph: the same headings on the same lines, so
      // the tree stands; only where sections end (blank lines, line lengths)
      // may have moved. The tree is a function of the markers and of the
      // text of the lines buildOutline reports it read (a table of contents
      // compares whole lines: 第一章　总则 repeats 第一章总则, 第一章　总则。
      // does not, though its marker is the same). So the tree stands only
      // when the edit leaves the markers as they were and touches none of
      // those lines; anything else rebuilds it.
      entry.version = doc.version;
      entry.endsStale = true;
      return;
    }
    if (treeMayStand && renameHeadings(entry, lo, fresh)) {
      // Typing in a heading's title: the same tree, the heading renamed
      // (renamesOnly), without building it again.
      entry.version = doc.version;
      entry.endsStale = true;
      return;
    }
    const tail = markers.slice(hi);
    const shifted = delta === 0 ? tail : tail.map((m) => markerOnLine(m, m.line + delta));
    entry.markers = markers.slice(0, lo).concat(fresh, shifted);
    entry.version = doc.version;
    entry.outlines = new Map();
    entry.endsStale = false;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

/**
 * Whether one of the edited lines that now open a quotation (`opening`, as
 * scanned again) has a marker within QUOTE_LINES lines after it. The tree
 * reads the lines that opened a quotation (linesRead has them), but a line
 * that only now opens one was not read as such: quoted text
 * (docs/headings.md §1) can change although no marker and no line read changed.
 */
function opensQuotation(markers: readonly Marker[], opening: readonly number[]): boolean {
  for (const line of opening) {
    const next = markers[firstAtOrAfterLine(markers, line + 1)];
    if (next !== undefined && next.line <= line + QUOTE_LINES) return true;
  }
  return false;
}

/**
 * Patches a sorted list of line numbers in place after an edit: the entries
 * of lines from..toBefore give way to `fresh` (those lines scanned again),
 * and the ones after move by `delta` lines.
 */
function patchLines(lines: number[], from: number, toBefore: number, fresh: readonly number[], delta: number): void {
  const lo = partitionPoint(lines.length, (i) => lines[i] >= from);
  const hi = partitionPoint(lines.length, (i) => lines[i] > toBefore);
  if (delta !== 0) for (let i = hi; i < lines.length; i++) lines[i] += delta;
  if (hi - lo === fresh.length && fresh.every((line, i) => lines[lo + i] === line)) return;
  lines.splice(lo, hi - lo, ...fresh);
}

/**
 * Renames the headings of the entry's outlines when markers[lo..] and
 * `fresh` differ only in names (renamesOnly), and keeps `fresh` as the
 * markers; false, with the outlines to be built again, when they differ in
 * more or a renamed marker is not a heading's own.
 */
function renameHeadings(entry: Entry, lo: number, fresh: readonly Marker[]): boolean {
  const renames: (readonly [Marker, Marker])[] = [];
  const at: number[] = [];
  for (let i = 0; i < fresh.length; i++) {
    const before = entry.markers[lo + i];
    if (sameMarker(before, fresh[i])) continue; // kept as it is: the heading reads that object (renamedOutline)
    if (!renamesOnly(before, fresh[i])) return false;
    renames.push([before, fresh[i]]);
    at.push(lo + i);
  }
  const renamed = new Map<boolean, Built>();
  for (const [key, built] of entry.outlines) {
    const outline = renamedOutline(built.outline, renames);
    if (outline === undefined) {
      entry.outlines = new Map(); // maybe renamed in part: built again when asked
      return false;
    }
    renamed.set(key, { outline, linesRead: built.linesRead });
  }
  renames.forEach(([, after], i) => (entry.markers[at[i]] = after));
  entry.outlines = renamed;
  return true;
}

/** Whether a tree cached in the entry read the text of a line in from..to (inclusive). */
function readsAnyOf(entry: Entry, from: number, to: number): boolean {
  for (const { linesRead } of entry.outlines.values()) {
    const lo = partitionPoint(linesRead.length, (i) => linesRead[i] >= from);
    if (lo < linesRead.length && linesRead[lo] <= to) return true;
  }
  return false;
}

function isAscending(numbers: readonly number[]): boolean {
  for (let i = 1; i < numbers.length; i++) if (numbers[i] < numbers[i - 1]) return false;
  return true;
}

/**
 * Whether markers[lo, hi) and `fresh` describe the same headings: every
 * field, the columns too. A name folds whitespace and drops invisible
 * characters, so the same names can stand on columns that moved; what the
 * features send (the semantic tokens' spans, providers/semanticTokens.ts)
 * reads the columns.
 */
function sameMarkers(markers: readonly Marker[], lo: number, hi: number, fresh: readonly Marker[]): boolean {
  if (hi - lo !== fresh.length) return false;
  return fresh.every((b, i) => sameMarker(markers[lo + i], b));
}

function sameMarker(a: Marker, b: Marker): boolean {
  // The title's columns apart from its name: see Marker.titleStart.
  return sameApartFromTitle(a, b) && a.colonEnd === b.colonEnd && a.titleStart === b.titleStart && a.titleEnd === b.titleEnd && a.name === b.name;
}

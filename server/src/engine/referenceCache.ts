// The references of each open document, kept across versions and patched
// after each edit as outlineCache.ts patches the markers: an edit costs a scan
// of the lines it touched and one move of the per-line table, whatever the
// document's size.

import { OutlineDocument } from './document';
import { LineEdit, touchedLines } from './outlineCache';
import { NO_REFERENCES, Reference, scanReferenceLines } from './references';

/** The references of one version of a document, by line. */
export interface DocumentReferences {
  readonly version: number;
  /** lines[i]: the references on line i, in order (NO_REFERENCES for most lines). */
  readonly lines: readonly (readonly Reference[])[];
}

interface Entry {
  version: number;
  lines: (readonly Reference[])[];
}

/** Above this many fresh lines the table is rebuilt with concat rather than spliced (splice spreads its arguments). */
const SPLICE_MAX = 10_000;

export function scanDocumentReferences(doc: OutlineDocument): (readonly Reference[])[] {
  return doc.lineCount === 0 ? [] : scanReferenceLines(doc, 0, doc.lineCount - 1);
}

export class ReferenceCache {
  private readonly entries = new Map<string, Entry>();

  /** The references of this version of the document, scanned in full at most once. */
  get(doc: OutlineDocument): DocumentReferences {
    let entry = this.entries.get(doc.uri);
    if (entry === undefined || entry.version !== doc.version) {
      entry = { version: doc.version, lines: scanDocumentReferences(doc) };
      this.entries.set(doc.uri, entry);
    }
    return entry;
  }

  /**
   * Tells the cache that `doc` (already updated) differs from its previous
   * version by one edit (the LineEdit documents.ts gives OutlineCache.edited);
   * only the touched lines are scanned again.
   */
  edited(doc: OutlineDocument, edit: LineEdit): void {
    const entry = this.entries.get(doc.uri);
    if (entry === undefined) return; // scanned in full when first asked
    if (entry.version !== edit.versionBefore || doc.lineCount === 0 || entry.lines.length !== edit.lineCountBefore) {
      this.entries.delete(doc.uri);
      return;
    }
    const { from, toBefore, toAfter } = touchedLines(edit, doc.lineCount);
    const fresh = toAfter >= from ? scanReferenceLines(doc, from, toAfter) : [];
    const removed = toBefore - from + 1;
    if (fresh.length <= SPLICE_MAX) entry.lines.splice(from, removed, ...fresh);
    else entry.lines = entry.lines.slice(0, from).concat(fresh, entry.lines.slice(toBefore + 1));
    // A LineEdit that does not describe the change (a client's bad range) is caught here: scan in full next time.
    if (entry.lines.length !== doc.lineCount) this.entries.delete(doc.uri);
    else entry.version = doc.version;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

/** Every reference of a document with its line, in document order. */
export function* allReferences(refs: DocumentReferences): Generator<{ line: number; reference: Reference }> {
  const lines = refs.lines;
  for (let line = 0; line < lines.length; line++) {
    const list = lines[line];
    if (list === NO_REFERENCES) continue;
    for (const reference of list) yield { line, reference };
  }
}

/** The reference on `line` whose text contains the column (its end included: the cursor just after it). */
export function referenceAt(refs: DocumentReferences, line: number, character: number): Reference | undefined {
  const list = refs.lines[line];
  if (list === undefined) return undefined;
  for (const r of list) if (character >= r.start && character <= r.end) return r;
  return undefined;
}

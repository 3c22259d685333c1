// Open documents with incremental sync. Each content change is applied on
// its own so the outline cache learns exactly which lines it touched.

import { TextDocuments, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OutlineCache } from './engine';

export function createDocuments(outlines: OutlineCache): TextDocuments<TextDocument> {
  const documents = new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update: (doc, changes, version) => applyContentChanges(doc, changes, version, outlines),
  });
  // A didOpen of a URI already open replaces the document: nothing computed
  // for the old one may be served for the new one, even at the same version.
  documents.onDidOpen((e) => outlines.delete(e.document.uri));
  return documents;
}

/**
 * Applies a didChange's content changes to the document one by one, telling
 * the outline cache the lines each one touched.
 */
export function applyContentChanges(doc: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number, outlines: OutlineCache): TextDocument {
  for (const change of changes) {
    if (!('range' in change)) {
      TextDocument.update(doc, [change], version);
      outlines.delete(doc.uri);
      continue;
    }
    // TextDocument.update trusts the range's line numbers; a client's range
    // past the end would corrupt its line table, so normalise it first.
    const range = {
      start: doc.positionAt(doc.offsetAt(change.range.start)),
      end: doc.positionAt(doc.offsetAt(change.range.end)),
    };
    const edit = {
      startLine: range.start.line,
      endLine: range.end.line,
      lineCountBefore: doc.lineCount,
      versionBefore: doc.version,
    };
    TextDocument.update(doc, [{ range, text: change.text }], version);
    outlines.edited(doc, edit);
  }
  return doc;
}

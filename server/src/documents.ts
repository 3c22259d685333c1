// Open documents with incremental sync. Each content change is applied on
// its own so the outline cache learns exactly which lines it touched.

import { TextDocuments, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OutlineCache } from './engine';

export function createDocuments(outlines: OutlineCache): TextDocuments<TextDocument> {
  return new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
      for (const change of changes) {
        if (!('range' in change)) {
          TextDocument.update(doc, [change], version);
          outlines.delete(doc.uri);
          continue;
        }
        const edit = {
          startLine: change.range.start.line,
          endLine: change.range.end.line,
          lineCountBefore: doc.lineCount,
          versionBefore: doc.version,
        };
        TextDocument.update(doc, [change], version);
        outlines.edited(doc, edit);
      }
      return doc;
    },
  });
}

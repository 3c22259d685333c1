// Open documents with incremental sync. Each content change is applied on
// its own so the outline cache learns exactly which lines it touched.
//
// Sync notifications are checked before they reach the document table: a
// didOpen whose text is not a string, or a didChange with a bad range, would
// otherwise be stored and break every later request on the URI. A
// notification that is not well-formed is logged and not applied; when it
// concerns a document that is open, the server can no longer follow the
// client's copy, so it forgets the document (as on didClose) and answers for
// it as for a document never opened, until the client opens it again.

import { Disposable, TextDocuments, TextDocumentsConfiguration, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineEdit, OutlineDocument } from './engine';

export type Log = (message: string) => void;

/** What is kept per document and patched per edit: the outline cache, the statistics cache. */
export interface PatchedCache {
  /** `doc` (already updated) differs from its previous version by this edit. */
  edited(doc: OutlineDocument, edit: LineEdit): void;
  /** The whole text was replaced: start over. */
  delete(uri: string): void;
}

/** The open documents; every edit is reported to each of `caches`. */
export function createDocuments(caches: PatchedCache | readonly PatchedCache[], log?: Log): TextDocuments<TextDocument> {
  const patched = Array.isArray(caches) ? caches : [caches as PatchedCache];
  return new CheckedDocuments(
    {
      create: TextDocument.create,
      update: (doc, changes, version) => applyContentChanges(doc, changes, version, patched),
    },
    log,
  );
}

/**
 * Applies a didChange's content changes to the document one by one, telling
 * each cache the lines each one touched. The changes must be well-formed
 * (problemOfDidChange).
 */
export function applyContentChanges(doc: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number, caches: readonly PatchedCache[]): TextDocument {
  for (const change of changes) {
    if (!('range' in change) || change.range === undefined) {
      TextDocument.update(doc, [{ text: change.text }], version);
      for (const cache of caches) cache.delete(doc.uri);
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
    for (const cache of caches) cache.edited(doc, edit);
  }
  return doc;
}

type NotificationHandler<P> = (params: P) => void;
/** The part of a connection TextDocuments listens on (the library does not export its name). */
type TextDocumentConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

/** TextDocuments whose sync notifications are checked first (see the top of this file). */
class CheckedDocuments extends TextDocuments<TextDocument> {
  constructor(
    configuration: TextDocumentsConfiguration<TextDocument>,
    private readonly log: Log | undefined,
  ) {
    super(configuration);
  }

  override listen(connection: TextDocumentConnection): Disposable {
    const log: Log = this.log ?? consoleOf(connection);
    let close: NotificationHandler<unknown> | undefined;
    /** Drops the document as didClose does, so everything cached for it goes too. */
    const forget = (uri: string): void => {
      if (this.get(uri) !== undefined) close?.({ textDocument: { uri } });
    };
    /** The handler for checked params; a bad notification is logged, and forgets its document. */
    const checked = <P>(method: string, problemOf: (params: unknown) => string | undefined, handler: NotificationHandler<P>): NotificationHandler<P> => {
      return (params: P) => {
        const uri = uriOf(params);
        const where = uri === undefined ? '' : ` for ${uri}`;
        const problem = problemOf(params);
        const open = uri !== undefined && this.get(uri) !== undefined;
        const consequence = open ? '; the server forgets the document until the client opens it again' : '';
        if (problem !== undefined) {
          log(`Tigang ignored ${method}${where}: ${problem}${consequence}.`);
          if (uri !== undefined) forget(uri);
          return;
        }
        try {
          handler(params);
        } catch (error) {
          // A change applied in part leaves the document in no state the client knows.
          log(`Tigang could not apply ${method}${where}: ${error instanceof Error ? error.message : String(error)}${consequence}.`);
          if (uri !== undefined) forget(uri);
        }
      };
    };
    // A didOpen of a URI already open replaces the document: it closes the old
    // one first, so that everything computed for it (outline, statistics,
    // settings: whatever listens to onDidClose) is dropped, even when the new
    // text comes with the old version.
    const replacing = <P>(handler: NotificationHandler<P>): NotificationHandler<P> => {
      return (params: P) => {
        forget(uriOf(params)!);
        handler(params);
      };
    };
    const guarded: TextDocumentConnection & { __textDocumentSync?: unknown } = {
      onDidOpenTextDocument: (handler) => connection.onDidOpenTextDocument(checked('textDocument/didOpen', problemOfDidOpen, replacing(handler))),
      onDidChangeTextDocument: (handler) => connection.onDidChangeTextDocument(checked('textDocument/didChange', problemOfDidChange, handler)),
      onDidCloseTextDocument: (handler) => {
        close = handler as NotificationHandler<unknown>;
        return connection.onDidCloseTextDocument(checked('textDocument/didClose', problemOfDocumentIdentifier, handler));
      },
      onWillSaveTextDocument: (handler) => connection.onWillSaveTextDocument(handler),
      onWillSaveTextDocumentWaitUntil: (handler) => connection.onWillSaveTextDocumentWaitUntil(handler),
      onDidSaveTextDocument: (handler) => connection.onDidSaveTextDocument(handler),
    };
    const disposable = super.listen(guarded);
    // TextDocuments.listen declares incremental sync on the connection it is given.
    (connection as { __textDocumentSync?: unknown }).__textDocumentSync = guarded.__textDocumentSync;
    return disposable;
  }
}

/** connection.console.warn when the connection has one (a full Connection does), else console.warn. */
function consoleOf(connection: TextDocumentConnection): Log {
  const remote = (connection as { console?: { warn?: unknown } }).console;
  if (remote !== undefined && typeof remote.warn === 'function') return (message) => (remote.warn as Log).call(remote, message);
  return (message) => console.warn(message);
}

function uriOf(params: unknown): string | undefined {
  const uri = (params as { textDocument?: { uri?: unknown } } | null | undefined)?.textDocument?.uri;
  return typeof uri === 'string' ? uri : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What is wrong with didOpen params, or undefined when they are well-formed. */
export function problemOfDidOpen(params: unknown): string | undefined {
  if (!isObject(params) || !isObject(params.textDocument)) return 'params.textDocument is not an object';
  const td = params.textDocument;
  if (typeof td.uri !== 'string') return 'textDocument.uri is not a string';
  if (typeof td.text !== 'string') return `textDocument.text is not a string (${describe(td.text)})`;
  if (!Number.isInteger(td.version)) return `textDocument.version is not an integer (${describe(td.version)})`;
  if (typeof td.languageId !== 'string') return `textDocument.languageId is not a string (${describe(td.languageId)})`;
  return undefined;
}

/** What is wrong with didChange params, or undefined when they are well-formed. */
export function problemOfDidChange(params: unknown): string | undefined {
  if (!isObject(params) || !isObject(params.textDocument)) return 'params.textDocument is not an object';
  const td = params.textDocument;
  if (typeof td.uri !== 'string') return 'textDocument.uri is not a string';
  if (!Number.isInteger(td.version)) return `textDocument.version is not an integer (${describe(td.version)})`;
  const changes = params.contentChanges;
  if (!Array.isArray(changes)) return `contentChanges is not an array (${describe(changes)})`;
  for (let i = 0; i < changes.length; i++) {
    const change: unknown = changes[i];
    if (!isObject(change)) return `contentChanges[${i}] is not an object`;
    if (typeof change.text !== 'string') return `contentChanges[${i}].text is not a string (${describe(change.text)})`;
    if (change.range !== undefined && !isRange(change.range)) return `contentChanges[${i}].range is not a range of non-negative integer positions (${describe(change.range)})`;
  }
  return undefined;
}

/** What is wrong with params that name a document ({ textDocument: { uri } }), or undefined. */
export function problemOfDocumentIdentifier(params: unknown): string | undefined {
  if (!isObject(params) || !isObject(params.textDocument)) return 'params.textDocument is not an object';
  if (typeof params.textDocument.uri !== 'string') return 'textDocument.uri is not a string';
  return undefined;
}

function isRange(value: unknown): boolean {
  return isObject(value) && isPosition(value.start) && isPosition(value.end);
}

function isPosition(value: unknown): boolean {
  return isObject(value) && isCount(value.line) && isCount(value.character);
}

function isCount(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0;
}

/** A short description of a bad value for the log. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 20 ? value.slice(0, 20) + '…' : value}"`;
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' || typeof value === 'boolean' ? `${typeof value} ${String(value)}` : typeof value;
}

// Wiring only: protocol handlers hand each request to the outline cache and
// one provider per feature.

import {
  CancellationToken,
  Connection,
  DidChangeConfigurationNotification,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  SelectionRangeRequest,
  ErrorCodes,
  InitializeParams,
  InitializeResult,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createDocuments } from './documents';
import { Heading, Outline, OutlineCache, sectionCharacters, truncateName } from './engine';
import { OutlineItem, OutlineRequest, OutlineResult } from '@tigang/protocol';
import { DocumentSymbolProvider } from './providers/documentSymbols';
import { FoldingRangeProvider } from './providers/foldingRanges';
import { SelectionRangeProvider } from './providers/selectionRanges';
import { Settings, SettingsCache } from './settings';
import { WorkspaceFeature } from './workspace';

export function startServer(connection: Connection): void {
  const outlines = new OutlineCache();
  const documents = createDocuments(outlines);
  let pullConfiguration = false;
  let hierarchicalSymbols = false;
  const settings = new SettingsCache(connection, () => pullConfiguration);

  const symbolProvider = new DocumentSymbolProvider();
  const foldingProvider = new FoldingRangeProvider();
  const selectionProvider = new SelectionRangeProvider();
  // workspace/symbol and tigang/searchSections over every file in the workspace (issue 4).
  const workspace = new WorkspaceFeature(connection, documents, outlines);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pullConfiguration = caps.workspace?.configuration === true;
    hierarchicalSymbols = caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
    workspace.initialize(params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: '提纲 Tigang' },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'tigang', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      // 'files' too: files.exclude decides which files the workspace index reads.
      void connection.client.register(DidChangeConfigurationNotification.type, { section: ['tigang', 'files'] }).catch(() => undefined);
    }
    void workspace.start();
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    void workspace.configurationChanged(change.settings);
  });
  documents.onDidClose((e) => {
    outlines.delete(e.document.uri);
    settings.forget(e.document.uri);
  });

  /**
   * The document and its outline for a request, or undefined when the server
   * does not have the document or the request was cancelled meanwhile.
   */
  async function outlineFor(params: unknown, token: CancellationToken): Promise<{ doc: TextDocument; outline: Outline; settings: Settings } | undefined> {
    const uri = requireDocumentUri(params);
    const doc = documents.get(uri);
    if (doc === undefined) return undefined;
    const current = await settings.get(uri);
    if (token.isCancellationRequested) return undefined;
    const latest = documents.get(uri);
    if (latest === undefined) return undefined; // closed while settings were fetched
    return { doc: latest, outline: outlines.get(latest, current), settings: current };
  }

  // Handlers are registered with onRequest(type, …) rather than the
  // onDocumentSymbol-style helpers: those read params.workDoneToken before our
  // validation runs, so `params: null` would answer InternalError instead of
  // InvalidParams.
  connection.onRequest(DocumentSymbolRequest.type, async (params, token) => {
    const found = await outlineFor(params, token);
    if (found === undefined) return [];
    const { doc, outline, settings: s } = found;
    return hierarchicalSymbols
      ? symbolProvider.provideDocumentSymbols(outline, s.maxNameLength)
      : symbolProvider.provideSymbolInformation(outline, doc.uri, s.maxNameLength);
  });

  connection.onRequest(FoldingRangeRequest.type, async (params, token) => {
    const found = await outlineFor(params, token);
    if (found === undefined) return [];
    const limit = (params as { rangeLimit?: unknown }).rangeLimit;
    return foldingProvider.provideFoldingRanges(found.outline, typeof limit === 'number' ? limit : undefined);
  });

  connection.onRequest(SelectionRangeRequest.type, async (params, token) => {
    const positions = requirePositions(params);
    const found = await outlineFor(params, token);
    if (found === undefined) return [];
    return selectionProvider.provideSelectionRanges(found.outline, found.doc, positions);
  });

  connection.onRequest(OutlineRequest.method, async (params: unknown, token): Promise<OutlineResult | null> => {
    const found = await outlineFor(params, token);
    if (found === undefined) return null;
    const { doc, outline, settings: s } = found;
    const characters = sectionCharacters(doc, outline);
    const toItem = (h: Heading): OutlineItem => ({
      name: truncateName(h.name, s.maxNameLength),
      style: h.style,
      rank: h.rank,
      line: h.line,
      start: h.start,
      titleEnd: h.titleEnd,
      endLine: h.endLine,
      characters: characters[h.index],
      children: h.children.map(toItem),
    });
    return { version: doc.version, items: outline.roots.map(toItem) };
  });

  documents.listen(connection);
  connection.listen();
}

function invalidParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

/** params.textDocument.uri, or a JSON-RPC InvalidParams error. */
function requireDocumentUri(params: unknown): string {
  const uri = (params as { textDocument?: { uri?: unknown } } | null)?.textDocument?.uri;
  if (typeof uri !== 'string') throw invalidParams('params.textDocument.uri must be a string');
  return uri;
}

function requirePositions(params: unknown): { line: number; character: number }[] {
  const positions = (params as { positions?: unknown } | null)?.positions;
  const valid = Array.isArray(positions) && positions.every((p) => Number.isInteger(p?.line) && Number.isInteger(p?.character));
  if (!valid) throw invalidParams('params.positions must be an array of { line, character } integers');
  return positions as { line: number; character: number }[];
}

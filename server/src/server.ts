// Wiring only: the one place that registers protocol handlers. Each handler
// validates its params, finds the document and hands the request to the
// service (service.ts); what the client can do is read once, here.

import {
  CancellationToken,
  CodeAction,
  CodeActionKind,
  CodeActionRequest,
  CodeActionResolveRequest,
  Connection,
  DefinitionRequest,
  Diagnostic,
  DidChangeConfigurationNotification,
  DocumentDiagnosticRequest,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  FoldingRangeRequest,
  HoverRequest,
  InitializeParams,
  InitializeResult,
  InlayHintRefreshRequest,
  InlayHintRequest,
  LSPErrorCodes,
  MessageType,
  ReferencesRequest,
  ResponseError,
  SelectionRangeRequest,
  SemanticTokensDeltaRequest,
  SemanticTokensRefreshRequest,
  SemanticTokensRequest,
  ShowMessageNotification,
  TextDocumentSyncKind,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { IndexStatusRequest, OutlineRequest, RuleProblemsNotification, SearchSectionsRequest, StructureEditRequest, StructureOperation } from '@tigang/protocol';
import { ConfigurationManager } from './configuration';
import { DiagnosticsScheduler } from './diagnostics';
import { createDocuments } from './documents';
import { OutlineCache, ReferenceCache, STRUCTURE_OPERATIONS, StatisticsCache } from './engine';
import { L10n } from './l10n';
import { RuleProblemReporter } from './ruleProblems';
import { CodeActionData, FIX_ALL_KIND, RENUMBER_ARTICLES_KIND, RENUMBER_DOCUMENT_KIND, isCodeActionData } from './providers/codeActions';
import { SEMANTIC_TOKENS_LEGEND } from './providers/semanticTokens';
import { STRUCTURE_ACTION_KINDS } from './providers/structure';
import { CancelledError, RequestFailedError, SELECTION_POSITIONS_MAX, createTigangService } from './service';
import { nodeFs } from './node/nodeFs';
import { VERSION } from './version';
import { WorkspaceFeature, connectionHost } from './workspace';

/** What the client said it can do, read once from initialize. */
interface ClientCapabilities {
  pullConfiguration: boolean;
  /** The client takes a dynamic registration of workspace/didChangeConfiguration. */
  configurationRegistration: boolean;
  hierarchicalSymbols: boolean;
  /** textDocument.foldingRange.rangeLimit: at most this many folding ranges per document. */
  foldingRangeLimit: number | undefined;
  /** workspace/semanticTokens/refresh and workspace/inlayHint/refresh: the client re-asks when the settings change. */
  semanticTokensRefresh: boolean;
  inlayHintRefresh: boolean;
  /** textDocument.diagnostic: the client pulls diagnostics; otherwise the server publishes them. */
  pullDiagnostics: boolean;
  /** workspace.diagnostics.refreshSupport: the client pulls again when asked. */
  diagnosticRefresh: boolean;
  /** codeAction/resolve may fill in an action's edit. */
  resolveCodeActionEdits: boolean;
  /** workspace.workspaceEdit.documentChanges: versioned edits. */
  documentChanges: boolean;
  /** textDocument.definition.linkSupport: LocationLinks (with the reference as origin) rather than Locations. */
  definitionLinks: boolean;
  /** workspace.workspaceFolders: the client tells of folders added and removed. */
  workspaceFolderEvents: boolean;
  /** initializationOptions.ruleProblems: the client shows tigang/ruleProblems itself (lspExt.ts). */
  ruleProblems: boolean;
}

export function startServer(connection: Connection): void {
  const log = (message: string) => connection.console.log(message);
  const outlines = new OutlineCache();
  const statistics = new StatisticsCache();
  // References between articles (docs/headings.md §9), patched per edit like the outlines.
  const references = new ReferenceCache();
  const documents = createDocuments([outlines, statistics, references], (message) => connection.console.warn(message));
  let client: ClientCapabilities = {
    pullConfiguration: false,
    configurationRegistration: false,
    hierarchicalSymbols: false,
    foldingRangeLimit: undefined,
    semanticTokensRefresh: false,
    inlayHintRefresh: false,
    pullDiagnostics: false,
    diagnosticRefresh: false,
    resolveCodeActionEdits: false,
    documentChanges: false,
    definitionLinks: false,
    workspaceFolderEvents: false,
    ruleProblems: false,
  };
  const configuration = new ConfigurationManager(
    {
      pull: async (scopeUri) => {
        const [tigang, files] = await connection.workspace.getConfiguration([
          { scopeUri, section: 'tigang' },
          { scopeUri, section: 'files' },
        ]);
        return [tigang, files];
      },
    },
    log,
  );
  // workspace/symbol and tigang/searchSections over every file in the workspace, read through the file-system seam.
  const workspace = new WorkspaceFeature(connectionHost(connection, documents, outlines, configuration), nodeFs);
  // The client's display language, from initialize; inlay hints and diagnostics speak it.
  const l10n = new L10n();
  // User-defined rules left out (docs/headings.md §10): told once each, as the settings are read.
  const ruleProblems = new RuleProblemReporter(l10n, {
    log: (message) => connection.console.warn(message),
    notify: (params) => {
      if (client.ruleProblems) void connection.sendNotification(RuleProblemsNotification, params).catch(() => undefined);
      // A notification, not window/showMessageRequest: there is no button another editor could act on.
      else void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: params.message }).catch(() => undefined);
    },
  });
  configuration.onDidRead((settings) => ruleProblems.report(settings.rules.errors));
  const service = createTigangService({ outlines, statistics, settings: configuration, workspace, log, l10n, references, openDocuments: documents, workspaceDocuments: workspace });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const rangeLimit = caps.textDocument?.foldingRange?.rangeLimit;
    client = {
      pullConfiguration: caps.workspace?.configuration === true,
      configurationRegistration: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      hierarchicalSymbols: caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
      foldingRangeLimit: typeof rangeLimit === 'number' && Number.isInteger(rangeLimit) && rangeLimit >= 0 ? rangeLimit : undefined,
      semanticTokensRefresh: caps.workspace?.semanticTokens?.refreshSupport === true,
      inlayHintRefresh: caps.workspace?.inlayHint?.refreshSupport === true,
      pullDiagnostics: caps.textDocument?.diagnostic !== undefined,
      diagnosticRefresh: caps.workspace?.diagnostics?.refreshSupport === true,
      resolveCodeActionEdits: caps.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit') === true,
      documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
      definitionLinks: caps.textDocument?.definition?.linkSupport === true,
      workspaceFolderEvents: caps.workspace?.workspaceFolders === true,
      ruleProblems: (params.initializationOptions as { ruleProblems?: unknown } | null | undefined)?.ruleProblems === true,
    };
    l10n.setLocale(params.locale);
    configuration.initialize({ pull: client.pullConfiguration });
    workspace.initialize(params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: '提纲 Tigang' },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        workspaceSymbolProvider: true,
        // The writer's view. Registered statically: the settings that turn
        // them off are per document (scope resource), so the handlers answer
        // empty rather than the registration going away for every document.
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: { delta: true } },
        inlayHintProvider: { resolveProvider: false },
        // Numbering checks (docs/headings.md §7): pulled by clients that can, published to the others.
        diagnosticProvider: { identifier: 'tigang', interFileDependencies: false, workspaceDiagnostics: false },
        // …重新编号条文 (§9), and editing the structure (§8): move/promote/demote and insert/delete at a heading.
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, RENUMBER_DOCUMENT_KIND, RENUMBER_ARTICLES_KIND, ...STRUCTURE_ACTION_KINDS], resolveProvider: true },
        // References between articles (docs/headings.md §9).
        definitionProvider: true,
        hoverProvider: true,
        documentLinkProvider: { resolveProvider: false },
        referencesProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'tigang', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    // Register only what the client said it takes (eglot, for one, does not
    // take this registration and warns about it). 'files' too:
    // files.exclude decides which files the workspace index reads.
    if (client.pullConfiguration && client.configurationRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: ['tigang', 'files'] }).catch(() => undefined);
    }
    // Only after initialize: the library registers the notification with the client then.
    if (client.workspaceFolderEvents) connection.workspace.onDidChangeWorkspaceFolders((e) => void workspace.workspaceFoldersChanged(e));
    void workspace.start();
  });

  connection.onDidChangeConfiguration((change) => {
    configuration.changed(change.settings);
    void workspace.configurationChanged();
    // Tokens and hints follow tigang.semanticHighlighting, tigang.inlayHints,
    // tigang.charactersPerMinute and tigang.enumerations: ask the client to
    // request them again.
    if (client.semanticTokensRefresh) void connection.sendRequest(SemanticTokensRefreshRequest.type).catch(() => undefined);
    if (client.inlayHintRefresh) void connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
    diagnostics.settingsChanged();
  });
  documents.onDidClose((e) => {
    service.documentClosed(e.document.uri);
    workspace.documentClosed(e.document.uri);
  });
  documents.onDidChangeContent((e) => workspace.documentChanged(e.document.uri));
  connection.onDidChangeWatchedFiles((params) => workspace.watchedFilesChanged(params));

  /**
   * Registers a request on an open document: params are validated first
   * (InvalidParams), an unknown document answers `empty`, a cancelled
   * request answers RequestCancelled.
   */
  function onDocumentRequest<P, R>(
    method: string,
    empty: R,
    run: (doc: TextDocument, params: P, token: CancellationToken) => Promise<R>,
    validate: (params: unknown) => P = (params) => params as P,
  ): void {
    connection.onRequest(method, async (params: unknown, token: CancellationToken) => {
      const uri = requireDocumentUri(params);
      const valid = validate(params);
      const doc = documents.get(uri);
      if (doc === undefined) return empty;
      return asResponse(() => run(doc, valid, token));
    });
  }

  // Handlers take the method name rather than the onDocumentSymbol-style
  // helpers: those read params.workDoneToken before our validation runs, so
  // `params: null` would answer InternalError instead of InvalidParams.
  onDocumentRequest(DocumentSymbolRequest.method, [], (doc, _params, token) => service.getDocumentSymbols(doc, { hierarchical: client.hierarchicalSymbols }, token));
  onDocumentRequest(FoldingRangeRequest.method, [], (doc, _params, token) => service.getFoldingRanges(doc, { rangeLimit: client.foldingRangeLimit }, token));
  onDocumentRequest(SelectionRangeRequest.method, [], (doc, positions, token) => service.getSelectionRanges(doc, positions, token), requirePositions);
  onDocumentRequest(OutlineRequest.method, null, (doc, params, token) => service.getOutline(doc, params, token), requireOutlineParams);

  // ---- the workspace index
  connection.onRequest(WorkspaceSymbolRequest.method, (params: unknown, token: CancellationToken) => asResponse(() => service.getWorkspaceSymbols(requireQuery(params), token)));
  connection.onRequest(SearchSectionsRequest.method, (params: unknown, token: CancellationToken) => {
    const { query, limit } = requireSearchParams(params);
    return asResponse(() => service.searchSections(query, limit, token));
  });
  connection.onRequest(IndexStatusRequest.method, () => workspace.indexStatus());
  // ---- end of the workspace index

  // ---- the writer's view (semantic tokens, inlay hints)
  onDocumentRequest(SemanticTokensRequest.method, { data: [] }, (doc, _params, token) => service.getSemanticTokens(doc, token));
  onDocumentRequest(SemanticTokensDeltaRequest.method, { data: [] }, (doc, previousResultId, token) => service.getSemanticTokensDelta(doc, previousResultId, token), requirePreviousResultId);
  onDocumentRequest(InlayHintRequest.method, [], (doc, range, token) => service.getInlayHints(doc, range, token), requireRange);
  // ---- end of the writer's view

  // ---- numbering checks and their fixes
  const diagnostics = new DiagnosticsScheduler(connection, documents, service, () => client);
  onDocumentRequest(DocumentDiagnosticRequest.method, { kind: 'full', items: [] }, (doc, previousResultId, token) => diagnostics.pull(doc, previousResultId, token), optionalPreviousResultId);
  onDocumentRequest(CodeActionRequest.method, [], (doc, context, token) =>
    service.getCodeActions(doc, context, { lazy: client.resolveCodeActionEdits, documentChanges: client.documentChanges }, token), requireCodeActionContext);
  connection.onRequest(CodeActionResolveRequest.method, async (action: CodeAction, token: CancellationToken) => {
    if (action === null || typeof action !== 'object' || !isCodeActionData(action.data)) throw invalidParams('params must be a code action this server listed');
    const doc = documents.get(action.data.uri);
    // Refused rather than guessed: the edit was listed for another version.
    if (doc === undefined || doc.version !== action.data.version) throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed since the action was listed');
    const edit = await asResponse(() => service.resolveCodeAction(doc, action.data as CodeActionData, { documentChanges: client.documentChanges }, token));
    return edit === undefined ? action : { ...action, edit };
  });
  // ---- end of numbering checks
  // ---- references between articles (docs/headings.md §9)
  onDocumentRequest(DefinitionRequest.method, null, (doc, position, token) => service.getDefinition(doc, position, { linkSupport: client.definitionLinks }, token), requirePosition);
  onDocumentRequest(HoverRequest.method, null, (doc, position, token) => service.getHover(doc, position, token), requirePosition);
  onDocumentRequest(DocumentLinkRequest.method, [], (doc, _params, token) => service.getDocumentLinks(doc, token));
  onDocumentRequest(
    ReferencesRequest.method,
    [],
    (doc, params, token) => service.getReferences(doc, params.position, { includeDeclaration: params.includeDeclaration }, token),
    requireReferenceParams,
  );
  // ---- end of references between articles

  // ---- editing the structure (§8); its code actions are listed and resolved with the numbering fixes above
  // An edit of a document the server does not have cannot be "nothing": it fails, as a stale version does.
  connection.onRequest(StructureEditRequest.method, async (params: unknown, token: CancellationToken) => {
    const uri = requireDocumentUri(params);
    const request = requireStructureEditParams(params);
    const doc = documents.get(uri);
    if (doc === undefined) throw new ResponseError(LSPErrorCodes.RequestFailed, l10n.t('structure.unknownDocument'), { reason: 'unknownDocument' });
    return asResponse(() => service.getStructureEdit(doc, request, { documentChanges: client.documentChanges }, token));
  });
  // ---- end of editing the structure

  documents.listen(connection);
  connection.listen();
}

/** A service call's answer; a cancellation becomes RequestCancelled, a request that cannot be done RequestFailed with its data. */
async function asResponse<R>(run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, error.message);
    if (error instanceof RequestFailedError) throw new ResponseError(LSPErrorCodes.RequestFailed, error.message, error.data);
    throw error;
  }
}

function requireQuery(params: unknown): string {
  const query = (params as { query?: unknown } | null)?.query;
  if (typeof query !== 'string') throw invalidParams('params.query must be a string');
  return query;
}

function requireSearchParams(params: unknown): { query: string; limit?: number } {
  const query = requireQuery(params);
  const limit = (params as { limit?: unknown }).limit;
  if (limit !== undefined && limit !== null && !(Number.isInteger(limit) && (limit as number) > 0)) throw invalidParams('params.limit must be a positive integer');
  return typeof limit === 'number' ? { query, limit } : { query };
}

function optionalPreviousResultId(params: unknown): string | undefined {
  const id = (params as { previousResultId?: unknown } | null)?.previousResultId;
  if (id !== undefined && id !== null && typeof id !== 'string') throw invalidParams('params.previousResultId must be a string');
  return typeof id === 'string' ? id : undefined;
}

function requireCodeActionContext(params: unknown): { range: ReturnType<typeof requireRange>; diagnostics: Diagnostic[]; only?: string[]; automatic: boolean } {
  const range = requireRange(params);
  const context = (params as { context?: { diagnostics?: unknown; only?: unknown; triggerKind?: unknown } } | null)?.context;
  if (context === undefined || context === null || !Array.isArray(context.diagnostics)) throw invalidParams('params.context.diagnostics must be an array');
  const only = Array.isArray(context.only) ? context.only.filter((k): k is string => typeof k === 'string') : undefined;
  // CodeActionTriggerKind.Automatic (2): a light bulb asking as the cursor moves, not a user asking.
  return { range, diagnostics: context.diagnostics as Diagnostic[], only, automatic: context.triggerKind === 2 };
}

function isPosition(p: unknown): p is { line: number; character: number } {
  const q = p as { line?: unknown; character?: unknown } | null | undefined;
  return Number.isInteger(q?.line) && Number.isInteger(q?.character);
}

/** tigang/structureEdit's params (lspExt.ts), or InvalidParams naming the field. */
function requireStructureEditParams(params: unknown): { version: number; line: number; operation: StructureOperation; targetLine?: number } {
  const p = params as { textDocument?: { version?: unknown }; position?: unknown; operation?: unknown; target?: unknown };
  if (!Number.isInteger(p.textDocument?.version)) throw invalidParams('params.textDocument.version must be an integer');
  if (!isPosition(p.position)) throw invalidParams('params.position must be a { line, character } of integers');
  if (!STRUCTURE_OPERATIONS.includes(p.operation as StructureOperation)) throw invalidParams(`params.operation must be one of ${STRUCTURE_OPERATIONS.join(', ')}`);
  const operation = p.operation as StructureOperation;
  if (operation === 'moveTo' && !isPosition(p.target)) throw invalidParams('params.target must be a { line, character } of integers for moveTo');
  return { version: p.textDocument!.version as number, line: p.position.line, operation, targetLine: operation === 'moveTo' ? (p.target as { line: number }).line : undefined };
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

function requireOutlineParams(params: unknown): { previousResultId?: string } {
  const previous = (params as { previousResultId?: unknown }).previousResultId;
  if (previous !== undefined && previous !== null && typeof previous !== 'string') throw invalidParams('params.previousResultId must be a string');
  return { previousResultId: typeof previous === 'string' ? previous : undefined };
}

function requirePreviousResultId(params: unknown): string {
  const id = (params as { previousResultId?: unknown } | null)?.previousResultId;
  if (typeof id !== 'string') throw invalidParams('params.previousResultId must be a string');
  return id;
}

function requireRange(params: unknown): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const r = (params as { range?: { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } } } | null)?.range;
  const valid = [r?.start, r?.end].every((p) => Number.isInteger(p?.line) && Number.isInteger(p?.character));
  if (!valid) throw invalidParams('params.range must be a { start, end } of { line, character } integers');
  return r as { start: { line: number; character: number }; end: { line: number; character: number } };
}

function requirePosition(params: unknown): { line: number; character: number } {
  const position = (params as { position?: { line?: unknown; character?: unknown } } | null)?.position;
  if (!Number.isInteger(position?.line) || !Number.isInteger(position?.character)) throw invalidParams('params.position must be { line, character } integers');
  return position as { line: number; character: number };
}

function requireReferenceParams(params: unknown): { position: { line: number; character: number }; includeDeclaration: boolean } {
  const context = (params as { context?: { includeDeclaration?: unknown } }).context;
  return { position: requirePosition(params), includeDeclaration: context?.includeDeclaration === true };
}

function requirePositions(params: unknown): { line: number; character: number }[] {
  const positions = (params as { positions?: unknown } | null)?.positions;
  const valid = Array.isArray(positions) && positions.every((p) => Number.isInteger(p?.line) && Number.isInteger(p?.character));
  if (!valid) throw invalidParams('params.positions must be an array of { line, character } integers');
  if (positions.length > SELECTION_POSITIONS_MAX) throw invalidParams(`params.positions: at most ${SELECTION_POSITIONS_MAX} positions in one request`);
  return positions as { line: number; character: number }[];
}

// The Tigang language service: every feature of the server as a method on one
// object, independent of the connection (as vscode-markdown-languageservice's
// createLanguageService). server.ts turns protocol requests into calls here;
// tests call it in-process (test/unit/service.test.ts).
//
// Adding a feature is one provider (providers/*.ts), one method here, one
// handler and one capability in server.ts (docs/architecture.md).

import {
  CancellationToken,
  CodeAction,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  InlayHint,
  Position,
  Range,
  SelectionRange,
  SemanticTokens,
  SemanticTokensDelta,
  SymbolInformation,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { OutlineResult, SearchSectionsResult, StructureEditResult, StructureOperation } from '@tigang/protocol';
import { Settings, SettingsProvider } from './configuration';
import { Outline, OutlineCache, OutlineDocument, StatisticsCache, checkNumbering } from './engine';
import { L10n } from './l10n';
import { documentSymbols, symbolInformation } from './providers/documentSymbols';
import { CodeActionData, EditOptions, articleCodeActions, numberingCodeActions, resolveNumberingEdit } from './providers/codeActions';
import { numberingDiagnostics } from './providers/diagnostics';
import { foldingRanges } from './providers/foldingRanges';
import { sectionInlayHints } from './providers/inlayHints';
import { OutlineResults } from './providers/outline';
import { selectionRangeAt } from './providers/selectionRanges';
import { SemanticTokensResults } from './providers/semanticTokens';
import { DocumentLink, Hover, Location, LocationLink } from 'vscode-languageserver';
import { DocumentReferences, ReferenceCache, ReferenceDiagnostic, citationCounts, documentTitles, lawStructure, referenceDiagnostics, renumberReferences, scanDocumentReferences, titleMatches } from './engine';
import { ReferenceWorkspace, ReferencedDocument, definition, documentLinks, hover, referenceDiagnosticsToLsp, references } from './providers/references';
import { isStructureFailure, structureCodeActions, structureEdit } from './providers/structure';

/** The workspace index's queries (workspace/feature.ts). */
export interface WorkspaceSearch {
  workspaceSymbols(params: { query: string }, token?: CancellationToken): SymbolInformation[];
  searchSections(params: { query: string; limit?: number }, token?: CancellationToken): SearchSectionsResult;
}

/**
 * The workspace index's files that are not open, for 《title》 and law-name
 * references to and from them (workspace/feature.ts): found by title or by
 * whom they cite, read through the WorkspaceFs and parsed afresh.
 */
export interface WorkspaceDocuments {
  documentsTitled(name: string): string[];
  documentsCiting(titles: readonly string[]): string[];
  readDocument(uri: string): Promise<{ doc: OutlineDocument; outline: Outline } | undefined>;
}

export interface TigangServiceOptions {
  /** The outlines of open documents; documents.ts patches them on every edit. */
  readonly outlines: OutlineCache;
  /** Characters per line of open documents, patched on every edit like the outlines. */
  readonly statistics: StatisticsCache;
  readonly settings: SettingsProvider;
  readonly workspace?: WorkspaceSearch;
  readonly log: (message: string) => void;
  /** The user's language for strings the server writes (inlay hints); English when absent. */
  readonly l10n?: L10n;
  // ---- references between articles
  /** The references of open documents; documents.ts should patch them on every edit, as the outlines (ReferenceCache.edited). */
  readonly references?: ReferenceCache;
  /** The open documents: 《title》 references are looked up among them first. */
  readonly openDocuments?: { all(): readonly OutlineDocument[] };
  /** …then among the workspace index's files that are not open. */
  readonly workspaceDocuments?: WorkspaceDocuments;
  /** Finds documents by title for 《title》 and law-name references; defaults to the open documents and workspaceDocuments. */
  readonly referenceWorkspace?: ReferenceWorkspace;
}

/**
 * Thrown when a request cannot be done as asked — a structure edit that
 * cannot be made, a version the server no longer has; server.ts answers
 * RequestFailed (-32803) with the message and `data`.
 */
export class RequestFailedError extends Error {
  constructor(
    message: string,
    readonly data: { reason: string },
  ) {
    super(message);
  }
}

/** Thrown when a request's token is cancelled before it finished; server.ts answers RequestCancelled. */
export class CancelledError extends Error {
  constructor() {
    super('the request was cancelled');
  }
}

/** Positions of one selectionRange request are answered in slices of this many, yielding between slices. */
export const SELECTION_SLICE = 500;
/** At most this many positions in one selectionRange request (VS Code sends one per cursor). */
export const SELECTION_POSITIONS_MAX = 10_000;

export interface TigangService {
  /** The heading model of a document (from the cache when this version was parsed already). */
  getModel(doc: OutlineDocument, token: CancellationToken): Promise<{ outline: Outline; settings: Settings }>;
  getDocumentSymbols(doc: OutlineDocument, options: { hierarchical: boolean }, token: CancellationToken): Promise<DocumentSymbol[] | SymbolInformation[]>;
  getFoldingRanges(doc: OutlineDocument, options: { rangeLimit?: number }, token: CancellationToken): Promise<FoldingRange[]>;
  getSelectionRanges(doc: OutlineDocument, positions: readonly Position[], token: CancellationToken): Promise<SelectionRange[]>;
  /** tigang/outline: the outline with section statistics; only the numbers when the client holds the same headings (previousResultId). */
  getOutline(doc: OutlineDocument, options: { previousResultId?: string }, token: CancellationToken): Promise<OutlineResult>;
  getWorkspaceSymbols(query: string, token: CancellationToken): Promise<SymbolInformation[]>;
  searchSections(query: string, limit: number | undefined, token: CancellationToken): Promise<SearchSectionsResult>;

  // The writer's view: headings that stand out, section lengths where the writer looks.
  /** textDocument/semanticTokens/full; empty data when tigang.semanticHighlighting is off. */
  getSemanticTokens(doc: OutlineDocument, token: CancellationToken): Promise<SemanticTokens>;
  /** textDocument/semanticTokens/full/delta: edits against the result named, or a full result when it is not the last one sent. */
  getSemanticTokensDelta(doc: OutlineDocument, previousResultId: string, token: CancellationToken): Promise<SemanticTokens | SemanticTokensDelta>;
  /** textDocument/inlayHint: `814 字 · 3′42″` after the heading lines in the range; none when tigang.inlayHints is off. */
  getInlayHints(doc: OutlineDocument, range: Range, token: CancellationToken): Promise<InlayHint[]>;

  // Numbering checks (docs/headings.md §7) and their fixes.
  /** The document's diagnostics — numbering (§7) and reference.missing (§9); none when tigang.diagnostics.enabled is off. */
  getDiagnostics(doc: OutlineDocument, token: CancellationToken): Promise<Diagnostic[]>;
  /**
   * textDocument/codeAction: quick fixes of the diagnostics given, and the
   * source actions when asked for by kind, or — to a user's unfiltered request
   * (not `automatic`) — where they would change something.
   */
  getCodeActions(
    doc: OutlineDocument,
    context: { range: Range; diagnostics: readonly Diagnostic[]; only?: readonly string[]; automatic?: boolean },
    options: CodeActionOptions,
    token: CancellationToken,
  ): Promise<CodeAction[]>;
  /** codeAction/resolve: the edit of an action listed lazily, on the document version it was listed for (undefined when its fix is gone). */
  resolveCodeAction(doc: OutlineDocument, data: CodeActionData, options: EditOptions, token: CancellationToken): Promise<WorkspaceEdit | undefined>;

  // ---- editing the structure (docs/headings.md §8)
  /**
   * tigang/structureEdit: the edit of one operation (move, promote, demote,
   * insert, delete) on the version the client names, references to renumbered
   * law articles rewritten in the same edit (§9); RequestFailedError when it
   * cannot be done or that version is not this one. getCodeActions offers the
   * same operations at a heading, resolveCodeAction computes them.
   */
  getStructureEdit(
    doc: OutlineDocument,
    request: { version: number; line: number; operation: StructureOperation; targetLine?: number },
    options: EditOptions,
    token: CancellationToken,
  ): Promise<StructureEditResult>;

  /** A document closed: its outline, settings and last semantic tokens are dropped. */
  documentClosed(uri: string): void;

  // ---- references between articles (docs/headings.md §9)
  /** textDocument/definition on a reference: the article, 款, 项 or chapter it names. */
  getDefinition(doc: OutlineDocument, position: Position, options: { linkSupport: boolean }, token: CancellationToken): Promise<Location | LocationLink[] | null>;
  /** textDocument/hover on a reference: the text it names. */
  getHover(doc: OutlineDocument, position: Position, token: CancellationToken): Promise<Hover | null>;
  /** textDocument/documentLink: every reference that points at something. */
  getDocumentLinks(doc: OutlineDocument, token: CancellationToken): Promise<DocumentLink[]>;
  /** textDocument/references on a heading, a 款 or a reference: every place citing it. */
  getReferences(doc: OutlineDocument, position: Position, options: { includeDeclaration: boolean }, token: CancellationToken): Promise<Location[]>;
  /** reference.missing as data (getDiagnostics reports it with the numbering checks). */
  getReferenceDiagnostics(doc: OutlineDocument, token: CancellationToken): Promise<ReferenceDiagnostic[]>;
}

export interface CodeActionOptions extends EditOptions {
  /** The client resolves an action's edit with codeAction/resolve. */
  readonly lazy: boolean;
}

export function createTigangService(options: TigangServiceOptions): TigangService {
  const { outlines, settings, statistics } = options;
  const outlineResults = new OutlineResults();

  async function getModel(doc: OutlineDocument, token: CancellationToken): Promise<{ outline: Outline; settings: Settings }> {
    const current = await settings.get(doc.uri);
    throwIfCancelled(token);
    return { outline: outlines.get(doc, { enumerations: current.enumerations, rules: current.rules }), settings: current };
  }

  // ---- the writer's view (semantic tokens, inlay hints)
  const l10n = options.l10n ?? new L10n();
  const tokenResults = new SemanticTokensResults();
  /** Non-whitespace characters per section, from the per-line counts tigang/outline uses too. */
  const characterCounts = (doc: OutlineDocument, outline: Outline): readonly number[] => statistics.get(doc).sectionCharacters(outline);
  // ---- end of the writer's view

  const numberingOptions = (s: Settings) => ({ gbt9704: s.diagnostics.gbt9704 });
  // ---- references between articles
  const referenceCache = options.references ?? new ReferenceCache();

  async function referenced(doc: OutlineDocument, token: CancellationToken): Promise<ReferencedDocument> {
    const { outline } = await getModel(doc, token);
    return { uri: doc.uri, doc, outline, references: referenceCache.get(doc) };
  }

  /** The references of files read for references into them, scanned once per reading (the index keeps the last few readings). */
  const closedReferences = new WeakMap<OutlineDocument, DocumentReferences>();

  /** A file of the workspace that is not open, read afresh, with its references. */
  async function closedDocument(uri: string): Promise<ReferencedDocument | undefined> {
    const read = await options.workspaceDocuments?.readDocument(uri);
    if (read === undefined) return undefined;
    let references = closedReferences.get(read.doc);
    if (references === undefined) {
      references = { version: read.doc.version, lines: scanDocumentReferences(read.doc) };
      closedReferences.set(read.doc, references);
    }
    return { uri, doc: read.doc, outline: read.outline, references };
  }

  /**
   * 《title》 references among the open documents (an exact title first, then
   * one ending in the name), then among the workspace's files that are not
   * open; nothing when none has the title.
   */
  function openDocumentWorkspace(token: CancellationToken): ReferenceWorkspace {
    const open = () => options.openDocuments?.all() ?? [];
    return {
      async findDocumentByTitle(title) {
        const candidates = open().map((doc) => ({ doc, titles: documentTitles(doc) }));
        const exact = candidates.find((c) => c.titles.includes(title));
        const found = exact ?? candidates.find((c) => c.titles.some((t) => titleMatches(t, title)));
        if (found !== undefined) return referenced(found.doc, token);
        for (const uri of options.workspaceDocuments?.documentsTitled(title) ?? []) {
          throwIfCancelled(token);
          const closed = await closedDocument(uri);
          if (closed !== undefined) return closed;
        }
        return undefined;
      },
      async otherDocuments(uri, titles) {
        const others = await Promise.all(open().filter((doc) => doc.uri !== uri).map((doc) => referenced(doc, token)));
        // Files not open are read only when they cite one of the titles (the index knows whom each file cites).
        for (const file of options.workspaceDocuments?.documentsCiting(titles) ?? []) {
          if (file === uri) continue;
          throwIfCancelled(token);
          const closed = await closedDocument(file);
          if (closed !== undefined) others.push(closed);
        }
        return others;
      },
    };
  }
  const workspaceFor = (token: CancellationToken) => options.referenceWorkspace ?? openDocumentWorkspace(token);

  const referenceMethods = {
    async getDefinition(doc: OutlineDocument, position: Position, { linkSupport }: { linkSupport: boolean }, token: CancellationToken) {
      return definition(await referenced(doc, token), workspaceFor(token), position, linkSupport);
    },
    async getHover(doc: OutlineDocument, position: Position, token: CancellationToken) {
      return hover(await referenced(doc, token), workspaceFor(token), position);
    },
    async getDocumentLinks(doc: OutlineDocument, token: CancellationToken) {
      return documentLinks(await referenced(doc, token), workspaceFor(token), l10n);
    },
    async getReferences(doc: OutlineDocument, position: Position, { includeDeclaration }: { includeDeclaration: boolean }, token: CancellationToken) {
      return references(await referenced(doc, token), workspaceFor(token), position, includeDeclaration);
    },
    async getReferenceDiagnostics(doc: OutlineDocument, token: CancellationToken) {
      const current = await referenced(doc, token);
      return referenceDiagnostics(lawStructure(doc, current.outline), current.references);
    },
  };
  // ---- end of references between articles

  // ---- editing the structure (§8)
  /** What a structure edit needs beyond the outline: the parse options, the UI language, and §9's renumbering of references. */
  const structureOptions = (doc: OutlineDocument, s: Settings) => ({
    outline: { enumerations: s.enumerations, rules: s.rules },
    l10n,
    references: (articles: ReadonlyMap<number, number | null>) => renumberReferences(referenceCache.get(doc).lines, articles),
  });
  const getStructureEdit: TigangService['getStructureEdit'] = async (doc, { version, line, operation, targetLine }, editOptions, token) => {
    const { outline, settings: s } = await getModel(doc, token);
    // An edit computed on another version would land on the wrong lines: refused, never guessed.
    if (version !== doc.version) throw new RequestFailedError(l10n.t('structure.staleVersion'), { reason: 'staleVersion' });
    const result = structureEdit(doc, outline, { operation, line, targetLine }, { ...structureOptions(doc, s), edit: editOptions });
    if (isStructureFailure(result)) throw new RequestFailedError(result.message, { reason: result.reason });
    return result;
  };
  // ---- end of editing the structure

  return {
    getModel,
    ...referenceMethods,

    async getDocumentSymbols(doc, { hierarchical }, token) {
      const { outline, settings: s } = await getModel(doc, token);
      return hierarchical ? documentSymbols(outline, s.maxNameLength) : symbolInformation(outline, doc.uri, s.maxNameLength);
    },

    async getFoldingRanges(doc, { rangeLimit }, token) {
      const { outline } = await getModel(doc, token);
      return foldingRanges(outline, rangeLimit);
    },

    async getSelectionRanges(doc, positions, token) {
      const { outline } = await getModel(doc, token);
      // Slices, so that other requests are answered between them and a
      // cancellation stops the work (a request may carry many positions).
      const result: SelectionRange[] = [];
      for (let i = 0; i < positions.length; i += SELECTION_SLICE) {
        if (i > 0) await yieldToEventLoop();
        throwIfCancelled(token);
        const end = Math.min(positions.length, i + SELECTION_SLICE);
        for (let j = i; j < end; j++) result.push(selectionRangeAt(outline, doc, positions[j]));
      }
      return result;
    },

    async getOutline(doc, { previousResultId }, token) {
      const { outline, settings: s } = await getModel(doc, token);
      // A law's headings say how often they are cited (the 提纲 view's tooltip); other documents skip the resolving.
      const structure = outline.headings.some((h) => h.kind === 'law') ? lawStructure(doc, outline) : undefined;
      const laws = structure && { citations: citationCounts(structure, referenceCache.get(doc)), articles: structure.articles.length };
      return outlineResults.answer(doc, outline, statistics.get(doc), s.maxNameLength, previousResultId, laws);
    },

    async getWorkspaceSymbols(query, token) {
      throwIfCancelled(token);
      return options.workspace?.workspaceSymbols({ query }, token) ?? [];
    },

    async searchSections(query, limit, token) {
      throwIfCancelled(token);
      return options.workspace?.searchSections(limit === undefined ? { query } : { query, limit }, token) ?? { items: [], indexing: false };
    },

    // ---- the writer's view (semantic tokens, inlay hints)
    async getSemanticTokens(doc, token) {
      const { outline, settings: s } = await getModel(doc, token);
      if (!s.semanticHighlighting) {
        tokenResults.forget(doc.uri);
        return { data: [] };
      }
      return tokenResults.full(doc, outline);
    },

    async getSemanticTokensDelta(doc, previousResultId, token) {
      const { outline, settings: s } = await getModel(doc, token);
      if (!s.semanticHighlighting) {
        tokenResults.forget(doc.uri);
        return { data: [] };
      }
      return tokenResults.delta(doc, previousResultId, outline);
    },

    async getInlayHints(doc, range, token) {
      const { outline, settings: s } = await getModel(doc, token);
      if (!s.inlayHints) return [];
      return sectionInlayHints(doc, outline, range, { characters: characterCounts(doc, outline), charactersPerMinute: s.charactersPerMinute, l10n });
    },
    // ---- end of the writer's view

    // ---- numbering checks
    async getDiagnostics(doc, token) {
      const { outline, settings: s } = await getModel(doc, token);
      if (!s.diagnostics.enabled) return [];
      // One provider for every code: the numbering checks (§7) and references that land nowhere (§9).
      const found = [...numberingDiagnostics(doc, checkNumbering(doc, outline, numberingOptions(s)), l10n), ...referenceDiagnosticsToLsp(await referenceMethods.getReferenceDiagnostics(doc, token), l10n)];
      return found.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    },

    async getCodeActions(doc, context, actionOptions, token) {
      const { outline, settings: s } = await getModel(doc, token);
      const asked = { only: context.only, automatic: context.automatic === true, lazy: actionOptions.lazy };
      const numbering = numberingCodeActions({ doc, outline, diagnostics: context.diagnostics, ...asked, numbering: numberingOptions(s), checks: s.diagnostics.enabled, l10n, edit: actionOptions });
      // 重新编号条文 (§9): a law's articles and every reference to them, whatever the numbering checks' setting.
      const articles = articleCodeActions({ doc, outline, ...asked, l10n, edit: actionOptions });
      // Editing the structure (§8): the operations that can be done at a heading on the range's first line.
      const structure = structureCodeActions(doc, outline, context.range.start.line, context.only, { ...structureOptions(doc, s), lazy: actionOptions.lazy, edit: actionOptions });
      return [...numbering, ...articles, ...structure];
    },

    async resolveCodeAction(doc, data, editOptions, token) {
      if (data.action === 'structure.edit') return getStructureEdit(doc, data, editOptions, token);
      const { outline, settings: s } = await getModel(doc, token);
      return resolveNumberingEdit(data, doc, outline, numberingOptions(s), editOptions);
    },
    // ---- end of numbering checks

    // ---- editing the structure (§8)
    getStructureEdit,
    // ---- end of editing the structure

    documentClosed(uri) {
      outlines.delete(uri);
      statistics.delete(uri);
      outlineResults.forget(uri);
      settings.forget(uri);
      tokenResults.forget(uri);
      referenceCache.delete(uri);
    },
  };
}

function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new CancelledError();
}

/** setTimeout rather than setImmediate: the service runs in a browser too. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

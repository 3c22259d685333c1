// The Tigang language service: every feature of the server as a method on one
// object, independent of the connection (as vscode-markdown-languageservice's
// createLanguageService). server.ts turns protocol requests into calls here;
// tests call it in-process (test/unit/service.test.ts).
//
// Adding a feature is one provider (providers/*.ts), one method here, one
// handler and one capability in server.ts (docs/architecture.md).

import { CancellationToken, DocumentSymbol, FoldingRange, Position, SelectionRange, SymbolInformation } from 'vscode-languageserver';
import { OutlineResult, SearchSectionsResult } from '@tigang/protocol';
import { Settings, SettingsProvider } from './configuration';
import { Outline, OutlineCache, OutlineDocument, StatisticsCache } from './engine';
import { documentSymbols, symbolInformation } from './providers/documentSymbols';
import { foldingRanges } from './providers/foldingRanges';
import { OutlineResults } from './providers/outline';
import { selectionRangeAt } from './providers/selectionRanges';

/** The workspace index's queries (workspace/feature.ts). */
export interface WorkspaceSearch {
  workspaceSymbols(query: string): SymbolInformation[];
  searchSections(query: string, limit: number | undefined): SearchSectionsResult;
}

export interface TigangServiceOptions {
  /** The outlines of open documents; documents.ts patches them on every edit. */
  readonly outlines: OutlineCache;
  /** Characters per line of open documents, patched on every edit like the outlines. */
  readonly statistics: StatisticsCache;
  readonly settings: SettingsProvider;
  readonly workspace?: WorkspaceSearch;
  readonly log: (message: string) => void;
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
  /** A document closed: its outline and settings are dropped. */
  documentClosed(uri: string): void;
}

export function createTigangService(options: TigangServiceOptions): TigangService {
  const { outlines, settings, statistics } = options;
  const outlineResults = new OutlineResults();

  async function getModel(doc: OutlineDocument, token: CancellationToken): Promise<{ outline: Outline; settings: Settings }> {
    const current = await settings.get(doc.uri);
    throwIfCancelled(token);
    return { outline: outlines.get(doc, { enumerations: current.enumerations }), settings: current };
  }

  return {
    getModel,

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
      return outlineResults.answer(doc, outline, statistics.get(doc), s.maxNameLength, previousResultId);
    },

    async getWorkspaceSymbols(query, token) {
      throwIfCancelled(token);
      return options.workspace?.workspaceSymbols(query) ?? [];
    },

    async searchSections(query, limit, token) {
      throwIfCancelled(token);
      return options.workspace?.searchSections(query, limit) ?? { items: [], indexing: false };
    },

    documentClosed(uri) {
      outlines.delete(uri);
      statistics.delete(uri);
      outlineResults.forget(uri);
      settings.forget(uri);
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

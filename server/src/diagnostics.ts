// When diagnostics reach the client. A client that pulls them
// (textDocument/diagnostic) asks after each change and gets "unchanged"
// while neither the document nor the settings moved; a client that cannot
// pull gets them published, a moment after typing stops, and an empty list
// when the document closes. server.ts owns the handlers; this owns the
// timing.

import {
  CancellationToken,
  Connection,
  DiagnosticRefreshRequest,
  DocumentDiagnosticReport,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TigangService } from './service';

/** Published diagnostics wait this long after the last change: a keystroke costs no check. */
export const PUBLISH_DELAY_MS = 250;

/** setTimeout and clearTimeout, or a test's own clock (test/unit/diagnosticsScheduler.test.ts). */
export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const NODE_TIMERS: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
};

export class DiagnosticsScheduler {
  /** Bumped when settings change: every earlier result is stale. */
  private generation = 0;
  private readonly timers = new Map<string, unknown>();

  constructor(
    private readonly connection: Pick<Connection, 'sendDiagnostics' | 'sendRequest' | 'console'>,
    private readonly documents: Pick<TextDocuments<TextDocument>, 'onDidChangeContent' | 'onDidClose' | 'get' | 'all'>,
    private readonly service: Pick<TigangService, 'getDiagnostics'>,
    private readonly client: () => { pullDiagnostics: boolean; diagnosticRefresh: boolean },
    private readonly clock: Timers = NODE_TIMERS,
  ) {
    documents.onDidChangeContent((e) => {
      if (!this.client().pullDiagnostics) this.schedule(e.document.uri);
    });
    documents.onDidClose((e) => {
      this.clock.clear(this.timers.get(e.document.uri));
      this.timers.delete(e.document.uri);
      if (!this.client().pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
  }

  /** textDocument/diagnostic. */
  async pull(doc: TextDocument, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const resultId = `${this.generation}:${doc.version}`;
    if (previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items: await this.service.getDiagnostics(doc, token) };
  }

  /** Settings changed: pulling clients are asked to pull again, the others get every open document's diagnostics anew. */
  settingsChanged(): void {
    this.generation++;
    const client = this.client();
    if (client.pullDiagnostics) {
      if (client.diagnosticRefresh) void this.connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
      return;
    }
    for (const doc of this.documents.all()) this.schedule(doc.uri);
  }

  private schedule(uri: string): void {
    this.clock.clear(this.timers.get(uri));
    this.timers.set(
      uri,
      this.clock.set(() => {
        this.timers.delete(uri);
        void this.publish(uri);
      }, PUBLISH_DELAY_MS),
    );
  }

  private async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (doc === undefined) return;
    const none = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };
    // The version now: the library updates a TextDocument in place, so doc.version after the check is the newest, not the one checked.
    const version = doc.version;
    try {
      const diagnostics = await this.service.getDiagnostics(doc, none);
      // Only if the document is still at that version: a later change publishes its own.
      if (this.documents.get(uri)?.version === version) await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      this.connection.console.error(`Tigang could not check ${uri}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

// The language client: starts dist/server.js over IPC for the languages in
// tigang.languages (plaintext by default, file and untitled documents),
// restarts it when that list changes or the server dies, and makes VS Code
// ask again for symbols and folding when a parsing setting changes.

import type { ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  DidChangeConfigurationNotification,
  DocumentSelector,
  ErrorAction,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  Middleware,
  RequestType,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { RuleProblemsNotification } from '@tigang/protocol';
import { Config, PARSING_SETTINGS } from './config';
import { RuleNotice, showRuleProblems } from './ruleProblems';

/** Restarts allowed within RESTART_WINDOW_MS before the client gives up (VS Code's own default is 4 in 3 minutes). */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/**
 * Requests VS Code made through the client (tests only: they check that
 * VS Code asks again after a settings change, and a picture waits until the
 * editor has the heading colours of the text it shows).
 */
export interface RequestCounts {
  documentSymbol: number;
  foldingRange: number;
  workspaceSymbol: number;
  /** The document version each document's last semantic tokens (full or delta) were answered for, by URI. */
  semanticTokensVersion: Map<string, number>;
}

export class ServerManager implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  /** Set when the server crashed too often: no restarts until the user asks for one. */
  private gaveUp = false;
  private servedLanguages: string[];
  private readonly crashes: number[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private readonly didStart = new vscode.EventEmitter<void>();
  private readonly didRefresh = new vscode.EventEmitter<void>();
  private readonly didChangeLanguages = new vscode.EventEmitter<void>();
  private readonly didStop = new vscode.EventEmitter<void>();

  /** A server (re)started and answers requests: the initial start, a restart after a crash or a settings change. */
  readonly onDidStart = this.didStart.event;
  /** Parsing settings changed: every outline must be fetched again. */
  readonly onDidRefresh = this.didRefresh.event;
  /** tigang.languages changed: which documents are served changed. */
  readonly onDidChangeLanguages = this.didChangeLanguages.event;
  /** The server is down for good (isDown): it crashed too often. */
  readonly onDidStop = this.didStop.event;

  /** Counted in ExtensionMode.Test only; undefined otherwise. */
  readonly requests: RequestCounts | undefined;
  /** Notifications of user-defined rules left out, in ExtensionMode.Test only (the suite checks them). */
  readonly ruleNotices: RuleNotice[] | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly config: Config,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.servedLanguages = config.languages();
    if (context.extensionMode === vscode.ExtensionMode.Test) this.requests = { documentSymbol: 0, foldingRange: 0, workspaceSymbol: 0, semanticTokensVersion: new Map() };
    this.ruleNotices = context.extensionMode === vscode.ExtensionMode.Test ? [] : undefined;
    this.updateLanguageContext();
    this.disposables.push(
      this.didStart,
      this.didRefresh,
      this.didChangeLanguages,
      this.didStop,
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfigurationChanged(e)),
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (this.client === undefined && this.serves(doc)) void this.ready();
      }),
    );
  }

  get languages(): readonly string[] {
    return this.servedLanguages;
  }

  /** Whether Tigang outlines this document (language in tigang.languages, file or untitled). */
  serves(doc: vscode.TextDocument): boolean {
    return (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled') && this.servedLanguages.includes(doc.languageId);
  }

  documentSelector(): DocumentSelector {
    return this.servedLanguages.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]);
  }

  /** The running client, started on first use; undefined when it cannot run. */
  ready(): Promise<LanguageClient | undefined> {
    if (this.disposed || this.gaveUp) return Promise.resolve(undefined);
    const client = this.client;
    if (client === undefined) {
      this.starting ??= this.start().finally(() => {
        this.starting = undefined;
      });
      return this.starting;
    }
    if (client.state === State.Running) return Promise.resolve(client);
    // Starting, or being restarted by vscode-languageclient after a crash:
    // wait for that same start rather than making a second client.
    return client.start().then(
      () => (this.client === client ? client : undefined),
      () => undefined,
    );
  }

  isRunning(): boolean {
    return this.client?.state === State.Running;
  }

  /**
   * The server stopped for good: it crashed too often and is not restarted
   * until the user asks (tigang.restartServer). Commands that need it say so
   * instead of waiting (commands.ts).
   */
  get isDown(): boolean {
    return this.gaveUp || this.disposed;
  }

  /**
   * Process id of the language server, in ExtensionMode.Test only (the tests
   * kill it). vscode-languageclient keeps the forked process in a private
   * field and offers no accessor, so nothing else may depend on it.
   */
  testPid(): number | undefined {
    if (this.context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
    const child = (this.client as unknown as { _serverProcess?: ChildProcess } | undefined)?._serverProcess;
    return child?.pid;
  }

  /** A request typed in lspExt.ts (@tigang/protocol); undefined when there is no server, it failed, or it was cancelled. */
  async sendRequest<P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R | undefined> {
    const client = await this.ready();
    if (client === undefined) return undefined;
    try {
      return token === undefined ? await client.sendRequest(type, params) : await client.sendRequest(type, params, token);
    } catch (error) {
      if (token?.isCancellationRequested) return undefined;
      // A request that races a crash or restart fails; the caller retries on onDidStart.
      this.log.warn(`${type.method} failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** Stops the client and starts a new one (tigang.languages changed, or the user asked). */
  async restart(reason: string): Promise<void> {
    this.log.info(`restarting the language server: ${reason}`);
    this.gaveUp = false;
    this.crashes.length = 0;
    const old = this.client;
    this.client = undefined;
    if (old !== undefined) {
      try {
        await old.dispose(2000);
      } catch (error) {
        this.log.warn(`stopping the old client: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await this.ready();
  }

  private async start(): Promise<LanguageClient | undefined> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: this.documentSelector(),
      outputChannel: this.log,
      traceOutputChannel: this.log,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      diagnosticCollectionName: 'tigang',
      // User-defined rules left out come as tigang/ruleProblems, shown with a button that opens the setting.
      initializationOptions: { ruleProblems: true },
      middleware: this.requests !== undefined ? countingMiddleware(this.requests) : {},
      errorHandler: {
        error: (error, _message, count): ErrorHandlerResult => {
          this.log.error(`connection error (${count ?? 0}): ${error.message}`);
          return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
        },
        closed: (): CloseHandlerResult => this.onClosed(),
      },
    };
    const client = new LanguageClient('tigang', 'Tigang 提纲', serverOptions, clientOptions);
    client.onNotification(RuleProblemsNotification, (params) => showRuleProblems(params, this.log, this.ruleNotices));
    client.onDidChangeState((e) => {
      this.log.debug(`client state ${State[e.oldState]} → ${State[e.newState]}`);
      if (e.newState === State.Running && this.client === client) {
        this.log.info('language server running');
        this.didStart.fire();
      }
    });
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      this.log.error(`the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
      if (this.client === client) this.client = undefined;
      return undefined;
    }
    return this.client === client ? client : undefined;
  }

  private onClosed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > RESTART_WINDOW_MS) this.crashes.shift();
    if (this.disposed) return { action: CloseAction.DoNotRestart, handled: true };
    if (this.crashes.length > MAX_RESTARTS) {
      const message = vscode.l10n.t('The Tigang language server stopped {0} times in 3 minutes and is not restarted by itself any more: run "Restart Language Server" to start it again. The output channel "Tigang 提纲" says why it stopped.', this.crashes.length);
      this.log.error(message);
      this.gaveUp = true;
      setTimeout(() => this.didStop.fire(), 0);
      return { action: CloseAction.DoNotRestart, message };
    }
    this.log.warn(`the language server stopped; restarting (${this.crashes.length} in the last 3 minutes)`);
    return { action: CloseAction.Restart, handled: true };
  }

  private onConfigurationChanged(e: vscode.ConfigurationChangeEvent): void {
    if (e.affectsConfiguration('tigang.languages')) {
      const next = this.config.languages();
      if (next.join('\n') !== this.servedLanguages.join('\n')) {
        this.servedLanguages = next;
        this.updateLanguageContext();
        this.didChangeLanguages.fire();
        if (this.client !== undefined || vscode.workspace.textDocuments.some((d) => this.serves(d))) {
          void this.restart(`tigang.languages is now ${JSON.stringify(next)}`);
        }
        return;
      }
    }
    if (PARSING_SETTINGS.some((key) => e.affectsConfiguration(key))) void this.refresh();
  }

  /**
   * A parsing setting changed. The server drops its cached settings and
   * outlines on didChangeConfiguration, but VS Code asks for symbols and
   * folding ranges again only when a document changes or when the set of
   * providers changes. So: make sure the server has heard of the change (our
   * own notification, awaited, is ordered before anything VS Code asks next),
   * then register and at once dispose an empty symbol and folding provider for
   * the same documents. That is a provider change: the Outline view,
   * breadcrumbs, sticky scroll and folding ask again and get the new outline.
   * Unlike a client restart it keeps the server, its workspace index and the
   * editors' state.
   */
  async refresh(): Promise<void> {
    const client = this.client;
    if (client !== undefined && client.state === State.Running) {
      try {
        await client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      } catch (error) {
        this.log.warn(`didChangeConfiguration: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const selector = this.documentSelector() as vscode.DocumentSelector;
    vscode.languages.registerDocumentSymbolProvider(selector, { provideDocumentSymbols: () => undefined }).dispose();
    vscode.languages.registerFoldingRangeProvider(selector, { provideFoldingRanges: () => undefined }).dispose();
    this.log.info('parsing settings changed: outlines refreshed');
    this.didRefresh.fire();
  }

  private updateLanguageContext(): void {
    void vscode.commands.executeCommand('setContext', 'tigang.languageIds', this.servedLanguages);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    const client = this.client;
    this.client = undefined;
    if (client !== undefined) await client.dispose(2000).catch(() => undefined);
  }
}

function countingMiddleware(requests: RequestCounts): Middleware {
  return {
    provideDocumentSymbols: (document, token, next) => {
      requests.documentSymbol++;
      return next(document, token);
    },
    provideFoldingRanges: (document, context, token, next) => {
      requests.foldingRange++;
      return next(document, context, token);
    },
    provideWorkspaceSymbols: (query, token, next) => {
      requests.workspaceSymbol++;
      return next(query, token);
    },
    provideDocumentSemanticTokens: (document, token, next) => answered(document, () => next(document, token)),
    provideDocumentSemanticTokensEdits: (document, previousResultId, token, next) => answered(document, () => next(document, previousResultId, token)),
  };
  /** Notes the version asked for (not the one at the answer: the text may have changed meanwhile) once the tokens have come. */
  async function answered<T>(document: vscode.TextDocument, ask: () => vscode.ProviderResult<T>): Promise<T | null | undefined> {
    const version = document.version;
    const result = await ask();
    if (result !== undefined && result !== null) requests.semanticTokensVersion.set(document.uri.toString(), version);
    return result;
  }
}

// A small LSP client for protocol tests: spawns `node dist/server.js --stdio`
// and talks JSON-RPC to it over the child's stdio, as an editor would.

import assert from 'node:assert/strict';
import { ChildProcess, SpawnOptions, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  CancellationTokenSource,
  DataCallback,
  Disposable,
  Message,
  MessageConnection,
  MessageReader,
  ResponseMessage,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  DocumentSymbol,
  FoldingRange,
  InitializeResult,
  InlayHint,
  LogMessageParams,
  PublishDiagnosticsParams,
  Position,
  Range,
  SelectionRange,
  SemanticTokens,
  SemanticTokensDelta,
  SymbolInformation,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

/** The folder with package.json, found by walking up from this (bundled) file. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

export const SERVER_JS = (): string => join(repoRoot(), 'dist', 'server.js');

/** How long any single exchange with the server may take before a test fails. */
export const TIMEOUT_MS = 15_000;

export interface ClientOptions {
  /** Declare textDocument.documentSymbol.hierarchicalDocumentSymbolSupport (default true). */
  hierarchical?: boolean;
  /** Declare workspace.configuration, so the server pulls settings (default true). */
  configuration?: boolean;
  /** The `tigang` section answered to workspace/configuration; tests may replace it. */
  settings?: Record<string, unknown>;
  /** Declare textDocument.foldingRange.rangeLimit (default: none). */
  foldingRangeLimit?: number;
  /** Declare workspace.didChangeConfiguration.dynamicRegistration (default true). */
  configurationRegistration?: boolean;
  /** Declare workspace.semanticTokens.refreshSupport and workspace.inlayHint.refreshSupport (default false). */
  refreshSupport?: boolean;
  /** params.locale of initialize (default: none). */
  locale?: string;
  /** More client capabilities, merged into textDocument and workspace (default: none). */
  capabilities?: { textDocument?: Record<string, unknown>; workspace?: Record<string, unknown> };
  /** params.initializationOptions of initialize (default: none). */
  initializationOptions?: unknown;
  /** params.workspaceFolders of initialize (default: none, and rootUri null). */
  workspaceFolders?: { uri: string; name: string }[];
  /** Run the server as this user (spawn's uid and gid; see `unprivilegedUser`) instead of as the test's user (default). */
  user?: SpawnUser;
  /** params.processId of initialize, the client the server watches (default: this process). */
  processId?: number | null;
}

/** Who a spawned server runs as. */
export interface SpawnUser {
  uid: number;
  gid: number;
}

/**
 * A user without privileges to run the server as when the tests run as root,
 * or undefined when they do not: root reads a folder of mode 000, so a test of
 * an unreadable folder needs a server that cannot. `nobody` from /etc/passwd,
 * else its usual ids.
 */
export function unprivilegedUser(): SpawnUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8') : '';
  const nobody = /^nobody:[^:]*:(\d+):(\d+):/m.exec(passwd);
  return nobody !== null ? { uid: Number(nobody[1]), gid: Number(nobody[2]) } : { uid: 65534, gid: 65534 };
}

/** spawn's options for the server: stdio pipes, and the user to run as when one is given. */
export function serverSpawnOptions(user: SpawnUser | undefined): SpawnOptions {
  return { stdio: ['pipe', 'pipe', 'pipe'], ...(user !== undefined ? { uid: user.uid, gid: user.gid } : {}) };
}

export interface RawResponse {
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/**
 * Hands every message to the connection except responses to raw requests
 * (ids starting with "raw-"), which the test awaits itself.
 */
class InterceptingReader implements MessageReader {
  readonly raw = new Map<string, (response: ResponseMessage) => void>();
  constructor(private readonly inner: MessageReader) {}
  get onError() {
    return this.inner.onError;
  }
  get onClose() {
    return this.inner.onClose;
  }
  get onPartialMessage() {
    return this.inner.onPartialMessage;
  }
  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message: Message) => {
      const id = (message as ResponseMessage).id;
      const waiting = typeof id === 'string' ? this.raw.get(id) : undefined;
      if (waiting !== undefined && !('method' in message)) {
        this.raw.delete(id as string);
        waiting(message as ResponseMessage);
      } else {
        callback(message);
      }
    });
  }
  dispose(): void {
    this.inner.dispose();
  }
}

export class LspClient {
  /** The tigang section the client answers to workspace/configuration with. */
  settings: Record<string, unknown>;
  /** Per-document tigang sections (by scopeUri), answered instead of `settings`. */
  readonly settingsFor = new Map<string, Record<string, unknown>>();
  /** window/logMessage notifications received so far. */
  readonly logs: LogMessageParams[] = [];
  /** window/showMessage and tigang/ruleProblems notifications received so far, in order. */
  readonly shown: { method: string; params: unknown }[] = [];
  /** Every workspace/configuration request's items, in order. */
  readonly configurationRequests: unknown[][] = [];
  /** While set, answers to workspace/configuration wait for it (a test holds the server inside a request). */
  configurationGate: Promise<void> | undefined;
  /** workspace/semanticTokens/refresh and workspace/inlayHint/refresh requests received, by method. */
  readonly refreshes: string[] = [];
  /** textDocument/publishDiagnostics notifications received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** client/registerCapability registrations received. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  initializeResult: InitializeResult | undefined;
  stderr = '';
  /** Resolves with the exit code (or signal) once the server process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private readonly connection: MessageConnection;
  private readonly writer: StreamMessageWriter;
  private readonly reader: InterceptingReader;
  private rawId = 0;
  private running = true;

  private constructor(
    readonly process: ChildProcess,
    readonly options: Required<Omit<ClientOptions, 'user' | 'workspaceFolders' | 'processId'>>,
  ) {
    this.settings = options.settings;
    process.once('exit', () => (this.running = false));
    // 'close', not 'exit': by then stderr has been read to its end, which the tests of a dying server look at.
    this.exited = new Promise((resolve) => process.once('close', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal })));
    process.once('error', (error) => (this.stderr += `spawn failed: ${error.message}\n`));
    process.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.reader = new InterceptingReader(new StreamMessageReader(process.stdout!));
    this.writer = new StreamMessageWriter(process.stdin!);
    this.connection = createMessageConnection(this.reader, this.writer, {
      error: () => undefined,
      warn: () => undefined,
      info: () => undefined,
      log: () => undefined,
    });
    this.connection.onRequest('workspace/configuration', async (params: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configurationRequests.push(params.items);
      await this.configurationGate;
      return params.items.map((item) => (item.section === 'tigang' ? (this.settingsFor.get(item.scopeUri ?? '') ?? this.settings) : null));
    });
    this.connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    for (const method of ['workspace/semanticTokens/refresh', 'workspace/inlayHint/refresh']) {
      this.connection.onRequest(method, () => {
        this.refreshes.push(method);
        return null;
      });
    }
    this.connection.onNotification('window/logMessage', (params: LogMessageParams) => this.logs.push(params));
    for (const method of ['window/showMessage', 'tigang/ruleProblems']) this.connection.onNotification(method, (params: unknown) => this.shown.push({ method, params }));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => this.published.push(params));
    this.connection.listen();
  }

  /** Spawns the server, then initialize + initialized. */
  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [SERVER_JS(), '--stdio'], serverSpawnOptions(options.user));
    const client = new LspClient(child, {
      hierarchical: options.hierarchical ?? true,
      configuration: options.configuration ?? true,
      settings: options.settings ?? {},
      foldingRangeLimit: options.foldingRangeLimit ?? -1,
      configurationRegistration: options.configurationRegistration ?? true,
      refreshSupport: options.refreshSupport ?? false,
      locale: options.locale ?? '',
      capabilities: options.capabilities ?? {},
      initializationOptions: options.initializationOptions ?? null,
    });
    try {
      client.initializeResult = await client.request<InitializeResult>('initialize', {
        processId: options.processId === undefined ? process.pid : options.processId,
        rootUri: null,
        ...(options.workspaceFolders !== undefined ? { workspaceFolders: options.workspaceFolders } : {}),
        ...(client.options.locale ? { locale: client.options.locale } : {}),
        ...(client.options.initializationOptions !== null ? { initializationOptions: client.options.initializationOptions } : {}),
        capabilities: {
          workspace: {
            configuration: client.options.configuration,
            didChangeConfiguration: { dynamicRegistration: client.options.configurationRegistration },
            ...(client.options.refreshSupport ? { semanticTokens: { refreshSupport: true }, inlayHint: { refreshSupport: true } } : {}),
            ...client.options.capabilities.workspace,
          },
          textDocument: {
            synchronization: { dynamicRegistration: false },
            documentSymbol: { hierarchicalDocumentSymbolSupport: client.options.hierarchical },
            foldingRange: client.options.foldingRangeLimit >= 0 ? { rangeLimit: client.options.foldingRangeLimit } : {},
            selectionRange: {},
            ...client.options.capabilities.textDocument,
          },
        },
      });
      await client.notify('initialized', {});
    } catch (e) {
      client.kill();
      throw e;
    }
    return client;
  }

  /** A request through the connection; rejects with a ResponseError on an error response. */
  request<R>(method: string, params?: unknown): Promise<R> {
    const sent = params === undefined ? this.connection.sendRequest<R>(method) : this.connection.sendRequest<R>(method, params);
    return within(sent, `${method} request`, this);
  }

  /** A request whose params are sent exactly as given (null, missing, anything). */
  rawRequest(method: string, params?: unknown, omitParams = false): Promise<RawResponse> {
    const id = `raw-${++this.rawId}`;
    const response = new Promise<RawResponse>((resolve) => this.reader.raw.set(id, (m) => resolve({ result: m.result, error: m.error })));
    const message: Record<string, unknown> = { jsonrpc: '2.0', id, method };
    if (!omitParams) message.params = params;
    void this.writer.write(message as unknown as Message);
    return within(response, `raw ${method} request`, this);
  }

  /** A request that is cancelled right after it is sent. */
  requestAndCancel<R>(method: string, params: unknown): Promise<R> {
    const source = new CancellationTokenSource();
    const promise = this.connection.sendRequest<R>(method, params, source.token);
    source.cancel();
    return within(promise, `cancelled ${method} request`, this);
  }

  notify(method: string, params?: unknown): Promise<void> {
    return params === undefined ? this.connection.sendNotification(method) : this.connection.sendNotification(method, params);
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Tells the server the configuration changed (pull clients send settings: null). */
  configurationChanged(settings: unknown = null): Promise<void> {
    return this.notify('workspace/didChangeConfiguration', { settings });
  }

  symbols(uri: string): Promise<DocumentSymbol[] | SymbolInformation[]> {
    return this.request('textDocument/documentSymbol', { textDocument: { uri } });
  }

  /** Hierarchical symbols (the client must declare hierarchicalDocumentSymbolSupport). */
  async documentSymbols(uri: string): Promise<DocumentSymbol[]> {
    assert.ok(this.options.hierarchical, 'documentSymbols() needs a hierarchical client');
    return (await this.symbols(uri)) as DocumentSymbol[];
  }

  folding(uri: string): Promise<FoldingRange[]> {
    return this.request('textDocument/foldingRange', { textDocument: { uri } });
  }

  selection(uri: string, positions: Position[]): Promise<SelectionRange[]> {
    return this.request('textDocument/selectionRange', { textDocument: { uri }, positions });
  }

  semanticTokens(uri: string): Promise<SemanticTokens> {
    return this.request('textDocument/semanticTokens/full', { textDocument: { uri } });
  }

  semanticTokensDelta(uri: string, previousResultId: string): Promise<SemanticTokens | SemanticTokensDelta> {
    return this.request('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId });
  }

  inlayHints(uri: string, range: Range): Promise<InlayHint[]> {
    return this.request('textDocument/inlayHint', { textDocument: { uri }, range });
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** shutdown + exit; waits for the process to end and asserts it exited with 0. */
  async shutdown(): Promise<void> {
    await this.request('shutdown');
    await this.notify('exit');
    const { code, signal } = await within(this.exited, 'exit after shutdown', this);
    this.connection.dispose();
    assert.equal(signal, null, `server was killed by ${signal}`);
    assert.equal(code, 0, `server exited with ${code}; stderr: ${this.stderr}`);
  }

  /** Kills the server if it still runs; safe to call in t.after even after shutdown(). */
  kill(): void {
    this.connection.dispose();
    if (this.running) this.process.kill('SIGKILL');
  }
}

/**
 * Servers for a whole test file, started side by side. If one fails to
 * start, the others are stopped and the failure is thrown.
 */
export async function startClients(...options: ClientOptions[]): Promise<LspClient[]> {
  const results = await Promise.allSettled(options.map((o) => LspClient.start(o)));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) {
    await stopClients(...started);
    throw failed.reason;
  }
  return started;
}

/** Shuts each server down (asserting exit code 0), and kills it whatever happens. */
export async function stopClients(...clients: (LspClient | undefined)[]): Promise<void> {
  const stop = async (c: LspClient | undefined) => {
    try {
      if (c?.isRunning) await c.shutdown();
    } finally {
      c?.kill();
    }
  };
  await Promise.all(clients.map(stop));
}

/** The promise, or a rejection after TIMEOUT_MS naming what was awaited. */
export function within<T>(promise: Promise<T>, what: string, client?: LspClient): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}${client ? `; server stderr: ${client.stderr}` : ''}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- range helpers

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** `outer` contains `inner` (equal ranges count). */
export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

export function rangeContainsPosition(range: Range, p: Position): boolean {
  return comparePositions(range.start, p) <= 0 && comparePositions(p, range.end) <= 0;
}

/** The selection-range chain from the innermost range outwards. */
export function chain(selection: SelectionRange): Range[] {
  const out: Range[] = [];
  for (let s: SelectionRange | undefined = selection; s !== undefined; s = s.parent) out.push(s.range);
  return out;
}

export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** Names of a symbol tree, indented two spaces per level, one per line. */
export function outlineText(symbols: readonly DocumentSymbol[], depth = 0): string {
  return symbols.map((s) => '  '.repeat(depth) + s.name + '\n' + outlineText(s.children ?? [], depth + 1)).join('');
}

/** Every symbol of a tree, parents before children. */
export function flatten(symbols: readonly DocumentSymbol[]): DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flatten(s.children ?? [])]);
}

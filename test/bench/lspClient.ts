// A tiny LSP client over stdio for the benchmark, on vscode-jsonrpc's node
// API (the transport vscode-languageclient uses in the extension host): spawns
// `node <server> --stdio`, frames messages with Content-Length, and answers
// the few requests a server may send its client.

import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import {
  createMessageConnection,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface ContentChange {
  range: Range;
  text: string;
}

/** Answers a request the server sends; undefined → null. */
export type ServerRequestHandler = (method: string, params: unknown) => unknown;

export class LspClient {
  private stderr = '';
  private exited = false;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly connection: MessageConnection,
  ) {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    child.on('exit', () => {
      this.exited = true;
    });
  }

  /**
   * Spawns `node [nodeArgs] <serverPath> --stdio`. `settings` answers
   * workspace/configuration by section (`tigang`, `files`); a section not in
   * it is null, which the server reads as its defaults.
   */
  static start(name: string, serverPath: string, options: { nodeArgs?: string[]; onRequest?: ServerRequestHandler; settings?: Record<string, unknown> } = {}): LspClient {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(name, child, connection);
    connection.onRequest((method: string, params: unknown) => {
      switch (method) {
        case 'workspace/configuration': {
          const items = (params as { items?: { section?: string }[] })?.items;
          return Array.isArray(items) ? items.map((item) => options.settings?.[item?.section ?? ''] ?? null) : [];
        }
        case 'client/registerCapability':
        case 'client/unregisterCapability':
        case 'window/workDoneProgress/create':
          return null;
        default:
          return options.onRequest ? (options.onRequest(method, params) ?? null) : null;
      }
    });
    connection.onNotification(() => {
      /* logs, diagnostics, telemetry: ignored */
    });
    connection.onError(([error]) => {
      if (!client.exited) process.stderr.write(`[${name}] connection error: ${error.message}\n`);
    });
    connection.listen();
    return client;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The last few KB the server wrote to stderr. */
  get errorOutput(): string {
    return this.stderr;
  }

  async initialize(): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      clientInfo: { name: 'tigang-bench' },
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true, symbolKind: { valueSet: range(1, 26) } },
          foldingRange: { lineFoldingOnly: true },
          selectionRange: {},
          // Pulls diagnostics as VS Code does, so the server does not also push them.
          diagnostic: { dynamicRegistration: false },
        },
        workspace: { configuration: true, workspaceFolders: false },
      },
      initializationOptions: {},
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async didOpen(uri: string, languageId: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Sends didChange without waiting for anything (notifications have no answer). */
  didChange(uri: string, version: number, changes: ContentChange[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  documentSymbol<R = unknown>(uri: string): Promise<R> {
    return this.request<R>('textDocument/documentSymbol', { textDocument: { uri } });
  }

  selectionRange<R = unknown>(uri: string, positions: Position[]): Promise<R> {
    return this.request<R>('textDocument/selectionRange', { textDocument: { uri }, positions });
  }

  /** shutdown + exit; kills the server if it has not exited within `timeoutMs`. */
  async stop(timeoutMs = 3000): Promise<void> {
    if (!this.exited) {
      try {
        await withTimeout(this.connection.sendRequest('shutdown'), timeoutMs);
        await this.connection.sendNotification('exit');
      } catch {
        /* the kill below ends it */
      }
    }
    const exited = new Promise<void>((resolve) => (this.exited ? resolve() : this.child.once('exit', () => resolve())));
    const timer = setTimeout(() => {
      if (!this.exited) this.child.kill('SIGKILL');
    }, timeoutMs);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

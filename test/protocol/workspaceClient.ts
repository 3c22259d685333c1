// A minimal LSP client for the workspace tests: spawns `node dist/server.js
// --stdio` on a workspace on disk, answers what the server asks
// (workspace/configuration, client/registerCapability, progress), and
// records what it says (log messages, registrations, progress).

import { ChildProcess, spawn } from 'node:child_process';
import { MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import type { IndexStatus, SearchSectionsResult } from '@tigang/protocol';
import { SERVER_JS, SpawnUser, serverSpawnOptions } from './lspClient';

export interface WorkspaceClientOptions {
  /** Workspace folders given at initialize; `rootUri` instead when `asRootUri`. */
  folders: { uri: string; name: string }[];
  asRootUri?: boolean;
  /** Declare dynamic registration of workspace/didChangeWatchedFiles (default false: the server watches itself). */
  watchFiles?: boolean;
  /** Declare window.workDoneProgress (default true). */
  progress?: boolean;
  /** Sections answered to workspace/configuration, by section name. */
  settings?: Record<string, unknown>;
  /** Run the server as this user instead of as the test's user (default); the workspace must be readable by it. */
  user?: SpawnUser;
}

export interface Registration {
  id: string;
  method: string;
  registerOptions?: unknown;
}

export interface SymbolInfo {
  name: string;
  kind: number;
  containerName?: string;
  location: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
}

/** How long a test waits for the index to reach an expected state. */
export const WAIT_MS = 10_000;

export class WorkspaceClient {
  readonly logs: string[] = [];
  readonly registrations: Registration[] = [];
  readonly progress: { token: unknown; value: { kind: string; title?: string; message?: string; percentage?: number } }[] = [];
  /** Tokens the server asked to create with window/workDoneProgress/create. */
  readonly progressCreated: unknown[] = [];
  settings: Record<string, unknown>;
  /**
   * Sections by section name for one folder (its URI) and everything in it,
   * answered instead of `settings` to a scopeUri there — as VS Code answers a
   * multi-root workspace's folder settings.
   */
  readonly settingsFor = new Map<string, Record<string, unknown>>();
  private readonly child: ChildProcess;
  private readonly connection: MessageConnection;
  private stderr = '';

  private constructor(private readonly options: WorkspaceClientOptions) {
    this.settings = options.settings ?? {};
    // TIGANG_SERVER_NODE_ARGS: extra node flags for the server, e.g. --cpu-prof (profiling the benchmark).
    const nodeArgs = (process.env.TIGANG_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
    this.child = spawn(process.execPath, [...nodeArgs, SERVER_JS(), '--stdio'], serverSpawnOptions(options.user));
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) =>
      params.items.map((item) => (item.section === undefined ? null : (this.settingsOf(item.scopeUri)[item.section] ?? null))),
    );
    this.connection.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.onRequest('client/unregisterCapability', (params: { unregisterations: { id: string }[] }) => {
      for (const u of params.unregisterations) {
        const at = this.registrations.findIndex((r) => r.id === u.id);
        if (at !== -1) this.registrations.splice(at, 1);
      }
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', (params: { token: unknown }) => {
      this.progressCreated.push(params.token);
      return null;
    });
    this.connection.onNotification('$/progress', (params: WorkspaceClient['progress'][number]) => this.progress.push(params));
    this.connection.onNotification('window/logMessage', (params: { message: string }) => this.logs.push(params.message));
    this.connection.listen();
  }

  /** The sections for a scope: of the innermost folder in settingsFor that holds it, else `settings`. */
  private settingsOf(scopeUri: string | undefined): Record<string, unknown> {
    let best: string | undefined;
    for (const folder of this.settingsFor.keys()) {
      const inside = scopeUri !== undefined && (scopeUri === folder || scopeUri.startsWith(folder.endsWith('/') ? folder : `${folder}/`));
      if (inside && (best === undefined || folder.length > best.length)) best = folder;
    }
    return best !== undefined ? this.settingsFor.get(best)! : this.settings;
  }

  static async start(options: WorkspaceClientOptions): Promise<WorkspaceClient> {
    const client = new WorkspaceClient(options);
    await client.initialize();
    return client;
  }

  private async initialize(): Promise<void> {
    const { folders, asRootUri, watchFiles = false, progress = true } = this.options;
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: asRootUri ? (folders[0]?.uri ?? null) : null,
      workspaceFolders: asRootUri ? null : folders,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: watchFiles, relativePatternSupport: watchFiles },
          symbol: { dynamicRegistration: false },
        },
        window: { workDoneProgress: progress },
        textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  symbols(query: string): Promise<SymbolInfo[]> {
    return this.request('workspace/symbol', { query });
  }

  search(query: string, limit?: number): Promise<SearchSectionsResult> {
    return this.request('tigang/searchSections', limit === undefined ? { query } : { query, limit });
  }

  status(): Promise<IndexStatus> {
    return this.request('tigang/indexStatus', null);
  }

  /** Polls until `check` returns a value other than undefined, or fails after WAIT_MS. */
  async waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = WAIT_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nserver log:\n${this.logs.join('\n')}\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }

  /** Waits until the index has nothing left to do. */
  idle(): Promise<IndexStatus> {
    return this.waitFor('the index to be idle', async () => {
      const status = await this.status();
      return !status.indexing && status.queued === 0 ? status : undefined;
    });
  }

  /** Waits until workspace/symbol for `query` gives names that satisfy `check`. */
  symbolsWhere(query: string, what: string, check: (names: string[]) => boolean): Promise<SymbolInfo[]> {
    return this.waitFor(what, async () => {
      const found = await this.symbols(query);
      return check(found.map((s) => s.name)) ? found : undefined;
    });
  }

  /**
   * Waits until workspace/symbol for `query` finds exactly one heading per
   * given URI, in that order: a file renamed is found under its new name and
   * no longer under the old one.
   */
  symbolsAt(query: string, uris: string[], what: string): Promise<SymbolInfo[]> {
    return this.waitFor(what, async () => {
      const found = await this.symbols(query);
      return JSON.stringify(found.map((s) => s.location.uri)) === JSON.stringify(uris) ? found : undefined;
    });
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Tells the server about changed files, as a watching client would. */
  filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    return this.notify('workspace/didChangeWatchedFiles', { changes });
  }

  foldersChanged(added: { uri: string; name: string }[], removed: { uri: string; name: string }[]): Promise<void> {
    return this.notify('workspace/didChangeWorkspaceFolders', { event: { added, removed } });
  }

  /** The server's process id. */
  get pid(): number {
    return this.child.pid!;
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill(), 2000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

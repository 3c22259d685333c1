// workspace/symbol and tigang/searchSections over every document in the
// workspace: the LSP side of the workspace index (workspaceIndex.ts). A plain
// class: server.ts registers the handlers and calls its methods; what it
// needs from the client comes in through a WorkspaceHost, the files through a
// WorkspaceFs (fs.ts).

import {
  CancellationToken,
  DidChangeWatchedFilesParams,
  Disposable,
  ErrorCodes,
  FileChangeType,
  FileSystemWatcher,
  InitializeParams,
  LSPErrorCodes,
  ResponseError,
  SymbolInformation,
  WatchKind,
  WorkDoneProgressServerReporter,
  WorkspaceFolder,
  WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import { HeadingStyle, Outline, OutlineDocument } from '../engine';
import { IndexStatus, SearchSectionsResult, SectionMatch } from '@tigang/protocol';
import { symbolKind } from '../providers/lsp';
import { Settings } from '../configuration';
import { FolderConfig, folderConfigOf } from './config';
import { WorkspaceFs } from './fs';
import { normalizeUri, uriName } from './uris';
import { FolderSpec, OpenDocument, WorkspaceIndex } from './workspaceIndex';

/** Results of workspace/symbol. */
export const SYMBOL_LIMIT = 500;
/** Results for an empty query: the first headings, quickly. */
export const EMPTY_QUERY_LIMIT = 200;
/** Default and largest `limit` of tigang/searchSections. */
export const SEARCH_LIMIT = 200;
export const SEARCH_LIMIT_MAX = 1000;
/** Indexing shows work-done progress once it has taken this long. */
const PROGRESS_DELAY_MS = 1000;
const PROGRESS_REPORT_MS = 250;

/** What the feature needs from the client and the server around it. */
export interface WorkspaceHost {
  log(message: string): void;
  /** The open document with this URI (its outline as the server keeps it), or undefined when it is not open. */
  openDocument(uri: string): OpenDocument | undefined;
  /** The settings for a workspace folder (the server's one pipeline: ConfigurationManager in configuration.ts). */
  folderSettings(scopeUri: string): Promise<Settings>;
  /** Asks the client to watch files for the server (client/registerCapability of workspace/didChangeWatchedFiles). */
  watchFiles(watchers: FileSystemWatcher[]): Promise<Disposable>;
  /** A work-done progress the client shows (window/workDoneProgress/create). */
  createProgress(): Promise<WorkDoneProgressServerReporter>;
}

export class WorkspaceFeature {
  private index: WorkspaceIndex | undefined;
  private clientWatches = false;
  private relativePatterns = false;
  private progressSupported = false;
  private initialFolders: WorkspaceFolder[] = [];
  private readonly configs = new Map<string, FolderConfig>();
  /** URI of each open document, by the index's key for it (normalizeUri). */
  private readonly openUris = new Map<string, string>();
  private watcherRegistration: Promise<Disposable> | undefined;
  private registeredGlobs = '';
  private progress: Progress | undefined;
  /** Settings being fetched for folders (added, or configuration changed): the index is not current yet. */
  private settingUp = 0;

  constructor(
    private readonly host: WorkspaceHost,
    private readonly fs: WorkspaceFs,
  ) {}

  /** From onInitialize: what the client can do, and the workspace folders. */
  initialize(params: InitializeParams): void {
    const caps = params.capabilities;
    this.clientWatches = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.relativePatterns = caps.workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
    this.progressSupported = caps.window?.workDoneProgress === true;
    this.initialFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    this.index = new WorkspaceIndex(
      {
        log: (message) => this.host.log(message),
        openDocument: (key) => {
          const uri = this.openUris.get(key);
          return uri === undefined ? undefined : this.host.openDocument(uri);
        },
        progress: (state) => this.onProgress(state),
      },
      this.fs,
      { watch: !this.clientWatches },
    );
  }

  /** From onInitialized: reads the settings, registers file watchers, starts indexing. */
  async start(): Promise<void> {
    this.settingUp++; // until the initial folders are handed to the index
    try {
      await this.workspaceFoldersChanged({ added: this.initialFolders, removed: [] });
    } finally {
      this.settingUp--;
    }
  }

  /** From onDidChangeConfiguration, once the settings pipeline has taken the change: settings may select other files now. */
  async configurationChanged(): Promise<void> {
    const index = this.index;
    if (index === undefined) return;
    this.settingUp++;
    try {
      for (const uri of index.folderUris()) {
        const config = await this.configFor(uri);
        this.configs.set(uri, config);
        index.setConfig(uri, config);
      }
    } finally {
      this.settingUp--;
    }
    this.registerWatchers();
  }

  /** From workspace/didChangeWorkspaceFolders. */
  async workspaceFoldersChanged(event: WorkspaceFoldersChangeEvent): Promise<void> {
    const index = this.index;
    if (index === undefined) return;
    for (const folder of event.removed) {
      const uri = normalizeUri(folder.uri);
      index.removeFolder(uri);
      this.configs.delete(uri);
    }
    this.settingUp++;
    try {
      for (const folder of event.added) {
        const spec = this.specOf(folder);
        if (spec === undefined) continue;
        const config = await this.configFor(spec.uri);
        this.configs.set(spec.uri, config);
        index.addFolder({ ...spec, config });
      }
    } finally {
      this.settingUp--;
    }
    this.registerWatchers();
  }

  /** workspace/symbol. */
  workspaceSymbols(params: unknown, token?: CancellationToken): SymbolInformation[] {
    const query = requireQuery(params);
    throwIfCancelled(token);
    const limit = query.trim() === '' ? EMPTY_QUERY_LIMIT : SYMBOL_LIMIT;
    return this.search(query, limit).map(toSymbolInformation);
  }

  /** tigang/searchSections. */
  searchSections(params: unknown, token?: CancellationToken): SearchSectionsResult {
    const query = requireQuery(params);
    const raw = (params as { limit?: unknown }).limit;
    if (raw !== undefined && raw !== null && !(Number.isInteger(raw) && (raw as number) > 0)) throw invalidParams('params.limit must be a positive integer');
    throwIfCancelled(token);
    const limit = Math.min(typeof raw === 'number' ? raw : SEARCH_LIMIT, query.trim() === '' ? EMPTY_QUERY_LIMIT : SEARCH_LIMIT_MAX);
    return { items: this.search(query, limit), indexing: this.indexStatus().indexing };
  }

  // ---- references between documents (docs/headings.md §9): files of the index that are not open

  /** The files not open whose title a 《title》 or a law's name names, the exact title first (WorkspaceIndex.documentsTitled). */
  documentsTitled(name: string): string[] {
    return this.index?.documentsTitled(name) ?? [];
  }

  /** The files not open whose references name one of these titles. */
  documentsCiting(titles: readonly string[]): string[] {
    return this.index?.documentsCiting(titles) ?? [];
  }

  /** A file of the index, read and parsed afresh through the WorkspaceFs. */
  readDocument(uri: string): Promise<{ doc: OutlineDocument; outline: Outline } | undefined> {
    return this.index?.readForReferences(uri) ?? Promise.resolve(undefined);
  }

  /** tigang/indexStatus. */
  indexStatus(): IndexStatus {
    const status = this.index?.status() ?? { indexing: false, files: 0, headings: 0, queued: 0, skipped: 0 };
    return this.settingUp > 0 ? { ...status, indexing: true } : status;
  }

  /** workspace/didChangeWatchedFiles. */
  watchedFilesChanged(params: DidChangeWatchedFilesParams): void {
    const index = this.index;
    if (index === undefined) return;
    for (const change of params?.changes ?? []) {
      if (typeof change?.uri !== 'string' || !this.fs.handles(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) index.deleted(change.uri);
      else index.changed(change.uri, change.type === FileChangeType.Created ? 'created' : 'changed');
    }
  }

  /** An open document was opened or changed (didOpen, didChange): its text wins over the disk. */
  documentChanged(uri: string): void {
    const key = normalizeUri(uri);
    this.openUris.set(key, uri);
    this.index?.documentChanged(key);
  }

  /** An open document was closed (didClose): the disk speaks for it again. */
  documentClosed(uri: string): void {
    const key = normalizeUri(uri);
    this.openUris.delete(key);
    this.index?.documentClosed(key);
  }

  dispose(): void {
    this.index?.dispose();
    void this.watcherRegistration?.then((d) => d.dispose()).catch(() => undefined);
  }

  private search(query: string, limit: number): SectionMatch[] {
    return this.index?.search(query, limit) ?? [];
  }

  private specOf(folder: WorkspaceFolder): Omit<FolderSpec, 'config'> | undefined {
    if (!this.fs.handles(folder.uri)) {
      this.host.log(`Tigang indexes folders on disk only; ${folder.uri} is left out.`);
      return undefined;
    }
    const uri = normalizeUri(folder.uri);
    return { uri, name: folder.name || uriName(uri) };
  }

  private async configFor(uri: string): Promise<FolderConfig> {
    return folderConfigOf(await this.host.folderSettings(uri), this.fs.ignoresCase);
  }

  /**
   * Asks the client to watch the included files of every folder, plus
   * creations and deletions of anything (a folder renamed, moved in or deleted
   * reports only itself). Registered again when folders or globs change.
   */
  private registerWatchers(): void {
    if (!this.clientWatches || this.index === undefined) return;
    const watchers: FileSystemWatcher[] = [];
    for (const uri of this.index.folderUris()) {
      const include = this.configs.get(uri)?.include ?? [];
      const pattern = (glob: string) => (this.relativePatterns ? { baseUri: uri, pattern: glob } : glob);
      for (const glob of include) watchers.push({ globPattern: pattern(glob), kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete });
      watchers.push({ globPattern: pattern('**/*'), kind: WatchKind.Create | WatchKind.Delete });
    }
    const key = JSON.stringify(watchers);
    if (key === this.registeredGlobs) return;
    this.registeredGlobs = key;
    const previous = this.watcherRegistration;
    this.watcherRegistration = watchers.length === 0 ? undefined : this.host.watchFiles(watchers);
    this.watcherRegistration?.catch((error) => this.host.log(`Tigang could not ask the client to watch files: ${String(error)}`));
    void previous?.then((d) => d.dispose()).catch(() => undefined);
  }

  /** Work-done progress for indexing that lasts over a second. */
  private onProgress(state: { done: number; total: number } | undefined): void {
    if (!this.progressSupported) return;
    if (state === undefined) {
      if (this.progress?.timer !== undefined) clearTimeout(this.progress.timer);
      void this.progress?.reporter?.then((r) => r.done()).catch(() => undefined);
      this.progress = undefined;
      return;
    }
    if (this.progress === undefined) {
      const progress: Progress = { lastReport: 0 };
      progress.timer = setTimeout(() => {
        progress.timer = undefined;
        progress.reporter = this.host.createProgress();
        void progress.reporter.then((r) => r.begin('Tigang', percent(state), message(state), false)).catch(() => undefined);
        progress.lastReport = Date.now();
      }, PROGRESS_DELAY_MS);
      this.progress = progress;
      return;
    }
    const progress = this.progress;
    if (progress.reporter === undefined || Date.now() - progress.lastReport < PROGRESS_REPORT_MS) return;
    progress.lastReport = Date.now();
    const snapshot = { ...state };
    void progress.reporter.then((r) => r.report(percent(snapshot), message(snapshot))).catch(() => undefined);
  }
}

interface Progress {
  timer?: ReturnType<typeof setTimeout>;
  reporter?: Promise<WorkDoneProgressServerReporter>;
  lastReport: number;
}

function percent(state: { done: number; total: number }): number {
  return state.total === 0 ? 0 : Math.min(100, Math.floor((state.done / state.total) * 100));
}

function message(state: { done: number; total: number }): string {
  return `indexing headings: ${state.done}/${state.total} files`;
}

function toSymbolInformation(m: SectionMatch): SymbolInformation {
  const info: SymbolInformation = {
    name: m.name,
    kind: symbolKind(m.style as HeadingStyle),
    location: { uri: m.uri, range: { start: { line: m.line, character: m.start }, end: { line: m.line, character: m.titleEnd } } },
  };
  if (m.containerName !== undefined) info.containerName = m.containerName;
  return info;
}

function invalidParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}

function requireQuery(params: unknown): string {
  const query = (params as { query?: unknown } | null)?.query;
  if (typeof query !== 'string') throw invalidParams('params.query must be a string');
  return query;
}

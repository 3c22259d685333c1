// workspace/symbol and tigang/searchSections over every document in the
// workspace: the LSP side of the workspace index (workspaceIndex.ts).
//
// server.ts calls initialize() from onInitialize, start() from onInitialized
// and configurationChanged() from onDidChangeConfiguration (the connection
// takes one handler per notification); everything else registers here.

import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Connection,
  DidChangeWatchedFilesNotification,
  Disposable,
  ErrorCodes,
  FileChangeType,
  FileSystemWatcher,
  InitializeParams,
  ResponseError,
  SymbolInformation,
  TextDocuments,
  WatchKind,
  WorkDoneProgressServerReporter,
  WorkspaceFolder,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { HeadingStyle, OutlineCache } from '../engine';
import { IndexStatus, IndexStatusRequest, SearchSectionsRequest, SearchSectionsResult, SectionMatch } from '@tigang/protocol';
import { symbolKind } from '../providers/lsp';
import { FolderConfig, folderConfig } from './config';
import { FolderSpec, WorkspaceIndex } from './workspaceIndex';

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

export class WorkspaceFeature {
  private index: WorkspaceIndex | undefined;
  private pullConfiguration = false;
  private clientWatches = false;
  private relativePatterns = false;
  private progressSupported = false;
  private folderEvents = false;
  private initialFolders: Omit<FolderSpec, 'config'>[] = [];
  /** Settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
  private pushed: { tigang?: unknown; files?: unknown } = {};
  private readonly configs = new Map<string, FolderConfig>();
  /** URI of each open document, by index key (file path, or the URI itself). */
  private readonly openUris = new Map<string, string>();
  private watcherRegistration: Promise<Disposable> | undefined;
  private registeredGlobs = '';
  private progress: Progress | undefined;
  /** Settings being fetched for folders (added, or configuration changed): the index is not current yet. */
  private settingUp = 0;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly outlines: OutlineCache,
  ) {
    connection.onRequest(WorkspaceSymbolRequest.type, (params) => {
      const query = requireQuery(params);
      const limit = query.trim() === '' ? EMPTY_QUERY_LIMIT : SYMBOL_LIMIT;
      return this.search(query, limit).map(toSymbolInformation);
    });
    connection.onRequest(SearchSectionsRequest.method, (params: unknown): SearchSectionsResult => {
      const query = requireQuery(params);
      const raw = (params as { limit?: unknown }).limit;
      if (raw !== undefined && raw !== null && !(Number.isInteger(raw) && (raw as number) > 0)) throw invalidParams('params.limit must be a positive integer');
      const limit = Math.min(typeof raw === 'number' ? raw : SEARCH_LIMIT, query.trim() === '' ? EMPTY_QUERY_LIMIT : SEARCH_LIMIT_MAX);
      return { items: this.search(query, limit), indexing: this.status().indexing };
    });
    connection.onRequest(IndexStatusRequest, (): IndexStatus => this.status());
    connection.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes ?? []) {
        const path = filePath(change.uri);
        if (path === undefined || this.index === undefined) continue;
        if (change.type === FileChangeType.Deleted) this.index.pathDeleted(path);
        else this.index.pathChanged(path, change.type === FileChangeType.Created ? 'created' : 'changed');
      }
    });
    documents.onDidChangeContent((e) => {
      const key = keyOf(e.document.uri);
      this.openUris.set(key, e.document.uri);
      this.index?.documentChanged(key);
    });
    documents.onDidClose((e) => {
      const key = keyOf(e.document.uri);
      this.openUris.delete(key);
      this.index?.documentClosed(key);
    });
  }

  /** From onInitialize: what the client can do, and the workspace folders. */
  initialize(params: InitializeParams): void {
    const caps = params.capabilities;
    this.pullConfiguration = caps.workspace?.configuration === true;
    this.clientWatches = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.relativePatterns = caps.workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
    this.progressSupported = caps.window?.workDoneProgress === true;
    this.folderEvents = caps.workspace?.workspaceFolders === true;
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    this.initialFolders = folders.flatMap((f) => this.specOf(f) ?? []);
    this.index = new WorkspaceIndex(
      {
        log: (message) => this.connection.console.log(message),
        openDocument: (key) => {
          const uri = this.openUris.get(key);
          const doc = uri === undefined ? undefined : this.documents.get(uri);
          return doc === undefined ? undefined : { uri: doc.uri, outline: (options) => this.outlines.get(doc, options) };
        },
        progress: (state) => this.onProgress(state),
      },
      { watch: !this.clientWatches },
    );
  }

  /** From onInitialized: reads the settings, registers file watchers, starts indexing. */
  async start(): Promise<void> {
    this.settingUp++; // until the initial folders are handed to the index
    if (this.folderEvents) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => void this.foldersChanged(e.added, e.removed));
    }
    try {
      await this.foldersChanged(this.initialFolders.map((f) => ({ uri: f.uri, name: f.name })), []);
    } finally {
      this.settingUp--;
    }
  }

  /** From onDidChangeConfiguration: settings may select other files now. */
  async configurationChanged(settings: unknown): Promise<void> {
    if (settings !== null && typeof settings === 'object') {
      const { tigang, files } = settings as { tigang?: unknown; files?: unknown };
      this.pushed = { tigang: tigang ?? this.pushed.tigang, files: files ?? this.pushed.files };
    }
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

  private status(): IndexStatus {
    const status = this.index?.status() ?? { indexing: false, files: 0, headings: 0, queued: 0, skipped: 0 };
    return this.settingUp > 0 ? { ...status, indexing: true } : status;
  }

  private search(query: string, limit: number): SectionMatch[] {
    return this.index?.search(query, limit) ?? [];
  }

  private async foldersChanged(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): Promise<void> {
    const index = this.index;
    if (index === undefined) return;
    for (const folder of removed) {
      index.removeFolder(folder.uri);
      this.configs.delete(folder.uri);
    }
    this.settingUp++;
    try {
      for (const folder of added) {
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

  private specOf(folder: WorkspaceFolder): Omit<FolderSpec, 'config'> | undefined {
    const path = filePath(folder.uri);
    if (path === undefined) {
      this.connection.console.log(`Tigang indexes folders on disk only; ${folder.uri} is left out.`);
      return undefined;
    }
    return { uri: folder.uri, path, name: folder.name || basename(path) };
  }

  private async configFor(uri: string): Promise<FolderConfig> {
    if (this.pullConfiguration) {
      try {
        const [tigang, files] = await this.connection.workspace.getConfiguration([
          { scopeUri: uri, section: 'tigang' },
          { scopeUri: uri, section: 'files' },
        ]);
        return folderConfig(tigang, files);
      } catch {
        // the client could not answer: use what was pushed, or the defaults
      }
    }
    return folderConfig(this.pushed.tigang, this.pushed.files);
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
    this.watcherRegistration = watchers.length === 0 ? undefined : this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    this.watcherRegistration?.catch((error) => this.connection.console.log(`Tigang could not ask the client to watch files: ${String(error)}`));
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
        progress.reporter = this.connection.window.createWorkDoneProgress();
        void progress.reporter
          .then((r) => r.begin('Tigang', percent(state), message(state), false))
          .catch(() => undefined);
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
  timer?: NodeJS.Timeout;
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

/** The file system path of a file: URI, or undefined for other URIs. */
function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The index's key for a document: its path when it is a file, else its URI. */
function keyOf(uri: string): string {
  return filePath(uri) ?? uri;
}

function invalidParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function requireQuery(params: unknown): string {
  const query = (params as { query?: unknown } | null)?.query;
  if (typeof query !== 'string') throw invalidParams('params.query must be a string');
  return query;
}

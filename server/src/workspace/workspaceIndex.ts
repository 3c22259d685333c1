// The workspace index: which files belong to it, reading them in the
// background, keeping them current, and answering queries. No LSP here; the
// feature (feature.ts) speaks for it. This is the façade over its parts,
// routing what happens to the one that deals with it: the folder registry
// (folders.ts), the background work of listing, reading and settling
// (indexing.ts, over the walker and the work queue), the file table
// (fileTable.ts) and the open documents (openDocuments.ts); all file access
// goes through a WorkspaceFs (fs.ts).

import { IndexStatus, SectionMatch } from '@tigang/protocol';
import { Outline, PlainTextDocument } from '../engine';
import { search } from '../engine/nameMatch';
import { PinyinTable } from '../engine/pinyin';
import { FolderConfig, sameSelection } from './config';
import { FileEntry, FileTable, sectionMatch, workspaceOrder } from './fileTable';
import { FolderRegistry, FolderSpec } from './folders';
import { WorkspaceFs } from './fs';
import { Indexer } from './indexing';
import { OpenDocument, OpenDocuments } from './openDocuments';
import { readDocument, readPath } from './reader';
import { isUnder, normalizeUri, relativePath } from './uris';
import { FileWatchers } from './watcher';

export type { FolderSpec } from './folders';
export type { OpenDocument } from './openDocuments';
export { MAX_FILES } from './indexing';

export interface IndexHost {
  log(message: string): void;
  /** The open document whose canonical URI (normalizeUri) this is. */
  openDocument(key: string): OpenDocument | undefined;
  /** Called as a run of background work goes on, and with undefined when it ends. */
  progress?(state: { readonly done: number; readonly total: number } | undefined): void;
}

export interface IndexOptions {
  /** Watch the folders through WorkspaceFs.watch (when the client does not watch files for the server). */
  readonly watch: boolean;
  /** False: files are indexed without their titles and cited names (§9), which the benchmark does to weigh what they cost; true when left out. */
  readonly referenceNames?: boolean;
}

/** Files kept read for references into them (WorkspaceIndex.readForReferences). */
const READ_CACHE_SIZE = 8;

export class WorkspaceIndex {
  readonly pinyin = new PinyinTable();
  private readonly folders: FolderRegistry;
  private readonly files = new FileTable();
  private readonly open: OpenDocuments;
  private readonly indexer: Indexer;
  private readonly watchers: FileWatchers | undefined;

  /** Files read again for references to them (readForReferences), the last few, with the size and time they were read at. */
  private readonly readCache = new Map<string, { mtimeMs: number; size: number; read: { doc: PlainTextDocument; outline: Outline } }>();

  constructor(
    host: IndexHost,
    private readonly fs: WorkspaceFs,
    options: IndexOptions,
  ) {
    this.folders = new FolderRegistry((uri) => fs.exists(uri));
    const watch = fs.watch?.bind(fs);
    this.watchers = options.watch && watch !== undefined ? new FileWatchers(watch, fs.watchesRecursively, (uri) => this.changed(uri, 'unknown'), (m) => host.log(m)) : undefined;
    const { folders, files, watchers, pinyin } = this;
    this.indexer = new Indexer({ fs, folders, files, open: () => this.open, watchers, pinyin, referenceNames: options.referenceNames ?? true, log: (m) => host.log(m), progress: host.progress && ((state) => host.progress!(state)) });
    this.open = new OpenDocuments((key) => host.openDocument(key), folders, files, pinyin, (key, folder) => this.indexer.visit(key, folder, true), (m) => host.log(m));
  }

  // ------------------------------------------------------------- folders

  addFolder(spec: FolderSpec): void {
    const folder = this.folders.add({ ...spec, uri: normalizeUri(spec.uri) });
    if (folder === undefined) return;
    // Open documents may belong to it now (or, indexed before any folder was known, no longer stand alone).
    this.open.changedAll();
    this.watchers?.watchFolder(folder.uri);
    this.indexer.walkRoot(folder);
  }

  removeFolder(uri: string): void {
    const open = [...this.files.openKeys()]; // before its files go: those of its open documents too
    const folder = this.folders.remove(normalizeUri(uri));
    if (folder === undefined) return;
    this.files.deleteFolder(folder);
    this.indexer.forgetFolder(folder);
    this.watchers?.unwatch(folder.uri);
    // Files of a folder nested in it, or open documents, may now belong elsewhere.
    this.open.changedAll(open);
    for (const other of this.folders.all()) if (isUnder(other.uri, folder.uri)) this.indexer.walkRoot(other);
    // A folder around it skipped it when listing (isOtherFolder): its files, and
    // watches, are that folder's now. The read finds a directory and lists it.
    const enclosing = this.folders.folderOf(folder.uri);
    if (enclosing !== undefined) this.indexer.visit(folder.uri, enclosing, true);
  }

  /** New settings for a folder; re-reads it when they select or parse files differently. */
  setConfig(uri: string, config: FolderConfig): void {
    const folder = this.folders.get(normalizeUri(uri));
    if (folder === undefined) return;
    const reread = !sameSelection(folder.config, config);
    folder.config = config;
    if (!reread) return;
    this.open.changedAll(this.files.deleteFolder(folder, true));
    // A file being parsed now would be stored with the old settings (and then
    // found unchanged): drop it; the listing below reads it again.
    this.indexer.forgetFolder(folder);
    this.indexer.walkRoot(folder);
  }

  folderUris(): string[] {
    return this.folders.all().map((f) => f.uri);
  }

  // ------------------------------------------------------------- changes

  /**
   * Something happened at a URI: created, changed, renamed to, or (for
   * 'unknown', from a watcher) any of those or deleted. Looks at it again.
   */
  changed(uri: string, how: 'created' | 'changed' | 'unknown'): void {
    uri = normalizeUri(uri);
    const folder = this.folders.folderOf(uri);
    if (folder === undefined) return;
    const rel = relativePath(folder.uri, uri);
    if (rel === '') {
      this.indexer.walkRoot(folder); // the folder itself: list it again
      return;
    }
    if (this.folders.excluded(folder, rel, uri)) return;
    // A changed file that is not included needs no look, unless it held files (a folder once); a created one may be a folder.
    if (how === 'changed' && !folder.config.isIncluded(rel) && !this.files.holdsUnder(uri)) return;
    this.indexer.visit(uri, folder, true);
  }

  /** A URI was deleted: it, and everything under it. */
  deleted(uri: string): void {
    this.indexer.deleted(normalizeUri(uri));
  }

  /**
   * An open document was opened or changed: its text wins over the disk from
   * now on. Background work stands aside for a moment (TimeSlicer.pause).
   */
  documentChanged(uri: string): void {
    this.open.changed(normalizeUri(uri));
    this.indexer.queue.slicer.pause();
  }

  /** An open document was closed: the disk speaks for it again. */
  documentClosed(uri: string): void {
    this.open.closed(normalizeUri(uri));
  }

  // ------------------------------------------------------------- queries

  /** The best matches for a query, as SectionMatch (see lspExt.ts). */
  search(query: string, limit: number): SectionMatch[] {
    this.open.refresh();
    const { entries, symbols } = this.files.orderedFiles();
    const matches = search(symbols, query, limit, this.pinyin);
    return matches.map((m) => sectionMatch(entries[m.file], m.symbol, this.folders.size > 1));
  }

  // ------------------------------------------------------------- references between documents (§9)

  /**
   * The files on disk (not open) a 《title》 or a law's name names: those
   * whose title is the name, then those whose title ends in it (刑法 names
   * 中华人民共和国刑法; titleMatches), each group in workspace order. Open
   * documents are the server's to look through (their text wins). Two files
   * of the same title are both named, in workspace order: the server takes
   * the first it can read. Looked up by title (FileTable.names), not by a walk
   * over the files.
   */
  documentsTitled(name: string): string[] {
    const { names } = this.files;
    const exact = this.diskEntries(names.titled(name));
    const taken = new Set(exact.map((e) => e.key));
    const ending = this.diskEntries(names.titledEnding(name)).filter((e) => !taken.has(e.key));
    return [...exact.sort(workspaceOrder), ...ending.sort(workspaceOrder)].map((e) => e.key);
  }

  /** The files on disk (not open) whose 《title》 or law-name references name one of these titles, in workspace order. */
  documentsCiting(titles: readonly string[]): string[] {
    return this.diskEntries(this.files.names.citing(titles)).sort(workspaceOrder).map((e) => e.key);
  }

  /**
   * A file of the index read again — its text and a fresh outline — through
   * the WorkspaceFs, for a reference into it; undefined when it is gone, too
   * large now or not text. The last few are kept while their size and time
   * stay the same.
   */
  async readForReferences(key: string): Promise<{ doc: PlainTextDocument; outline: Outline } | undefined> {
    const entry = this.files.get(key);
    if (entry === undefined || entry.folder === undefined) return undefined;
    const config = entry.folder.config;
    const cached = this.readCache.get(key);
    const read = await readPath(this.fs, key, config.maxBytes, cached);
    if (read.kind === 'unchanged' && cached !== undefined) {
      this.readCache.delete(key); // most recently used last
      this.readCache.set(key, cached);
      return cached.read;
    }
    if (read.kind !== 'file') return undefined;
    const found = await readDocument(key, read.bytes, { enumerations: config.enumerations, rules: config.rules }, this.indexer.queue.slicer);
    if (found === undefined) return undefined;
    this.readCache.delete(key);
    this.readCache.set(key, { mtimeMs: read.mtimeMs, size: read.size, read: found });
    while (this.readCache.size > READ_CACHE_SIZE) this.readCache.delete(this.readCache.keys().next().value!);
    return found;
  }

  /** The entries of these keys read from disk, whose document is not open (FileTable.names holds only entries read from disk; a document opened since may not have been taken yet). */
  private diskEntries(keys: Iterable<string>): FileEntry[] {
    const found: FileEntry[] = [];
    for (const key of keys) {
      const entry = this.files.get(key);
      if (entry !== undefined && entry.openUri === undefined && !this.open.isOpen(key)) found.push(entry);
    }
    return found;
  }

  status(): IndexStatus {
    const { queue } = this.indexer;
    return { indexing: queue.indexing, files: this.files.size, headings: this.files.headings, queued: queue.queued, skipped: this.files.skippedCount };
  }

  /** Bytes of the names and arrays the index holds (benchmark). */
  indexBytes(): number {
    return this.files.bytes();
  }

  /** Resolves when no background work is left (tests, benchmark). */
  whenIdle(): Promise<void> {
    return this.indexer.queue.whenIdle();
  }

  dispose(): void {
    this.watchers?.dispose();
    this.folders.clear();
    this.indexer.queue.clear();
  }
}

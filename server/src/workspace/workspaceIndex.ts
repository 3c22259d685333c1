// The workspace index: which files belong to it, reading them in the
// background, keeping them current, and answering queries. No LSP here; the
// feature (feature.ts) speaks for it. This is the façade over its parts: the
// folder registry (folders.ts), the walker (walker.ts), the work queue and
// its time slicing (queue.ts), the file table (fileTable.ts) and the open
// documents (openDocuments.ts); all file access goes through a WorkspaceFs
// (fs.ts).
//
// What a URI is now decides what the table keeps for it: a file holds nothing
// beneath it, a folder is no file, something gone or unreadable takes all it
// held along, and a folder listed again drops what it no longer lists. So
// after any sequence of changes the index holds what a fresh one would.

import { IndexStatus, SectionMatch } from '@tigang/protocol';
import { FolderConfig, sameSelection } from './config';
import { FileTable, sectionMatch } from './fileTable';
import { Folder, FolderRegistry, FolderSpec } from './folders';
import { WorkspaceFs } from './fs';
import { OpenDocument, OpenDocuments } from './openDocuments';
import { PinyinTable } from '../engine/pinyin';
import { search } from '../engine/nameMatch';
import { FileRead, describeError, readOutline, readPath, readPathSync } from './reader';
import { Visit, WorkQueue } from './queue';
import { fileSymbols } from './symbols';
import { isAtOrUnder, isUnder, normalizeUri, relativePath } from './uris';
import { Walk, Walker } from './walker';
import { FileWatchers } from './watcher';

export type { FolderSpec } from './folders';
export type { OpenDocument } from './openDocuments';

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
}

/** Files the index takes at most; beyond this a workspace is not a folder of documents. */
export const MAX_FILES = 200_000;

/** A visit, with the moment its read began (FileTable.clock). */
type TimedVisit = Visit & { startedAt?: number };

export class WorkspaceIndex {
  readonly pinyin = new PinyinTable();
  private readonly folders: FolderRegistry;
  private readonly files = new FileTable();
  private readonly open: OpenDocuments;
  private limitLogged = false;
  private readonly queue: WorkQueue;
  private readonly walker: Walker;
  private readonly watchers: FileWatchers | undefined;

  constructor(
    private readonly host: IndexHost,
    fs: WorkspaceFs,
    options: IndexOptions,
  ) {
    this.folders = new FolderRegistry((uri) => fs.exists(uri));
    this.open = new OpenDocuments((key) => host.openDocument(key), this.folders, this.files, this.pinyin, (key, folder) => this.queue.enqueue(key, folder, true), (m) => host.log(m));
    const watch = fs.watch?.bind(fs);
    this.watchers = options.watch && watch !== undefined ? new FileWatchers(watch, fs.watchesRecursively, (uri) => this.changed(uri, 'unknown'), (m) => host.log(m)) : undefined;
    this.walker = new Walker(fs, {
      file: (uri, _rel, folder) => this.queue.enqueue(uri, folder, false),
      folder: (walk) => {
        this.files.deleteAt(walk.uri, { folder: walk.folder }); // a folder now: no file of that name
        this.queue.addWalk(walk);
      },
      skip: (uri, folder, reason) => this.skip(uri, folder, reason),
      isOtherFolder: (uri, folder) => this.folders.isOtherFolder(uri, folder),
    });
    this.queue = new WorkQueue({
      readNow: (visit: TimedVisit) => {
        visit.startedAt = this.files.clock;
        return readPathSync(fs, visit.uri, visit.folder.config.maxBytes, this.known(visit));
      },
      readLater: (visit) => readPath(fs, visit.uri, visit.folder.config.maxBytes, this.known(visit)),
      settle: (visit, read) => this.settle(visit, read),
      list: (walk) => this.list(walk),
      admit: (uri) => this.admit(uri),
      log: (m) => host.log(m),
      progress: host.progress && ((state) => host.progress!(state)),
    });
  }

  // ------------------------------------------------------------- folders

  addFolder(spec: FolderSpec): void {
    const folder = this.folders.add({ ...spec, uri: normalizeUri(spec.uri) });
    if (folder === undefined) return;
    // Open documents may belong to it now (or, indexed before any folder was known, no longer stand alone).
    this.open.changedAll();
    this.watchers?.watchFolder(folder.uri);
    this.walkRoot(folder);
  }

  removeFolder(uri: string): void {
    const open = [...this.files.openKeys()]; // before its files go: those of its open documents too
    const folder = this.folders.remove(normalizeUri(uri));
    if (folder === undefined) return;
    for (const entry of [...this.files.values()]) if (entry.folder === folder) this.files.delete(entry.key);
    this.queue.cancel((v) => v.folder === folder);
    this.files.forgetSkipped(folder.uri);
    this.watchers?.unwatch(folder.uri);
    // Files of a folder nested in it, or open documents, may now belong elsewhere.
    this.open.changedAll(open);
    for (const other of this.folders.all()) if (isUnder(other.uri, folder.uri)) this.walkRoot(other);
    // A folder around it skipped it when listing (isOtherFolder): its files, and
    // watches, are that folder's now. The read finds a directory and lists it.
    const enclosing = this.folders.folderOf(folder.uri);
    if (enclosing !== undefined) this.queue.enqueue(folder.uri, enclosing, true);
  }

  /** New settings for a folder; re-reads it when they select or parse files differently. */
  setConfig(uri: string, config: FolderConfig): void {
    const folder = this.folders.get(normalizeUri(uri));
    if (folder === undefined) return;
    const reread = !sameSelection(folder.config, config);
    folder.config = config;
    if (!reread) return;
    for (const entry of [...this.files.values()]) {
      if (entry.folder !== folder) continue;
      if (entry.openUri !== undefined) this.open.changed(entry.key);
      else this.files.delete(entry.key);
    }
    // A file being parsed now would be stored with the old settings (and then
    // found unchanged): drop it; the listing below reads it again.
    this.queue.cancel((v) => v.folder === folder);
    this.files.forgetSkipped(folder.uri);
    this.walkRoot(folder);
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
      this.walkRoot(folder); // the folder itself: list it again
      return;
    }
    if (this.folders.excluded(folder, rel, uri)) return;
    // A changed file that is not included needs no look, unless it held files (a folder once); a created one may be a folder.
    if (how === 'changed' && !folder.config.isIncluded(rel) && !this.files.holdsUnder(uri)) return;
    this.queue.enqueue(uri, folder, true);
  }

  /** A URI was deleted: it, and everything under it. */
  deleted(uri: string): void {
    uri = normalizeUri(uri);
    this.files.deleteAt(uri);
    this.files.deleteUnder(uri);
    this.queue.cancel((v) => isAtOrUnder(v.uri, uri));
    this.files.forgetSkipped(uri);
    this.watchers?.unwatch(uri);
  }

  /**
   * An open document was opened or changed: its text wins over the disk from
   * now on. Background work stands aside for a moment (TimeSlicer.pause).
   */
  documentChanged(uri: string): void {
    this.open.changed(normalizeUri(uri));
    this.queue.slicer.pause();
  }

  /** An open document was closed: the disk speaks for it again. */
  documentClosed(uri: string): void {
    const key = normalizeUri(uri);
    this.open.closed(key);
    const entry = this.files.get(key);
    if (entry !== undefined) {
      if (entry.openUri === undefined) return; // read from disk already
      this.files.delete(key);
    }
    // With no entry too: a file open when indexing reached it was left to the
    // open document (settle), whose text no query took before it closed.
    const folder = entry !== undefined ? entry.folder : this.folders.scopeOf(key)?.folder;
    if (folder !== undefined) this.queue.enqueue(key, folder, true);
  }

  // ------------------------------------------------------------- queries

  /** The best matches for a query, as SectionMatch (see lspExt.ts). */
  search(query: string, limit: number): SectionMatch[] {
    this.open.refresh();
    const { entries, symbols } = this.files.orderedFiles();
    const matches = search(symbols, query, limit, this.pinyin);
    return matches.map((m) => sectionMatch(entries[m.file], m.symbol, this.folders.size > 1));
  }

  status(): IndexStatus {
    return { indexing: this.queue.indexing, files: this.files.size, headings: this.files.headings, queued: this.queue.queued, skipped: this.files.skippedCount };
  }

  /** Bytes of the names and arrays the index holds (benchmark). */
  indexBytes(): number {
    return this.files.bytes();
  }

  /** Resolves when no background work is left (tests, benchmark). */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  dispose(): void {
    this.watchers?.dispose();
    this.folders.clear();
    this.queue.clear();
  }

  private skip(uri: string, folder: Folder, reason: string): void {
    if (this.files.skip(uri, reason)) this.host.log(`Tigang skipped ${this.folders.display(folder, uri)}: ${reason}`);
  }

  // ------------------------------------------------------------- background work

  private admit(uri: string): boolean {
    if (this.files.has(uri) || this.files.size + this.queue.pendingCount < MAX_FILES) return true;
    if (!this.limitLogged) this.host.log(`Tigang indexes at most ${MAX_FILES} files; the rest of the workspace is left out.`);
    this.limitLogged = true;
    return false;
  }

  private known(visit: Visit): { mtimeMs: number; size: number } | undefined {
    const entry = this.files.get(visit.uri);
    return visit.force || entry?.openUri !== undefined ? undefined : entry?.disk;
  }

  /** Lists a workspace folder again, from its real URI. */
  private walkRoot(folder: Folder): void {
    const since = this.files.clock;
    void this.queue.prepare(
      () => this.walker.root(folder),
      (walk) => {
        if (!folder.removed) this.queue.addWalk(walk);
      },
      (error) => {
        const { missing, reason } = describeError(error);
        if (!missing) this.host.log(`Tigang cannot list the workspace folder ${folder.uri}: ${reason}`);
        this.files.deleteUnder(folder.uri, { asOf: since, folder }); // gone or unreadable: its files with it
      },
    );
  }

  /** Lists a folder; what it held and no longer lists goes (a file deleted, a folder renamed, while no watcher said so). */
  private async list(walk: Walk): Promise<void> {
    const { folder } = walk;
    const since = this.files.clock;
    const listing = await this.walker.list(walk);
    if (folder.removed) return;
    if ('failed' in listing) {
      if (listing.failed !== undefined) this.skip(walk.uri, folder, `folder ${listing.failed}`);
      this.files.deleteUnder(walk.uri, { asOf: since, folder });
      return;
    }
    this.watchers?.watchDirectory(walk.uri);
    this.files.unskip(walk.uri); // readable (again)
    this.files.deleteUnlisted(walk.uri, listing.kept, { asOf: since, folder });
  }

  /** Takes what reading a URI gave: what it is now decides what the table keeps for it. */
  private async settle(visit: TimedVisit, read: FileRead): Promise<void> {
    const { uri, folder } = visit;
    const rel = relativePath(folder.uri, uri);
    const included = rel !== '' && folder.config.isIncluded(rel);
    const drop = { asOf: visit.startedAt };
    switch (read.kind) {
      case 'missing':
        this.deleted(uri);
        return;
      case 'unchanged':
        return;
      case 'directory': {
        this.files.deleteAt(uri, drop); // a folder now: no file of that name
        if (this.folders.excluded(folder, rel, uri) || this.folders.isOtherFolder(uri, folder)) return;
        const walk = await this.walker.at(uri, rel, folder);
        if (!visit.cancelled && !folder.removed) this.queue.addWalk(walk);
        return;
      }
      case 'skipped': {
        // Unreadable, or no regular file: nothing here or under it is indexed.
        const dropped = Number(this.files.deleteAt(uri, drop)) + this.files.deleteUnder(uri, drop);
        if (included || dropped > 0) this.skip(uri, folder, read.reason);
        return;
      }
      case 'file': {
        this.files.deleteUnder(uri, drop); // a file now: no folder of that name
        if (!included) return;
        if (this.open.isOpen(uri)) {
          this.open.changed(uri); // the open document's text wins
          return;
        }
        const outline = await readOutline(uri, read.bytes, { enumerations: folder.config.enumerations }, this.queue.slicer);
        if (outline === undefined) {
          this.files.deleteAt(uri);
          this.skip(uri, folder, 'binary (not text in UTF-8, UTF-16 or GB18030)');
          return;
        }
        if (visit.cancelled || folder.removed || this.open.isOpen(uri)) return;
        this.files.set({ key: uri, folder, rel, symbols: fileSymbols(outline, this.pinyin), disk: { mtimeMs: read.mtimeMs, size: read.size } });
        return;
      }
    }
  }
}

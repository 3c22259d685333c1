// The index's background work: listing folders and reading files through
// the walker (walker.ts) and the work queue (queue.ts), and settling what
// each listing or read says into the file table (fileTable.ts).
//
// What a URI is now decides what the table keeps for it: a file holds nothing
// beneath it, a folder is no file, something gone or unreadable takes all it
// held along, and a folder listed again drops what it no longer lists. So
// after any sequence of changes the index holds what a fresh one would.

import { PinyinTable } from '../engine/pinyin';
import { FileTable } from './fileTable';
import { Folder, FolderRegistry } from './folders';
import { WorkspaceFs } from './fs';
import { OpenDocuments } from './openDocuments';
import { FileRead, describeError, readDocument, readPath, readPathSync, referenceNames } from './reader';
import { Visit, WorkQueue } from './queue';
import { fileSymbols } from './symbols';
import { isAtOrUnder, relativePath } from './uris';
import { Walk, Walker } from './walker';
import { FileWatchers } from './watcher';

/** Files the index takes at most; beyond this a workspace is not a folder of documents. */
export const MAX_FILES = 200_000;

/** A visit, with the moment its read began (FileTable.clock). */
type TimedVisit = Visit & { startedAt?: number };

/** The parts the background work reads and writes; the index (workspaceIndex.ts) makes them. */
export interface IndexParts {
  readonly fs: WorkspaceFs;
  readonly folders: FolderRegistry;
  readonly files: FileTable;
  /** Made after the indexer (it has files read again through it): looked up when needed. */
  readonly open: () => OpenDocuments;
  readonly watchers: FileWatchers | undefined;
  readonly pinyin: PinyinTable;
  /** Whether files are read for their titles and cited names (IndexOptions.referenceNames). */
  readonly referenceNames: boolean;
  log(message: string): void;
  progress?(state: { readonly done: number; readonly total: number } | undefined): void;
}

export class Indexer {
  readonly queue: WorkQueue;
  private readonly walker: Walker;
  private limitLogged = false;

  constructor(private readonly parts: IndexParts) {
    const { fs, files, folders } = parts;
    this.walker = new Walker(fs, {
      file: (uri, _rel, folder) => this.queue.enqueue(uri, folder, false),
      folder: (walk) => {
        files.deleteAt(walk.uri, { folder: walk.folder }); // a folder now: no file of that name
        this.queue.addWalk(walk);
      },
      skip: (uri, folder, reason) => this.skip(uri, folder, reason),
      isOtherFolder: (uri, folder) => folders.isOtherFolder(uri, folder),
    });
    this.queue = new WorkQueue({
      readNow: (visit: TimedVisit) => {
        visit.startedAt = files.clock;
        return readPathSync(fs, visit.uri, visit.folder.config.maxBytes, this.known(visit));
      },
      readLater: (visit) => readPath(fs, visit.uri, visit.folder.config.maxBytes, this.known(visit)),
      settle: (visit, read) => this.settle(visit, read),
      list: (walk) => this.list(walk),
      admit: (uri) => this.admit(uri),
      log: (m) => parts.log(m),
      progress: parts.progress && ((state) => parts.progress!(state)),
    });
  }

  /** Looks at a URI again (read it, and settle what it is now); `force` reads it even when size and mtime are unchanged. */
  visit(uri: string, folder: Folder, force: boolean): void {
    this.queue.enqueue(uri, folder, force);
  }

  /** Drops the work still to do for a folder, and why its files were skipped: it is re-read or gone. */
  forgetFolder(folder: Folder): void {
    this.queue.cancel((v) => v.folder === folder);
    this.parts.files.forgetSkipped(folder.uri);
  }

  /** A URI was deleted: it, and everything under it. */
  deleted(uri: string): void {
    const { files, watchers } = this.parts;
    files.deleteAt(uri);
    files.deleteUnder(uri);
    this.queue.cancel((v) => isAtOrUnder(v.uri, uri));
    files.forgetSkipped(uri);
    watchers?.unwatch(uri);
  }

  /** Lists a workspace folder again, from its real URI. */
  walkRoot(folder: Folder): void {
    const { files } = this.parts;
    const since = files.clock;
    void this.queue.prepare(
      () => this.walker.root(folder),
      (walk) => {
        if (!folder.removed) this.queue.addWalk(walk);
      },
      (error) => {
        const { missing, reason } = describeError(error);
        if (!missing) this.parts.log(`Tigang cannot list the workspace folder ${folder.uri}: ${reason}`);
        files.deleteUnder(folder.uri, { asOf: since, folder }); // gone or unreadable: its files with it
      },
    );
  }

  private skip(uri: string, folder: Folder, reason: string): void {
    if (this.parts.files.skip(uri, reason)) this.parts.log(`Tigang skipped ${this.parts.folders.display(folder, uri)}: ${reason}`);
  }

  private admit(uri: string): boolean {
    const { files } = this.parts;
    if (files.has(uri) || files.size + this.queue.pendingCount < MAX_FILES) return true;
    if (!this.limitLogged) this.parts.log(`Tigang indexes at most ${MAX_FILES} files; the rest of the workspace is left out.`);
    this.limitLogged = true;
    return false;
  }

  /** What the table knows of a visit's file from the disk (a read may then find it unchanged); nothing when forced or open. */
  private known(visit: Visit): { mtimeMs: number; size: number } | undefined {
    const entry = this.parts.files.get(visit.uri);
    return visit.force || entry?.openUri !== undefined ? undefined : entry?.disk;
  }

  /** Lists a folder; what it held and no longer lists goes (a file deleted, a folder renamed, while no watcher said so). */
  private async list(walk: Walk): Promise<void> {
    const { files, watchers } = this.parts;
    const { folder } = walk;
    const since = files.clock;
    const listing = await this.walker.list(walk);
    if (folder.removed) return;
    if ('failed' in listing) {
      if (listing.failed !== undefined) this.skip(walk.uri, folder, `folder ${listing.failed}`);
      files.deleteUnder(walk.uri, { asOf: since, folder });
      return;
    }
    watchers?.watchDirectory(walk.uri);
    files.unskip(walk.uri); // readable (again)
    files.deleteUnlisted(walk.uri, listing.kept, { asOf: since, folder });
  }

  /** Takes what reading a URI gave: what it is now decides what the table keeps for it. */
  private async settle(visit: TimedVisit, read: FileRead): Promise<void> {
    const { files, folders } = this.parts;
    const open = this.parts.open();
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
        files.deleteAt(uri, drop); // a folder now: no file of that name
        if (folders.excluded(folder, rel, uri) || folders.isOtherFolder(uri, folder)) return;
        const walk = await this.walker.at(uri, rel, folder);
        if (!visit.cancelled && !folder.removed) this.queue.addWalk(walk);
        return;
      }
      case 'skipped': {
        // Unreadable, or no regular file: nothing here or under it is indexed.
        const dropped = Number(files.deleteAt(uri, drop)) + files.deleteUnder(uri, drop);
        if (included || dropped > 0) this.skip(uri, folder, read.reason);
        return;
      }
      case 'file': {
        files.deleteUnder(uri, drop); // a file now: no folder of that name
        if (!included) return;
        if (open.isOpen(uri)) {
          open.changed(uri); // the open document's text wins
          return;
        }
        const found = await readDocument(uri, read.bytes, { enumerations: folder.config.enumerations, rules: folder.config.rules }, this.queue.slicer);
        if (found === undefined) {
          files.deleteAt(uri);
          this.skip(uri, folder, 'binary (not text in UTF-8, UTF-16 or GB18030)');
          return;
        }
        // What it is called and whom it cites, for 《title》 references to and from it while it is not open (§9).
        const { titles, cites } = this.parts.referenceNames ? referenceNames(found.doc) : { titles: undefined, cites: undefined };
        if (visit.cancelled || folder.removed || open.isOpen(uri)) return;
        files.set({ key: uri, folder, rel, symbols: fileSymbols(found.outline, this.parts.pinyin), disk: { mtimeMs: read.mtimeMs, size: read.size }, ...(titles ? { titles } : {}), ...(cites ? { cites } : {}) });
        return;
      }
    }
  }
}

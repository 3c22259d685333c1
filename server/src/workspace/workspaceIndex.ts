// The workspace index: which files belong to it, reading them in the
// background, keeping them current, and answering queries. No LSP here; the
// feature (feature.ts) wires it to the connection.
//
// Background work runs as one driver loop: folder listings and file reads go
// to the thread pool (a few at a time), and the CPU work on what they return
// — decode, outline, the compact symbol arrays — happens one file at a time
// on the main thread, in slices of SLICE_MS after which the loop yields
// (setImmediate). Requests for open documents are answered between slices.
// Large files are decoded and scanned in slices too (reader.ts).

import { Dirent, existsSync, promises as fsp } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Outline, OutlineOptions, PlainTextDocument, truncateName } from '../engine';
import { IndexStatus, SectionMatch } from '@tigang/protocol';
import { FolderConfig, sameSelection } from './config';
import { PinyinTable } from './pinyin';
import { Match, search } from './query';
import { FileRead, decodeSliced, describeError, parseSliced, readPath, readPathSync } from './reader';
import { TimeSlicer } from './slices';
import { FileSymbols, fileSymbols, symbolBytes, symbolCount, symbolName, symbolStyle } from './symbols';
import { FileWatchers } from './watcher';

export interface FolderSpec {
  readonly uri: string;
  /** File system path of the folder. */
  readonly path: string;
  readonly name: string;
  readonly config: FolderConfig;
}

export interface OpenDocument {
  readonly uri: string;
  outline(options: OutlineOptions): Outline;
}

export interface IndexHost {
  log(message: string): void;
  /** The open document with this key (a file path, or the URI of a non-file document). */
  openDocument(key: string): OpenDocument | undefined;
  /** Called as a run of background work goes on, and with undefined when it ends. */
  progress?(state: { readonly done: number; readonly total: number } | undefined): void;
}

export interface IndexOptions {
  /** Watch the folders with fs.watch (when the client does not watch files for the server). */
  readonly watch: boolean;
}

/** Folder listings in flight at once. */
const WALK_CONCURRENCY = 4;
/** Reads of large files in flight at once (libuv's thread pool has 4 threads). */
const READ_CONCURRENCY = 2;
/** Deepest folder nesting followed. */
const MAX_DEPTH = 64;
/** Files the index takes at most; beyond this a workspace is not a folder of documents. */
export const MAX_FILES = 200_000;

interface Folder extends FolderSpec {
  config: FolderConfig;
  removed: boolean;
  /** Position among the workspace folders, for result order. */
  order: number;
}

interface FileEntry {
  readonly key: string;
  readonly folder: Folder | undefined;
  /** Relative to the folder, / separated (the key itself for documents outside any folder). */
  readonly rel: string;
  symbols: FileSymbols;
  /** Size and modification time of what was read from disk. */
  disk?: { mtimeMs: number; size: number };
  /** URI of the open document whose text this is; undefined when read from disk. */
  openUri?: string;
  /** The file: URI of `key`, made when first needed. */
  fileUri?: string;
}

interface Visit {
  readonly path: string;
  readonly folder: Folder;
  /** Read even when size and mtime are unchanged. */
  force: boolean;
  cancelled: boolean;
  /** The asynchronous read of a large file, and its result once there. */
  read?: Promise<FileRead>;
  result?: FileRead;
}

/** Real paths of the folders being listed, innermost first: a symbolic link back into one is a loop. */
interface Chain {
  readonly real: string;
  readonly up: Chain | undefined;
  readonly depth: number;
}

interface Walk {
  readonly path: string;
  readonly rel: string;
  readonly folder: Folder;
  readonly chain: Chain;
}

export class WorkspaceIndex {
  readonly pinyin = new PinyinTable();
  private folders: Folder[] = [];
  private readonly files = new Map<string, FileEntry>();
  private headings = 0;
  /** Files in workspace order, rebuilt when files come or go. */
  private ordered: { entries: FileEntry[]; symbols: FileSymbols[] } | undefined;
  /** Open documents changed since the index last took their text. */
  private readonly dirtyOpen = new Set<string>();
  /** Why each skipped path was skipped (logged once per reason). */
  private readonly skipped = new Map<string, string>();
  private limitLogged = false;

  private readonly pending = new Map<string, Visit>();
  private readonly inflight: Visit[] = [];
  /** Visits taken from `pending` and not settled yet (being read or indexed). */
  private readonly inflightByPath = new Map<string, Visit>();
  private readonly walks: Walk[] = [];
  private walking = 0;
  /** Folders whose real path is being looked up before they are listed. */
  private preparing = 0;
  private driving = false;
  private wake: (() => void) | undefined;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly slicer = new TimeSlicer();
  private run = { done: 0, total: 0 };
  private readonly watchers: FileWatchers | undefined;

  constructor(
    private readonly host: IndexHost,
    options: IndexOptions,
  ) {
    this.watchers = options.watch ? new FileWatchers((path) => this.pathChanged(path, 'unknown'), (m) => host.log(m)) : undefined;
  }

  // ------------------------------------------------------------- folders

  addFolder(spec: FolderSpec): void {
    if (this.folders.some((f) => f.uri === spec.uri)) return;
    const folder: Folder = { ...spec, removed: false, order: this.folders.length };
    this.folders.push(folder);
    // Open documents may belong to it now (or, indexed before any folder was known, no longer stand alone).
    for (const key of this.openKeys()) this.dirtyOpen.add(key);
    this.watchers?.watchFolder(folder.path);
    void this.walkRoot(folder);
  }

  removeFolder(uri: string): void {
    const folder = this.folders.find((f) => f.uri === uri);
    if (folder === undefined) return;
    folder.removed = true;
    this.folders = this.folders.filter((f) => f !== folder);
    this.folders.forEach((f, i) => (f.order = i));
    for (const [key, entry] of this.files) if (entry.folder === folder) this.deleteEntry(key);
    for (const [path, visit] of this.pending) if (visit.folder === folder) this.pending.delete(path);
    for (const visit of this.inflightByPath.values()) if (visit.folder === folder) visit.cancelled = true;
    for (let i = this.walks.length - 1; i >= 0; i--) if (this.walks[i].folder === folder) this.walks.splice(i, 1);
    this.forgetSkipped(folder.path);
    this.watchers?.unwatch(folder.path);
    // Files of a folder nested in it, or open documents, may now belong elsewhere.
    for (const key of this.openKeys()) this.dirtyOpen.add(key);
    for (const other of this.folders) if (isInside(other.path, folder.path)) void this.walkRoot(other);
    // A folder around it skipped it when listing (isOtherFolder): its files, and
    // watches, are that folder's now. The read finds a directory and lists it.
    const enclosing = this.folderOf(folder.path);
    if (enclosing !== undefined) this.enqueue(folder.path, enclosing, true);
  }

  /** New settings for a folder; re-reads it when they select or parse files differently. */
  setConfig(uri: string, config: FolderConfig): void {
    const folder = this.folders.find((f) => f.uri === uri);
    if (folder === undefined) return;
    const reread = !sameSelection(folder.config, config);
    folder.config = config;
    this.ordered = undefined;
    if (!reread) return;
    for (const [key, entry] of this.files) {
      if (entry.folder !== folder) continue;
      if (entry.openUri !== undefined) this.dirtyOpen.add(key);
      else this.deleteEntry(key);
    }
    // A file being parsed now would be stored with the old settings (and then
    // found unchanged): drop it; the listing below reads it again.
    for (const visit of this.inflightByPath.values()) if (visit.folder === folder) visit.cancelled = true;
    this.forgetSkipped(folder.path);
    void this.walkRoot(folder);
  }

  folderUris(): string[] {
    return this.folders.map((f) => f.uri);
  }

  // ------------------------------------------------------------- changes

  /**
   * Something happened at a path: created, changed, renamed to, or (for
   * 'unknown', from fs.watch) any of those or deleted. Looks at it again.
   */
  pathChanged(path: string, how: 'created' | 'changed' | 'unknown'): void {
    const folder = this.folderOf(path);
    if (folder === undefined) return;
    const rel = relPath(folder, path);
    if (rel === '') {
      void this.walkRoot(folder); // the folder itself: list it again
      return;
    }
    if (folder.config.excluder.excludes(rel, siblingExists(path))) return;
    // A changed file that is not included needs no look; a created path may be a folder.
    if (how === 'changed' && !folder.config.isIncluded(rel)) return;
    this.enqueue(path, folder, true);
  }

  /** A path was deleted: it, and everything under it. */
  pathDeleted(path: string): void {
    const prefix = path + sep;
    for (const [key, entry] of this.files) {
      if ((key === path || key.startsWith(prefix)) && entry.openUri === undefined) this.deleteEntry(key);
    }
    for (const key of this.pending.keys()) if (key === path || key.startsWith(prefix)) this.pending.delete(key);
    for (const visit of this.inflightByPath.values()) if (visit.path === path || visit.path.startsWith(prefix)) visit.cancelled = true;
    this.forgetSkipped(path);
    this.watchers?.unwatch(path);
  }

  /**
   * An open document was opened or changed: its text wins over the disk from
   * now on. Background work stands aside for a moment (TimeSlicer.pause).
   */
  documentChanged(key: string): void {
    this.dirtyOpen.add(key);
    this.slicer.pause();
  }

  /** An open document was closed: the disk speaks for it again. */
  documentClosed(key: string): void {
    this.dirtyOpen.delete(key);
    const entry = this.files.get(key);
    if (entry !== undefined) {
      if (entry.openUri === undefined) return; // read from disk already
      this.deleteEntry(key);
    }
    // With no entry too: a file open when indexing reached it was left to the
    // open document (settle), whose text no query took before it closed.
    const folder = entry !== undefined ? entry.folder : this.scopeOf(key)?.folder;
    if (folder !== undefined) this.enqueue(key, folder, true);
  }

  // ------------------------------------------------------------- queries

  /** The best matches for a query, as SectionMatch (see protocol.ts). */
  search(query: string, limit: number): SectionMatch[] {
    const { entries, symbols } = this.orderedFiles();
    const matches = search(symbols, query, limit, this.pinyin);
    return matches.map((m) => this.toMatch(entries[m.file], m));
  }

  status(): IndexStatus {
    return {
      indexing: this.driving || this.preparing > 0,
      files: this.files.size,
      headings: this.headings,
      queued: this.pending.size + this.inflightByPath.size + this.walks.length + this.walking,
      skipped: this.skipped.size,
    };
  }

  /** Bytes of the names and arrays the index holds (benchmark). */
  indexBytes(): number {
    let bytes = 0;
    for (const entry of this.files.values()) bytes += symbolBytes(entry.symbols);
    return bytes;
  }

  /** Resolves when no background work is left (tests, benchmark). */
  whenIdle(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    this.watchers?.dispose();
    for (const folder of this.folders) folder.removed = true;
    this.pending.clear();
    this.walks.length = 0;
  }

  private toMatch(entry: FileEntry, m: Match): SectionMatch {
    const s = entry.symbols;
    const i = m.symbol;
    const max = entry.folder?.config.maxNameLength ?? 40;
    const parent = s.parents[i];
    const file = entry.folder !== undefined && this.folders.length > 1 ? `${entry.folder.name}/${entry.rel}` : entry.rel;
    const match: SectionMatch = {
      name: truncateName(symbolName(s, i), max),
      uri: entry.openUri ?? (entry.fileUri ??= pathToFileURL(entry.key).href),
      line: s.lines[i],
      start: s.columns[i],
      titleEnd: s.titleEnds[i],
      style: symbolStyle(s, i),
      file,
    };
    if (parent >= 0) match.containerName = truncateName(symbolName(s, parent), max);
    return match;
  }

  private orderedFiles(): { entries: FileEntry[]; symbols: FileSymbols[] } {
    this.refreshOpenDocuments();
    if (this.ordered === undefined) {
      const entries = [...this.files.values()].filter((e) => symbolCount(e.symbols) > 0);
      entries.sort(workspaceOrder);
      this.ordered = { entries, symbols: entries.map((e) => e.symbols) };
    }
    return this.ordered;
  }

  /** Takes the current text of open documents that changed. */
  private refreshOpenDocuments(): void {
    for (const key of this.dirtyOpen) {
      this.dirtyOpen.delete(key);
      const doc = this.host.openDocument(key);
      const scope = this.scopeOf(key);
      if (doc === undefined || scope === undefined) {
        // Closed, or out of the workspace now: the disk speaks again (if it belongs).
        const entry = this.files.get(key);
        if (entry?.openUri !== undefined) {
          this.deleteEntry(key);
          if (scope?.folder !== undefined) this.enqueue(key, scope.folder, true);
        }
        continue;
      }
      const options = { enumerations: scope.folder?.config.enumerations ?? true };
      let symbols: FileSymbols;
      try {
        symbols = fileSymbols(doc.outline(options), this.pinyin);
      } catch (error) {
        this.host.log(`Tigang could not index ${doc.uri}: ${String(error)}`);
        continue;
      }
      this.setEntry({ key, folder: scope.folder, rel: scope.rel, symbols, openUri: doc.uri });
    }
  }

  /** The folder and relative path a key belongs to, or undefined when it is not part of the workspace. */
  private scopeOf(key: string): { folder: Folder | undefined; rel: string } | undefined {
    if (this.folders.length === 0) return { folder: undefined, rel: key }; // no folders: open documents only
    const folder = this.folderOf(key);
    if (folder === undefined) return undefined;
    const rel = relPath(folder, key);
    if (rel === '' || !folder.config.isIncluded(rel) || folder.config.excluder.excludes(rel, siblingExists(key))) return undefined;
    return { folder, rel };
  }

  private *openKeys(): Iterable<string> {
    for (const [key, entry] of this.files) if (entry.openUri !== undefined) yield key;
  }

  // ------------------------------------------------------------- entries

  private setEntry(entry: FileEntry): void {
    const old = this.files.get(entry.key);
    if (old !== undefined) this.headings -= symbolCount(old.symbols);
    this.files.set(entry.key, entry);
    this.headings += symbolCount(entry.symbols);
    if (!this.replaceOrdered(old, entry)) this.ordered = undefined;
  }

  /**
   * Puts an entry in the place, in `ordered`, of the one it replaces when
   * that place stays the same: an open document taken again after each edit
   * then costs the next query no sort of every file. False when it cannot.
   */
  private replaceOrdered(old: FileEntry | undefined, entry: FileEntry): boolean {
    const ordered = this.ordered;
    if (ordered === undefined || old === undefined || old.folder !== entry.folder || old.rel !== entry.rel) return false;
    const listed = symbolCount(old.symbols) > 0; // files without headings are left out of the list
    if (listed !== symbolCount(entry.symbols) > 0) return false;
    if (!listed) return true;
    let lo = 0;
    let hi = ordered.entries.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (workspaceOrder(ordered.entries[mid], old) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (ordered.entries[lo] !== old) return false;
    ordered.entries[lo] = entry;
    ordered.symbols[lo] = entry.symbols;
    return true;
  }

  private deleteEntry(key: string): void {
    const old = this.files.get(key);
    if (old === undefined) return;
    this.headings -= symbolCount(old.symbols);
    this.files.delete(key);
    this.ordered = undefined;
  }

  private skip(path: string, folder: Folder, reason: string): void {
    if (this.skipped.get(path) === reason) return;
    this.skipped.set(path, reason);
    this.host.log(`Tigang skipped ${this.display(folder, path)}: ${reason}`);
  }

  private forgetSkipped(path: string): void {
    const prefix = path + sep;
    for (const key of this.skipped.keys()) if (key === path || key.startsWith(prefix)) this.skipped.delete(key);
  }

  private display(folder: Folder, path: string): string {
    const rel = relPath(folder, path) || '.';
    return this.folders.length > 1 ? `${folder.name}/${rel}` : rel;
  }

  /** The innermost workspace folder holding a path. */
  private folderOf(path: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.folders) {
      if ((path === folder.path || path.startsWith(folder.path.endsWith(sep) ? folder.path : folder.path + sep)) && (best === undefined || folder.path.length > best.path.length)) best = folder;
    }
    return best;
  }

  // ------------------------------------------------------------- background work

  private enqueue(path: string, folder: Folder, force: boolean): void {
    const queued = this.pending.get(path);
    if (queued !== undefined) {
      queued.force ||= force;
      return;
    }
    const running = this.inflightByPath.get(path);
    // A cancelled read will do nothing: queue this one whatever it is.
    if (running !== undefined && !running.cancelled) {
      if (!force) return; // a listing found it again: the read under way will do
      running.cancelled = true; // changed while being read: read it again
    }
    if (!this.files.has(path) && this.files.size + this.pending.size >= MAX_FILES) {
      if (!this.limitLogged) this.host.log(`Tigang indexes at most ${MAX_FILES} files; the rest of the workspace is left out.`);
      this.limitLogged = true;
      return;
    }
    this.pending.set(path, { path, folder, force, cancelled: false });
    this.run.total++;
    this.kick();
  }

  private async walkRoot(folder: Folder): Promise<void> {
    this.preparing++;
    let real: string | undefined;
    try {
      real = await fsp.realpath(folder.path);
    } catch (error) {
      const { missing, reason } = describeError(error);
      if (!missing) this.host.log(`Tigang cannot list the workspace folder ${folder.path}: ${reason}`);
    }
    this.preparing--;
    if (real === undefined || folder.removed) {
      this.releaseIfIdle(); // nothing to list
      return;
    }
    this.walks.push({ path: folder.path, rel: '', folder, chain: { real, up: undefined, depth: 0 } });
    this.kick();
  }

  private hasWork(): boolean {
    return this.pending.size > 0 || this.inflightByPath.size > 0 || this.walks.length > 0 || this.walking > 0;
  }

  private idle(): boolean {
    return !this.driving && this.preparing === 0 && !this.hasWork();
  }

  /** Resolves whenIdle() once nothing runs: not while a folder's real path is still being looked up (walkRoot), which lists it next. */
  private releaseIfIdle(): void {
    if (this.idle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private kick(): void {
    if (this.driving) {
      this.wake?.();
      return;
    }
    void this.drive();
  }

  private startIo(): void {
    while (this.walking < WALK_CONCURRENCY && this.walks.length > 0) {
      const walk = this.walks.shift()!;
      this.walking++;
      void this.list(walk)
        .catch((error) => this.host.log(`Tigang could not list ${walk.path}: ${String(error)}`))
        .finally(() => {
          this.walking--;
          this.wake?.();
        });
    }
  }

  private known(visit: Visit): { mtimeMs: number; size: number } | undefined {
    const entry = this.files.get(visit.path);
    return visit.force || entry?.openUri !== undefined ? undefined : entry?.disk;
  }

  /**
   * The next visit to settle with what reading gave: a large file whose
   * asynchronous read is done, else the next pending path read right here
   * (readPathSync), else the oldest large read, awaited. Undefined when only
   * folder listings (or nothing) are left.
   */
  private async nextRead(): Promise<{ visit: Visit; read: FileRead } | undefined> {
    for (;;) {
      const head = this.inflight[0];
      if (head?.result !== undefined) {
        this.inflight.shift();
        return { visit: head, read: head.result };
      }
      const visit: Visit | undefined = this.pending.values().next().value;
      if (visit !== undefined) {
        this.pending.delete(visit.path);
        this.inflightByPath.set(visit.path, visit);
        const read = readPathSync(visit.path, visit.folder.config.maxBytes, this.known(visit));
        if (read.kind !== 'large') return { visit, read };
        if (this.inflight.length >= READ_CONCURRENCY) await this.inflight[0].read;
        visit.read = readPath(visit.path, visit.folder.config.maxBytes, this.known(visit)).then((r) => (visit.result = r));
        this.inflight.push(visit);
        continue;
      }
      if (head !== undefined) {
        await head.read;
        continue;
      }
      return undefined;
    }
  }

  private async drive(): Promise<void> {
    this.driving = true;
    this.slicer.restart(); // called from a handler that has only just started its turn
    this.run = { done: 0, total: this.pending.size };
    this.host.progress?.(this.run);
    try {
      for (;;) {
        this.startIo();
        const next = await this.nextRead();
        if (next === undefined) {
          if (this.walking > 0 || this.walks.length > 0) {
            await new Promise<void>((resolve) => (this.wake = resolve));
            this.wake = undefined;
            continue;
          }
          break;
        }
        const { visit, read } = next;
        if (!visit.cancelled && !visit.folder.removed) {
          try {
            await this.settle(visit, read);
          } catch (error) {
            this.host.log(`Tigang could not index ${visit.path}: ${String(error)}`);
          }
        }
        if (this.inflightByPath.get(visit.path) === visit) this.inflightByPath.delete(visit.path);
        this.run.done++;
        this.host.progress?.(this.run);
        await this.slicer.maybeYield();
      }
    } finally {
      this.driving = false;
      this.host.progress?.(undefined);
      this.releaseIfIdle();
    }
  }

  /** Takes what reading a path gave. */
  private async settle(visit: Visit, read: FileRead): Promise<void> {
    const { path, folder } = visit;
    const rel = relPath(folder, path);
    const included = rel !== '' && folder.config.isIncluded(rel);
    switch (read.kind) {
      case 'missing':
        this.pathDeleted(path);
        return;
      case 'unchanged':
        return;
      case 'directory': {
        if (folder.config.excluder.excludes(rel, siblingExists(path)) || this.isOtherFolder(path, folder)) return;
        const real = await fsp.realpath(path).catch(() => path);
        this.walks.push({ path, rel, folder, chain: { real, up: undefined, depth: rel.split('/').length } });
        return;
      }
      case 'skipped':
        if (!included) return;
        if (this.files.get(path)?.openUri === undefined) this.deleteEntry(path);
        this.skip(path, folder, read.reason);
        return;
      case 'file': {
        if (!included) return;
        if (this.host.openDocument(path) !== undefined) {
          this.dirtyOpen.add(path); // the open document's text wins
          return;
        }
        const decoded = await decodeSliced(read.bytes, this.slicer);
        if ('binary' in decoded) {
          this.deleteEntry(path);
          this.skip(path, folder, 'binary (not text in UTF-8, UTF-16 or GB18030)');
          return;
        }
        const doc = new PlainTextDocument(path, decoded.text);
        const outline = await parseSliced(doc, { enumerations: folder.config.enumerations }, this.slicer);
        if (visit.cancelled || folder.removed || this.host.openDocument(path) !== undefined) return;
        this.skipped.delete(path);
        this.setEntry({ key: path, folder, rel, symbols: fileSymbols(outline, this.pinyin), disk: { mtimeMs: read.mtimeMs, size: read.size } });
        return;
      }
    }
  }

  /** Lists a folder: subfolders to list, files to read. */
  private async list(walk: Walk): Promise<void> {
    const { folder } = walk;
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(walk.path, { withFileTypes: true });
    } catch (error) {
      const { missing, reason } = describeError(error);
      if (!missing && !folder.removed) this.skip(walk.path, folder, `folder ${reason}`);
      return;
    }
    if (folder.removed) return;
    this.watchers?.watchDirectory(walk.path);
    const config = folder.config;
    const names = new Set(entries.map((e) => e.name));
    const sibling = (name: string) => names.has(name);
    for (const entry of entries) {
      const path = join(walk.path, entry.name);
      const rel = walk.rel === '' ? entry.name : `${walk.rel}/${entry.name}`;
      if (config.excluder.matches(rel, sibling)) continue;
      if (entry.isDirectory()) {
        if (walk.chain.depth >= MAX_DEPTH || this.isOtherFolder(path, folder)) continue;
        this.walks.push({ path, rel, folder, chain: { real: join(walk.chain.real, entry.name), up: walk.chain, depth: walk.chain.depth + 1 } });
      } else if (entry.isFile()) {
        if (config.isIncluded(rel)) this.enqueue(path, folder, false);
      } else if (entry.isSymbolicLink()) {
        await this.listLink(walk, path, rel);
      } else if (config.isIncluded(rel)) {
        this.skip(path, folder, 'not a regular file');
      }
    }
  }

  /** A symbolic link met while listing: follow it, unless it loops. */
  private async listLink(walk: Walk, path: string, rel: string): Promise<void> {
    const { folder } = walk;
    const included = folder.config.isIncluded(rel);
    let isDirectory: boolean;
    try {
      isDirectory = (await fsp.stat(path)).isDirectory();
    } catch (error) {
      const { missing, reason } = describeError(error);
      if (included) this.skip(path, folder, missing ? 'broken symbolic link' : reason);
      return;
    }
    if (!isDirectory) {
      if (included) this.enqueue(path, folder, false);
      return;
    }
    let real: string;
    try {
      real = await fsp.realpath(path);
    } catch (error) {
      this.skip(path, folder, describeError(error).reason);
      return;
    }
    for (let c: Chain | undefined = walk.chain; c !== undefined; c = c.up) {
      if (c.real === real) {
        this.skip(path, folder, 'symbolic link loop (links back to a folder it is in)');
        return;
      }
    }
    if (walk.chain.depth >= MAX_DEPTH || this.isOtherFolder(path, folder)) return;
    this.walks.push({ path, rel, folder, chain: { real, up: walk.chain, depth: walk.chain.depth + 1 } });
  }

  /** Whether a subfolder is a workspace folder of its own (listed on its own, not twice). */
  private isOtherFolder(path: string, folder: Folder): boolean {
    return this.folders.some((f) => f !== folder && f.path === path);
  }
}

/** Result order: by workspace folder (documents outside any come last), then by relative path. */
function workspaceOrder(a: FileEntry, b: FileEntry): number {
  return (a.folder?.order ?? Infinity) - (b.folder?.order ?? Infinity) || (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
}

/** A path relative to its folder, / separated; '' for the folder itself. */
function relPath(folder: FolderSpec, path: string): string {
  const rel = relative(folder.path, path);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** Answers files.exclude `when` clauses for a path by looking at the disk. */
function siblingExists(path: string): (name: string) => boolean {
  const dir = dirname(path);
  return (name) => existsSync(join(dir, name));
}

function isInside(path: string, folder: string): boolean {
  return path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

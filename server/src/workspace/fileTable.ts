// The files the index holds: one entry per file (its compact symbols, where
// they came from), the files in result order for queries, a tree of the
// folders that hold entries so that everything under a URI can be dropped
// without looking at every file, the files by title and by the names they
// cite (titles.ts), and why each skipped file was skipped.

import { truncateName } from '../engine';
import { SectionMatch } from '@tigang/protocol';
import { DEFAULT_SETTINGS } from '../configuration';
import { Folder } from './folders';
import { FileSymbols, symbolBytes, symbolCount, symbolName, symbolStyle } from './symbols';
import { Known } from './reader';
import { TitleIndex } from './titles';
import { isAtOrUnder, parentUri } from './uris';

export interface FileEntry {
  /** The file's canonical URI, or the URI of an open document outside the workspace folders. */
  readonly key: string;
  readonly folder: Folder | undefined;
  /** Relative to the folder, / separated and unescaped (a display form of the key for documents outside any folder). */
  readonly rel: string;
  readonly symbols: FileSymbols;
  /** Size and modification time of what was read from disk. */
  readonly disk?: Known;
  /** URI of the open document whose text this is; undefined when read from disk. */
  readonly openUri?: string;
  /** Read from disk: the names the file goes by (documentTitles), for 《title》 and law-name references to it (§9). */
  readonly titles?: readonly string[];
  /** Read from disk: the names its 《title》 and law-name references give; undefined when it cites no other document. */
  readonly cites?: readonly string[];
}

/** Files in result order, and their symbols, as the query takes them. */
export interface OrderedFiles {
  readonly entries: FileEntry[];
  readonly symbols: FileSymbols[];
}

/** Result order: by workspace folder (documents outside any come last), then by relative path. */
export function workspaceOrder(a: FileEntry, b: FileEntry): number {
  return (a.folder?.order ?? Infinity) - (b.folder?.order ?? Infinity) || (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
}

/** An entry as stored: with the moment (FileTable.clock) it was set. */
type Stored = FileEntry & { stamp?: number };

/** Which entries deleteAt and deleteUnder drop: never an open document's (its text wins over the disk). */
export interface Drop {
  /** Only entries set by this moment (FileTable.clock): what was set since is newer news than the listing or read that decided the drop. */
  readonly asOf?: number;
  /** Only entries of this folder (a nested workspace folder's files are its own). */
  readonly folder?: Folder;
}

export class FileTable {
  private readonly entries = new Map<string, Stored>();
  /** Counts the entries set so far; see Drop.asOf. */
  private setCount = 0;
  /** Folder URI → the (escaped) segments of what in it is an entry or holds entries further down. */
  private readonly children = new Map<string, Set<string>>();
  private headingCount = 0;
  /** Files with headings in result order, rebuilt when files come or go; each entry's place in it once asked for. */
  private ordered: (OrderedFiles & { at?: Map<FileEntry, number> }) | undefined;
  /** Why each skipped URI was skipped. */
  private readonly skipped = new Map<string, string>();
  /** The entries by title and by cited name, for references between documents (§9); kept in set and delete as the heading count is. */
  readonly names = new TitleIndex();

  get size(): number {
    return this.entries.size;
  }

  /** The moment now, for Drop.asOf. */
  get clock(): number {
    return this.setCount;
  }

  get headings(): number {
    return this.headingCount;
  }

  get skippedCount(): number {
    return this.skipped.size;
  }

  get(key: string): FileEntry | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  values(): IterableIterator<FileEntry> {
    return this.entries.values();
  }

  /** Whether any entry lies under a folder URI. */
  holdsUnder(uri: string): boolean {
    return (this.children.get(uri)?.size ?? 0) > 0;
  }

  set(entry: FileEntry): void {
    (entry as Stored).stamp = ++this.setCount;
    const old = this.entries.get(entry.key);
    if (old !== undefined) {
      this.headingCount -= symbolCount(old.symbols);
      this.names.remove(old);
    } else this.link(entry.key);
    this.entries.set(entry.key, entry);
    this.headingCount += symbolCount(entry.symbols);
    this.names.add(entry);
    if (!this.replaceOrdered(old, entry)) this.ordered = undefined;
    this.unskip(entry.key);
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.headingCount -= symbolCount(old.symbols);
    this.names.remove(old);
    this.entries.delete(key);
    if (!this.children.has(key)) this.unlink(key);
    this.ordered = undefined;
  }

  /** Deletes the entry at a URI when it was read from disk (and `drop` allows). */
  deleteAt(uri: string, drop: Drop = {}): boolean {
    const entry = this.entries.get(uri);
    if (entry === undefined || !dropped(entry, drop)) return false;
    this.delete(uri);
    return true;
  }

  /**
   * Deletes the entries under a URI (not at it) that were read from disk
   * (and `drop` allows), looking only at that part of the tree. Returns how
   * many went.
   */
  deleteUnder(uri: string, drop: Drop = {}): number {
    const doomed: string[] = [];
    const stack = [uri];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      for (const segment of this.children.get(dir) ?? []) {
        const child = childUri(dir, segment);
        const e = this.entries.get(child);
        if (e !== undefined && dropped(e, drop)) doomed.push(child);
        if (this.children.has(child)) stack.push(child);
      }
    }
    for (const key of doomed) this.delete(key);
    return doomed.length;
  }

  /**
   * Deletes the entries of a workspace folder (removed, or selecting files
   * differently now). With keepOpen an open document's entry stays, for its
   * document to be taken again; the keys of those are returned.
   */
  deleteFolder(folder: Folder, keepOpen = false): string[] {
    const kept: string[] = [];
    for (const entry of [...this.entries.values()]) {
      if (entry.folder !== folder) continue;
      if (keepOpen && entry.openUri !== undefined) kept.push(entry.key);
      else this.delete(entry.key);
    }
    return kept;
  }

  /** A folder was listed: what it held and no longer lists (`kept`: the escaped segments it lists) goes, at and under. */
  deleteUnlisted(uri: string, kept: ReadonlySet<string>, drop: Drop): void {
    for (const segment of [...(this.children.get(uri) ?? [])]) {
      if (kept.has(segment)) continue;
      const child = childUri(uri, segment);
      this.deleteAt(child, drop);
      this.deleteUnder(child, drop);
    }
  }

  /** The files with headings, in result order. */
  orderedFiles(): OrderedFiles {
    if (this.ordered === undefined) {
      const entries = [...this.entries.values()].filter((e) => symbolCount(e.symbols) > 0);
      entries.sort(workspaceOrder);
      this.ordered = { entries, symbols: entries.map((e) => e.symbols) };
    }
    return this.ordered;
  }

  *openKeys(): Iterable<string> {
    for (const [key, entry] of this.entries) if (entry.openUri !== undefined) yield key;
  }

  /** Records why a URI was skipped; false when that was already the reason (log it once). */
  skip(uri: string, reason: string): boolean {
    if (this.skipped.get(uri) === reason) return false;
    this.skipped.set(uri, reason);
    return true;
  }

  /** A URI is indexed (or listed) after all: not skipped any more. */
  unskip(uri: string): void {
    this.skipped.delete(uri);
  }

  /** Forgets why a URI and everything under it were skipped. */
  forgetSkipped(uri: string): void {
    for (const key of this.skipped.keys()) if (isAtOrUnder(key, uri)) this.skipped.delete(key);
  }

  /** Bytes of the names and arrays the index holds (benchmark). */
  bytes(): number {
    let bytes = 0;
    for (const entry of this.entries.values()) bytes += symbolBytes(entry.symbols);
    return bytes;
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
    ordered.at ??= new Map(ordered.entries.map((e, i) => [e, i]));
    const i = ordered.at.get(old);
    if (i === undefined) return false;
    ordered.at.delete(old);
    ordered.at.set(entry, i);
    ordered.entries[i] = entry;
    ordered.symbols[i] = entry.symbols;
    return true;
  }

  /** Records a new key in the tree, up to the first folder already there. */
  private link(key: string): void {
    for (let child = key, dir = parentUri(key); dir !== undefined; child = dir, dir = parentUri(dir)) {
      const segments = this.children.get(dir);
      if (segments !== undefined) {
        segments.add(segmentOf(child));
        return;
      }
      this.children.set(dir, new Set([segmentOf(child)]));
    }
  }

  /** Takes a key out of the tree, and the folders left holding nothing. */
  private unlink(key: string): void {
    for (let child = key, dir = parentUri(key); dir !== undefined; child = dir, dir = parentUri(dir)) {
      const segments = this.children.get(dir);
      if (segments === undefined) return;
      segments.delete(segmentOf(child));
      if (segments.size > 0) return;
      this.children.delete(dir);
      if (this.entries.has(dir)) return; // an entry itself: stays in its folder
    }
  }
}

function dropped(entry: Stored, { asOf = Infinity, folder }: Drop): boolean {
  return entry.openUri === undefined && (entry.stamp ?? 0) <= asOf && (folder === undefined || entry.folder === folder);
}

/** A match of the query (query.ts) as the protocol answers it; the folder's name leads the file's path when there are several folders. */
export function sectionMatch(entry: FileEntry, i: number, withFolderName: boolean): SectionMatch {
  const s = entry.symbols;
  const max = entry.folder?.config.maxNameLength ?? DEFAULT_SETTINGS.maxNameLength;
  const parent = s.parents[i];
  const match: SectionMatch = {
    name: truncateName(symbolName(s, i), max),
    uri: entry.openUri ?? entry.key,
    line: s.lines[i],
    start: s.columns[i],
    titleEnd: s.titleEnds[i],
    style: symbolStyle(s, i),
    file: entry.folder !== undefined && withFolderName ? `${entry.folder.name}/${entry.rel}` : entry.rel,
  };
  if (parent >= 0) match.containerName = truncateName(symbolName(s, parent), max);
  return match;
}

/** The last segment of a URI, escaped as it is. */
function segmentOf(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

function childUri(folder: string, segment: string): string {
  return folder.endsWith('/') ? folder + segment : `${folder}/${segment}`;
}

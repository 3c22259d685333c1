// A WorkspaceFs (server/src/workspace/fs.ts) in memory, for unit tests of the
// workspace index: files, folders, symbolic links, FIFOs and folders that
// deny access, changed by the test with plain calls (write, mkdir, remove,
// rename, …) that also tell the watchers, as fs.watch would. Asynchronous
// answers come one turn of the event loop later (as from a thread pool), so
// changes can fall between a listing and what the index does with it.

import { DirectoryEntry, Disposable, FileContent, FileStat, FsError, WorkspaceFs } from '../../server/src/workspace/fs';
import { decodeSegment, encodeSegment } from '../../server/src/workspace/uris';

type Node =
  | { type: 'file'; bytes: Uint8Array; mtimeMs: number; denied?: boolean }
  | { type: 'directory'; children: Map<string, Node>; mtimeMs: number; denied?: boolean }
  | { type: 'symlink'; target: string; mtimeMs: number; denied?: boolean }
  | { type: 'other'; mtimeMs: number; denied?: boolean };

interface Watch {
  readonly uri: string;
  readonly recursive: boolean;
  readonly onChange: (uri: string) => void;
  readonly onLost: () => void;
}

/** Symbolic links followed at most on one lookup, as Linux's ELOOP limit. */
const MAX_LINKS = 40;

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class InMemoryFs implements WorkspaceFs {
  readonly watchesRecursively: boolean;
  readonly ignoresCase = false;
  private readonly root: Node = { type: 'directory', children: new Map(), mtimeMs: 0 };
  private clock = 1;
  private watches = new Set<Watch>();
  /** Files read so far (readFile and readFileSync calls that returned bytes), by URI. */
  readonly reads = new Map<string, number>();

  constructor(options: { watchesRecursively?: boolean } = {}) {
    this.watchesRecursively = options.watchesRecursively ?? false;
  }

  // ------------------------------------------------------------- changing it (tests)

  /** Writes a file (creating the folders on the way), as UTF-8 when given a string. */
  write(uri: string, content: string | Uint8Array): this {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const { dir, name } = this.parentOf(uri, true);
    const old = dir.children.get(name);
    if (old?.type === 'file') {
      old.bytes = bytes;
      old.mtimeMs = this.clock++;
    } else dir.children.set(name, { type: 'file', bytes, mtimeMs: this.clock++ });
    return this.changed(uri);
  }

  /** Cuts a file to `length` bytes. */
  truncate(uri: string, length: number): this {
    const node = this.lookup(uri);
    if (node?.type !== 'file') throw new Error(`not a file: ${uri}`);
    node.bytes = node.bytes.subarray(0, length);
    node.mtimeMs = this.clock++;
    return this.changed(uri);
  }

  mkdir(uri: string): this {
    const { dir, name } = this.parentOf(uri, true);
    if (!dir.children.has(name)) dir.children.set(name, { type: 'directory', children: new Map(), mtimeMs: this.clock++ });
    return this.changed(uri);
  }

  symlink(uri: string, target: string): this {
    const { dir, name } = this.parentOf(uri, true);
    dir.children.set(name, { type: 'symlink', target, mtimeMs: this.clock++ });
    return this.changed(uri);
  }

  /** Something that is neither file nor folder (a FIFO). */
  mkfifo(uri: string): this {
    const { dir, name } = this.parentOf(uri, true);
    dir.children.set(name, { type: 'other', mtimeMs: this.clock++ });
    return this.changed(uri);
  }

  /** Deletes a file or a folder with all it holds. */
  remove(uri: string): this {
    const { dir, name } = this.parentOf(uri, false);
    if (!dir.children.delete(name)) throw new Error(`nothing at ${uri}`);
    this.lose(uri);
    return this.changed(uri);
  }

  rename(from: string, to: string): this {
    const source = this.parentOf(from, false);
    const node = source.dir.children.get(source.name);
    if (node === undefined) throw new Error(`nothing at ${from}`);
    const target = this.parentOf(to, true);
    source.dir.children.delete(source.name);
    target.dir.children.set(target.name, node);
    this.lose(from);
    this.changed(from);
    return this.changed(to);
  }

  /** Makes a file or folder unreadable (as mode 000 for anyone but root), or readable again. */
  deny(uri: string, denied = true): this {
    const node = this.lookup(uri);
    if (node === undefined) throw new Error(`nothing at ${uri}`);
    node.denied = denied;
    node.mtimeMs = this.clock++;
    return this.changed(uri);
  }

  // ------------------------------------------------------------- WorkspaceFs

  handles(uri: string): boolean {
    return uri.startsWith('file:');
  }

  async stat(uri: string): Promise<FileStat> {
    await tick();
    return this.statNow(uri);
  }

  async realpath(uri: string): Promise<string> {
    await tick();
    return this.resolve(uri, true).real;
  }

  async readDirectory(uri: string): Promise<DirectoryEntry[]> {
    await tick();
    const { node } = this.resolve(uri, true);
    if (node.type !== 'directory') throw new FsError('missing', `not a folder: ${uri}`, 'ENOTDIR');
    if (node.denied) throw new FsError('denied', `denied: ${uri}`, 'EACCES');
    return [...node.children].map(([name, child]) => ({ name, type: child.type }));
  }

  async readFile(uri: string, accept: (stat: FileStat) => boolean): Promise<FileContent> {
    await tick();
    return this.readFileSync(uri, accept);
  }

  readFileSync(uri: string, accept: (stat: FileStat) => boolean): FileContent {
    const { node } = this.resolve(uri, true);
    if (node.denied) throw new FsError('denied', `denied: ${uri}`, 'EACCES');
    const stat = this.statOf(node);
    if (node.type !== 'file' || !accept(stat)) return { stat };
    this.reads.set(uri, (this.reads.get(uri) ?? 0) + 1);
    return { stat, bytes: node.bytes };
  }

  exists(uri: string): boolean {
    try {
      this.resolve(uri, true);
      return true;
    } catch {
      return false;
    }
  }

  watch(uri: string, options: { readonly recursive: boolean }, onChange: (uri: string) => void, onLost: () => void): Disposable {
    if (this.statNow(uri).type !== 'directory') throw new FsError('missing', `not a folder: ${uri}`, 'ENOTDIR');
    const watch: Watch = { uri, recursive: options.recursive, onChange, onLost };
    this.watches.add(watch);
    return { dispose: () => this.watches.delete(watch) };
  }

  /** How many watches are open (tests of watching). */
  get watchCount(): number {
    return this.watches.size;
  }

  // ------------------------------------------------------------- inside

  private statNow(uri: string): FileStat {
    return this.statOf(this.resolve(uri, true).node);
  }

  private statOf(node: Node): FileStat {
    const type = node.type === 'symlink' ? 'other' : node.type;
    return { type, size: node.type === 'file' ? node.bytes.length : 0, mtimeMs: node.mtimeMs };
  }

  /** The segments of a file: URI's path, unescaped. */
  private segments(uri: string): string[] {
    const match = /^file:\/\/[^/]*(\/.*)?$/.exec(uri);
    if (match === null) throw new FsError('other', `not a file: URI: ${uri}`);
    return (match[1] ?? '/').split('/').filter((s) => s !== '').map(decodeSegment);
  }

  /** The node at a URI and its real URI, following links (the last one too when `follow`). */
  private resolve(uri: string, follow: boolean, links = { count: 0 }): { node: Node; real: string } {
    let node = this.root;
    let real = 'file://';
    const segments = this.segments(uri);
    for (let i = 0; i < segments.length; i++) {
      if (node.type !== 'directory') throw new FsError('missing', `not a folder on the way to ${uri}`, 'ENOTDIR');
      if (node.denied) throw new FsError('denied', `denied on the way to ${uri}`, 'EACCES');
      let child = node.children.get(segments[i]);
      if (child === undefined) throw new FsError('missing', `not found: ${uri}`, 'ENOENT');
      let childReal = `${real}/${encodeSegment(segments[i])}`;
      while (child.type === 'symlink' && (follow || i < segments.length - 1)) {
        if (++links.count > MAX_LINKS) throw new FsError('loop', `too many links: ${uri}`, 'ELOOP');
        const target = this.resolve(child.target, true, links);
        child = target.node;
        childReal = target.real;
      }
      node = child;
      real = childReal;
    }
    return { node, real: real === 'file://' ? 'file:///' : real };
  }

  private lookup(uri: string): Node | undefined {
    try {
      return this.resolve(uri, false).node;
    } catch {
      return undefined;
    }
  }

  /** The folder a new entry goes into (made, with `create`), and its name. */
  private parentOf(uri: string, create: boolean): { dir: Node & { type: 'directory' }; name: string } {
    const segments = this.segments(uri);
    const name = segments.pop();
    if (name === undefined) throw new Error('the root has no parent');
    let dir = this.root as Node & { type: 'directory' };
    let at = 'file://';
    for (const segment of segments) {
      at += `/${encodeSegment(segment)}`;
      let next = dir.children.get(segment);
      if (next === undefined && create) {
        next = { type: 'directory', children: new Map(), mtimeMs: this.clock++ };
        dir.children.set(segment, next);
        this.changed(at);
      }
      if (next?.type !== 'directory') throw new Error(`not a folder on the way to ${uri}`);
      dir = next;
    }
    return { dir, name };
  }

  /** Tells the watchers of the folder holding `uri` (and recursive ones above it), as fs.watch would. */
  private changed(uri: string): this {
    const parent = uri.slice(0, uri.lastIndexOf('/'));
    for (const watch of [...this.watches]) {
      if (watch.uri === parent || (watch.recursive && uri.startsWith(watch.uri + '/'))) watch.onChange(uri);
    }
    return this;
  }

  /** Watches of a folder that went away end. */
  private lose(uri: string): void {
    for (const watch of [...this.watches]) {
      if (watch.uri === uri || watch.uri.startsWith(uri + '/')) {
        this.watches.delete(watch);
        watch.onLost();
      }
    }
  }
}

// The file system as the workspace index sees it. Every file access of the
// server goes through a WorkspaceFs: server/src/node/nodeFs.ts is the one on
// node:fs; a browser build would answer it from the client (as VS Code's css
// and markdown servers answer their `fs/*` requests with vscode.workspace.fs),
// and tests use an in-memory one (test/unit/inMemoryFs.ts).
//
// Paths or URIs: URIs. Resources are named by URI strings
// (file:///home/me/讲话稿/一.txt), as LSP, vscode.workspace.fs and
// vscode-markdown-languageservice's IWorkspace name them, so a file system
// that is not a disk needs no path convention of its own. The index spells
// every URI one way (normalizeUri in uris.ts) and builds them itself from a
// folder's URI and the names its listing gives (joinUri); an adapter takes
// those URIs and gives canonical ones back (realpath). Names in listings are
// plain, unescaped.
//
// Failures are thrown as FsError, whose `kind` is all the index looks at.
// The members are what the index needs, no more: reading is one call that
// opens, stats what it opened and reads only when asked to (a FIFO named
// x.txt must not block, a 2 GB file must not be read to be skipped).

export type FileType = 'file' | 'directory' | 'symlink' | 'other';

export interface FileStat {
  /** What the URI is, symbolic links followed ('other': a FIFO, a socket, a device). */
  readonly type: Exclude<FileType, 'symlink'>;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface DirectoryEntry {
  /** The name in the folder, unescaped. */
  readonly name: string;
  /** What the entry itself is: a symbolic link is 'symlink', not followed. */
  readonly type: FileType;
}

/**
 * Why an operation failed: the path is not there (or a path through
 * something that is not a folder), access was denied, symbolic links loop,
 * the system ran out of something (watches, file handles), or anything else.
 */
export type FsErrorKind = 'missing' | 'denied' | 'loop' | 'exhausted' | 'other';

export class FsError extends Error {
  constructor(
    readonly kind: FsErrorKind,
    message: string,
    /** The system's own code (ENOENT, EACCES, …) when there is one, for the log. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface FileContent {
  readonly stat: FileStat;
  /** The bytes; undefined when `accept` declined the file. */
  readonly bytes?: Uint8Array;
}

export interface Disposable {
  dispose(): void;
}

export interface WorkspaceFs {
  /** Whether this file system serves the URI (its scheme): the Node one serves file: URIs. */
  handles(uri: string): boolean;
  /** What is at a URI, symbolic links followed. */
  stat(uri: string): Promise<FileStat>;
  /** The canonical URI of what a URI leads to, every symbolic link on the way resolved. */
  realpath(uri: string): Promise<string>;
  /** The entries of a folder. */
  readDirectory(uri: string): Promise<DirectoryEntry[]>;
  /**
   * Opens a file without waiting on it (a FIFO opens at once), stats what
   * it opened and, when `accept` says yes to that stat, reads all of it.
   */
  readFile(uri: string, accept: (stat: FileStat) => boolean): Promise<FileContent>;
  /**
   * readFile() in one synchronous step, where that is cheaper than the
   * asynchronous one for small files (Node: a few system calls against
   * several thread-pool round trips). Optional.
   */
  readFileSync?(uri: string, accept: (stat: FileStat) => boolean): FileContent;
  /**
   * Whether something is at a URI, answered at once: files.exclude `when`
   * clauses (exclude x.txt beside x.md) are checked inside a query. A file
   * system that cannot answer at once answers false: the clause then does
   * not exclude.
   */
  exists(uri: string): boolean;
  /**
   * Watches a folder: `onChange` with the URI of whatever was created,
   * changed, deleted or renamed (either name) in it — or the folder's own
   * URI when the system does not say what — and `onLost` once the watch has
   * ended by itself (the folder went away). Recursive watches only where
   * `watchesRecursively`. Throws FsError ('exhausted' when out of watches).
   * Optional: without it the client has to watch files for the server.
   */
  watch?(uri: string, options: { readonly recursive: boolean }, onChange: (uri: string) => void, onLost: () => void): Disposable;
  /** Whether one recursive watch per workspace folder is native and cheap (macOS, Windows); else every listed folder is watched on its own. */
  readonly watchesRecursively: boolean;
  /** Whether names that differ only in case name the same file (Windows, macOS): globs then ignore case. */
  readonly ignoresCase: boolean;
}

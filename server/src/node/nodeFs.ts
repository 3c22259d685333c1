// The WorkspaceFs (server/src/workspace/fs.ts) on node:fs: the only place
// the server touches the disk, watches it, or asks which platform it runs on.

import { Dirent, FSWatcher, Stats, closeSync, constants, existsSync, fstatSync, openSync, promises as fsp, readSync, watch } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DirectoryEntry, Disposable, FileContent, FileStat, FileType, FsError, FsErrorKind, WorkspaceFs } from '../workspace/fs';
import { encodeSegment, joinUri, normalizeUri } from '../workspace/uris';

/** O_NONBLOCK where it exists: opening a FIFO for reading then returns at once. */
const OPEN_FLAGS = constants.O_RDONLY | (process.platform === 'win32' ? 0 : (constants.O_NONBLOCK ?? 0));

/** The system's error codes, by what they mean to the index. */
const KINDS: Record<string, FsErrorKind> = {
  ENOENT: 'missing',
  ENOTDIR: 'missing',
  EACCES: 'denied',
  EPERM: 'denied',
  ELOOP: 'loop',
  ENOSPC: 'exhausted', // out of inotify watches
  EMFILE: 'exhausted',
  ENFILE: 'exhausted',
};

/** A node:fs error as an FsError: the one mapping of error codes. */
function fsError(error: unknown): FsError {
  if (error instanceof FsError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new FsError((code !== undefined && KINDS[code]) || 'other', String((error as Error | undefined)?.message ?? error), code);
}

function toPath(uri: string): string {
  try {
    return fileURLToPath(uri);
  } catch (error) {
    throw new FsError('other', `not a file path: ${uri} (${String(error)})`);
  }
}

/** The file: URI of an absolute path, canonical (uris.ts). */
function toUri(path: string): string {
  // pathToFileURL drops trailing control characters and spaces of a name; on POSIX every segment is encoded here instead.
  if (sep === '/') return 'file://' + path.split('/').map(encodeSegment).join('/');
  return normalizeUri(pathToFileURL(path).href);
}

function typeOf(s: Stats | Dirent): FileType {
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'directory';
  if (s.isSymbolicLink()) return 'symlink';
  return 'other';
}

function toStat(s: Stats): FileStat {
  return { type: typeOf(s) as FileStat['type'], size: s.size, mtimeMs: s.mtimeMs };
}

/** Windows refuses to open a folder as a file; elsewhere it opens and fstat says so. */
const OPENED_A_FOLDER: FileContent = { stat: { type: 'directory', size: 0, mtimeMs: 0 } };

export class NodeFs implements WorkspaceFs {
  readonly watchesRecursively = process.platform === 'darwin' || process.platform === 'win32';
  readonly ignoresCase = process.platform === 'darwin' || process.platform === 'win32';

  handles(uri: string): boolean {
    return uri.startsWith('file:');
  }

  async stat(uri: string): Promise<FileStat> {
    try {
      return toStat(await fsp.stat(toPath(uri)));
    } catch (error) {
      throw fsError(error);
    }
  }

  async realpath(uri: string): Promise<string> {
    try {
      return toUri(await fsp.realpath(toPath(uri)));
    } catch (error) {
      throw fsError(error);
    }
  }

  async readDirectory(uri: string): Promise<DirectoryEntry[]> {
    try {
      const entries = await fsp.readdir(toPath(uri), { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, type: typeOf(e) }));
    } catch (error) {
      throw fsError(error);
    }
  }

  async readFile(uri: string, accept: (stat: FileStat) => boolean): Promise<FileContent> {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(toPath(uri), OPEN_FLAGS);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EISDIR') return OPENED_A_FOLDER;
      throw fsError(error);
    }
    try {
      const stat = toStat(await handle.stat());
      if (!accept(stat)) return { stat };
      return { stat, bytes: await handle.readFile() };
    } catch (error) {
      throw fsError(error);
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  readFileSync(uri: string, accept: (stat: FileStat) => boolean): FileContent {
    let fd: number;
    try {
      fd = openSync(toPath(uri), OPEN_FLAGS);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EISDIR') return OPENED_A_FOLDER;
      throw fsError(error);
    }
    try {
      const stat = toStat(fstatSync(fd));
      if (!accept(stat)) return { stat };
      const bytes = Buffer.allocUnsafeSlow(stat.size);
      let length = 0;
      while (length < bytes.length) {
        const n = readSync(fd, bytes, length, bytes.length - length, length);
        if (n === 0) break; // shrank meanwhile
        length += n;
      }
      return { stat, bytes: bytes.subarray(0, length) };
    } catch (error) {
      throw fsError(error);
    } finally {
      try {
        closeSync(fd);
      } catch {
        // nothing to do
      }
    }
  }

  exists(uri: string): boolean {
    try {
      return existsSync(toPath(uri));
    } catch {
      return false;
    }
  }

  watch(uri: string, options: { readonly recursive: boolean }, onChange: (uri: string) => void, onLost: () => void): Disposable {
    let watcher: FSWatcher;
    try {
      watcher = watch(toPath(uri), { recursive: options.recursive, persistent: false }, (_event, name) => {
        // No name: something changed in the folder; look at the folder again.
        onChange(name ? joinAll(uri, name.toString()) : uri);
      });
    } catch (error) {
      throw fsError(error);
    }
    watcher.on('error', () => {
      watcher.close();
      onLost();
    });
    return { dispose: () => watcher.close() };
  }
}

/** A name fs.watch gives, relative to the watched folder (several segments for a recursive watch). */
function joinAll(folder: string, name: string): string {
  return name.split(sep === '/' ? '/' : /[\\/]/).reduce(joinUri, folder);
}

export const nodeFs = new NodeFs();

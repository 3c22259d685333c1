// Reading one file for the index: open without blocking (a FIFO named
// x.txt must not hang the server), check it is a regular file within the size
// limit, read it, decode it (decode.ts rules) and build its outline — the
// big steps in slices, so a 20 MB file does not hold the event loop.

import { closeSync, constants, fstatSync, openSync, promises as fsp, readSync } from 'node:fs';
import { Decoded, decodeText, detectEncoding, textDecoder } from '../decode';
import { Marker, Outline, OutlineOptions, PlainTextDocument, buildOutline, scanLines } from '../engine';
import { TimeSlicer } from './slices';

export type FileRead =
  | { readonly kind: 'file'; readonly bytes: Uint8Array; readonly mtimeMs: number; readonly size: number }
  /** Same size and modification time as `known`: not read again. */
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'directory' }
  /** Gone (deleted meanwhile, or a path through something that is not a folder). */
  | { readonly kind: 'missing' }
  /** Not indexed; `reason` goes to the log. */
  | { readonly kind: 'skipped'; readonly reason: string };

/** O_NONBLOCK where it exists: opening a FIFO for reading then returns at once. */
const OPEN_FLAGS = constants.O_RDONLY | (process.platform === 'win32' ? 0 : constants.O_NONBLOCK ?? 0);

/** Why an fs error code means a file is skipped, in words for the log. */
export function describeError(error: unknown): { missing: boolean; reason: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { missing: true, reason: 'not found' };
    case 'EACCES':
    case 'EPERM':
      return { missing: false, reason: `permission denied (${code})` };
    case 'ELOOP':
      return { missing: false, reason: 'symbolic link loop (ELOOP)' };
    default:
      return { missing: false, reason: code ? `cannot be read (${code})` : `cannot be read (${String(error)})` };
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/**
 * Stats and reads a path. `known` is what the index has for it: when size and
 * mtime still match, the file is not read again.
 */
export async function readPath(path: string, maxBytes: number, known?: { mtimeMs: number; size: number }): Promise<FileRead> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(path, OPEN_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') return { kind: 'directory' }; // Windows
    const { missing, reason } = describeError(error);
    return missing ? { kind: 'missing' } : { kind: 'skipped', reason };
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { kind: 'directory' };
    if (!stat.isFile()) return { kind: 'skipped', reason: 'not a regular file' };
    if (stat.size > maxBytes) return { kind: 'skipped', reason: `${megabytes(stat.size)} is over tigang.files.maxFileSizeMB (${megabytes(maxBytes)})` };
    if (known !== undefined && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return { kind: 'unchanged' };
    const bytes = await handle.readFile();
    if (bytes.length > maxBytes) return { kind: 'skipped', reason: `${megabytes(bytes.length)} is over tigang.files.maxFileSizeMB (${megabytes(maxBytes)})` };
    return { kind: 'file', bytes, mtimeMs: stat.mtimeMs, size: bytes.length };
  } catch (error) {
    const { missing, reason } = describeError(error);
    return missing ? { kind: 'missing' } : { kind: 'skipped', reason };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Files up to this size are read synchronously (see readPathSync). */
export const SYNC_READ_MAX = 1 << 20;

/**
 * readPath() without the thread pool, for files up to SYNC_READ_MAX: open,
 * fstat, read and close of a 50 KB file cost about 0.1 ms as system calls,
 * while the promise API's five thread-pool round trips per file cost the main
 * thread more than that in bookkeeping (a quarter of the indexing time in the
 * benchmark's profile). Larger files answer 'large': read them with readPath().
 */
export function readPathSync(path: string, maxBytes: number, known?: { mtimeMs: number; size: number }): FileRead | { readonly kind: 'large' } {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') return { kind: 'directory' }; // Windows
    const { missing, reason } = describeError(error);
    return missing ? { kind: 'missing' } : { kind: 'skipped', reason };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { kind: 'directory' };
    if (!stat.isFile()) return { kind: 'skipped', reason: 'not a regular file' };
    if (stat.size > maxBytes) return { kind: 'skipped', reason: `${megabytes(stat.size)} is over tigang.files.maxFileSizeMB (${megabytes(maxBytes)})` };
    if (known !== undefined && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return { kind: 'unchanged' };
    if (stat.size > SYNC_READ_MAX) return { kind: 'large' };
    const bytes = Buffer.allocUnsafeSlow(stat.size);
    let length = 0;
    while (length < bytes.length) {
      const n = readSync(fd, bytes, length, bytes.length - length, length);
      if (n === 0) break; // shrank meanwhile
      length += n;
    }
    return { kind: 'file', bytes: bytes.subarray(0, length), mtimeMs: stat.mtimeMs, size: length };
  } catch (error) {
    const { missing, reason } = describeError(error);
    return missing ? { kind: 'missing' } : { kind: 'skipped', reason };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // nothing to do
    }
  }
}

/** Bytes decoded per slice of a large file. */
const DECODE_SLICE = 1 << 20;
/** Lines scanned per slice of a large file. */
const SCAN_SLICE = 4000;

/**
 * decodeText(), in slices for large inputs: the same detection and decoder
 * (decode.ts), decoding as a stream that yields to the event loop between
 * megabytes.
 */
export async function decodeSliced(bytes: Uint8Array, slicer: TimeSlicer): Promise<Decoded> {
  if (bytes.length <= DECODE_SLICE) return decodeText(bytes);
  const detected = detectEncoding(bytes);
  if (detected === undefined) return { binary: true };
  const { encoding, bomLength } = detected;
  const decoder = textDecoder(encoding);
  const parts: string[] = [];
  try {
    for (let at = bomLength; at < bytes.length; at += DECODE_SLICE) {
      parts.push(decoder.decode(bytes.subarray(at, Math.min(at + DECODE_SLICE, bytes.length)), { stream: true }));
      await slicer.maybeYield();
    }
    parts.push(decoder.decode());
  } catch {
    return { binary: true }; // not GB18030 either
  }
  return { text: parts.join(''), encoding };
}

/** parseOutline(), scanning the lines in slices (line markers are context-free). */
export async function parseSliced(doc: PlainTextDocument, options: OutlineOptions, slicer: TimeSlicer): Promise<Outline> {
  const markers: Marker[] = [];
  for (let from = 0; from < doc.lineCount; from += SCAN_SLICE) {
    markers.push(...scanLines(doc, from, Math.min(doc.lineCount - 1, from + SCAN_SLICE - 1))); // one slice: few enough to spread
    await slicer.maybeYield();
  }
  return buildOutline(doc, markers, options);
}

// Reading one file for the index, through the WorkspaceFs (fs.ts): what the
// file is (classify), whether to read it, and what a failure means
// (readFailure) — the same for the synchronous read of small files and the
// asynchronous one of large files. Decoding and parsing run in slices, so a
// 20 MB file does not hold the event loop.

import { Decoded, decodeTextSliced } from '../decode';
import { Marker, Outline, OutlineOptions, PlainTextDocument, buildOutline, citedDocuments, documentTitles, scanLines } from '../engine';
import { FileStat, FsError, WorkspaceFs } from './fs';
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

/** A file too large for readPathSync: read it with readPath. */
export const LARGE = { kind: 'large' } as const;

/** What the index knows of a file: the size and modification time it was read at. */
export interface Known {
  readonly mtimeMs: number;
  readonly size: number;
}

/** Files up to this size are read synchronously where the file system can (WorkspaceFs.readFileSync). */
export const SYNC_READ_MAX = 1 << 20;

/** Why an operation failed, in words for the log; `missing` when the path is simply not there. */
export function describeError(error: unknown): { missing: boolean; reason: string } {
  if (!(error instanceof FsError)) return { missing: false, reason: `cannot be read (${String(error)})` };
  const code = error.code ?? error.kind;
  switch (error.kind) {
    case 'missing':
      return { missing: true, reason: 'not found' };
    case 'denied':
      return { missing: false, reason: `permission denied (${code})` };
    case 'loop':
      return { missing: false, reason: `symbolic link loop (${code})` };
    default:
      return { missing: false, reason: `cannot be read (${error.code ?? error.message})` };
  }
}

/** What a failed read means: missing, or skipped for a reason. */
function readFailure(error: unknown): FileRead {
  const { missing, reason } = describeError(error);
  return missing ? { kind: 'missing' } : { kind: 'skipped', reason };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

function tooLarge(size: number, maxBytes: number): FileRead {
  return { kind: 'skipped', reason: `${megabytes(size)} is over tigang.files.maxFileSizeMB (${megabytes(maxBytes)})` };
}

/**
 * What a stat says before reading: a folder, not a regular file, too large,
 * unchanged since `known`, too large to read synchronously (`syncMax`), or
 * undefined: read it.
 */
function classify(stat: FileStat, maxBytes: number, known: Known | undefined, syncMax = Infinity): FileRead | typeof LARGE | undefined {
  if (stat.type === 'directory') return { kind: 'directory' };
  if (stat.type !== 'file') return { kind: 'skipped', reason: 'not a regular file' };
  if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
  if (known !== undefined && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return { kind: 'unchanged' };
  if (stat.size > syncMax) return LARGE;
  return undefined;
}

/** What reading gave: the classification, or the bytes (unless the file grew past the limit meanwhile). */
function readResult(stat: FileStat, bytes: Uint8Array | undefined, maxBytes: number, known: Known | undefined, syncMax?: number): FileRead | typeof LARGE {
  const early = classify(stat, maxBytes, known, syncMax);
  if (early !== undefined) return early;
  if (bytes === undefined) return { kind: 'skipped', reason: 'cannot be read' };
  if (bytes.length > maxBytes) return tooLarge(bytes.length, maxBytes);
  return { kind: 'file', bytes, mtimeMs: stat.mtimeMs, size: bytes.length };
}

/**
 * Stats and reads a file. `known` is what the index has for it: when size
 * and mtime still match, the file is not read again.
 */
export async function readPath(fs: WorkspaceFs, uri: string, maxBytes: number, known?: Known): Promise<FileRead> {
  try {
    const { stat, bytes } = await fs.readFile(uri, (s) => classify(s, maxBytes, known) === undefined);
    return readResult(stat, bytes, maxBytes, known) as FileRead;
  } catch (error) {
    return readFailure(error);
  }
}

/**
 * readPath() in one synchronous step for files up to SYNC_READ_MAX: open,
 * fstat, read and close of a 50 KB file cost about 0.1 ms as system calls,
 * while the promise API's five thread-pool round trips per file cost the main
 * thread more than that in bookkeeping (a quarter of the indexing time in the
 * benchmark's profile). Answers LARGE for larger files, and for every file
 * when the file system has no synchronous read: read those with readPath().
 */
export function readPathSync(fs: WorkspaceFs, uri: string, maxBytes: number, known?: Known): FileRead | typeof LARGE {
  if (fs.readFileSync === undefined) return LARGE;
  try {
    const { stat, bytes } = fs.readFileSync(uri, (s) => classify(s, maxBytes, known, SYNC_READ_MAX) === undefined);
    return readResult(stat, bytes, maxBytes, known, SYNC_READ_MAX);
  } catch (error) {
    return readFailure(error);
  }
}

/** The outline of a file's bytes, decoded and parsed in slices; undefined when they are binary. */
export async function readOutline(uri: string, bytes: Uint8Array, options: OutlineOptions, slicer: TimeSlicer): Promise<Outline | undefined> {
  return (await readDocument(uri, bytes, options, slicer))?.outline;
}

/** The text of a file's bytes and its outline, decoded and parsed in slices; undefined when they are binary. */
export async function readDocument(uri: string, bytes: Uint8Array, options: OutlineOptions, slicer: TimeSlicer): Promise<{ doc: PlainTextDocument; outline: Outline } | undefined> {
  const decoded = await decodeSliced(bytes, slicer);
  if ('binary' in decoded) return undefined;
  const doc = new PlainTextDocument(uri, decoded.text);
  return { doc, outline: await parseSliced(doc, options, slicer) };
}

/**
 * What a file is called and whom it cites, for references between documents
 * (docs/headings.md §9): its titles (documentTitles: first non-blank line,
 * a 《title》 in it, the file name) and the names its 《title》 and law-name
 * references give (刑法, 中华人民共和国个人信息保护法), each once; undefined
 * where there are none. Only the lines that may hold such a reference are
 * scanned (citedDocuments), so indexing pays little for it.
 */
export function referenceNames(doc: PlainTextDocument): { titles: readonly string[]; cites: readonly string[] | undefined } {
  const cites = citedDocuments(doc.getText());
  return { titles: documentTitles(doc), cites: cites.length > 0 ? cites : undefined };
}

/** decodeText() (decode.ts), in slices of a megabyte for large files. */
export function decodeSliced(bytes: Uint8Array, slicer: TimeSlicer): Promise<Decoded> {
  return decodeTextSliced(bytes, () => slicer.maybeYield());
}

/** Lines scanned per slice of a large file. */
const SCAN_SLICE = 4000;

/** parseOutline(), scanning the lines in slices (line markers are context-free). */
export async function parseSliced(doc: PlainTextDocument, options: OutlineOptions, slicer: TimeSlicer): Promise<Outline> {
  const markers: Marker[] = [];
  for (let from = 0; from < doc.lineCount; from += SCAN_SLICE) {
    markers.push(...scanLines(doc, from, Math.min(doc.lineCount - 1, from + SCAN_SLICE - 1), options.rules)); // one slice: few enough to spread
    await slicer.maybeYield();
  }
  return buildOutline(doc, markers, options);
}

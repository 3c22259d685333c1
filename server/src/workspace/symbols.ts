// The headings of one file as the workspace index keeps them: no Heading
// objects and no file text, only the names joined into one string and a few
// typed arrays. About 8 bytes per name character plus 21 bytes per heading.

import { HEADING_STYLES, HeadingStyle, Outline } from '../engine';
import { BUCKETS, PinyinTable } from './pinyin';

/** Styles by their code in FileSymbols.styles: the engine's list, so every style has a code. */
export const STYLES: readonly HeadingStyle[] = HEADING_STYLES;
const STYLE_CODE = new Map(STYLES.map((s, i) => [s, i]));

/** Separates names in FileSymbols.text; never part of a name (names are one line). */
export const SEPARATOR = '\n';

export interface FileSymbols {
  /** The untruncated names, each followed by SEPARATOR. */
  readonly text: string;
  /** `text` lower-cased (the same string when that changes nothing). */
  readonly lower: string;
  /** Reading set (PinyinTable) of each UTF-16 unit of `text`. */
  readonly readings: Uint16Array;
  /** Where a pinyin match may start, by first letter (PinyinTable.positionsByInitial). */
  readonly byInitial: Int32Array;
  /** Bucket b of byInitial is byInitial[initialOffsets[b]] .. byInitial[initialOffsets[b + 1] - 1]. */
  readonly initialOffsets: Int32Array;
  /** Where each name starts in `text`; one more entry, text.length, at the end. */
  readonly starts: Int32Array;
  /** 0-based line of each heading. */
  readonly lines: Int32Array;
  /** UTF-16 column where each heading's marker starts. */
  readonly columns: Int32Array;
  /** UTF-16 column just after each heading's title. */
  readonly titleEnds: Int32Array;
  /** Index of each heading's parent, or -1. */
  readonly parents: Int32Array;
  /** Index into STYLES of each heading's style. */
  readonly styles: Uint8Array;
}

export function symbolCount(s: FileSymbols): number {
  return s.lines.length;
}

export function symbolName(s: FileSymbols, i: number): string {
  return s.text.slice(s.starts[i], s.starts[i + 1] - 1);
}

export function symbolStyle(s: FileSymbols, i: number): HeadingStyle {
  return STYLES[s.styles[i]];
}

export const NO_SYMBOLS: FileSymbols = {
  text: '',
  lower: '',
  readings: new Uint16Array(0),
  byInitial: new Int32Array(0),
  initialOffsets: new Int32Array(BUCKETS + 1),
  starts: new Int32Array(1),
  lines: new Int32Array(0),
  columns: new Int32Array(0),
  titleEnds: new Int32Array(0),
  parents: new Int32Array(0),
  styles: new Uint8Array(0),
};

export function fileSymbols(outline: Outline, pinyin: PinyinTable): FileSymbols {
  const headings = outline.headings;
  const n = headings.length;
  if (n === 0) return NO_SYMBOLS;
  const starts = new Int32Array(n + 1);
  const lines = new Int32Array(n);
  const columns = new Int32Array(n);
  const titleEnds = new Int32Array(n);
  const parents = new Int32Array(n);
  const styles = new Uint8Array(n);
  const index = new Map<object, number>();
  const names: string[] = new Array(n);
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const h = headings[i];
    index.set(h, i);
    // A name never holds a line break; be safe should one ever slip through.
    const name = h.name.includes(SEPARATOR) ? h.name.replace(/\n/g, ' ') : h.name;
    names[i] = name;
    starts[i] = offset;
    offset += name.length + 1;
    lines[i] = h.line;
    columns[i] = h.start;
    titleEnds[i] = h.titleEnd;
    parents[i] = h.parent === undefined ? -1 : (index.get(h.parent) ?? -1);
    styles[i] = STYLE_CODE.get(h.style)!;
  }
  starts[n] = offset;
  names.push('');
  const text = names.join(SEPARATOR);
  const lower = lowerCase(text);
  const readings = pinyin.readingsOf(text);
  const { positions, offsets } = pinyin.positionsByInitial(lower, readings);
  return { text, lower, readings, byInitial: positions, initialOffsets: offsets, starts, lines, columns, titleEnds, parents, styles };
}

/** Lower case with the same length (offsets must keep pointing at the same characters). */
export function lowerCase(text: string): string {
  const lower = text.toLowerCase();
  if (lower === text) return text; // keep one string, not two equal ones
  if (lower.length === text.length) return lower;
  // A few characters grow when lower-cased (İ); fold the rest one by one.
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** Bytes the index holds for these symbols (strings and arrays), for the benchmark. */
export function symbolBytes(s: FileSymbols): number {
  const strings = s.text.length * 2 + (s.lower === s.text ? 0 : s.lower.length * 2);
  return strings + s.byInitial.byteLength + s.initialOffsets.byteLength + s.readings.byteLength + s.starts.byteLength + s.lines.byteLength + s.columns.byteLength + s.titleEnds.byteLength + s.parents.byteLength + s.styles.byteLength;
}

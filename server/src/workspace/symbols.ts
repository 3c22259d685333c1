// The headings of one file as the workspace index keeps them: no Heading
// objects and no file text, only the names joined into one string, the
// names' keys as the matcher reads them (engine/nameMatch.ts NameTable) and
// a few typed arrays. About 8 bytes per name character plus 21 bytes per
// heading; 10 and 25 in a file where some name differs from its key (has
// whitespace, capitals or full-width letters), which keeps both.

import { HEADING_STYLES, HeadingStyle, Outline } from '../engine';
import { NO_NAMES, NameTable, SEPARATOR, nameTable, nameTableBytes } from '../engine/nameMatch';
import { PinyinTable } from '../engine/pinyin';

/** Styles by their code in FileSymbols.styles: the engine's list, so every style has a code. */
export const STYLES: readonly HeadingStyle[] = HEADING_STYLES;
const STYLE_CODE = new Map(STYLES.map((s, i) => [s, i]));

export interface FileSymbols extends NameTable {
  /** The untruncated names, each followed by SEPARATOR (the same string as `keys` when no name differs from its key). */
  readonly text: string;
  /** Where each name starts in `text`; one more entry, text.length, at the end (`keyStarts` itself when text is keys). */
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

/**
 * Every FileSymbols is made here, with its fields in this one order: a
 * spread ({ ...table }) gave objects of several shapes, and the matcher's
 * reads of them (nameMatch.ts) went megamorphic — queries took twice as long.
 */
function symbols(table: NameTable, own: Omit<FileSymbols, keyof NameTable>): FileSymbols {
  return {
    keys: table.keys,
    keyStarts: table.keyStarts,
    readings: table.readings,
    byInitial: table.byInitial,
    initialOffsets: table.initialOffsets,
    text: own.text,
    starts: own.starts,
    lines: own.lines,
    columns: own.columns,
    titleEnds: own.titleEnds,
    parents: own.parents,
    styles: own.styles,
  };
}

export const NO_SYMBOLS: FileSymbols = symbols(NO_NAMES, {
  text: '',
  starts: NO_NAMES.keyStarts,
  lines: new Int32Array(0),
  columns: new Int32Array(0),
  titleEnds: new Int32Array(0),
  parents: new Int32Array(0),
  styles: new Uint8Array(0),
});

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
  const table = nameTable(names, pinyin);
  names.push('');
  const joined = names.join(SEPARATOR);
  // Most names are their own keys (no whitespace, capitals or full-width letters): one string then, and one array.
  const same = joined === table.keys;
  return symbols(table, { text: same ? table.keys : joined, starts: same ? table.keyStarts : starts, lines, columns, titleEnds, parents, styles });
}

/** Bytes the index holds for these symbols (strings and arrays), for the benchmark. */
export function symbolBytes(s: FileSymbols): number {
  const own = (s.text === s.keys ? 0 : s.text.length * 2) + (s.starts === s.keyStarts ? 0 : s.starts.byteLength);
  return nameTableBytes(s) + own + s.lines.byteLength + s.columns.byteLength + s.titleEnds.byteLength + s.parents.byteLength + s.styles.byteLength;
}

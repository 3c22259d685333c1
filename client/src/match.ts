// Filtering heading names by what the user types: the Chinese text itself,
// full pinyin (zhengzhizhanwei) or initials (zzzw), contiguous in the name.
//
// pinyin-match was chosen over pinyin-pro for the client after measuring both
// bundled and minified (see the report/README): 50 KB instead of 468 KB in
// dist/extension.js, 16–20 ms to load instead of 53–160 ms, and 20–50 µs a
// name per query for either. It knows every reading of a polyphonic
// character (重庆 matches cq and zq), and matches contiguous runs, which keeps
// two-letter initials from matching half the document as pinyin-pro's
// scattered match does. The workspace search (tigang/searchSections) ranks
// on the server, which has its own index.

import PinyinMatch from 'pinyin-match';
import { stripWhitespace } from '../../server/src/engine/names';

/**
 * A query or a name as the pickers compare them: lower case, every
 * whitespace character removed (the engine's own class: space, tab, U+3000,
 * U+00A0). Removed rather than folded to one space because whitespace in
 * Chinese is layout, not a word boundary: 第一章　总则 is named "第一章 总则"
 * and people type 第一章总则; pinyin is typed with or without spaces between
 * syllables (zheng zhi, zhengzhi). Jump to Section filters with this; the
 * workspace search ranks on the server (server/src/workspace/query.ts).
 */
export function normalizeQuery(query: string): string {
  return stripWhitespace(query, 0, query.length, Infinity).toLowerCase().replace(/[\r\n]/g, '');
}

/** Whether the name matches the normalized query (see normalizeQuery). */
export function matches(name: string, query: string): boolean {
  if (query === '') return true;
  if (normalizeQuery(name).includes(query)) return true;
  // pinyin-match only helps when the query has Latin letters (pinyin).
  if (!/[a-z]/.test(query)) return false;
  return PinyinMatch.match(name, query) !== false;
}

/**
 * Filters a list as the user types. Each keystroke that extends the previous
 * query only re-tests what matched before (a name that does not match "zz"
 * cannot match "zzz"), so typing stays fast on documents with thousands of
 * headings.
 */
export class IncrementalFilter<T> {
  private lastQuery = '';
  private lastMatches: readonly T[];

  constructor(
    private readonly all: readonly T[],
    private readonly nameOf: (item: T) => string,
  ) {
    this.lastMatches = all;
  }

  filter(rawQuery: string): readonly T[] {
    const query = normalizeQuery(rawQuery);
    const base = query.startsWith(this.lastQuery) ? this.lastMatches : this.all;
    const result = query === '' ? this.all : base.filter((item) => matches(this.nameOf(item), query));
    this.lastQuery = query;
    this.lastMatches = result;
    return result;
  }
}

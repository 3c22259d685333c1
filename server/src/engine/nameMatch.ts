// What a query matches among heading names, for every picker: Jump to
// Section and the 提纲 view's filter on the client (client/src/match.ts), and
// the workspace section search on the server (server/src/workspace/). One
// normalisation (normalizeQuery) for queries and names alike, one matcher.
//
// Tiers, best first: the whole name (exact), the start of the name (prefix),
// anywhere in the name (substring), pinyin — full, initials or a mix, over a
// run of characters (zzzw → 政治站位, zhengzhi → 政治, zhengzzw) — and last the
// query's characters in order with gaps (fuzzy: 政站 → 政治站位). Each name
// lands in its best tier only. Within a tier, earlier and tighter matches in
// shorter names come first, then table order (file path, then line). The
// pickers of one document keep document order and leave the fuzzy tier out
// (matchingNames); the workspace search ranks, fuzzy last.
//
// Speed: names of a table are one string, so exact/prefix/substring is an
// indexOf walk per table; pinyin tries only positions whose character can
// start with the query's first letter (a bit mask per reading set); fuzzy is
// one pass per table. Lower tiers are skipped once the better ones already
// fill the limit. Results are ranked by one float key per match and a
// native typed-array sort.

import { isSpace } from './names';
import { BUCKETS, PinyinTable, initialLength, keyBucket, letterBit } from './pinyin';

export const TIER_EXACT = 0;
export const TIER_PREFIX = 1;
export const TIER_SUBSTRING = 2;
export const TIER_PINYIN = 3;
export const TIER_FUZZY = 4;
export type Tier = 0 | 1 | 2 | 3 | 4;

export interface Match {
  /** Index into the files given to search(). */
  readonly file: number;
  /** Index of the heading within the file. */
  readonly symbol: number;
  readonly tier: Tier;
}

// key = tier · 2^48 + score · 2^32 + ordinal, exact in a double (< 2^53).
const TIER_UNIT = 2 ** 48;
const SCORE_UNIT = 2 ** 32;
/** Longest query the pinyin and fuzzy tiers look at (characters). */
const MAX_PATTERN = 64;
/** In PinyinMatcher moves: the query ends inside the character's syllable. */
const QUERY_ENDS = 1;
/** Recursion steps one pinyin match attempt may take before giving up. */
const PINYIN_STEPS = 4096;

/**
 * A query or a name as matching compares them: every whitespace character
 * removed (the engine's class, names.ts isSpace: space, tab, U+3000, U+00A0,
 * the zero-width ones; and line breaks a pasted query may hold), full-width
 * ASCII (ｚｚ, １, Ａ) written as ASCII, lower case. Removed rather than folded
 * to one space because whitespace in Chinese is layout, not a word boundary:
 * 第一章　总则 is named "第一章 总则" and people type 第一章总则; pinyin is
 * typed with or without spaces between syllables (zhi li, zhili). The index
 * keeps each name in this form (NameTable.keys), so a query is compared with
 * the same form of every name, in every picker.
 */
export function normalizeQuery(text: string): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 ? code === 0x0a || code === 0x0d || code === 0x09 : isSpace(code)) {
      out += text.slice(runStart, i);
      runStart = i + 1;
    } else if (code >= 0xff01 && code <= 0xff5e) {
      out += text.slice(runStart, i) + String.fromCharCode(code - 0xfee0);
      runStart = i + 1;
    }
  }
  return (runStart === 0 ? text : out + text.slice(runStart)).toLowerCase();
}

/** Tone marks and ü as the pinyin tier reads a query: zhèng is zheng, nǚ and nü are nv (the dictionary's spelling). */
const TONED: Readonly<Record<string, string>> = {
  ā: 'a', á: 'a', ǎ: 'a', à: 'a', ē: 'e', é: 'e', ě: 'e', è: 'e', ī: 'i', í: 'i', ǐ: 'i', ì: 'i',
  ō: 'o', ó: 'o', ǒ: 'o', ò: 'o', ū: 'u', ú: 'u', ǔ: 'u', ù: 'u', ü: 'v', ǖ: 'v', ǘ: 'v', ǚ: 'v', ǜ: 'v', ń: 'n', ň: 'n', ǹ: 'n', ḿ: 'm',
};

/**
 * A normalised query as the pinyin and fuzzy tiers read it: without the
 * apostrophes that separate syllables (xi'an, xi’an) and without tone marks.
 */
export function pinyinQuery(query: string): string {
  return query.replace(/['’]/g, '').replace(/[āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]/g, (ch) => TONED[ch]);
}

/** Separates names in NameTable.keys; never part of a name (names are one line, normalizeQuery drops line breaks). */
export const SEPARATOR = '\n';

/**
 * Heading names as the matcher reads them: one string of their keys
 * (normalizeQuery of each name) and a few typed arrays. The workspace index
 * keeps one per file (FileSymbols); a picker builds one for its document.
 */
export interface NameTable {
  /** normalizeQuery of each name, each followed by SEPARATOR. */
  readonly keys: string;
  /** Where each name's key starts in `keys`; one more entry, keys.length, at the end. */
  readonly keyStarts: Int32Array;
  /** Reading set (PinyinTable) of each UTF-16 unit of `keys`. */
  readonly readings: Uint16Array;
  /** Where a pinyin match may start, by first letter (PinyinTable.positionsByInitial). */
  readonly byInitial: Int32Array;
  /** Bucket b of byInitial is byInitial[initialOffsets[b]] .. byInitial[initialOffsets[b + 1] - 1]. */
  readonly initialOffsets: Int32Array;
}

export const NO_NAMES: NameTable = { keys: '', keyStarts: new Int32Array(1), readings: new Uint16Array(0), byInitial: new Int32Array(0), initialOffsets: new Int32Array(BUCKETS + 1) };

/** The table of these names (none holds a line break). */
export function nameTable(names: readonly string[], pinyin: PinyinTable): NameTable {
  if (names.length === 0) return NO_NAMES;
  const keyStarts = new Int32Array(names.length + 1);
  const parts: string[] = new Array(names.length + 1);
  let offset = 0;
  for (let i = 0; i < names.length; i++) {
    const key = normalizeQuery(names[i]);
    parts[i] = key;
    keyStarts[i] = offset;
    offset += key.length + 1;
  }
  keyStarts[names.length] = offset;
  parts[names.length] = '';
  const keys = parts.join(SEPARATOR);
  const readings = pinyin.readingsOf(keys);
  const { positions, offsets } = pinyin.positionsByInitial(keys, readings);
  return { keys, keyStarts, readings, byInitial: positions, initialOffsets: offsets };
}

export function nameCount(t: NameTable): number {
  return t.keyStarts.length - 1;
}

/** Bytes a table holds (strings and arrays), for the benchmark. */
export function nameTableBytes(t: NameTable): number {
  return t.keys.length * 2 + t.keyStarts.byteLength + t.readings.byteLength + t.byInitial.byteLength + t.initialOffsets.byteLength;
}

/**
 * The names of one table that match a query by text or pinyin (tiers exact
 * to pinyin), ascending: what Jump to Section and the 提纲 view's filter
 * show, in document order. An empty query matches every name.
 */
export function matchingNames(table: NameTable, query: string, pinyin: PinyinTable): number[] {
  const found = search([table], query, Infinity, pinyin, TIER_PINYIN).map((m) => m.symbol);
  return found.sort((a, b) => a - b);
}

function score(position: number, length: number): number {
  return Math.min(position, 255) * 256 + Math.min(length, 255);
}

class Keys {
  values = new Float64Array(1024);
  count = 0;
  add(key: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = key;
  }
}

/**
 * The best `limit` matches of `query` among the tables' names, ranked, in
 * tiers up to `maxTier`. An empty query gives the first `limit` names in
 * table order.
 */
export function search(files: readonly NameTable[], query: string, limit: number, pinyin: PinyinTable, maxTier: Tier = TIER_FUZZY): Match[] {
  const bases = new Int32Array(files.length + 1);
  for (let f = 0; f < files.length; f++) bases[f + 1] = bases[f] + nameCount(files[f]);
  const total = bases[files.length];
  const q = normalizeQuery(query);
  if (limit <= 0) return [];
  if (q === '') {
    const out: Match[] = [];
    for (let f = 0; f < files.length && out.length < limit; f++) {
      const n = nameCount(files[f]);
      for (let i = 0; i < n && out.length < limit; i++) out.push({ file: f, symbol: i, tier: TIER_EXACT });
    }
    return out;
  }
  const keys = new Keys();
  const matched = new Uint8Array(total);

  // Exact, prefix, substring.
  for (let f = 0; f < files.length; f++) {
    const s = files[f];
    const base = bases[f];
    const { keys: lower, keyStarts: starts } = s;
    let at = lower.indexOf(q);
    while (at !== -1) {
      const i = runAt(starts, at);
      const start = starts[i];
      const length = starts[i + 1] - 1 - start;
      let key: number;
      if (at === start) key = length === q.length ? TIER_EXACT * TIER_UNIT : TIER_PREFIX * TIER_UNIT + length * SCORE_UNIT;
      else key = TIER_SUBSTRING * TIER_UNIT + score(at - start, length) * SCORE_UNIT;
      keys.add(key + base + i);
      matched[base + i] = 1;
      at = lower.indexOf(q, starts[i + 1]);
    }
  }

  const compact = pinyinQuery(q);
  if (keys.count < limit && maxTier >= TIER_PINYIN && /[a-z]/.test(compact) && compact.length <= MAX_PATTERN) {
    const matcher = new PinyinMatcher(compact, pinyin);
    for (let f = 0; f < files.length; f++) matcher.scan(files[f], bases[f], matched, keys);
  }
  if (keys.count < limit && maxTier >= TIER_FUZZY && compact.length >= 2 && compact.length <= MAX_PATTERN) {
    for (let f = 0; f < files.length; f++) fuzzyScan(files[f], bases[f], compact, matched, keys);
  }

  const n = Math.min(limit, keys.count);
  const sorted = smallestSorted(keys.values.subarray(0, keys.count), n);
  const out: Match[] = [];
  for (let k = 0; k < n; k++) {
    const key = sorted[k];
    const tier = Math.floor(key / TIER_UNIT) as Tier;
    const ordinal = key % SCORE_UNIT;
    const f = runAt(bases, ordinal);
    out.push({ file: f, symbol: ordinal - bases[f], tier });
  }
  return out;
}

/**
 * The k smallest values, sorted: a quickselect moves them to the front, so a
 * query matching 100,000 names sorts only what it returns.
 */
function smallestSorted(values: Float64Array, k: number): Float64Array {
  if (values.length > 4 * k) {
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const pivot = values[(lo + hi) >>> 1];
      let l = lo;
      let h = hi;
      while (l <= h) {
        while (values[l] < pivot) l++;
        while (values[h] > pivot) h--;
        if (l <= h) {
          const t = values[l];
          values[l++] = values[h];
          values[h--] = t;
        }
      }
      if (k - 1 <= h) hi = h;
      else if (k - 1 >= l) lo = l;
      else break;
    }
  }
  return values.subarray(0, Math.min(k, values.length)).sort();
}

/**
 * The run that holds `x`, given where the runs start (ascending, the last
 * entry the end): the last i, up to length - 2, with starts[i] <= x. The
 * name that holds an offset of a NameTable's keys, or the file that holds a
 * global ordinal (files without headings share a base with the next one: the
 * last of them holds it).
 */
function runAt(starts: Int32Array, x: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Pinyin over a run of characters: each character is matched by its whole
 * syllable, its initial (z, zh) or, as the last one, any start of its
 * syllable; a character that is not Han (or a Han character the query
 * repeats) matches itself.
 */
class PinyinMatcher {
  private readonly q: Int32Array;
  private readonly m: number;
  private readonly sets: string[][];
  private readonly firstLetters: Int32Array;
  private readonly secondLetters: Int32Array;
  private lower = '';
  private readings: Uint16Array = new Uint16Array(0);
  private end = 0;
  private steps = 0;
  /** movesOf() by reading set and query offset; -1 until computed. */
  private readonly moves: Int16Array;

  constructor(query: string, pinyin: PinyinTable) {
    this.m = query.length;
    this.q = new Int32Array(this.m);
    for (let i = 0; i < this.m; i++) this.q[i] = query.charCodeAt(i);
    this.sets = pinyin.sets;
    this.firstLetters = pinyin.firstLetters;
    this.secondLetters = pinyin.secondLetters;
    this.moves = new Int16Array(pinyin.sets.length * (this.m + 1)).fill(-1);
  }

  scan(s: NameTable, base: number, matched: Uint8Array, keys: Keys): void {
    const { keys: lower, readings, keyStarts: starts } = s;
    this.lower = lower;
    this.readings = readings;
    const m = this.m;
    const first = this.q[0];
    if (!isKey(first)) {
      // A query that starts with a character of the name itself (政zw).
      const needle = String.fromCharCode(first);
      for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + 1)) {
        const i = runAt(starts, at);
        if (matched[base + i] === 1 || !this.attempt(at, starts, i, base, matched, keys)) continue;
        at = starts[i + 1] - 1;
      }
      return;
    }
    const { firstLetters, secondLetters } = this;
    const second = m > 1 ? this.q[1] : -1;
    const bit2 = letterBit(second);
    // A second character that is no letter (z政) is checked by the match itself.
    const checkSecond = m > 1 && isKey(second);
    // Where a match may start: the positions whose readings (or the
    // character itself) start with the query's first letter, precomputed.
    const { byInitial, initialOffsets } = s;
    const bucket = keyBucket(first);
    const last = initialOffsets[bucket + 1];
    let i = 0; // the name `at` is in
    let skipTo = 0; // positions before this are in a name already matched
    for (let k = initialOffsets[bucket]; k < last; k++) {
      const at = byInitial[k];
      if (at < skipTo) continue;
      // Can the query's second letter follow: in the same syllable, or as the next character?
      if (checkSecond && (secondLetters[readings[at]] & bit2) === 0 && (firstLetters[readings[at + 1]] & bit2) === 0 && lower.charCodeAt(at + 1) !== second) continue;
      while (starts[i + 1] <= at) i++;
      if (matched[base + i] === 1 || this.attempt(at, starts, i, base, matched, keys)) skipTo = starts[i + 1];
    }
  }

  /** Tries a match from `at` in name i; records it when there is one. */
  private attempt(at: number, starts: Int32Array, i: number, base: number, matched: Uint8Array, keys: Keys): boolean {
    const start = starts[i];
    const end = starts[i + 1] - 1;
    this.end = end;
    this.steps = 0;
    if (!this.from(at, 0)) return false;
    keys.add(TIER_PINYIN * TIER_UNIT + score(at - start, end - start) * SCORE_UNIT + base + i);
    matched[base + i] = 1;
    return true;
  }

  /** Whether query[j..] matches the name from character i on. */
  private from(i: number, j: number): boolean {
    if (j === this.m) return true;
    if (i >= this.end || ++this.steps > PINYIN_STEPS) return false;
    if (this.lower.charCodeAt(i) === this.q[j] && this.from(i + 1, j + 1)) return true;
    const set = this.readings[i];
    if (set === 0) return false;
    let moves = this.moves[set * (this.m + 1) + j];
    if (moves < 0) moves = this.movesOf(set, j);
    if (moves & QUERY_ENDS) return true;
    for (let length = 1; moves >>> length !== 0; length++) {
      if ((moves >>> length) & 1 && this.from(i + 1, j + length)) return true;
    }
    return false;
  }

  /**
   * How far into the query a character with these readings can take a match
   * standing at query[j]: bit L for L letters (the whole syllable, its initial
   * z or zh, or z for zh), QUERY_ENDS when the query ends inside a syllable.
   * Computed once per reading set and offset for each query.
   */
  private movesOf(set: number, j: number): number {
    let moves = 0;
    for (const syllable of this.sets[set]) {
      let k = 0;
      while (k < syllable.length && j + k < this.m && syllable.charCodeAt(k) === this.q[j + k]) k++;
      if (k === 0) continue;
      if (j + k === this.m) {
        moves |= QUERY_ENDS;
        continue;
      }
      if (k === syllable.length) moves |= 1 << k;
      const initial = initialLength(syllable);
      if (initial < syllable.length && k >= initial) moves |= 1 << initial;
      if (initial === 2) moves |= 1 << 1; // z for zh
    }
    this.moves[set * (this.m + 1) + j] = moves;
    return moves;
  }
}

/** ASCII a–z or 0–9: what a name's pair codes hold for letters and digits. */
function isKey(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/** The query's characters in order within one name; tighter spans first. */
function fuzzyScan(s: NameTable, base: number, query: string, matched: Uint8Array, keys: Keys): void {
  const { keys: lower, keyStarts: starts } = s;
  const m = query.length;
  const first = query[0];
  let at = lower.indexOf(first);
  while (at !== -1) {
    const i = runAt(starts, at);
    const start = starts[i];
    const end = starts[i + 1] - 1;
    if (matched[base + i] !== 1) {
      // Forward: the first place where the whole query fits.
      let j = 1;
      let p = at + 1;
      for (; p < end && j < m; p++) {
        if (lower.charCodeAt(p) === query.charCodeAt(j)) j++;
      }
      if (j === m) {
        // Backward from the end found: the latest start, for the tightest span.
        const last = p - 1;
        let b = last;
        let k = m - 1;
        for (; b >= start; b--) {
          if (lower.charCodeAt(b) === query.charCodeAt(k) && --k < 0) break;
        }
        const gaps = last - b + 1 - m;
        keys.add(TIER_FUZZY * TIER_UNIT + (Math.min(gaps, 255) * 256 + Math.min(end - start, 255)) * SCORE_UNIT + base + i);
        matched[base + i] = 1;
      }
    }
    at = lower.indexOf(first, end + 1);
  }
}

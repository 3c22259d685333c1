// Pinyin readings of Han characters, kept as small integers so that the index
// stores one Uint16 per character of a heading name (its "reading set") and
// the query matcher compares letters against a few hundred syllable strings.
//
// The readings come from pinyin-match's dictionary (the 6,768 characters of
// GB 2312 under their 404 toneless syllables, every reading of a polyphonic
// character included: 重 → zhong, chong); the workspace index and the
// client's pickers each build this table (nameMatch.ts matches with it). Measured against pinyin-pro's
// polyphonic() as the source (README, issue 4): 26 KB instead of 440 KB in
// dist/server.js, 5 ms instead of 50 ms to load, +1.6 MB RSS instead of
// +16 MB, and in our sample documents every Han character but 〇 covered.
// Characters outside GB 2312 (堃, 喆) have no pinyin; they still match as
// themselves.

import { dict } from 'pinyin-match/src/simplified_dict.js';

/** The Han characters that can have a reading: CJK Ext. A, Unified Ideographs, Compatibility. */
const HAN_FIRST = 0x3400;
const HAN_LAST = 0x9fff;
const COMPAT_FIRST = 0xf900;
const COMPAT_LAST = 0xfaff;

/** Set id 0: no reading (not a Han character, or one the dictionary lacks). */
export const NO_READING = 0;

/** Buckets of positionsByInitial: a–z, then 0–9. */
export const BUCKETS = 36;

/** The bucket of an ASCII letter (0–25) or digit (26–35); -1 for anything else. */
export function keyBucket(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  if (code >= 0x30 && code <= 0x39) return 26 + code - 0x30;
  return -1;
}

/** Readings the dictionary lacks that headings use. */
const SUPPLEMENT: Readonly<Record<string, readonly string[]>> = { '〇': ['ling'] };

/** ju qu xu yu … are jü qü xü yü: typed with v as well (as pinyin-match accepts). */
const U_AS_V = new Set(['ju', 'jun', 'jue', 'juan', 'qu', 'qun', 'que', 'quan', 'xu', 'xun', 'xue', 'xuan', 'yu', 'yun', 'yue', 'yuan']);

function slot(code: number): number {
  if (code >= HAN_FIRST && code <= HAN_LAST) return code - HAN_FIRST;
  if (code >= COMPAT_FIRST && code <= COMPAT_LAST) return HAN_LAST - HAN_FIRST + 1 + code - COMPAT_FIRST;
  return -1;
}

export class PinyinTable {
  /** Reading set id by Han character (see slot()); built on first use. */
  private bySlot: Uint16Array | undefined;
  /** 〇 and other characters outside the Han blocks that have a reading. */
  private readonly extra = new Map<number, number>();
  /** Syllables (toneless, ü written v) of each reading set; set 0 is empty. */
  readonly sets: string[][] = [[]];
  /**
   * Bit (letter - 'a') set for each letter a reading of the set starts with:
   * the matcher's cheap test of where a pinyin match may start.
   */
  firstLetters = new Int32Array(64);
  /** The same for the second letter of each reading (z-h-ong → h). */
  secondLetters = new Int32Array(64);
  private readonly setIds = new Map<string, number>();
  /**
   * Positions in a name text where a pinyin match can start, grouped by the
   * letter it would start with (counting sort, positions ascending within a
   * bucket): Han characters under the first letter of each of their readings
   * (重 under c and z), ASCII letters and digits in the name under
   * themselves. `offsets[b]` .. `offsets[b + 1]` is bucket b in `positions`.
   */
  positionsByInitial(lower: string, readings: Uint16Array): { positions: Int32Array; offsets: Int32Array } {
    const offsets = new Int32Array(BUCKETS + 1);
    const count = (b: number) => offsets[b + 1]++;
    this.eachBucket(lower, readings, count);
    for (let b = 0; b < BUCKETS; b++) offsets[b + 1] += offsets[b];
    const positions = new Int32Array(offsets[BUCKETS]);
    const fill = offsets.slice(0, BUCKETS);
    this.eachBucket(lower, readings, (b, i) => (positions[fill[b]++] = i));
    return { positions, offsets };
  }

  private eachBucket(lower: string, readings: Uint16Array, visit: (bucket: number, at: number) => void): void {
    for (let i = 0; i < lower.length; i++) {
      const set = readings[i];
      if (set === NO_READING) {
        const b = keyBucket(lower.charCodeAt(i));
        if (b >= 0) visit(b, i);
        continue;
      }
      for (let mask = this.firstLetters[set], b = 0; mask !== 0; mask >>>= 1, b++) if (mask & 1) visit(b, i);
    }
  }

  /** The reading set of each UTF-16 unit of `text` (0 for characters without pinyin). */
  readingsOf(text: string): Uint16Array {
    const bySlot = this.bySlot ?? this.load();
    const out = new Uint16Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x3000) continue; // ASCII, Latin, punctuation: fast path
      const at = slot(code);
      if (at >= 0) out[i] = bySlot[at];
      else if (this.extra.size > 0) out[i] = this.extra.get(code) ?? NO_READING;
    }
    return out;
  }

  /** Inverts the dictionary (syllable → characters) into reading sets by character. */
  private load(): Uint16Array {
    const bySlot = new Uint16Array(HAN_LAST - HAN_FIRST + 1 + COMPAT_LAST - COMPAT_FIRST + 1);
    const readings = new Map<string, string[]>();
    const add = (ch: string, syllable: string) => {
      const list = readings.get(ch);
      if (list === undefined) readings.set(ch, [syllable]);
      else if (!list.includes(syllable)) list.push(syllable);
    };
    for (const [syllable, chars] of Object.entries(dict)) {
      if (!/^[a-z]+$/.test(syllable)) continue;
      for (const ch of chars) {
        add(ch, syllable);
        if (U_AS_V.has(syllable)) add(ch, syllable.replace('u', 'v'));
      }
    }
    for (const [ch, syllables] of Object.entries(SUPPLEMENT)) for (const s of syllables) add(ch, s);
    for (const [ch, syllables] of readings) {
      const code = ch.charCodeAt(0);
      if (ch.length !== 1) continue;
      const at = slot(code);
      if (at >= 0) bySlot[at] = this.setId(syllables);
      else this.extra.set(code, this.setId(syllables));
    }
    this.bySlot = bySlot;
    return bySlot;
  }

  private setId(syllables: string[]): number {
    const key = syllables.join(' ');
    let id = this.setIds.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(syllables);
      this.setIds.set(key, id);
      if (id >= this.firstLetters.length) {
        this.firstLetters = grow(this.firstLetters);
        this.secondLetters = grow(this.secondLetters);
      }
      this.firstLetters[id] = letterMask(syllables, 0);
      this.secondLetters[id] = letterMask(syllables, 1);
    }
    return id;
  }
}

function grow(array: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/** One bit per letter (a = bit 0) found at `index` in any of the syllables. */
function letterMask(syllables: readonly string[], index: number): number {
  let mask = 0;
  for (const s of syllables) if (s.length > index) mask |= letterBit(s.charCodeAt(index));
  return mask;
}

/** The bit of a lower-case ASCII letter in a letter mask; 0 for anything else. */
export function letterBit(code: number): number {
  return code >= 0x61 && code <= 0x7a ? 1 << (code - 0x61) : 0;
}

/** Length of a syllable's initial: 2 for zh ch sh, else 1. */
export function initialLength(syllable: string): number {
  return syllable.length > 2 && syllable.charCodeAt(1) === 0x68 /* h */ && 'zcs'.includes(syllable[0]) ? 2 : 1;
}

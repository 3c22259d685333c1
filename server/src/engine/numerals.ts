// Numerals as Chinese documents write them in heading markers.
// Character classes are lookup tables because they run once per line of a
// 10 MB document.

/** Value of each Chinese digit character (ordinary and financial), -1 elsewhere; indexed by char code. */
const CN_DIGIT = new Int8Array(0x10000).fill(-1);
/** Multiplier of 十 百 千 and their financial forms, 0 elsewhere. */
const CN_UNIT = new Uint16Array(0x10000);
// Traditional forms count too: 兩 貳 參 叄 陸 (Taiwan documents number 壹、貳、參、).
for (const [chars, value] of [['〇零', 0], ['一壹', 1], ['二两兩贰貳', 2], ['三叁叄參', 3], ['四肆', 4], ['五伍', 5], ['六陆陸', 6], ['七柒', 7], ['八捌', 8], ['九玖', 9]] as const) {
  for (const ch of chars) CN_DIGIT[ch.charCodeAt(0)] = value;
}
for (const [chars, value] of [['十拾', 10], ['百佰', 100], ['千仟', 1000]] as const) {
  for (const ch of chars) CN_UNIT[ch.charCodeAt(0)] = value;
}
const LIANG = 0x4e24; // 两
const LIANG_TRADITIONAL = 0x5169; // 兩

/** The longest numeral we read; a heading number is never this long. */
const MAX_NUMERAL_LENGTH = 8;

export function isCnNumeralChar(code: number): boolean {
  return CN_DIGIT[code] >= 0 || CN_UNIT[code] > 0;
}

/** ASCII 0-9 or full-width ０-９; returns the digit or -1. */
export function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10;
  return -1;
}

export interface NumeralMatch {
  value: number;
  /** Offset just after the numeral. */
  end: number;
}

/**
 * Reads a Chinese numeral (一, 十一, 二十, 一百零五, 二〇二一, 拾贰) starting at
 * `start`. 两 (兩) only counts inside a larger number (两 alone is a word, 两个).
 * Runs once per line that starts with a numeral, so it reads char codes from
 * tables and computes the value in the same loop.
 */
export function readCnNumeral(text: string, start: number, limit: number): NumeralMatch | undefined {
  const first = text.charCodeAt(start);
  if (first === LIANG || first === LIANG_TRADITIONAL) return undefined;
  const stop = Math.min(limit, start + MAX_NUMERAL_LENGTH);
  let end = start;
  let total = 0; // with units: the sum so far
  let positional = 0; // without units: digits read one after another (二〇二一)
  let digit = -1; // the digit waiting for a unit
  let hasUnit = false;
  while (end < stop) {
    const code = text.charCodeAt(end);
    const unit = CN_UNIT[code];
    if (unit > 0) {
      hasUnit = true;
      total += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
    } else {
      const d = CN_DIGIT[code];
      if (d < 0) break;
      digit = d;
      positional = positional * 10 + d;
    }
    end++;
  }
  if (end === start) return undefined;
  return { value: hasUnit ? total + (digit > 0 ? digit : 0) : positional, end };
}

/** Reads ASCII or full-width digits (at most 6) starting at `start`. */
export function readArabic(text: string, start: number, limit: number): NumeralMatch | undefined {
  let end = start;
  let value = 0;
  const stop = Math.min(limit, start + 6);
  while (end < stop) {
    const d = digitValue(text.charCodeAt(end));
    if (d < 0) break;
    value = value * 10 + d;
    end++;
  }
  return end === start ? undefined : { value, end };
}

/** Reads either kind of numeral. */
export function readNumeral(text: string, start: number, limit: number): NumeralMatch | undefined {
  return readArabic(text, start, limit) ?? readCnNumeral(text, start, limit);
}

/**
 * Value of a circled or parenthesised number character (① ⑴ ⒈ ㉑ ㊱), or 0.
 * ㈠–㈩ are handled apart: they are the paren-cn style, not circled.
 */
export function circledValue(code: number): number {
  if (code >= 0x2460 && code <= 0x2473) return code - 0x2460 + 1; // ①–⑳
  if (code >= 0x2474 && code <= 0x2487) return code - 0x2474 + 1; // ⑴–⒇
  if (code >= 0x2488 && code <= 0x249b) return code - 0x2488 + 1; // ⒈–⒛
  if (code >= 0x3251 && code <= 0x325f) return code - 0x3251 + 21; // ㉑–㉟
  if (code >= 0x32b1 && code <= 0x32bf) return code - 0x32b1 + 36; // ㊱–㊿
  return 0;
}

/** ㈠–㈩ → 1–10, else 0. */
export function parenthesizedCnValue(code: number): number {
  return code >= 0x3220 && code <= 0x3229 ? code - 0x3220 + 1 : 0;
}

const STEMS = '甲乙丙丁戊己庚辛壬癸';
const STEM_VALUE = new Uint8Array(0x10000);
for (let i = 0; i < STEMS.length; i++) STEM_VALUE[STEMS.charCodeAt(i)] = i + 1;

/** The ten heavenly stems 甲…癸 → 1–10, else 0 (docs/headings.md §2, the stem style). */
export function stemValue(code: number): number {
  return STEM_VALUE[code];
}

// ---------------------------------------------------------------- writing

/** How a number is written in a marker: the kinds the readers above accept. */
export type NumeralKind =
  | 'chinese' // 一 十一 二十 一百零五
  | 'financial' // 壹 壹拾壹 贰拾
  | 'ascii' // 1 12
  | 'fullwidth' // １ １２
  | 'circled' // ① … ⑳ ㉑ … ㊿
  | 'parenthesized' // ⑴ … ⒇
  | 'full-stop' // ⒈ … ⒛
  | 'enclosed' // ㈠ … ㈩
  | 'stem'; // 甲 … 癸

export interface NumeralForm {
  readonly kind: NumeralKind;
  /** Chinese and financial: the zero inside a number, 零 (一百零五) or 〇 (一百〇五). */
  readonly zero?: '零' | '〇';
  /** Digits: written at least this wide with leading zeros (第001章 → 3). */
  readonly pad?: number;
}

const CN_DIGITS = '〇一二三四五六七八九';
const FINANCIAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const FINANCIAL = new Set('壹贰叁肆伍陆柒捌玖拾佰仟');
const CN_UNITS = ['千', '百', '十', ''];
const FINANCIAL_UNITS = ['仟', '佰', '拾', ''];

/** The largest number each kind can write (Chinese numerals are read up to 千, see readCnNumeral). */
const MAX_VALUE: Readonly<Record<NumeralKind, number>> = {
  chinese: 9999,
  financial: 9999,
  ascii: 999999,
  fullwidth: 999999,
  circled: 50,
  parenthesized: 20,
  'full-stop': 20,
  enclosed: 10,
  stem: 10,
};

/**
 * Writes `value` as `form` says, or undefined when the kind cannot write it
 * (① stops at ㊿, 甲 at 癸, 0 has no marker). The readers above read every
 * result back to `value` (test/unit/numerals.test.ts).
 */
export function writeNumeral(value: number, form: NumeralForm): string | undefined {
  if (!Number.isInteger(value) || value < 1 || value > MAX_VALUE[form.kind]) return undefined;
  switch (form.kind) {
    case 'chinese':
      return writeCn(value, CN_DIGITS, CN_UNITS, form.zero ?? '零', true);
    case 'financial':
      return writeCn(value, FINANCIAL_DIGITS, FINANCIAL_UNITS, form.zero ?? '零', false);
    case 'ascii':
      return String(value).padStart(form.pad ?? 1, '0');
    case 'fullwidth':
      return String(value)
        .padStart(form.pad ?? 1, '0')
        .replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + d.charCodeAt(0) - 0x30));
    case 'circled':
      return String.fromCharCode(value <= 20 ? 0x2460 + value - 1 : value <= 35 ? 0x3251 + value - 21 : 0x32b1 + value - 36);
    case 'parenthesized':
      return String.fromCharCode(0x2474 + value - 1);
    case 'full-stop':
      return String.fromCharCode(0x2488 + value - 1);
    case 'enclosed':
      return String.fromCharCode(0x3220 + value - 1);
    case 'stem':
      return STEMS[value - 1];
  }
}

/**
 * 1–9999 with units: 十 十一 二十 一百零五 一百一十 一千零四十. A run of zero
 * places inside the number is one `zero`; 10–19 drop the leading 一 in
 * ordinary numerals (十一) and keep it in financial ones (壹拾壹).
 */
function writeCn(value: number, digits: string, units: readonly string[], zero: string, tenAlone: boolean): string {
  let out = '';
  let zeros = false;
  const places = [Math.floor(value / 1000) % 10, Math.floor(value / 100) % 10, Math.floor(value / 10) % 10, value % 10];
  for (let p = 0; p < 4; p++) {
    const d = places[p];
    if (d === 0) {
      zeros = out !== '';
      continue;
    }
    if (zeros) out += zero;
    zeros = false;
    if (!(tenAlone && p === 2 && d === 1 && out === '')) out += digits[d];
    out += units[p];
  }
  return out;
}

export interface WrittenNumeral extends NumeralMatch {
  readonly form: NumeralForm;
}

/**
 * Reads a numeral of any kind at `start` and tells how it is written: the
 * kind a list's next number must be written in.
 */
export function readWrittenNumeral(text: string, start: number, limit: number): WrittenNumeral | undefined {
  if (start >= limit) return undefined;
  const code = text.charCodeAt(start);
  const digit = digitValue(code);
  if (digit >= 0) {
    const num = readArabic(text, start, limit)!;
    const kind: NumeralKind = code >= 0xff10 ? 'fullwidth' : 'ascii';
    const width = num.end - start;
    return { value: num.value, end: num.end, form: digit === 0 && width > 1 ? { kind, pad: width } : FORMS[kind] };
  }
  const kind = singleCharacterKind(code);
  if (kind !== undefined) return { value: kind === 'stem' ? stemValue(code) : kind === 'enclosed' ? parenthesizedCnValue(code) : circledValue(code), end: start + 1, form: FORMS[kind] };
  if (!isCnNumeralChar(code)) return undefined;
  const cn = readCnNumeral(text, start, limit);
  if (cn === undefined) return undefined;
  let financial = false;
  let zero = false;
  for (let i = start; i < cn.end; i++) {
    const ch = text[i];
    if (FINANCIAL.has(ch)) financial = true;
    else if (ch === '〇') zero = true;
  }
  const cnKind: NumeralKind = financial ? 'financial' : 'chinese';
  return { value: cn.value, end: cn.end, form: zero ? { kind: cnKind, zero: '〇' } : FORMS[cnKind] };
}

/** One shared form per kind, for numerals that need no zero or padding. */
const FORMS: Readonly<Record<NumeralKind, NumeralForm>> = Object.fromEntries(
  (['chinese', 'financial', 'ascii', 'fullwidth', 'circled', 'parenthesized', 'full-stop', 'enclosed', 'stem'] as const).map((kind) => [kind, Object.freeze({ kind })]),
) as Record<NumeralKind, NumeralForm>;

/** The kind of a numeral written as one character (① ⑴ ⒈ ㈠ 甲), else undefined. */
function singleCharacterKind(code: number): NumeralKind | undefined {
  if (code < 0x2460) return undefined;
  if (code <= 0x2473) return 'circled';
  if (code <= 0x2487) return 'parenthesized';
  if (code <= 0x249b) return 'full-stop';
  if ((code >= 0x3251 && code <= 0x325f) || (code >= 0x32b1 && code <= 0x32bf)) return 'circled';
  if (parenthesizedCnValue(code) > 0) return 'enclosed';
  if (stemValue(code) > 0) return 'stem';
  return undefined;
}

/**
 * A marker taken apart (docs/headings.md §7): what stands before its number
 * (（ ( 第 附件), the number and how it is written, and what follows it
 * (、 . ） 章 条 是). Offsets are into the marker text as written.
 */
export interface MarkerForm {
  readonly before: string;
  readonly value: number;
  readonly numeral: NumeralForm;
  readonly after: string;
  /** Where the numeral stands in the marker text. */
  readonly numeralStart: number;
  readonly numeralEnd: number;
}

/**
 * Takes apart a marker as written (from its start to its markerEnd), or
 * undefined when it holds no number (前言, 目录). `from` is where its number
 * may start at the earliest: a title line of a speech collection
 * (在……讲话篇2) carries its number after the last 篇.
 */
export function markerForm(marker: string, from = 0): MarkerForm | undefined {
  for (let i = from; i < marker.length; i++) {
    const num = readWrittenNumeral(marker, i, marker.length);
    if (num === undefined) continue;
    return {
      before: marker.slice(0, i),
      value: num.value,
      numeral: num.form,
      after: marker.slice(num.end),
      numeralStart: i,
      numeralEnd: num.end,
    };
  }
  return undefined;
}

/** The marker `form` with `value` in the place of its number, or undefined when its kind cannot write it. */
export function writeMarker(form: MarkerForm, value: number): string | undefined {
  const numeral = writeNumeral(value, form.numeral);
  return numeral === undefined ? undefined : form.before + numeral + form.after;
}

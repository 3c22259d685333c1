// Numerals as Chinese documents write them in heading markers.
// Character classes are lookup tables because they run once per line of a
// 10 MB document.

/** Value of each Chinese digit character (ordinary and financial), -1 elsewhere; indexed by char code. */
const CN_DIGIT = new Int8Array(0x10000).fill(-1);
/** Multiplier of 十 百 千 and their financial forms, 0 elsewhere. */
const CN_UNIT = new Uint16Array(0x10000);
for (const [chars, value] of [['〇零', 0], ['一壹', 1], ['二两贰', 2], ['三叁', 3], ['四肆', 4], ['五伍', 5], ['六陆', 6], ['七柒', 7], ['八捌', 8], ['九玖', 9]] as const) {
  for (const ch of chars) CN_DIGIT[ch.charCodeAt(0)] = value;
}
for (const [chars, value] of [['十拾', 10], ['百佰', 100], ['千仟', 1000]] as const) {
  for (const ch of chars) CN_UNIT[ch.charCodeAt(0)] = value;
}
const LIANG = 0x4e24; // 两

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
 * `start`. 两 only counts inside a larger number (两 alone is a word, 两个).
 * Runs once per line that starts with a numeral, so it reads char codes from
 * tables and computes the value in the same loop.
 */
export function readCnNumeral(text: string, start: number, limit: number): NumeralMatch | undefined {
  if (text.charCodeAt(start) === LIANG) return undefined;
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

// Numerals as Chinese documents write them in heading markers.
// Character classes are lookup tables because they run once per line of a
// 10 MB document.

/** Value of each Chinese digit character, ordinary and financial forms. */
const CN_DIGITS: Record<string, number> = {
  '〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
  '壹': 1, '贰': 2, '叁': 3, '肆': 4, '伍': 5, '陆': 6, '柒': 7, '捌': 8, '玖': 9,
};
/** Multipliers: 十 百 千 and their financial forms. */
const CN_UNITS: Record<string, number> = { '十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000 };

/** The longest numeral we read; a heading number is never this long. */
const MAX_NUMERAL_LENGTH = 8;

export function isCnNumeralChar(code: number): boolean {
  const ch = String.fromCharCode(code);
  return ch in CN_DIGITS || ch in CN_UNITS;
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
 */
export function readCnNumeral(text: string, start: number, limit: number): NumeralMatch | undefined {
  let end = start;
  const stop = Math.min(limit, start + MAX_NUMERAL_LENGTH);
  while (end < stop) {
    const ch = text[end];
    if (!(ch in CN_DIGITS) && !(ch in CN_UNITS)) break;
    end++;
  }
  if (end === start || text[start] === '两') return undefined;
  return { value: cnNumeralValue(text.slice(start, end)), end };
}

/** 十一 → 11, 二十 → 20, 一百零五 → 105, 二〇二一 → 2021 (digit by digit). */
export function cnNumeralValue(numeral: string): number {
  let hasUnit = false;
  for (const ch of numeral) if (ch in CN_UNITS) hasUnit = true;
  if (!hasUnit) {
    let value = 0;
    for (const ch of numeral) value = value * 10 + CN_DIGITS[ch];
    return value;
  }
  let total = 0;
  let digit = -1;
  for (const ch of numeral) {
    const unit = CN_UNITS[ch];
    if (unit !== undefined) {
      total += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
    } else {
      digit = CN_DIGITS[ch];
    }
  }
  return total + (digit > 0 ? digit : 0);
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

// docnumber.form and date.form (docs/headings.md §7): a 发文字号 line
// (X政发〔2024〕3号) written with other brackets, a two-digit year, a leading
// zero or a 第 before the number; a 成文日期 line alone on its line with
// leading zeros (2024年01月05日). GB/T 9704-2012 §7.2.4 and §7.3.5.

import { OutlineDocument, lineContentEnd, lineStart } from './document';
import { TextEdit } from './edits';
import type { NumberingDiagnostic } from './numbering';

/** Lines longer than this are never a 发文字号 or a 成文日期; the regular expressions run only on shorter ones. */
const MAX_LINE = 80;

/**
 * A 发文字号 alone on its line (after indentation, maybe in the brackets a
 * database export wraps it in, maybe followed by 签发人：): the issuer's code,
 * the year in brackets, the number, 号.
 */
const DOC_NUMBER =
  /^([\s\u3000]*[（(]?)([\u4e00-\u9fff]{2,20}?)([〔[【（(［])[\s\u3000]*(\d{4}|\d{2})[\s\u3000]*([〕\]】）)］])[\s\u3000]*(第?)[\s\u3000]*(\d{1,6})[\s\u3000]*号[）)]?(?:[\s\u3000]+签发人[：:].*)?[\s\u3000]*$/;

/** A date alone on its line: 2024年1月5日. */
const DATE = /^([\s\u3000]*)(\d{4})年(\d{1,2})月(\d{1,2})日[\s\u3000]*$/;

interface Found {
  readonly code: 'docnumber.form' | 'date.form';
  readonly start: number;
  readonly end: number;
  readonly written: string;
  readonly expected: string;
}

export function checkDocumentForms(text: string, doc: OutlineDocument): NumberingDiagnostic[] {
  const out: NumberingDiagnostic[] = [];
  for (let line = 0; line < doc.lineCount; line++) {
    const start = lineStart(doc, line);
    const end = lineContentEnd(text, doc, line);
    if (end - start > MAX_LINE || !endsLikeForm(text, start, end)) continue;
    const found = formOn(text.slice(start, end));
    if (found) out.push({ line, start: found.start, end: found.end, code: found.code, severity: 'warning', expected: found.expected, args: [found.expected, found.written] });
  }
  return out;
}

/** The edit writing the 发文字号 or 成文日期 on `line` in its standard form. */
export function documentFormFix(text: string, doc: OutlineDocument, line: number): TextEdit | undefined {
  if (line < 0 || line >= doc.lineCount) return undefined;
  const found = formOn(text.slice(lineStart(doc, line), lineContentEnd(text, doc, line)));
  return found && { line, start: found.start, end: found.end, newText: found.expected };
}

/** Cheap filter before the regular expressions: the line ends in 号, 日 or a closing bracket (after whitespace). */
function endsLikeForm(text: string, start: number, end: number): boolean {
  let i = end - 1;
  while (i >= start && (text[i] === ' ' || text[i] === '\u3000' || text[i] === '\t')) i--;
  const last = text[i];
  // The line is at most MAX_LINE long, so looking for 签发人 in it is cheap.
  return last === '号' || last === '日' || last === '）' || last === ')' || text.slice(start, end).includes('签发人');
}

function formOn(lineText: string): Found | undefined {
  const doc = DOC_NUMBER.exec(lineText);
  if (doc) {
    const [, lead, issuer, open, year, close, di, number] = doc;
    const start = lead.length;
    const end = lineText.indexOf('号', start + issuer.length) + 1;
    const fullYear = year.length === 4 ? year : String((Number(year) < 50 ? 2000 : 1900) + Number(year));
    const expected = `${issuer}〔${fullYear}〕${Number(number)}号`;
    const standard = open === '〔' && close === '〕' && year.length === 4 && di === '' && !/^0\d/.test(number);
    if (standard) return undefined;
    return { code: 'docnumber.form', start, end, written: lineText.slice(start, end), expected };
  }
  const date = DATE.exec(lineText);
  if (date) {
    const [, lead, year, month, day] = date;
    if (!month.startsWith('0') && !day.startsWith('0')) return undefined;
    const start = lead.length;
    const end = start + year.length + month.length + day.length + 3;
    return { code: 'date.form', start, end, written: lineText.slice(start, end), expected: `${year}年${Number(month)}月${Number(day)}日` };
  }
  return undefined;
}

// Recognises the heading marker at the start of one line (docs/headings.md
// §1, §2, §5). Context-free: whether a candidate really is a heading (lists,
// table of contents) is decided by the outline builder.

import { OutlineDocument, forEachLine } from './document';
import { CompiledRules, NO_RULES, isNotHeading, matchHeadingRules } from './customRules';
import { HeadingStyle, Marker, RANK } from './types';
import { NAME_CAP, foldWhitespace, isIndent, isSpace } from './names';
import { circledValue, digitValue, isCnNumeralChar, markerForm, parenthesizedCnValue, readArabic, readCnNumeral, readNumeral, stemValue } from './numerals';

/** A built-in style: what the built-in rules read. */
type BuiltInStyle = Exclude<HeadingStyle, 'custom'>;

const CH_DI = 0x7b2c; // 第
const CH_PIAN = 0x7bc7; // 篇
const CH_ZHENG = 0x6b63; // 正
const CH_WEN = 0x6587; // 文

/**
 * Words that are headings on a line of their own (§2), longest first, each
 * with its Simplified form: Traditional forms count as the Simplified word.
 */
const NAMED_WORDS: readonly (readonly [written: string, word: string])[] = [
  ['结束语', '结束语'],
  ['結束語', '结束语'],
  ['前言', '前言'],
  ['序言', '序言'],
  ['引言', '引言'],
  ['楔子', '楔子'],
  ['结语', '结语'],
  ['結語', '结语'],
  ['尾声', '尾声'],
  ['尾聲', '尾声'],
  ['后记', '后记'],
  ['後記', '后记'],
  ['附录', '附录'],
  ['附錄', '附录'],
  ['附件', '附件'],
  ['附表', '附表'],
  ['番外', '番外'],
  ['目录', '目录'],
  ['目錄', '目录'],
  ['序', '序'],
];
const NAMED_FIRST = new Set(NAMED_WORDS.map(([w]) => w.charCodeAt(0)));
/** The longest named word, in characters. */
const NAMED_MAX = 3;

/** The title of a run-in heading stops before these (§5). */
function isSentenceEnd(text: string, i: number, end: number): boolean {
  switch (text.charCodeAt(i)) {
    case 0x3002: // 。
    case 0xff61: // ｡ half-width
    case 0xff01: // ！
    case 0xff1f: // ？
    case 0xff1b: // ；
    case 0x21: // !
    case 0x3f: // ?
    case 0x3b: // ;
      return true;
    case 0x2e: // . ends a sentence only before whitespace or the line end (not in 1.自治区 or 5.2%)
      return i + 1 >= end || isSpace(text.charCodeAt(i + 1));
    default:
      return false;
  }
}

/** A title line of a speech collection may not contain these (§2, article). */
function isClausePunctuation(code: number): boolean {
  return code === 0xff0c || code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0xff1b || code === 0x2c;
}

/** Whether text[from, to) holds clause punctuation or a half-width ; ! ? (which end a run-in title). */
function hasClausePunctuation(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (isClausePunctuation(code) || code === 0x3b || code === 0x21 || code === 0x3f) return true;
  }
  return false;
}

function skipSpaces(text: string, i: number, e: number): number {
  while (i < e && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** One hidden class for every marker, for the reason given at HeadingNode (outline.ts). */
class LineMarker implements Marker {
  constructor(
    readonly line: number,
    readonly style: HeadingStyle,
    readonly kind: Marker['kind'],
    readonly number: number,
    readonly word: string | undefined,
    readonly marker: string,
    readonly start: number,
    readonly markerEnd: number,
    readonly colonEnd: number,
    readonly titleStart: number,
    readonly titleEnd: number,
    readonly name: string,
    readonly sub: number | undefined,
    readonly rank: number,
    readonly rule: number | undefined,
  ) {}
}

interface RawMarker {
  style: BuiltInStyle;
  kind?: Marker['kind'];
  number: number;
  /** See Marker.sub. */
  sub?: number;
  word?: string;
  /** Offset just after the marker. */
  markerEnd: number;
}

/**
 * The marker candidate on the line text[lineStart, lineEnd) (lineEnd excludes
 * the line break), or undefined when the line cannot be a heading.
 */
export function scanLine(text: string, line: number, lineStart: number, lineEnd: number, rules: CompiledRules = NO_RULES): Marker | undefined {
  let s = lineStart;
  while (s < lineEnd && isIndent(text.charCodeAt(s))) s++; // a BOM is indentation too
  if (s >= lineEnd) return undefined;
  return rules.fingerprint === '' ? builtInMarker(text, line, lineStart, s, lineEnd) : withRules(text, line, lineStart, s, lineEnd, rules);
}

function builtInMarker(text: string, line: number, lineStart: number, s: number, lineEnd: number): Marker | undefined {
  if (text.charCodeAt(s) === CH_ZHENG) return afterZhengwen(text, line, lineStart, s, lineEnd);
  const raw = readMarker(text, s, lineEnd);
  if (raw !== undefined) return finish(text, line, lineStart, s, lineEnd, raw);
  const pian = articleTitleNumber(text, s, lineEnd);
  return pian === undefined ? undefined : titleLineArticle(text, line, lineStart, s, lineEnd, pian);
}

/**
 * User-defined rules (docs/headings.md §10): a line a heading rule matches is
 * that rule's heading, before the built-in rules are tried (the user said
 * what the line is); a line a notHeadings pattern matches is no heading at
 * all. notHeadings are tried only on lines that would be headings, so they
 * cost nothing on the others.
 */
function withRules(text: string, line: number, lineStart: number, s: number, lineEnd: number, rules: CompiledRules): Marker | undefined {
  const custom = matchHeadingRules(rules, text, s, lineEnd);
  const marker = custom === undefined ? builtInMarker(text, line, lineStart, s, lineEnd) : customMarker(text, line, lineStart, s, lineEnd, custom.end, custom.index, rules);
  return marker !== undefined && isNotHeading(rules, text, s, lineEnd) ? undefined : marker;
}

/**
 * The heading of a user rule whose match is text[s, matchEnd): style
 * 'custom', the rule's rank, the number the match carries (第001章 → 1, the
 * first numeral in it; 0 when it has none, and then the heading is in no
 * list), named after its line up to a sentence end as run-in headings are,
 * or after the match alone.
 */
function customMarker(text: string, line: number, lineStart: number, s: number, e: number, end: number, index: number, rules: CompiledRules): Marker {
  const rule = rules.headings[index];
  // Whitespace and a colon the match ends with are not part of the marker (`\S+\s` takes the space after
  // 第一幕; `同志们：$` its colon), as a trailing colon is no part of a name (§5).
  let matchEnd = end;
  for (let last = text[matchEnd - 1]; matchEnd > s + 1 && (isSpace(last.charCodeAt(0)) || last === '：' || last === ':'); last = text[matchEnd - 1]) matchEnd--;
  const marker = foldWhitespace(text, s, matchEnd);
  const number = markerForm(text.slice(s, matchEnd))?.value ?? 0;
  const titleEnd = rule.name === 'match' ? matchEnd : titleEndAfter(text, matchEnd, e);
  const name = rule.name === 'match' ? marker : foldWhitespace(text, s, titleEnd, NAME_CAP);
  const colonEnd = colonAfter(text, matchEnd, titleEnd);
  const titleStart = skipSpaces(text, colonEnd, titleEnd);
  return new LineMarker(line, 'custom', undefined, number, undefined, marker, s - lineStart, matchEnd - lineStart, colonEnd - lineStart, titleStart - lineStart, titleEnd - lineStart, name, undefined, rule.rank, index);
}

/**
 * Web-novel scrapes put 正文 before every chapter (正文 第一回 ……): followed by
 * whitespace and a volume, part, chapter or section marker it is ignored like
 * indentation; any other line starting with 正 is not a heading.
 */
function afterZhengwen(text: string, line: number, lineStart: number, s: number, e: number): Marker | undefined {
  if (text.charCodeAt(s + 1) !== CH_WEN || !isSpace(text.charCodeAt(s + 2))) return undefined;
  const t = skipSpaces(text, s + 2, e);
  if (text.charCodeAt(t) !== CH_DI) return undefined;
  const raw = readDiMarker(text, t, e);
  if (raw === undefined || (raw.style !== 'volume' && raw.style !== 'part' && raw.style !== 'chapter' && raw.style !== 'section')) return undefined;
  return finish(text, line, lineStart, t, e, raw);
}

function readMarker(text: string, s: number, e: number): RawMarker | undefined {
  const code = text.charCodeAt(s);
  let raw: RawMarker | undefined;
  if (code === CH_DI) raw = readDiMarker(text, s, e);
  else if (isCnNumeralChar(code)) raw = readCnMarker(text, s, e);
  else if (digitValue(code) >= 0) raw = readArabicMarker(text, s, e);
  else if (code === 0x28 || code === 0xff08) raw = readBracketMarker(text, s, e);
  else if (circledValue(code) > 0) raw = { style: 'circled', number: circledValue(code), markerEnd: s + 1 };
  else if (parenthesizedCnValue(code) > 0) raw = { style: 'paren-cn', number: parenthesizedCnValue(code), markerEnd: s + 1 };
  else if (stemValue(code) > 0) raw = readStemMarker(text, s, e);
  else if (NAMED_FIRST.has(code)) raw = readNamedMarker(text, s, e);
  return raw;
}

/**
 * 甲、 (the bracketed （甲） is read with the other brackets). A stem followed
 * at once by another stem is never a marker: 甲、乙双方…… names two parties.
 * Whether it is a heading is decided as a list (outline.ts, acceptStemLists).
 */
function readStemMarker(text: string, s: number, e: number): RawMarker | undefined {
  if (s + 1 >= e || text.charCodeAt(s + 1) !== 0x3001) return undefined; // 、
  if (stemValue(text.charCodeAt(s + 2)) > 0) return undefined;
  return { style: 'stem', number: stemValue(text.charCodeAt(s)), markerEnd: s + 2 };
}

/** 第 + numeral + 卷/编/部/部分/篇/章/回/节/条, or the ordinal 第一， (§2). */
function readDiMarker(text: string, s: number, e: number): RawMarker | undefined {
  const raw = readDiWord(text, s, e);
  if (raw === undefined || raw.style === 'item') return raw; // 第一条 runs in; 第一， has its punctuation
  return isRunningProse(text, raw.markerEnd, e) ? undefined : raw;
}

/**
 * 第一节课我们讲了……。 第三篇文章……。: the word glued to the text after it, on
 * a line that goes on to the end of a sentence, is prose and not a heading.
 * A heading's title follows a space (第一章　总则), punctuation (第一篇：) or
 * nothing, and a glued one (第九章大团圆) is a title line, not a sentence.
 */
function isRunningProse(text: string, markerEnd: number, e: number): boolean {
  if (markerEnd >= e || !isHan(text.charCodeAt(markerEnd))) return false;
  for (let i = markerEnd + 1; i < e; i++) if (isSentenceEnd(text, i, e)) return true;
  return false;
}

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/**
 * 第 + number + word (§2). The number may be Chinese or Arabic and stand
 * between spaces (第 1 條, 第 三 章); Traditional 編 節 條 count as 编 节 条; an
 * inserted article keeps its base and its place after it (第一百二十条之一,
 * 第 2-1 條: number 120 or 2, sub 1). Without a word, 第一， 第二、 第三： is an
 * ordinal (written without spaces: 第 一 ， is not).
 */
function readDiWord(text: string, s: number, e: number): RawMarker | undefined {
  const numStart = skipSpaces(text, s + 1, e);
  const num = readNumeral(text, numStart, e);
  if (num === undefined || num.end >= e) return undefined;
  const number = num.value;
  let at = num.end;
  let sub: number | undefined;
  const dash = text.charCodeAt(at);
  if ((dash === 0x2d || dash === 0xff0d) && digitValue(text.charCodeAt(at + 1)) >= 0) {
    const tail = readArabic(text, at + 1, e)!;
    sub = tail.value;
    at = tail.end;
  }
  const wordStart = skipSpaces(text, at, e);
  if (wordStart >= e) return undefined;
  const word = diWord(text, wordStart);
  if (word === undefined) {
    if (numStart > s + 1 || wordStart > num.end || sub !== undefined) return undefined;
    switch (text[wordStart]) {
      case '，':
      case '、':
      case '：':
      case ',':
      case ':':
        return { style: 'item', kind: 'ordinal', number, markerEnd: wordStart + 1 };
      default:
        return undefined;
    }
  }
  let markerEnd = wordStart + word.length;
  // 第一百二十条之一: 之 and a numeral after the word.
  if (sub === undefined && text[markerEnd] === '之') {
    const tail = readCnNumeral(text, markerEnd + 1, e) ?? readArabic(text, markerEnd + 1, e);
    if (tail !== undefined) {
      sub = tail.value;
      markerEnd = tail.end;
    }
  }
  if (word.kind === 'law' && citesArticles(text, markerEnd, e)) return undefined;
  return { style: word.style, kind: word.kind, number, sub, markerEnd };
}

/**
 * A paragraph of an article may begin by citing others: 第七十八條至第八十三條規定，
 * 於……準用之。 / 第十五條第二款及第十九條……所稱同意. Right after 第X条 a range
 * (至), a list (、 及 和 或 与), a finer part (第一款), 之, 规定, 所定 or 情形
 * says so; a heading's title never starts that way.
 */
function citesArticles(text: string, at: number, e: number): boolean {
  if (at >= e) return false;
  switch (text[at]) {
    case '至':
    case '、':
    case '及':
    case '和':
    case '或':
    case '与':
    case '與':
    case '第':
      return true;
    case '之': // 之 before a number made the marker 第十条之一; any other 之 cites (第十条之规定, 第X條之罪)
      return true;
    case '规':
    case '規':
      return text[at + 1] === '定';
    case '的':
      return (text[at + 1] === '规' || text[at + 1] === '規') && text[at + 2] === '定';
    case '所': // 第X條所定, 第X条所称
      return '定称稱列指述'.includes(text[at + 1] ?? '');
    case '情':
      return text[at + 1] === '形';
    default:
      return false;
  }
}

/** The word after 第 and a number, Simplified or Traditional, and what it makes of the line. */
function diWord(text: string, at: number): { style: BuiltInStyle; kind?: Marker['kind']; length: number } | undefined {
  switch (text[at]) {
    case '卷':
    case '编':
    case '編':
      return { style: 'volume', length: 1 };
    case '分':
      // 第一分编: a sub-book of a code (民法典 合同编 第一分编 通则); 第 1 分部: a
      // Division inside a Part (第 2 部) of a Hong Kong ordinance
      return text[at + 1] === '编' || text[at + 1] === '編' || text[at + 1] === '部' ? { style: 'part', length: 2 } : undefined;
    case '部':
      return text[at + 1] === '分' ? { style: 'part', length: 2 } : { style: 'volume', length: 1 };
    case '篇':
      return { style: 'article', length: 1 };
    case '章':
    case '回':
      return { style: 'chapter', length: 1 };
    case '节':
    case '節':
      return { style: 'section', length: 1 };
    case '条':
    case '條':
      return { style: 'item', kind: 'law', length: 1 };
    default:
      return undefined;
  }
}

/** 一、 一. and the enumeration points 一是 一要 一关于. */
function readCnMarker(text: string, s: number, e: number): RawMarker | undefined {
  const num = readCnNumeral(text, s, e);
  if (num === undefined || num.end >= e) return undefined;
  const at = num.end;
  const number = num.value;
  switch (text[at]) {
    case '、':
      return namesNextNumber(text, at + 1, e, number) ? undefined : { style: 'item', number, markerEnd: at + 1 };
    case '.':
    case '．':
      return digitValue(text.charCodeAt(at + 1)) >= 0 ? undefined : { style: 'item', number, markerEnd: at + 1 };
    case '是':
    case '要':
      return { style: 'enumeration', number, word: text[at], markerEnd: at + 1 };
    case '关':
      return text[at + 1] === '于' ? { style: 'enumeration', number, word: '关于', markerEnd: at + 2 } : undefined;
    default:
      return undefined;
  }
}

/** Units after a number pair that make 十九、二十世纪 or 三、四月份 a phrase: 世纪 年 月 季 日 号 届 期 级 类 等 个 次 至 、. */
const PAIR_UNITS = '世年月季日号號届屆期级級类類等个個次至、';

/**
 * Whether the text at `at` goes on with the next number and a unit, so that
 * N、 begins a phrase about two numbers and not a heading: 十九、二十世纪见证了……,
 * 三、四月份, 1、2号楼. 二、三人以上共同犯之 (an item of a law) keeps its marker:
 * 人 is no unit here.
 */
function namesNextNumber(text: string, at: number, e: number, n: number): boolean {
  const next = readNumeral(text, at, e);
  return next !== undefined && next.value === n + 1 && next.end < e && PAIR_UNITS.includes(text[next.end]);
}

/** 1. 1． 1、 (arabic) and 1） 1) (paren-arabic); a digit after the dot is a decimal. */
function readArabicMarker(text: string, s: number, e: number): RawMarker | undefined {
  const num = readArabic(text, s, e);
  if (num === undefined || num.end >= e) return undefined;
  const at = num.end;
  switch (text[at]) {
    case '.':
    case '．':
      return digitValue(text.charCodeAt(at + 1)) >= 0 ? undefined : { style: 'arabic', number: num.value, markerEnd: at + 1 };
    case '、':
      return namesNextNumber(text, at + 1, e, num.value) ? undefined : { style: 'arabic', number: num.value, markerEnd: at + 1 };
    case ')':
    case '）':
      return { style: 'paren-arabic', number: num.value, markerEnd: at + 1 };
    default:
      return undefined;
  }
}

/**
 * （一） (一) (一） → paren-cn; （1） (1) → paren-arabic; （甲） (甲) → stem.
 * Brackets may be mixed. The bracket closes a stem, so a title may begin with
 * one: （甲）甲方的义务.
 */
function readBracketMarker(text: string, s: number, e: number): RawMarker | undefined {
  const arabic = readArabic(text, s + 1, e);
  const num = arabic ?? readCnNumeral(text, s + 1, e);
  if (num === undefined) {
    const stem = stemValue(text.charCodeAt(s + 1));
    const close = text.charCodeAt(s + 2);
    if (stem === 0 || (close !== 0x29 && close !== 0xff09)) return undefined;
    return { style: 'stem', number: stem, markerEnd: s + 3 };
  }
  if (num.end >= e) return undefined;
  const close = text.charCodeAt(num.end);
  if (close !== 0x29 && close !== 0xff09) return undefined;
  return { style: arabic ? 'paren-arabic' : 'paren-cn', number: num.value, markerEnd: num.end + 1 };
}

/**
 * A line that is one of the named words (目　录 with inner whitespace too),
 * 附件/附录 optionally numbered, then nothing, ：title, or whitespace and a
 * title without clause punctuation (楔子　张天师祈禳瘟疫　洪太尉误走妖魔).
 */
function readNamedMarker(text: string, s: number, e: number): RawMarker | undefined {
  // Collect up to NAMED_MAX non-space characters and where each ends.
  let letters = '';
  const ends: number[] = [];
  let i = s;
  while (i < e && letters.length < NAMED_MAX) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      i++;
      continue;
    }
    letters += text[i];
    ends.push(++i);
  }
  for (const [written, word] of NAMED_WORDS) {
    if (!letters.startsWith(written)) continue;
    let markerEnd = ends[written.length - 1];
    let number = 0;
    if (word === '附件' || word === '附录' || word === '附表') {
      const at = skipSpaces(text, markerEnd, e); // 附件 1：
      const num = readNumeral(text, at, e);
      if (num !== undefined) {
        number = num.value;
        markerEnd = num.end;
      }
    }
    const rest = skipSpaces(text, markerEnd, e);
    if (rest < e && text[rest] !== '：' && text[rest] !== ':') {
      // 序幕…, 附件如下 are prose. A spaced title may have no clause
      // punctuation; 序 takes none (序 号 姓 名 heads a table).
      if (rest === markerEnd || word === '序' || hasClausePunctuation(text, rest, e)) continue;
    }
    return { style: 'named', kind: word === '目录' ? 'toc' : word === '附件' ? 'attachment' : undefined, number, markerEnd };
  }
  return undefined;
}

/** Maximum characters of a collection's title before 篇N. */
const ARTICLE_TITLE_MAX = 60;
const ARTICLE_TITLE_MIN = 2;

/**
 * For a title line ending in 篇1 / 篇一 after 2–60 other characters and with
 * no clause punctuation, the number after 篇; else undefined. Its cost is
 * bounded whatever the line's length.
 */
function articleTitleNumber(text: string, s: number, e: number): number | undefined {
  let end = e;
  while (end > s && isSpace(text.charCodeAt(end - 1))) end--;
  if (end - s > ARTICLE_TITLE_MAX * 2 + 8) return undefined; // cheap reject of long lines
  let numStart = end;
  while (numStart > s && (digitValue(text.charCodeAt(numStart - 1)) >= 0 || isCnNumeralChar(text.charCodeAt(numStart - 1)))) numStart--;
  if (numStart === end || numStart - 1 <= s || text.charCodeAt(numStart - 1) !== CH_PIAN) return undefined;
  const num = readNumeral(text, numStart, end);
  if (num === undefined || num.end !== end) return undefined;
  let chars = 0;
  for (let i = s; i < numStart - 1; i++) {
    const code = text.charCodeAt(i);
    if (isClausePunctuation(code)) return undefined;
    if (code < 0xdc00 || code > 0xdfff) chars++; // count code points
  }
  return chars >= ARTICLE_TITLE_MIN && chars <= ARTICLE_TITLE_MAX ? num.value : undefined;
}

function titleLineArticle(text: string, line: number, lineStart: number, s: number, e: number, number: number): Marker {
  let end = e;
  while (end > s && isSpace(text.charCodeAt(end - 1))) end--;
  const name = foldWhitespace(text, s, end);
  return new LineMarker(line, 'article', undefined, number, undefined, name, s - lineStart, end - lineStart, end - lineStart, end - lineStart, end - lineStart, name, undefined, RANK.article, undefined);
}

/** Where a run-in title after a marker ending at `markerEnd` ends (§5): before a sentence end, without trailing whitespace or colon. */
function titleEndAfter(text: string, markerEnd: number, e: number): number {
  let titleEnd = markerEnd;
  while (titleEnd < e && !isSentenceEnd(text, titleEnd, e)) titleEnd++;
  // Trailing whitespace and a trailing colon are not part of the name.
  while (titleEnd > markerEnd && isSpace(text.charCodeAt(titleEnd - 1))) titleEnd--;
  const last = text[titleEnd - 1];
  if (titleEnd > markerEnd && (last === '：' || last === ':')) {
    titleEnd--;
    while (titleEnd > markerEnd && isSpace(text.charCodeAt(titleEnd - 1))) titleEnd--;
  }
  return titleEnd;
}

/**
 * Just after a colon that stands, after whitespace, between a marker ending
 * at `markerEnd` and a title ending at `titleEnd` (Marker.colonEnd); markerEnd
 * when there is none.
 */
function colonAfter(text: string, markerEnd: number, titleEnd: number): number {
  const at = skipSpaces(text, markerEnd, titleEnd);
  return at < titleEnd && (text.charCodeAt(at) === 0xff1a || text.charCodeAt(at) === 0x3a) ? at + 1 : markerEnd; // ： or :
}

function finish(text: string, line: number, lineStart: number, s: number, e: number, raw: RawMarker): Marker {
  const titleEnd = titleEndAfter(text, raw.markerEnd, e);
  const colonEnd = colonAfter(text, raw.markerEnd, titleEnd);
  return new LineMarker(
    line,
    raw.style,
    raw.kind,
    raw.number,
    raw.word,
    foldWhitespace(text, s, raw.markerEnd),
    s - lineStart,
    raw.markerEnd - lineStart,
    colonEnd - lineStart,
    skipSpaces(text, colonEnd, titleEnd) - lineStart,
    titleEnd - lineStart,
    foldWhitespace(text, s, titleEnd, NAME_CAP),
    raw.sub,
    RANK[raw.style],
    undefined,
  );
}

/**
 * Whether two markers are the same marker in the same place — what they
 * number, how, and where on which line — whatever the titles after them.
 * outlineCache.ts asks this with the title as well (nothing changed);
 * renamesOnly (outline.ts) with what a title decides of the tree.
 */
export function sameApartFromTitle(a: Marker, b: Marker): boolean {
  return (
    a.line === b.line &&
    a.style === b.style &&
    a.kind === b.kind &&
    a.number === b.number &&
    a.sub === b.sub &&
    a.word === b.word &&
    a.rank === b.rank &&
    a.rule === b.rule &&
    a.marker === b.marker &&
    a.start === b.start &&
    a.markerEnd === b.markerEnd
  );
}

/** The same marker on another line, after lines were inserted or deleted above it. */
export function markerOnLine(m: Marker, line: number): Marker {
  return new LineMarker(line, m.style, m.kind, m.number, m.word, m.marker, m.start, m.markerEnd, m.colonEnd, m.titleStart, m.titleEnd, m.name, m.sub, m.rank, m.rule);
}

/** The same marker under another name: an 附件 or bare 第一章 heading that takes its title from the next line (outline.ts). */
export function markerNamed(m: Marker, name: string): Marker {
  return new LineMarker(m.line, m.style, m.kind, m.number, m.word, m.marker, m.start, m.markerEnd, m.colonEnd, m.titleStart, m.titleEnd, name, m.sub, m.rank, m.rule);
}

/**
 * The markers of lines fromLine..toLine (inclusive) of a document, with the
 * user's rules when given. With `quotations`, the lines that open a quotation
 * (openingMark) are pushed there too, ascending: the quoted-text rule
 * (outline.ts) then need not read again every line before a marker to find
 * the few that do.
 */
export function scanLines(doc: OutlineDocument, fromLine: number, toLine: number, rules: CompiledRules = NO_RULES, quotations?: number[]): Marker[] {
  const text = doc.getText();
  const markers: Marker[] = [];
  forEachLine(doc, fromLine, toLine, (line, start, end) => {
    const marker = scanLine(text, line, start, end, rules);
    if (marker !== undefined) markers.push(marker);
    // Not only lines without a marker: a title line ending in 篇1 may begin with “.
    if (quotations !== undefined && openingMark(text, start, end) >= 0) quotations.push(line);
  });
  return markers;
}

/** The closing mark for an opening quotation mark “ 「 『, or 0. */
export function closingMark(code: number): number {
  switch (code) {
    case 0x201c: // “
      return 0x201d; // ”
    case 0x300c: // 「
      return 0x300d; // 」
    case 0x300e: // 『
      return 0x300f; // 』
    default:
      return 0;
  }
}

/** Offset of the opening quotation mark the line text[lineStart, lineEnd) begins with after indentation, or -1. */
export function openingMark(text: string, lineStart: number, lineEnd: number): number {
  let s = lineStart;
  while (s < lineEnd && isIndent(text.charCodeAt(s))) s++;
  return s < lineEnd && closingMark(text.charCodeAt(s)) !== 0 ? s : -1;
}

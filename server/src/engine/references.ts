// References between articles (docs/headings.md §9): 本法第二十条, 第十条第一款第（三）项,
// 第十条至第十二条, 第十条、第十一条, 本章, 前款, 前两款, 第一百二十条之一, 《…》第十三条,
// 刑法第十七条. The scanner reads one line at a time and needs nothing but
// that line, so referenceCache.ts scans again only the lines an edit touched.
// What a reference points at is decided against the outline (articles.ts).

import { OutlineDocument, forEachLine } from './document';
import { isIndent, isSpace } from './names';
import { digitValue, readArabic, readCnNumeral, writeNumeral } from './numerals';

/** What a reference names, outermost first: 编 章 节 条 款 项. */
export type ReferenceUnit = 'volume' | 'chapter' | 'section' | 'article' | 'paragraph' | 'item';

export const UNIT_RANK: Readonly<Record<ReferenceUnit, number>> = { volume: 0, chapter: 1, section: 2, article: 3, paragraph: 4, item: 5 };

/** How a number is written, so that a renumbered reference keeps its kind. */
export type ReferenceNumeral = 'chinese' | 'financial' | 'ascii' | 'fullwidth';

export interface ReferencePart {
  readonly unit: ReferenceUnit;
  /** 'number': 第X…; 'this': 本条 本章 …; 'previous': 前款 前条 前两款 … */
  readonly mode: 'number' | 'this' | 'previous';
  /** The number written; for 'previous' how many back (1 for 前款, 2 for 前两款); 0 for 'this'. */
  readonly number: number;
  /** An inserted article's place after its base: 1 for 第十条之一; 0 for none. */
  readonly sub: number;
  /** Columns of the numeral on the line (the base number, not 之一); -1 when not written here. */
  readonly numberStart: number;
  readonly numberEnd: number;
  readonly numeral: ReferenceNumeral | undefined;
  /** Chinese numerals: the zero written inside the number (一百零五, 一百〇五). */
  readonly zero: '零' | '〇' | undefined;
  /**
   * Taken from the reference before it in a list or range: 第十条第一款、第二款
   * names 第十条 once, and the second reference inherits it.
   */
  readonly inherited: boolean;
}

export interface Reference {
  /** Columns on its line: from its prefix (本法, 《》, a law's name, 前, 本) to the end of its last part. */
  readonly start: number;
  readonly end: number;
  /** The title of another document (《…》, or a law's name such as 刑法); undefined: this document. */
  readonly document: string | undefined;
  /** The word after 本 when written (法 条例 办法 …): how the document calls itself. */
  readonly self: string | undefined;
  /** Outermost first; the last is what the reference names most specifically. */
  readonly parts: readonly ReferencePart[];
  /** The end of a range (第十条至第十二条): the reference before it on the line is its start. */
  readonly rangeEnd: boolean;
}

/** One hidden class for every part and reference (see HeadingNode in outline.ts). */
class Part implements ReferencePart {
  constructor(
    readonly unit: ReferenceUnit,
    readonly mode: 'number' | 'this' | 'previous',
    readonly number: number,
    readonly sub: number,
    readonly numberStart: number,
    readonly numberEnd: number,
    readonly numeral: ReferenceNumeral | undefined,
    readonly zero: '零' | '〇' | undefined,
    readonly inherited: boolean,
  ) {}
}

class LineReference implements Reference {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly document: string | undefined,
    readonly self: string | undefined,
    readonly parts: readonly ReferencePart[],
    readonly rangeEnd: boolean,
  ) {}
}

/** The most specific part of a reference. */
export function lastPart(ref: Reference): ReferencePart {
  return ref.parts[ref.parts.length - 1];
}

// ------------------------------------------------------------------ words

const CH_DI = 0x7b2c; // 第
const CH_BEN = 0x672c; // 本
const CH_QIAN = 0x524d; // 前
const CH_TITLE_OPEN = 0x300a; // 《
const CH_TITLE_CLOSE = 0x300b; // 》
const CH_ZHI = 0x4e4b; // 之
const CH_ZHI_RANGE = 0x81f3; // 至

/** The unit words after 第X, Simplified and Traditional. */
const UNIT_OF = new Map<number, ReferenceUnit>([
  ['条', 'article'], ['條', 'article'],
  ['款', 'paragraph'],
  ['项', 'item'], ['項', 'item'],
  ['章', 'chapter'],
  ['节', 'section'], ['節', 'section'],
  ['编', 'volume'], ['編', 'volume'],
].map(([ch, unit]) => [ch.charCodeAt(0), unit as ReferenceUnit]));

/**
 * Words that make the unit a count word rather than a reference: 第二条腿,
 * 第一条件 (第一 + 条件), 第一节课, 第三项工作, 第二款手机. Checked on what follows
 * the unit, longest words first not needed: any match rejects.
 */
const COUNT_WORD_LIST: Readonly<Record<ReferenceUnit, readonly string[]>> = {
  article: [
    '件', '款', '目', '腿', '路', '道', '街', '巷', '河', '江', '船', '鱼', '蛇', '狗', '龙', '线', '命', '心', '腰', '裤', '裙', '被', '绳', '缝', '沟', '渠', '幅',
    '短信', '消息', '新闻', '微博', '标语', '意见', '建议', '经验', '措施', '原则', '规律', '规矩', '底线', '红线', '主线', '生命', '途径', '思路', '出路', '捷径',
    '战线', '防线', '信息', '评论', '留言', '视频', '理由', '好处', '教训',
  ],
  paragraph: ['项', '式', '型', '产品', '手机', '车', '机', '游戏', '鞋', '包', '衣', '服', '汽车', '茶', '酒'],
  item: [
    '目', '工作', '任务', '措施', '内容', '制度', '议程', '指标', '活动', '服务', '改革', '原则', '要求', '政策', '技术', '成果', '检查', '考核', '建设', '试点',
    '研究', '课题', '业务', '奖', '比赛', '运动', '赛事', '发明', '专利', '工程', '计划', '举措', '职能',
  ],
  chapter: ['程'],
  section: ['课', '车', '日', '假', '电', '目', '拍', '奏', '气'],
  volume: ['辑', '号', '码', '制', '者', '写', '织', '排', '剧', '导', '译', '著', '纂', '撰'],
};

/**
 * A bare 第X款 or 第X项 (no article or 款 before it in the reference) is a
 * reference only before one of these, or at the end of the line: laws write
 * 第一款规定的, 第二项、第三项, 第三项所列; prose writes 第三项工作 with any noun.
 */
const BARE_FOLLOWERS = new Set(
  '规的、，。；：,.;:至和及或与所中之列情第（()）」”』〕】》以外除等也内不应可为对适并限后前关 \t\u3000\u00a0'.split('').map((c) => c.charCodeAt(0)),
);

/** 本 + these name the document itself (本法, 本条例 …); longest first, so 本条例 is not 本条 + 例. */
const SELF_WORDS = ['条例', '办法', '规定', '细则', '决定', '规范', '规则', '章程', '准则', '解释', '标准', '法典', '法'];

/** 本 + these are structural: this article, chapter … (本条 本章 本节 本编 本款 本项). */
const THIS_UNIT = new Map<number, ReferenceUnit>([
  ['条', 'article'], ['條', 'article'], ['款', 'paragraph'], ['项', 'item'], ['項', 'item'],
  ['章', 'chapter'], ['节', 'section'], ['節', 'section'], ['编', 'volume'], ['編', 'volume'],
].map(([ch, unit]) => [ch.charCodeAt(0), unit as ReferenceUnit]));

/** After 本X or 前X these make a word: 本条件 (基本条件), 本节目, 前款项 (提前款项), 前项目, 本编辑. */
const THIS_COUNT_WORD_LIST: Readonly<Record<ReferenceUnit, readonly string[]>> = {
  article: ['件', '目', '幅', '子', '码', '形', '纹', '款'],
  paragraph: ['项', '式', '额', '子'],
  item: ['目'],
  chapter: ['鱼'],
  section: ['目', '课', '日', '约', '余', '能', '奏'],
  volume: ['辑', '码', '号', '制', '者', '写', '排'],
};

/** Characters that form a word with the 本 after them: 基本, 根本, 成本, 资本, 样本, 文本, 日本, 一本 … */
const BEN_WORD_BEFORE = new Set('基根成资样文版日剧课书账脚范一两这那每整副读原底标蓝血老工户手记绘译抄'.split('').map((c) => c.charCodeAt(0)));

/** Characters that form a word with the 前 after them: 目前, 当前, 此前, 之前, 提前, 事先 … (not 以: 以前款 is 以 + 前款). */
const QIAN_WORD_BEFORE = new Set('目当此之事提先空眼面跟生日年月会节战门胸窗台头往午早饭睡产婚考赛课向上超领争勇瞻'.split('').map((c) => c.charCodeAt(0)));

/** A law's name without marks ends in one of these (刑法, 民法典, 治安管理处罚条例 …). */
const LAW_SUFFIXES = ['法典', '条例', '办法', '规定', '细则', '决定', '规则', '规范', '章程', '准则', '解释', '公约', '协定', '法'];
/** The last characters of LAW_SUFFIXES: most 第 have none of them before, and need no name read. */
const LAW_SUFFIX_LAST = new Set(LAW_SUFFIXES.map((w) => w.charCodeAt(w.length - 1)));
/** Names of documents in general, not of one: 有关规定第三条 names none we can find. */
const GENERIC_NAMES = new Set(LAW_SUFFIXES.filter((s) => s.length === 2));
/** Words ending in 法 that are no law: 依法, 方法, 办法 … (then 第X条 is this document's). */
const NOT_LAW_NAMES = new Set(['依法', '方法', '做法', '说法', '想法', '看法', '用法', '手法', '写法', '算法', '违法', '合法', '非法', '守法', '执法', '司法', '立法', '普法', '无法', '设法', '大法', '宪法性', '语法', '书法', '技法', '疗法', '兵法', '章法', '家法', '国法', '军法', '王法', '佛法', '魔法', '戏法', '办法']);
/** A name starting with these points back at something named before: 该法, 上述规定 (no document we can find). */
const POINTING_WORDS = ['该', '此', '本', '上述', '前述', '有关', '相关', '下列', '以下', '其', '各', '这', '那', '原'];
/** Verbs and connectives cut from the front of a name: 依照刑法 → 刑法 (not 实施 or 执行: 著作权法实施条例 is one name). */
const LEADING_VERBS = ['依照', '依据', '根据', '按照', '违反', '适用', '参照', '对照', '援引', '引用', '遵守', '遵照', '比照', '以及', '或者', '应当', '可以', '即'];
/** Single characters cut from the front of a name (和刑法 → 刑法); a name is matched by its end, so cutting one too many still finds it. */
const LEADING_CHARS = new Set('和及与或并由按依照据于是为有同见如除将把被了的'.split('').map((c) => c.charCodeAt(0)));
/** Law names are at most this long (中华人民共和国个人信息保护法 is 14). */
const LAW_NAME_MAX = 30;
/** 《titles》 are at most this long. */
const TITLE_MAX = 100;

const LIST_CONNECTORS = ['以及', '或者', '、', '和', '及', '与', '或'];

const FINANCIAL = new Set('壹贰叁肆伍陆柒捌玖拾佰仟'.split('').map((c) => c.charCodeAt(0)));

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

function startsWithAt(text: string, at: number, end: number, word: string): boolean {
  return at + word.length <= end && text.startsWith(word, at);
}

/** Words by their first character, so that checking what follows a unit is one lookup (this runs for every reference). */
type WordIndex = ReadonlyMap<number, readonly string[]>;

function indexWords(words: readonly string[]): WordIndex {
  const index = new Map<number, string[]>();
  for (const w of words) {
    const list = index.get(w.charCodeAt(0));
    if (list === undefined) index.set(w.charCodeAt(0), [w]);
    else list.push(w);
  }
  return index;
}

function indexByUnit(table: Readonly<Record<ReferenceUnit, readonly string[]>>): Readonly<Record<ReferenceUnit, WordIndex>> {
  const out = {} as Record<ReferenceUnit, WordIndex>;
  for (const unit of Object.keys(table) as ReferenceUnit[]) out[unit] = indexWords(table[unit]);
  return out;
}

function followedByAny(text: string, at: number, end: number, words: WordIndex): boolean {
  if (at >= end) return false;
  const candidates = words.get(text.charCodeAt(at));
  if (candidates === undefined) return false;
  for (const w of candidates) if (startsWithAt(text, at, end, w)) return true;
  return false;
}

const COUNT_WORDS = indexByUnit(COUNT_WORD_LIST);
const THIS_COUNT_WORDS = indexByUnit(THIS_COUNT_WORD_LIST);

// ---------------------------------------------------------------- numbers

interface NumberedPart {
  unit: ReferenceUnit;
  number: number;
  sub: number;
  numberStart: number;
  numberEnd: number;
  numeral: ReferenceNumeral;
  zero: '零' | '〇' | undefined;
  /** Offset just after the unit (and 之一). */
  end: number;
}

/** 第 + numeral (Chinese, Arabic, in brackets for 项: 第（三）项) + unit (+ 之一), at text[at] === 第. */
function readNumbered(text: string, at: number, e: number): NumberedPart | undefined {
  let i = at + 1;
  while (i < e && isSpace(text.charCodeAt(i))) i++;
  let bracket = false;
  const open = text.charCodeAt(i);
  if (open === 0xff08 || open === 0x28) {
    bracket = true;
    i++;
  }
  const numberStart = i;
  const arabic = readArabic(text, i, e);
  const num = arabic ?? readCnNumeral(text, i, e);
  if (num === undefined || num.value === 0) return undefined;
  i = num.end;
  if (bracket) {
    const close = text.charCodeAt(i);
    if (close !== 0xff09 && close !== 0x29) return undefined;
    i++;
  }
  while (i < e && isSpace(text.charCodeAt(i))) i++;
  if (i >= e) return undefined;
  const unit = UNIT_OF.get(text.charCodeAt(i));
  if (unit === undefined) return undefined;
  let end = i + 1;
  let sub = 0;
  if ((unit === 'article' || unit === 'chapter') && text.charCodeAt(end) === CH_ZHI) {
    const s = readCnNumeral(text, end + 1, e) ?? readArabic(text, end + 1, e);
    if (s !== undefined && s.value > 0) {
      sub = s.value;
      end = s.end;
    }
  }
  let numeral: ReferenceNumeral;
  let zero: '零' | '〇' | undefined;
  const first = text.charCodeAt(numberStart);
  if (arabic !== undefined) numeral = digitValue(first) === first - 0x30 ? 'ascii' : 'fullwidth';
  else {
    numeral = FINANCIAL.has(first) ? 'financial' : 'chinese';
    for (let k = numberStart; k < num.end; k++) {
      const c = text[k];
      if (c === '〇' || c === '零') zero = c;
    }
  }
  return { unit, number: num.value, sub, numberStart, numberEnd: num.end, numeral, zero, end };
}

// ---------------------------------------------------------------- the scan

/**
 * The references on the line text[lineStart, lineEnd) (lineEnd excludes the
 * line break), columns relative to lineStart. A heading marker at the start
 * of the line (第十条　…, 第二章　…) is the article itself, not a reference.
 */
export function scanLineReferences(text: string, lineStart: number, lineEnd: number, cursor: TriggerCursor = new TriggerCursor()): readonly Reference[] {
  let s = lineStart;
  if (s === 0 && text.charCodeAt(0) === 0xfeff) s++;
  while (s < lineEnd && isIndent(text.charCodeAt(s))) s++;
  if (text.charCodeAt(s) === CH_DI) {
    const heading = readHeadingMarker(text, s, lineEnd);
    if (heading > s) s = heading;
  }
  let out: Reference[] | undefined;
  /** Where the last reference ended: a law's name is never looked for before it. */
  let floor = s;
  for (let i = cursor.at(text, s); i >= 0 && i < lineEnd; i = cursor.at(text, i + 1)) {
    const c = text.charCodeAt(i);
    let found: Reference[] | undefined;
    if (c === CH_DI) found = atDi(text, i, lineEnd, floor, lineStart);
    else if (c === CH_BEN) found = atBen(text, i, lineEnd, lineStart);
    else if (c === CH_QIAN) found = atQian(text, i, lineEnd, lineStart);
    else found = atTitle(text, i, lineEnd, lineStart);
    if (found === undefined || found.length === 0) continue;
    out ??= [];
    for (const r of found) out.push(r);
    floor = lineStart + found[found.length - 1].end;
    i = floor - 1;
  }
  return out ?? NO_REFERENCES;
}

/** The characters a reference can start at: 第 本 前 《. */
const TRIGGERS = ['第', '本', '前', '《'];

/** The char codes of TRIGGERS, for the bounded search of a short range. */
const TRIGGER_CODES = TRIGGERS.map((t) => t.charCodeAt(0));

/** A range this short is searched character by character: indexOf would read on to the end of the document for a trigger the range lacks. */
const SHORT_RANGE = 4096;

/**
 * Finds the next character a reference can start at, with one indexOf per
 * trigger character remembered until it is passed: the lines between two
 * triggers cost nothing, and nothing is allocated. Positions asked must not
 * go back (they do not within a scan), nor reach `limit`, the end of the
 * range scanned: after a keystroke that is one line, and a trigger absent
 * from it is not looked for in the megabytes after it.
 */
export class TriggerCursor {
  private readonly next = [-2, -2, -2, -2]; // -2: not searched yet; -1: none after (before the limit)
  private last = -1;

  constructor(private readonly limit = Number.POSITIVE_INFINITY) {}

  at(text: string, from: number): number {
    const next = this.next;
    if (from < this.last) next.fill(-2);
    this.last = from;
    const bounded = this.limit - from <= SHORT_RANGE;
    let best = -1;
    for (let k = 0; k < 4; k++) {
      let p = next[k];
      if (p === -2 || (p >= 0 && p < from)) {
        p = bounded ? indexBefore(text, TRIGGER_CODES[k], from, Math.min(this.limit, text.length)) : text.indexOf(TRIGGERS[k], from);
        next[k] = p;
      }
      if (p >= 0 && (best < 0 || p < best)) best = p;
    }
    return best;
  }
}

function indexBefore(text: string, code: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/** Shared by every line without references: most lines. */
export const NO_REFERENCES: readonly Reference[] = Object.freeze([]);

/** End of a heading marker 第X条/章/节/编/卷/部/回/篇 (+ 之一) at the start of a line, or `s` when there is none. */
function readHeadingMarker(text: string, s: number, e: number): number {
  let i = s + 1;
  while (i < e && isSpace(text.charCodeAt(i))) i++;
  const num = readArabic(text, i, e) ?? readCnNumeral(text, i, e);
  if (num === undefined) return s;
  i = num.end;
  while (i < e && isSpace(text.charCodeAt(i))) i++;
  if ('条條章节節编編卷部回篇'.indexOf(text[i]) < 0) return s;
  i++;
  if (text.charCodeAt(i) === CH_ZHI) {
    const sub = readCnNumeral(text, i + 1, e) ?? readArabic(text, i + 1, e);
    if (sub !== undefined) i = sub.end;
  }
  return i;
}

/** 第… with no 本法 or 《》 before it: this document's, or a law's named just before it (刑法第十七条). */
function atDi(text: string, at: number, e: number, floor: number, lineStart: number): Reference[] | undefined {
  const name = lawNameBefore(text, at, floor);
  const first = readNumbered(text, at, e);
  if (first === undefined) return undefined;
  const bare = name === undefined;
  return readChain(text, e, lineStart, name?.start ?? at, name?.name, undefined, first, bare);
}

/** 本法第…, 本条例第…, or 本条 本章 本节 本编 本款 本项 (+ 第… below it). */
function atBen(text: string, at: number, e: number, lineStart: number): Reference[] | undefined {
  if (at > lineStart && BEN_WORD_BEFORE.has(text.charCodeAt(at - 1))) return undefined;
  for (const word of SELF_WORDS) {
    if (!startsWithAt(text, at + 1, e, word)) continue;
    const di = at + 1 + word.length;
    if (text.charCodeAt(di) !== CH_DI) return undefined; // 适用本法。 names no article; 本条例 is never 本条 + 例
    const first = readNumbered(text, di, e);
    if (first === undefined) return undefined;
    return readChain(text, e, lineStart, at, undefined, word, first, false);
  }
  const unit = THIS_UNIT.get(text.charCodeAt(at + 1));
  if (unit === undefined) return undefined;
  const after = at + 2;
  if (followedByAny(text, after, e, THIS_COUNT_WORDS[unit])) return undefined;
  const part = new Part(unit, 'this', 0, 0, -1, -1, undefined, undefined, false);
  return readChainAfter(text, e, lineStart, at, undefined, undefined, [part], after);
}

/** 前款 前两款 前条 前项 (+ 第… below it: 前款第二项, 前条第一款). */
function atQian(text: string, at: number, e: number, lineStart: number): Reference[] | undefined {
  if (at > lineStart && QIAN_WORD_BEFORE.has(text.charCodeAt(at - 1))) return undefined;
  let i = at + 1;
  let count = 1;
  const num = readCnNumeral(text, i, e);
  if (num !== undefined) {
    // 前两款: 两 alone is no numeral for readCnNumeral, so read it here.
    count = num.value;
    i = num.end;
  } else if (text[i] === '两') {
    count = 2;
    i++;
  }
  const unit = text[i] === '款' ? 'paragraph' : text[i] === '条' || text[i] === '條' ? 'article' : text[i] === '项' || text[i] === '項' ? 'item' : undefined;
  if (unit === undefined || count < 1) return undefined;
  const after = i + 1;
  if (followedByAny(text, after, e, THIS_COUNT_WORDS[unit])) return undefined;
  const part = new Part(unit, 'previous', count, 0, -1, -1, undefined, undefined, false);
  return readChainAfter(text, e, lineStart, at, undefined, undefined, [part], after);
}

/** 《title》第…: a reference to the document of that title. */
function atTitle(text: string, at: number, e: number, lineStart: number): Reference[] | undefined {
  const stop = Math.min(e, at + TITLE_MAX + 1);
  let close = -1;
  for (let i = at + 1; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === CH_TITLE_CLOSE) {
      close = i;
      break;
    }
    if (c === CH_TITLE_OPEN) return undefined;
  }
  if (close <= at + 1 || text.charCodeAt(close + 1) !== CH_DI) return undefined;
  const first = readNumbered(text, close + 1, e);
  if (first === undefined) return undefined;
  const title = text.slice(at + 1, close).trim();
  return readChain(text, e, lineStart, at, title, undefined, first, false);
}

/** A law's name ending just before `at` (刑法第…), not reaching back past `floor`. */
function lawNameBefore(text: string, at: number, floor: number): { start: number; name: string } | undefined {
  if (at <= floor || !LAW_SUFFIX_LAST.has(text.charCodeAt(at - 1))) return undefined;
  let j = at;
  while (j > floor && at - j < LAW_NAME_MAX && isHan(text.charCodeAt(j - 1))) j--;
  if (j === at) return undefined;
  let name = text.slice(j, at);
  if (!LAW_SUFFIXES.some((s) => name.endsWith(s))) return undefined;
  // Cut verbs in front (依照刑法 → 刑法), at their last occurrence.
  for (const verb of LEADING_VERBS) {
    const k = name.lastIndexOf(verb);
    if (k >= 0 && name.length - (k + verb.length) >= 2) {
      j += k + verb.length;
      name = name.slice(k + verb.length);
    }
  }
  const pointing = () => POINTING_WORDS.some((w) => name.startsWith(w)) || GENERIC_NAMES.has(name);
  while (name.length > 2 && LEADING_CHARS.has(name.charCodeAt(0)) && !pointing()) {
    j++;
    name = name.slice(1);
  }
  if (NOT_LAW_NAMES.has(name)) return undefined;
  if (pointing()) {
    // 该法第十条, 有关规定第三条: another document, but none we can name.
    return { start: j, name: '' };
  }
  return { start: j, name };
}

/**
 * The reference whose first part was read at `first`, then the parts below
 * it written right after (第十条第一款第（三）项), then the references of a list
 * or range continuing it (、第十一条 / 至第十二条), each inheriting the parts
 * above its own first part.
 */
function readChain(
  text: string,
  e: number,
  lineStart: number,
  start: number,
  document: string | undefined,
  self: string | undefined,
  first: NumberedPart,
  bare: boolean,
): Reference[] | undefined {
  if (!acceptsAfter(text, first.end, e, first.unit, bare && (first.unit === 'paragraph' || first.unit === 'item'))) return undefined;
  const parts = [numberedPart(first, lineStart, false)];
  return readChainAfter(text, e, lineStart, start, document, self, parts, first.end);
}

/** Continues a reference whose parts so far end at `end`. */
function readChainAfter(
  text: string,
  e: number,
  lineStart: number,
  start: number,
  document: string | undefined,
  self: string | undefined,
  parts: ReferencePart[],
  end: number,
): Reference[] {
  // Parts below, written right after: 第十条第一款, 前款第二项, 本条第二款.
  while (text.charCodeAt(end) === CH_DI) {
    const next = readNumbered(text, end, e);
    if (next === undefined || UNIT_RANK[next.unit] <= UNIT_RANK[parts[parts.length - 1].unit]) break;
    if (!acceptsAfter(text, next.end, e, next.unit, false)) break;
    parts.push(numberedPart(next, lineStart, false));
    end = next.end;
  }
  const out: Reference[] = [new LineReference(start - lineStart, end - lineStart, document, self, parts, false)];
  // A range or a list continuing it.
  for (;;) {
    let at = end;
    let range = false;
    if (text.charCodeAt(at) === CH_ZHI_RANGE) {
      range = true;
      at++;
    } else {
      const connector = LIST_CONNECTORS.find((c) => startsWithAt(text, at, e, c));
      if (connector === undefined) break;
      at += connector.length;
    }
    if (text.charCodeAt(at) !== CH_DI) break;
    const next = readNumbered(text, at, e);
    if (next === undefined || !acceptsAfter(text, next.end, e, next.unit, false)) break;
    const previous = out[out.length - 1].parts;
    const inherited: ReferencePart[] = [];
    for (const p of previous) {
      if (UNIT_RANK[p.unit] >= UNIT_RANK[next.unit]) break;
      inherited.push(p.inherited ? p : inheritedPart(p));
    }
    const own: ReferencePart[] = [...inherited, numberedPart(next, lineStart, false)];
    let stop = next.end;
    while (text.charCodeAt(stop) === CH_DI) {
      const below = readNumbered(text, stop, e);
      if (below === undefined || UNIT_RANK[below.unit] <= UNIT_RANK[own[own.length - 1].unit]) break;
      if (!acceptsAfter(text, below.end, e, below.unit, false)) break;
      own.push(numberedPart(below, lineStart, false));
      stop = below.end;
    }
    out.push(new LineReference(at - lineStart, stop - lineStart, document, self, own, range));
    end = stop;
  }
  return out;
}

/** Whether the text after a unit lets it be a reference (第二条腿 does not; a bare 第三项 needs 规定, 、 …). */
function acceptsAfter(text: string, at: number, e: number, unit: ReferenceUnit, bare: boolean): boolean {
  if (at >= e) return true;
  if (bare && !BARE_FOLLOWERS.has(text.charCodeAt(at))) return false;
  return !followedByAny(text, at, e, COUNT_WORDS[unit]);
}

function numberedPart(p: NumberedPart, lineStart: number, inherited: boolean): ReferencePart {
  return new Part(p.unit, 'number', p.number, p.sub, p.numberStart - lineStart, p.numberEnd - lineStart, p.numeral, p.zero, inherited);
}

function inheritedPart(p: ReferencePart): ReferencePart {
  return new Part(p.unit, p.mode, p.number, p.sub, -1, -1, p.numeral, p.zero, true);
}

/**
 * The names of the other documents this text cites — by 《title》 or a law's
 * name (刑法第十七条) — each once, for the workspace index's files that are
 * not open. Only a line with 》 or a law name's last character right before a
 * 第 is scanned, so a text that cites no other document costs one pass of
 * indexOf over its 第.
 */
export function citedDocuments(text: string): string[] {
  const names = new Set<string>();
  let at = text.indexOf('第', 1);
  while (at >= 0) {
    const before = text.charCodeAt(at - 1);
    if ((before !== CH_TITLE_CLOSE && !LAW_SUFFIX_LAST.has(before)) || namesItself(text, at)) {
      at = text.indexOf('第', at + 1);
      continue;
    }
    // The line around it, found by walking its own characters (a search for \r in a text without one would read to its end each time).
    let start = at;
    while (start > 0 && !isLineBreak(text.charCodeAt(start - 1))) start--;
    let end = at;
    while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
    for (const ref of scanLineReferences(text, start, end)) if (ref.document !== undefined && ref.document !== '') names.add(ref.document);
    at = text.indexOf('第', end + 1);
  }
  return [...names];
}

function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

/** 本法第, 本条例第 …: the document citing itself, the commonest 法第 / 例第 of a law. */
function namesItself(text: string, at: number): boolean {
  for (const word of SELF_WORDS) {
    const from = at - word.length - 1;
    // 基本法第十条 is a law's name (基本 is a word, as atBen reads it).
    if (from >= 0 && text.charCodeAt(from) === CH_BEN && text.startsWith(word, from + 1)) return from === 0 || !BEN_WORD_BEFORE.has(text.charCodeAt(from - 1));
  }
  return false;
}

/** The references of lines fromLine..toLine (inclusive), one array per line. */
export function scanReferenceLines(doc: OutlineDocument, fromLine: number, toLine: number): (readonly Reference[])[] {
  const text = doc.getText();
  const out: (readonly Reference[])[] = [];
  // The range ends where the line after toLine starts (the document's end after the last line).
  const cursor = new TriggerCursor(doc.offsetAt({ line: toLine + 1, character: 0 }));
  forEachLine(doc, fromLine, toLine, (_line, start, end) => {
    out.push(scanLineReferences(text, start, end, cursor));
  });
  return out;
}

// ------------------------------------------------------------- renumbering

/** A text edit on one line: replace columns start..end with newText. */
export interface LineTextEdit {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * The edits that rewrite every reference to a renumbered article of this
 * document: `mapping` gives an article's new number by its old one (an
 * article inserted, moved or deleted; null for a deleted article, whose
 * references are left as they are and become reference.missing). Each end
 * of a range is its own reference and moves on its own; an inserted
 * article's 之一 stays with its base number. Numbers are written in the
 * reference's own kind (一百零五, 105, １０５, 壹佰零伍). References to another
 * document, and relative ones (前条, 本条), are not touched.
 */
export function renumberReferences(lines: readonly (readonly Reference[])[], mapping: ReadonlyMap<number, number | null>): LineTextEdit[] {
  const edits: LineTextEdit[] = [];
  for (let line = 0; line < lines.length; line++) {
    for (const ref of lines[line]) {
      if (ref.document !== undefined) continue;
      for (const part of ref.parts) {
        if (part.unit !== 'article' || part.mode !== 'number' || part.numberStart < 0) continue;
        const to = mapping.get(part.number);
        if (to === undefined || to === null || to === part.number) continue;
        const newText = writeReferenceNumber(to, part.numeral ?? 'chinese', part.zero);
        if (newText === undefined) continue;
        edits.push({ line, start: part.numberStart, end: part.numberEnd, newText });
      }
    }
  }
  return edits;
}

/**
 * Writes an article number as the reference wrote its own: Chinese
 * (一百零五, with 〇 when it used 〇), financial (壹佰零伍), ASCII or
 * full-width digits (numerals.ts writes them).
 */
export function writeReferenceNumber(value: number, numeral: ReferenceNumeral, zero: '零' | '〇' | undefined = undefined): string | undefined {
  return writeNumeral(value, zero === undefined ? { kind: numeral } : { kind: numeral, zero });
}

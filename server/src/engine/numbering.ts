// Numbering checks (docs/headings.md §7): the slips within each list of the
// outline — a number skipped or repeated, a list that does not start at 1, a
// marker written differently from its list's first item, an outer GB/T 9704
// level after an inner one, a list not in the 公文 form — and the document
// checks of tableOfContents.ts, attachments.ts and documentForms.ts. Results
// are data (a code, a range on the marker, the expected text, arguments for
// the message tables in numberingMessages.ts); the fixes are text edits.
// The checks never change the tree.

import { CompiledRules, NO_RULES } from './customRules';
import { OutlineDocument, lineContentEnd, lineStart } from './document';
import { LineRange, TextEdit, orderEdits } from './edits';
import { scanLine } from './markers';
import { outlineAfterEdits, sameTree } from './reparse';
import { MarkerForm, NumeralForm, NumeralKind, markerForm, writeNumeral } from './numerals';
import { Heading, HeadingList, HeadingStyle, Outline } from './types';
import { checkAttachments } from './attachments';
import { checkDocumentForms, documentFormFix } from './documentForms';
import { checkTablesOfContents, rewriteTableOfContents, tableEntryEdits, tableOfContentsAt } from './tableOfContents';

export type NumberingCode =
  | 'numbering.skipped'
  | 'numbering.repeated'
  | 'numbering.start'
  | 'numbering.form'
  | 'numbering.order'
  | 'numbering.gbt9704'
  | 'toc.mismatch'
  | 'attachment.mismatch'
  | 'docnumber.form'
  | 'date.form';

export type NumberingSeverity = 'warning' | 'information';

/** One numbering problem, on the marker (or line) it concerns. */
export interface NumberingDiagnostic extends LineRange {
  readonly code: NumberingCode;
  /** Which message of the code (toc.mismatch: 'entry', 'missing', 'order'; attachment.mismatch: …); see numberingMessages.ts. */
  readonly detail?: string;
  readonly severity: NumberingSeverity;
  /** What the range should read, where there is one: 三、 */
  readonly expected?: string;
  /** The items it was compared with: the previous member, the list's first item, the body heading. */
  readonly related?: readonly LineRange[];
  /** Arguments {0} {1} … of its message. */
  readonly args: readonly string[];
}

export interface NumberingOptions {
  /** Report lists not written in the GB/T 9704 forms 一、 （一） 1. （1） (an Information). */
  readonly gbt9704: boolean;
}

export const DEFAULT_NUMBERING_OPTIONS: NumberingOptions = { gbt9704: true };

export type NumberingFixKind = 'renumber' | 'first-item-form' | 'standard-form' | 'toc' | 'docnumber' | 'date';

/** A quick fix: one edit of the document (one undo step). */
export interface NumberingFix {
  readonly kind: NumberingFixKind;
  /** The obvious fix of its diagnostic. */
  readonly preferred: boolean;
  readonly edits: readonly TextEdit[];
  /** Arguments of its title in numberingMessages.ts FIX_TITLES. */
  readonly args: readonly string[];
}

/** Every numbering problem of the document, in document order. */
export function checkNumbering(doc: OutlineDocument, outline: Outline, options: NumberingOptions = DEFAULT_NUMBERING_OPTIONS): NumberingDiagnostic[] {
  const text = doc.getText();
  const out: NumberingDiagnostic[] = [];
  for (const plan of planLists(text, doc, outline)) listDiagnostics(plan, options, out);
  orderDiagnostics(outline, out);
  out.push(...checkTablesOfContents(text, doc, outline));
  out.push(...checkAttachments(text, doc, outline));
  out.push(...checkDocumentForms(text, doc));
  return out.sort((a, b) => a.line - b.line || a.start - b.start);
}

/**
 * The fixes of a diagnostic, found again from its code and where it starts
 * (what an LSP client sends back), the preferred one first.
 */
export function numberingFixes(
  doc: OutlineDocument,
  outline: Outline,
  at: { readonly code: string; readonly line: number; readonly start: number },
  options: NumberingOptions = DEFAULT_NUMBERING_OPTIONS,
): NumberingFix[] {
  return fixesFor(doc, outline, at, options).filter((fix) => keepsTree(doc, outline, fix.edits));
}

function fixesFor(
  doc: OutlineDocument,
  outline: Outline,
  at: { readonly code: string; readonly line: number; readonly start: number },
  options: NumberingOptions,
): NumberingFix[] {
  const text = doc.getText();
  switch (at.code) {
    case 'numbering.skipped':
    case 'numbering.repeated':
    case 'numbering.start': {
      const plan = planAt(text, doc, outline, at.line, at.start);
      const edits = plan && renumberEdits(plan, plan.start);
      const first = plan && written(plan.items[0], plan.start, plan.numeral);
      return edits && edits.length > 0 ? [{ kind: 'renumber', preferred: true, edits: withTableEntries(outline, plan, edits), args: [first ?? String(plan.start)] }] : [];
    }
    case 'numbering.form': {
      const plan = planAt(text, doc, outline, at.line, at.start);
      const item = plan?.items.find((i) => i.line === at.line && i.start === at.start);
      const edit = plan && item && wholeMarkerEdit(item, asFirstItem(plan, item, item.number));
      return edit ? [{ kind: 'first-item-form', preferred: true, edits: withTableEntries(outline, plan, [edit]), args: [edit.newText] }] : [];
    }
    case 'numbering.gbt9704': {
      const plan = planAt(text, doc, outline, at.line, at.start);
      if (plan === undefined || !options.gbt9704) return [];
      const edits = standardFormEdits(plan, undefined);
      return edits && edits.length > 0 ? [{ kind: 'standard-form', preferred: true, edits: withTableEntries(outline, plan, edits), args: [] }] : [];
    }
    case 'toc.mismatch': {
      const toc = tableOfContentsAt(outline, at.line);
      const edit = toc && rewriteTableOfContents(text, doc, outline, toc, undefined);
      return edit ? [{ kind: 'toc', preferred: true, edits: [edit], args: [] }] : [];
    }
    case 'docnumber.form':
    case 'date.form': {
      const edit = documentFormFix(text, doc, at.line);
      return edit ? [{ kind: at.code === 'date.form' ? 'date' : 'docnumber', preferred: true, edits: [edit], args: [edit.newText] }] : [];
    }
    default:
      return [];
  }
}

/**
 * Every fix of the document as one edit (source.fixAll): each list
 * renumbered and written as its first item (or in the GB/T 9704 form, when
 * that check is on and the list is not), the 目录 rewritten when it disagrees
 * with the body or a heading it lists was renumbered, 发文字号 and 成文日期 in
 * their standard forms.
 */
export function fixAllNumbering(doc: OutlineDocument, outline: Outline, options: NumberingOptions = DEFAULT_NUMBERING_OPTIONS): TextEdit[] {
  const text = doc.getText();
  const forms: TextEdit[] = [];
  for (const d of checkDocumentForms(text, doc)) {
    const edit = documentFormFix(text, doc, d.line);
    if (edit) forms.push(edit);
  }
  return safeEdits(doc, outline, renumberAll(text, doc, outline, options), forms);
}

/** Every list renumbered and its forms normalised, and the 目录 kept in step (重新编号全文). */
export function renumberDocument(doc: OutlineDocument, outline: Outline, options: NumberingOptions = DEFAULT_NUMBERING_OPTIONS): TextEdit[] {
  return safeEdits(doc, outline, renumberAll(doc.getText(), doc, outline, options), []);
}

/**
 * The edits, checked to keep the tree; when they do not — a 目录 that lists
 * one heading twice cannot be kept in step (§3: its entries end where the
 * first repeats) — the lists a 目录 lists and the 目录 are left as they are,
 * and when even that fails nothing is changed.
 */
function safeEdits(doc: OutlineDocument, outline: Outline, lists: { edits: TextEdit[]; listed: TextEdit[] }, forms: TextEdit[]): TextEdit[] {
  const all = orderEdits([...lists.edits, ...lists.listed, ...forms]);
  if (keepsTree(doc, outline, all)) return all;
  const unlisted = orderEdits([...lists.edits, ...forms]);
  return keepsTree(doc, outline, unlisted) ? unlisted : [];
}

/** Whether the document after `edits` parses to the tree it has now (styles, kinds, depths and parents). */
function keepsTree(doc: OutlineDocument, outline: Outline, edits: readonly TextEdit[]): boolean {
  return edits.length === 0 || sameTree(outline, outlineAfterEdits(doc, outline, edits));
}

// ---------------------------------------------------------------- lists reordered by a structure edit

/**
 * The number each list of the outline starts at once renumbered, as the
 * renumber fix numbers it: 1, a law's first article, or on from the list of
 * the same series it continues (chapters numbered through the volumes); after
 * an 附件说明's inline first item, that item's. For edits that reorder lists
 * (structure.ts), which renumber through renumberMembers.
 */
export function listStarts(doc: OutlineDocument, outline: Outline): Map<HeadingList, number> {
  const starts = new Map<HeadingList, number>();
  for (const plan of planLists(doc.getText(), doc, outline)) starts.set(plan.list, plan.list.lead === undefined ? plan.start : plan.start + 1);
  return starts;
}

/**
 * One list renumbered as the renumber fix numbers it, for an edit that
 * reorders, joins or splits lists (structure.ts, §8): `members` in the list's
 * new order — headings of `doc`, or the marker a member is to be written as
 * (a section taking another level, a new heading) — numbered consecutively
 * from `start` in the numeral form of the first (its kind, with 〇 or padding
 * where a member of that kind shows them), each with its own brackets and
 * punctuation; an inserted law article (第十条之一) keeps its base's number.
 * The new markers in order, undefined where that form cannot write the
 * number (① stops at ㊿).
 */
export function renumberMembers(doc: OutlineDocument, members: readonly (Heading | { readonly raw: string })[], start: number): (string | undefined)[] {
  if (members.length === 0) return [];
  const lines = new LineTexts(doc.getText(), doc);
  const items = members.map((m) => {
    if ('raw' in m) return { raw: m.raw, form: markerForm(m.raw), inserted: false };
    return m.list === undefined ? { raw: lines.get(m.line).slice(m.start, m.markerEnd), form: undefined, inserted: false } : makeItem(m, m, m.list, lines);
  });
  const numeral = listNumeral(items);
  return expectedNumbers({ items }, start).map((value, i) => written(items[i], value, numeral));
}

// ---------------------------------------------------------------- lists

/** A numbered marker of a list (a heading, or the lead of an 附件说明) as written. */
interface Item {
  readonly line: number;
  readonly start: number;
  readonly markerEnd: number;
  readonly number: number;
  /** The marker as written, inner whitespace included. */
  readonly raw: string;
  readonly form: MarkerForm | undefined;
  /** The line's text, for checking that an edited marker reads back as intended. */
  readonly lineText: string;
  /** The heading; undefined for an 附件说明's inline lead. */
  readonly heading: Heading | undefined;
  /** An inserted law article (第十条之一) carries its base article's number and does not count. */
  readonly inserted: boolean;
  /** A title line of a speech collection (在……讲话篇2): its number stands after 篇, its "marker" is its title. */
  readonly titleLine: boolean;
  /** The user-defined rules the line is read with (§10). */
  readonly rules: CompiledRules;
}

interface ListPlan {
  readonly list: HeadingList;
  /** The lead (if any) and the members. */
  readonly items: readonly Item[];
  /** The number the list should start at: 1, the law's first article, or on from the list it continues. */
  readonly start: number;
  /** The list of the same style before it that this one continues (chapters numbered through the volumes). */
  readonly continues: ListPlan | undefined;
  /** How the list writes its numbers: its first item's kind, with 〇 or padding where any item shows them. */
  readonly numeral: NumeralForm;
  /** The GB/T 9704 form of the list's level, when the list is of such a level and its first item is not written so. */
  readonly standard: StandardForm | undefined;
}

/** GB/T 9704-2012 §7.3.3: 一、 （一） 1. （1）. */
interface StandardForm {
  readonly before: string;
  readonly kind: NumeralKind;
  /** Accepted punctuation after the number; the first is written. */
  readonly after: readonly string[];
}

const STANDARD: Partial<Record<HeadingStyle, StandardForm>> = {
  item: { before: '', kind: 'chinese', after: ['、'] },
  'paren-cn': { before: '（', kind: 'chinese', after: ['）'] },
  // 下脚点: the ASCII full stop, or the full-width one a Chinese input method types.
  arabic: { before: '', kind: 'ascii', after: ['.', '．'] },
  'paren-arabic': { before: '（', kind: 'ascii', after: ['）'] },
};

/** The GB/T 9704 level of a heading (1 for 一、 … 4 for （1）), 0 for other styles. */
function gbtLevel(h: Heading): number {
  switch (h.style) {
    case 'item':
      return h.kind === undefined ? 1 : 0;
    case 'paren-cn':
      return 2;
    case 'arabic':
      return 3;
    case 'paren-arabic':
      return 4;
    default:
      return 0;
  }
}

/** The divisions of a law above its articles: 编 卷 部, 分编, 章, 节. */
const LAW_DIVISIONS: ReadonlySet<string> = new Set(['volume', 'part', 'chapter', 'section']);

/** A law's outermost divisions: an excerpt or one book may begin at 第五编 or 第三章; the divisions inside them are checked as any list. */
function isOutermostDivision(list: HeadingList): boolean {
  return list.kind === 'siblings' && LAW_DIVISIONS.has(list.style) && (list.parent === undefined || !LAW_DIVISIONS.has(list.parent.style));
}

function planLists(text: string, doc: OutlineDocument, outline: Outline): ListPlan[] {
  const plans: ListPlan[] = [];
  /** The latest list of each series (style, 附件/附录, parent's style), for lists numbered through. */
  const series = new Map<string, ListPlan>();
  const lines = new LineTexts(text, doc, outline.rules);
  const law = outline.lists.some((l) => l.kind === 'law');
  for (const list of outline.lists) {
    const items: Item[] = [];
    if (list.lead) items.push(makeItem(list.lead, undefined, list, lines));
    for (const m of list.members) items.push(makeItem(m, m, list, lines));
    const first = items[0];
    let start = 1;
    let continues: ListPlan | undefined;
    // A series per style — per word for 附件/附录, per rule for a user rule's headings (§10).
    const word = list.style === 'named' ? namedWord(first.raw) : list.style === 'custom' ? String(list.members[0].rule) : '';
    const key = list.kind === 'siblings' ? `${list.style}|${word}|${list.parent?.style ?? ''}` : undefined;
    if (list.kind === 'law' || (law && isOutermostDivision(list))) {
      // An excerpt or one book of a code starts where it starts (民法典 婚姻家庭编 at 第五编 and 第一千零四十条).
      start = first.number;
    } else if (key !== undefined && first.number > 1) {
      const before = series.get(key);
      const last = before?.items[before.items.length - 1];
      if (before !== undefined && last !== undefined && before.list.parent !== list.parent && first.number > last.number) {
        continues = before;
        start = last.number + 1;
      }
    }
    const plan: ListPlan = { list, items, start, continues, numeral: listNumeral(items), standard: standardOf(list, first) };
    plans.push(plan);
    if (key !== undefined) series.set(key, plan);
  }
  return plans;
}

/** Line texts, each read once. */
class LineTexts {
  private line = -1;
  private value = '';
  constructor(
    private readonly text: string,
    private readonly doc: OutlineDocument,
    /** The rules the outline was scanned with: an edited marker must read back under them. */
    readonly rules: CompiledRules = NO_RULES,
  ) {}
  get(line: number): string {
    if (line !== this.line) {
      this.line = line;
      this.value = this.text.slice(lineStart(this.doc, line), lineContentEnd(this.text, this.doc, line));
    }
    return this.value;
  }
}

function makeItem(
  m: { line: number; start: number; markerEnd: number; number: number },
  heading: Heading | undefined,
  list: HeadingList,
  lines: LineTexts,
): Item {
  const lineText = lines.get(m.line);
  const raw = lineText.slice(m.start, m.markerEnd);
  const titleLine = heading?.style === 'article' && !raw.startsWith('第');
  const form = markerForm(raw, titleLine ? raw.lastIndexOf('篇') + 1 : 0);
  // An inserted chapter or article keeps its base number in the marker (第 五 章之一, 第 2-1 條: Marker.sub).
  let inserted = heading?.sub !== undefined;
  if (!inserted && list.kind === 'law' && form !== undefined) {
    // 第十条之一 / 第 2-1 條: the suffix may be read into the marker or left after it.
    const after = strip(form.after);
    inserted = (after !== '条' && after !== '條') || /^\s*之[一二三四五六七八九十]/.test(lineText.slice(m.markerEnd));
  }
  return { line: m.line, start: m.start, markerEnd: m.markerEnd, number: m.number, raw, form, lineText, heading, inserted, titleLine, rules: lines.rules };
}

/** 附件 or 附录 for a numbered named heading's marker, else ''. */
function namedWord(raw: string): string {
  const word = strip(raw).slice(0, 2);
  return word === '附件' || word === '附录' ? word : '';
}

function strip(s: string): string {
  return /\s/.test(s) ? s.replace(/\s+/g, '') : s;
}

/** The list's numeral form: its first item's kind, with the zero and padding of any item of that kind that shows them. */
function listNumeral(items: readonly Pick<Item, 'form'>[]): NumeralForm {
  const first = items[0].form?.numeral ?? { kind: 'ascii' };
  let zero = first.zero;
  let pad = first.pad;
  for (const item of items) {
    const n = item.form?.numeral;
    if (n === undefined || n.kind !== first.kind) continue;
    zero ??= n.zero;
    pad ??= n.pad;
  }
  return { kind: first.kind, ...(zero ? { zero } : {}), ...(pad ? { pad } : {}) };
}

function standardOf(list: HeadingList, first: Item): StandardForm | undefined {
  const standard = STANDARD[list.style];
  // Laws keep their own forms, their 项 too.
  if (standard === undefined || list.kind !== 'siblings' || list.parent?.kind === 'law') return undefined;
  return isStandard(first, standard) ? undefined : standard;
}

function isStandard(item: Item, standard: StandardForm): boolean {
  const f = item.form;
  if (f === undefined) return true;
  return strip(f.before) === standard.before && f.numeral.kind === standard.kind && standard.after.includes(strip(f.after)) && trailingPunctuation(item) === 0;
}

/** （一）、 and （1）. carry a second punctuation after the bracket: its length (0 or 1). */
function trailingPunctuation(item: Item): number {
  if (item.heading?.style !== 'paren-cn' && item.heading?.style !== 'paren-arabic') return 0;
  const next = item.lineText[item.markerEnd];
  return next === '、' || next === '.' || next === '．' ? 1 : 0;
}

/** What decides whether two markers of a list are written alike; undefined when the marker has no form. */
function formKey(item: Item, list: HeadingList): string | undefined {
  const f = item.form;
  if (f === undefined) return undefined;
  const kind = f.numeral.kind;
  // The word of a point may change along its list (三关于 四是关于).
  if (list.kind === 'enumeration') return kind;
  if (item.titleLine) return `title|${kind}|${strip(f.after)}`;
  return `${strip(f.before)}|${kind}|${strip(f.after)}`;
}

/** The numbers the items should carry: consecutive from `start`, an inserted article keeping its base's number. */
function expectedNumbers(plan: { readonly items: readonly Pick<Item, 'inserted'>[] }, start: number): number[] {
  const out: number[] = [];
  let last = start - 1;
  for (let i = 0; i < plan.items.length; i++) {
    if (i > 0 && plan.items[i].inserted) out.push(last);
    else out.push(++last);
  }
  return out;
}

function listDiagnostics(plan: ListPlan, options: NumberingOptions, out: NumberingDiagnostic[]): void {
  const { items, list } = plan;
  const first = items[0];
  if (list.kind === 'siblings' && first.number !== plan.start) {
    const expected = written(first, plan.start, plan.numeral);
    const before = plan.continues?.items[plan.continues.items.length - 1];
    out.push({
      ...markerRange(first),
      code: before ? 'numbering.skipped' : 'numbering.start',
      severity: 'warning',
      expected,
      related: before ? [markerRange(before)] : undefined,
      args: [expected ?? String(plan.start), first.raw],
    });
  }
  let previous = first;
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    if (item.inserted) continue;
    if (item.number !== previous.number + 1) {
      const expected = written(item, previous.number + 1, plan.numeral);
      out.push({
        ...markerRange(item),
        code: item.number === previous.number ? 'numbering.repeated' : 'numbering.skipped',
        severity: 'warning',
        expected,
        related: [markerRange(previous)],
        args: [expected ?? String(previous.number + 1), item.raw],
      });
    }
    previous = item;
  }
  const firstKey = formKey(first, list);
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    if (item.inserted || item.titleLine !== first.titleLine) continue; // 讲话篇1 and 第二篇 are both ways to number an article
    const key = formKey(item, list);
    if (key === undefined || firstKey === undefined || key === firstKey) continue;
    const expected = asFirstItem(plan, item, item.number);
    out.push({ ...markerRange(item), code: 'numbering.form', severity: 'warning', expected, related: [markerRange(first)], args: [expected ?? first.raw, first.raw] });
  }
  if (options.gbt9704 && plan.standard) {
    const expected = standardText(plan.standard, first.number);
    const range = markerRange(first);
    out.push({ ...range, end: range.end + trailingPunctuation(first), code: 'numbering.gbt9704', severity: 'information', expected, args: [expected ?? '', first.raw] });
  }
}

/** numbering.order: under one parent, an outer GB/T 9704 level after an inner one (（一） before 一、), on the outer heading. */
function orderDiagnostics(outline: Outline, out: NumberingDiagnostic[]): void {
  const check = (siblings: readonly Heading[]) => {
    if (siblings.length < 2) return;
    const firstOfLevel: (Heading | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
    for (const h of siblings) {
      const level = gbtLevel(h);
      if (level === 0 || firstOfLevel[level] !== undefined) continue;
      firstOfLevel[level] = h;
      let inner: Heading | undefined;
      for (let k = level + 1; k <= 4; k++) {
        const candidate = firstOfLevel[k];
        if (candidate !== undefined && (inner === undefined || candidate.line < inner.line)) inner = candidate;
      }
      if (inner === undefined) continue;
      out.push({ ...headingMarkerRange(h), code: 'numbering.order', severity: 'warning', related: [headingMarkerRange(inner)], args: [h.marker, inner.marker] });
    }
  };
  check(outline.roots);
  for (const h of outline.headings) check(h.children);
}

function markerRange(item: Item): LineRange {
  return { line: item.line, start: item.start, end: item.markerEnd };
}

function headingMarkerRange(h: Heading): LineRange {
  return { line: h.line, start: h.start, end: h.markerEnd };
}

/** The item's marker, its own brackets and punctuation kept, numbered `value` in the list's numeral form. */
function written(item: Pick<Item, 'raw' | 'form'>, value: number, numeral: NumeralForm): string | undefined {
  const f = item.form;
  const digits = writeNumeral(value, numeral);
  if (f === undefined || digits === undefined) return undefined;
  return item.raw.slice(0, f.numeralStart) + digits + item.raw.slice(f.numeralEnd);
}

/** The item written as the list's first item writes its marker, numbered `value`. */
function asFirstItem(plan: ListPlan, item: Item, value: number): string | undefined {
  const first = plan.items[0];
  const f = first.form;
  if (f === undefined || item.form === undefined) return undefined;
  // A point keeps its word and a title line its title: only the numeral changes.
  if (plan.list.kind === 'enumeration' || item.titleLine) return written(item, value, plan.numeral);
  const digits = writeNumeral(value, plan.numeral);
  return digits === undefined ? undefined : first.raw.slice(0, f.numeralStart) + digits + first.raw.slice(f.numeralEnd);
}

function standardText(standard: StandardForm, value: number): string | undefined {
  const digits = writeNumeral(value, { kind: standard.kind });
  return digits === undefined ? undefined : standard.before + digits + standard.after[0];
}

/**
 * An edit replacing the item's marker with `newText` (and a second
 * punctuation after its bracket when `dropTrailing`), or undefined when
 * nothing changes or the line would no longer read as the same marker with
 * that number (1、5G written 1. would read as 1.5).
 */
function wholeMarkerEdit(item: Item, newText: string | undefined, dropTrailing = false, value = item.number): TextEdit | undefined {
  if (newText === undefined) return undefined;
  const end = item.markerEnd + (dropTrailing ? trailingPunctuation(item) : 0);
  if (newText === item.lineText.slice(item.start, end)) return undefined;
  const edit = { line: item.line, start: item.start, end, newText };
  return readsBack(item, edit, value) ? edit : undefined;
}

function readsBack(item: Item, edit: TextEdit, value: number): boolean {
  const line = item.lineText.slice(0, edit.start) + edit.newText + item.lineText.slice(edit.end);
  // A lead is read from where it stands; a heading from the start of its line.
  const from = item.heading === undefined ? item.start : 0;
  const marker = scanLine(line, item.line, from, line.length, item.rules);
  const style = item.heading?.style;
  return (
    marker !== undefined &&
    marker.number === value &&
    marker.start + from === item.start &&
    marker.markerEnd + from === item.start + edit.newText.length &&
    (style === undefined || marker.style === style)
  );
}

/** The edits that number the list consecutively from `start`, each marker otherwise as written; undefined when one cannot be written. */
function renumberEdits(plan: ListPlan, start: number): TextEdit[] | undefined {
  const expected = expectedNumbers(plan, start);
  const edits: TextEdit[] = [];
  for (let i = 0; i < plan.items.length; i++) {
    const item = plan.items[i];
    if (item.number === expected[i]) continue;
    const edit = wholeMarkerEdit(item, written(item, expected[i], plan.numeral), false, expected[i]);
    if (edit === undefined) return undefined;
    edits.push(edit);
  }
  return edits;
}

/** The whole list in its level's GB/T 9704 form, numbered `numbers` (as written when undefined). */
function standardFormEdits(plan: ListPlan, numbers: readonly number[] | undefined): TextEdit[] | undefined {
  const standard = plan.standard ?? STANDARD[plan.list.style];
  if (standard === undefined) return undefined;
  const edits: TextEdit[] = [];
  for (let i = 0; i < plan.items.length; i++) {
    const item = plan.items[i];
    const value = numbers?.[i] ?? item.number;
    const newText = standardText(standard, value);
    if (newText === undefined) return undefined;
    if (newText === item.lineText.slice(item.start, item.markerEnd + trailingPunctuation(item))) continue;
    const edit = wholeMarkerEdit(item, newText, true, value);
    if (edit === undefined) return undefined;
    edits.push(edit);
  }
  return edits;
}

/**
 * The edits of every list of the document (`edits` for the lists no 目录
 * lists, `listed` for the others and the 目录 kept in step).
 */
function renumberAll(text: string, doc: OutlineDocument, outline: Outline, options: NumberingOptions): { edits: TextEdit[]; listed: TextEdit[] } {
  const plans = planLists(text, doc, outline);
  const edits: TextEdit[] = [];
  const listed: TextEdit[] = [];
  const tocStyles = new Set(outline.tablesOfContents.flatMap((t) => t.entries.map((e) => e.style)));
  /** The number each list's last item carries after the fix, for the lists that continue it. */
  const lastAfter = new Map<ListPlan, number>();
  /** The new marker of each heading the fix rewrites, for the 目录. */
  const markers = new Map<Heading, string>();
  for (const plan of plans) {
    const start = plan.continues ? (lastAfter.get(plan.continues) ?? plan.start - 1) + 1 : plan.start;
    const numbers = expectedNumbers(plan, start);
    // The 公文 form where that check is on and the list is not so written; else (or when that cannot be written) the first item's form.
    const listEdits = (options.gbt9704 && plan.standard ? standardFormEdits(plan, numbers) : undefined) ?? normalisedEdits(plan, numbers);
    lastAfter.set(plan, listEdits ? numbers[numbers.length - 1] : plan.items[plan.items.length - 1].number);
    if (listEdits === undefined) continue; // a number this list's kind cannot write (㊿ is the last circled number): left as it is
    for (const edit of listEdits) {
      (tocStyles.has(plan.list.style) ? listed : edits).push(edit);
      const item = plan.items.find((i) => i.line === edit.line && i.start === edit.start);
      if (item?.heading) markers.set(item.heading, edit.newText);
    }
  }
  const diagnosed = new Set(checkTablesOfContents(text, doc, outline).map((d) => d.line));
  for (const toc of outline.tablesOfContents) {
    // Rewritten when it disagrees with the body (where that can be written), else its entries renumbered with their headings.
    const disagrees = diagnosed.has(toc.heading.line) || toc.entries.some((e) => diagnosed.has(e.line));
    const rewritten = disagrees ? rewriteTableOfContents(text, doc, outline, toc, markers) : undefined;
    if (rewritten) listed.push(rewritten);
    else listed.push(...tableEntryEdits(outline, toc, markers));
  }
  return { edits, listed };
}

/** Each item written as the first item writes its marker (where it is written otherwise) and numbered `numbers`. */
function normalisedEdits(plan: ListPlan, numbers: readonly number[]): TextEdit[] | undefined {
  const firstKey = formKey(plan.items[0], plan.list);
  const edits: TextEdit[] = [];
  for (let i = 0; i < plan.items.length; i++) {
    const item = plan.items[i];
    const differs = !item.inserted && item.titleLine === plan.items[0].titleLine && formKey(item, plan.list) !== firstKey;
    if (!differs && item.number === numbers[i]) continue;
    const newText = differs ? asFirstItem(plan, item, numbers[i]) : written(item, numbers[i], plan.numeral);
    const edit = wholeMarkerEdit(item, newText, false, numbers[i]);
    if (edit === undefined) {
      if (newText !== undefined && newText === item.raw) continue;
      return undefined;
    }
    edits.push(edit);
  }
  return edits;
}

/** The edits of one list's markers, and of the 目录 entries that list its headings (so the 目录 still repeats the body, §3). */
function withTableEntries(outline: Outline, plan: ListPlan, edits: TextEdit[]): TextEdit[] {
  if (outline.tablesOfContents.length === 0) return edits;
  const markers = new Map<Heading, string>();
  for (const edit of edits) {
    const item = plan.items.find((i) => i.line === edit.line && i.start === edit.start);
    if (item?.heading) markers.set(item.heading, edit.newText);
  }
  return orderEdits([...edits, ...outline.tablesOfContents.flatMap((toc) => tableEntryEdits(outline, toc, markers))]);
}

/** The list plan holding the marker that starts at `line`, `start`. */
function planAt(text: string, doc: OutlineDocument, outline: Outline, line: number, start: number): ListPlan | undefined {
  return planLists(text, doc, outline).find((p) => p.items.some((i) => i.line === line && i.start === start));
}

// Properties of the numbering checks and their fixes on generated documents
// with random slips (docs/headings.md §7): fix-all renumbers every list
// consecutively, keeps the tree, and changes nothing but markers.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import {
  Heading,
  HeadingList,
  NumberingOptions,
  Outline,
  PlainTextDocument,
  TextEdit,
  applyEdits,
  checkNumbering,
  fixAllNumbering,
  orderEdits,
  parseOutline,
} from '../../server/src/engine';
import { brokenInvariant, splitLines } from './helpers';

// Numerals written out here rather than with the writer under test.
const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十', '二十一', '二十二', '二十三', '二十四'];
const FINANCIAL = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖', '拾'];
const FULL = (n: number) => String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const CIRCLED = (n: number) => String.fromCharCode(0x2460 + n - 1);

/** A level of a generated document: its ways of writing a marker (the first is the list's usual one). */
interface Level {
  readonly forms: readonly ((n: number) => string)[];
  /** Highest number the forms can write. */
  readonly max: number;
}

const LEVELS: readonly Level[] = [
  { forms: [(n) => `第${CN[n]}章　`, (n) => `第${n}章　`], max: 24 },
  { forms: [(n) => `${CN[n]}、`, (n) => `${CN[n]}.`, (n) => `${FINANCIAL[Math.min(n, 10)]}、`], max: 10 },
  { forms: [(n) => `（${CN[n]}）`, (n) => `(${CN[n]})`, (n) => `(${CN[n]}）`, (n) => `（${CN[n]}）、`], max: 24 },
  { forms: [(n) => `${n}.`, (n) => `${n}、`, (n) => `${FULL(n)}.`, (n) => `${n}．`], max: 24 },
  { forms: [(n) => `（${n}）`, (n) => `(${n})`, (n) => `${n}）`], max: 24 },
  { forms: [(n) => CIRCLED(n)], max: 20 },
  { forms: [(n) => `${CN[n]}是`], max: 24 },
];
const TITLES = ['加强组织领导', '压实工作责任', '强化督促检查', '总则', '做好宣传引导', '完善工作机制'];

interface GeneratedList {
  /** Index into LEVELS. */
  readonly level: number;
  readonly items: readonly { readonly step: number; readonly form: number | null; readonly title: number; readonly prose: boolean; readonly children: GeneratedList | undefined }[];
  readonly start: number;
  /** The form most of its items use. */
  readonly base: number;
}

/** A list at `level` with nested lists below it, numbers stepping 1 (sometimes 0 or 2: a repeat or a skip). */
function listArb(level: number, depth: number): fc.Arbitrary<GeneratedList> {
  const child: fc.Arbitrary<GeneratedList | undefined> =
    depth <= 0 || level >= LEVELS.length - 1 ? fc.constant(undefined) : fc.option(fc.integer({ min: level + 1, max: LEVELS.length - 1 }).chain((l) => listArb(l, depth - 1)), { freq: 3 });
  const item = fc.record({
    step: fc.oneof({ weight: 8, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(2) }),
    form: fc.option(fc.nat(3), { freq: 6 }),
    title: fc.nat(TITLES.length - 1),
    prose: fc.boolean(),
    children: child,
  });
  return fc.record({
    level: fc.constant(level),
    items: fc.array(item, { minLength: 1, maxLength: 5 }),
    start: fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }),
    base: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(3) }),
  });
}

/** Chapters get titles of their own: a 目录 that listed one chapter line twice could not be kept in step (§3), and fix-all would leave it. */
let chapterCount = 0;

function render(list: GeneratedList, base: number, out: string[]): void {
  const level = LEVELS[list.level];
  const form = (i: number) => level.forms[Math.min(i, level.forms.length - 1)];
  let n = list.start - 1;
  list.items.forEach((item, i) => {
    n = i === 0 ? list.start : n + item.step;
    if (n < 1 || n > level.max) return;
    // Chapter lines are whole title lines, so that a 目录 can list them.
    const end = list.level === 0 ? `其${CN[++chapterCount % CN.length]}` : '。';
    out.push(`${'　'.repeat(base)}${form(i === 0 ? list.base : (item.form ?? list.base))(n)}${TITLES[item.title]}${end}`);
    if (item.prose) out.push('　　这是正文，说明有关情况。');
    if (item.children) render(item.children, base + 1, out);
  });
}

/** How a generated 目录 lists the chapters: all of them, one left out, one renamed; with page numbers or not. */
const tableArb = fc.option(fc.record({ slip: fc.constantFrom('none', 'drop', 'rename'), at: fc.nat(), pages: fc.boolean() }), { freq: 2 });

const documentArb = fc
  .tuple(fc.array(fc.integer({ min: 0, max: 3 }).chain((l) => listArb(l, 3)), { minLength: 1, maxLength: 3 }), tableArb)
  .map(([lists, table]) => {
    const body: string[] = [];
    chapterCount = 0;
    for (const list of lists) render(list, 0, body);
    const out: string[] = ['某单位文件'];
    const chapters = body.filter((line) => line.startsWith('第'));
    if (table && chapters.length > 0 && body[0].startsWith('第')) {
      const at = 1 + (table.at % Math.max(1, chapters.length - 1));
      const entries = chapters.flatMap((line, i) => (i !== at || table.slip === 'none' ? [line] : table.slip === 'drop' ? [] : [line + '（修订）']));
      out.push('目　录', ...entries.map((line, i) => (table.pages ? `${line}……${i + 1}` : line)), '');
    }
    return out.concat(body).join('\n');
  });

function outlineOf(text: string): Outline {
  return parseOutline(new PlainTextDocument('file:///generated.txt', text));
}

function fixAll(text: string, options: NumberingOptions): { edits: TextEdit[]; fixed: string } {
  const doc = new PlainTextDocument('file:///generated.txt', text);
  const edits = fixAllNumbering(doc, parseOutline(doc), options);
  return { edits, fixed: applyEdits(text, edits) };
}

/** The tree without names, columns or lines (a rewritten 目录 may have more lines): what a fix must keep. */
function shape(outline: Outline): [string, number, number][] {
  return outline.headings.map((h) => [h.style, h.depth, h.parent?.index ?? -1]);
}

/** Whether `list` continues the list of its style before it under another parent of the same style (chapters through volumes). */
function continuesAList(outline: Outline, list: HeadingList): boolean {
  const index = outline.lists.indexOf(list);
  for (let i = index - 1; i >= 0; i--) {
    const before = outline.lists[i];
    if (before.kind !== list.kind || before.style !== list.style || before.parent?.style !== list.parent?.style || before.parent === list.parent) continue;
    return before.next === list.members[0].number;
  }
  return false;
}

const LIST_CODES = new Set(['numbering.skipped', 'numbering.repeated', 'numbering.start', 'numbering.form']);

for (const options of [{ gbt9704: true }, { gbt9704: false }] as const) {
  suite(`Fix all on generated documents with slips (GB/T 9704 check ${options.gbt9704 ? 'on' : 'off'})`, () => {
    test('The fixed document parses to the same tree', () => {
      fc.assert(
        fc.property(documentArb, (text) => {
          const { fixed } = fixAll(text, options);
          const outline = outlineOf(fixed);
          assert.equal(brokenInvariant(fixed, outline), undefined);
          assert.deepEqual(shape(outline), shape(outlineOf(text)));
        }),
        { numRuns: 300 },
      );
    });

    test('Every list of the fixed document is consecutive from 1 (or on from the list it continues)', () => {
      fc.assert(
        fc.property(documentArb, (text) => {
          const outline = outlineOf(fixAll(text, options).fixed);
          for (const list of outline.lists) {
            const numbers = list.members.map((m: Heading) => m.number);
            numbers.forEach((n, i) => i === 0 || assert.equal(n, numbers[i - 1] + 1, `${list.members[i].name} follows ${list.members[i - 1].name}`));
            if (!continuesAList(outline, list)) assert.equal(numbers[0], 1, `the list of ${list.members[0].name} starts at 1`);
          }
        }),
        { numRuns: 300 },
      );
    });

    test('The fixed document has no list slips left, and fixing it again changes nothing', () => {
      fc.assert(
        fc.property(documentArb, (text) => {
          const { fixed } = fixAll(text, options);
          const doc = new PlainTextDocument('file:///fixed.txt', fixed);
          const left = checkNumbering(doc, parseOutline(doc), options).filter((d) => LIST_CODES.has(d.code) || d.code === 'numbering.gbt9704');
          assert.deepEqual(left, []);
          assert.deepEqual(fixAll(fixed, options).edits, []);
        }),
        { numRuns: 300 },
      );
    });

    test('Fix all changes markers and nothing else: every edit lies in a marker, the text after each marker is kept', () => {
      fc.assert(
        fc.property(documentArb, (text) => {
          const outline = outlineOf(text);
          const { edits, fixed } = fixAll(text, options);
          assert.deepEqual(orderEdits(edits), edits, 'edits in document order, none overlapping');
          const byLine = new Map(outline.headings.map((h) => [h.line, h]));
          const tocLines = new Set(outline.tablesOfContents.flatMap((t) => t.entries.map((e) => e.line)));
          for (const edit of edits) {
            if (tocLines.has(edit.line)) {
              // The 目录 rewritten (its entry lines as one block), or an entry's marker renumbered.
              const toc = outline.tablesOfContents.find((t) => t.entries.some((e) => e.line === edit.line))!;
              if (edit.endLine !== undefined) assert.deepEqual([edit.line, edit.endLine], [toc.entries[0].line, toc.entries[toc.entries.length - 1].line]);
              else assert.ok(toc.entries.some((e) => e.line === edit.line && e.start === edit.start && e.markerEnd === edit.end), 'an entry’s marker');
              continue;
            }
            const h = byLine.get(edit.line);
            assert.ok(h, `edit on line ${edit.line} is on a heading`);
            // A second punctuation after a bracket, （一）、, belongs to the marker it follows.
            assert.ok(edit.start >= h.start && edit.end <= h.markerEnd + 1 && edit.endLine === undefined, `edit ${JSON.stringify(edit)} lies in the marker of ${h.name}`);
          }
          if (edits.some((e) => e.endLine !== undefined)) return; // a rewritten 目录 moves the lines after it
          const before = splitLines(text);
          const after = splitLines(fixed);
          assert.equal(after.length, before.length);
          const fixedOutline = outlineOf(fixed);
          const fixedByLine = new Map(fixedOutline.headings.map((h) => [h.line, h]));
          before.forEach((line, i) => {
            const h = byLine.get(i);
            if (h === undefined) return tocLines.has(i) || assert.equal(after[i], line);
            const edit = edits.find((e) => e.line === i);
            const kept = line.slice(edit ? edit.end : h.markerEnd);
            assert.ok(after[i].endsWith(kept), `the title of ${h.name} is kept`);
            assert.equal(after[i].slice(0, h.start), line.slice(0, h.start), 'the indentation is kept');
            assert.ok(fixedByLine.has(i));
          });
        }),
        { numRuns: 300 },
      );
    });
  });
}

suite('Numbering checks on arbitrary text', () => {
  const pieces = ['一、', '二、', '四、', '（一）', '(二)', '（二）、', '1.', '1、', '３.', '一是', '二是', '四是', '第一条', '第三条', '第一章', '第3章', '目录', '附件：1.', '附件1', '2.', '某政发[24]03号', '2024年01月05日', '甲', '。', '\n', '\n', '\r\n', '　', '……1'];
  const textArb = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join(''));

  test('Checks never throw, and every range lies on its line', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const doc = new PlainTextDocument('file:///any.txt', text);
        const docLines = splitLines(text);
        for (const d of checkNumbering(doc, parseOutline(doc))) {
          assert.ok(d.line >= 0 && d.line < docLines.length);
          assert.ok(d.start >= 0 && d.start < d.end && d.end <= docLines[d.line].length, `${d.code} ${d.start}..${d.end} on "${docLines[d.line]}"`);
          for (const r of d.related ?? []) assert.ok(r.end <= docLines[r.line].length);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('Fix all never throws, its edits do not overlap, and the result parses with its invariants', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const { edits, fixed } = fixAll(text, { gbt9704: true });
        assert.deepEqual(orderEdits(edits), edits);
        assert.equal(brokenInvariant(fixed, outlineOf(fixed)), undefined);
      }),
      { numRuns: 500 },
    );
  });
});

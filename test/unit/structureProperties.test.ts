// Properties of every structure edit (docs/headings.md §8), checked on
// generated speeches and laws: the edits are applied as an editor applies
// them, the result is parsed again, and what it says is compared with the
// document before.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_OPTIONS, Heading, Outline, PlainTextDocument, STRUCTURE_REFUSALS, StructureOperation, TextEdit, buildOutline, editStructure, parseOutline, scanDocument } from '../../server/src/engine';
import { applyTextEdits, brokenInvariant } from './helpers';

// ---------------------------------------------------------------- generated documents

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** How one document writes each level 一、 （一） 1. （1） ①; the standard forms first. */
const LEVEL_FORMS: readonly (readonly ((n: number) => string)[])[] = [
  [(n) => `${CN[n]}、`],
  [(n) => `（${CN[n]}）`, (n) => `(${CN[n]})`],
  [(n) => `${n}.`, (n) => `${n}、`, (n) => `${n}．`],
  [(n) => `（${n}）`, (n) => `(${n})`],
  [(n) => CIRCLED[n - 1]],
];

/** A section of a generated speech: body lines, run-in points, subsections one level down. */
interface SpeechShape {
  body: number;
  /** Run-in points 一是 …, each with the number of 一要 points nested in it. */
  points: readonly number[];
  children: readonly SpeechShape[];
}

function speechShape(level: number): fc.Arbitrary<SpeechShape> {
  const children = level >= 4 ? fc.constant([]) : fc.array(fc.constant(null), { maxLength: level === 0 ? 3 : 2 }).chain((slots) => fc.tuple(...slots.map(() => speechShape(level + 1))));
  return fc.record({
    body: fc.integer({ min: 0, max: 2 }),
    points: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }) }),
    children,
  });
}

interface LawShape {
  toc: boolean;
  firstArticle: number;
  /** Chapters, each a list of articles, each the number of its items (项) and whether a 款 paragraph follows them. */
  chapters: { items: number; paragraph: boolean }[][];
}

const lawShape: fc.Arbitrary<LawShape> = fc.record({
  toc: fc.boolean(),
  firstArticle: fc.constantFrom(1, 1, 1, 1040),
  chapters: fc.array(fc.array(fc.record({ items: fc.integer({ min: 0, max: 3 }), paragraph: fc.boolean() }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
});

interface Layout {
  /** Line breaks: one kind, or a random kind at each break. */
  breaks: '\n' | '\r\n' | '\r' | 'mixed';
  /** Blank lines before each line (a cycle of counts); a blank line may hold an indent. */
  blanks: number[];
  blankText: '' | '\u3000\u3000';
  final: 'none' | 'break' | 'break and blank';
  indent: '' | '\u3000\u3000';
  /** Index into each level's forms (standard: 0). */
  forms: number[];
  preamble: boolean;
}

const layoutArb = (standard: boolean): fc.Arbitrary<Layout> =>
  fc.record({
    breaks: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const, 'mixed' as const),
    blanks: fc.array(fc.constantFrom(0, 0, 0, 1, 1, 2), { minLength: 1, maxLength: 7 }),
    blankText: fc.constantFrom('' as const, '\u3000\u3000' as const),
    final: fc.constantFrom('none' as const, 'break' as const, 'break and blank' as const),
    indent: fc.constantFrom('' as const, '\u3000\u3000' as const),
    forms: standard ? fc.constant([0, 0, 0, 0, 0]) : fc.tuple(...LEVEL_FORMS.map((f) => fc.integer({ min: 0, max: f.length - 1 }))),
    preamble: fc.boolean(),
  });

/** A generated document: its text and the lines of its 目录 entries (which no edit may move). */
interface Generated {
  text: string;
  tocEntries: ReadonlySet<number>;
}

/** Joins lines with the layout's breaks and blank lines; `fixed` lines get no blank lines before them. */
function layOut(rows: { text: string; blanksBefore: boolean }[], layout: Layout, random: () => number): { text: string; lineOf: number[] } {
  const out: string[] = [];
  const lineOf: number[] = [];
  let cycle = 0;
  for (const row of rows) {
    if (row.blanksBefore && out.length > 0) {
      const n = layout.blanks[cycle++ % layout.blanks.length];
      for (let i = 0; i < n; i++) out.push(layout.blankText);
    }
    lineOf.push(out.length);
    out.push(row.text);
  }
  if (layout.final !== 'none') out.push('');
  if (layout.final === 'break and blank') out.push('');
  const kinds = ['\n', '\r\n', '\r'];
  let text = out[0];
  let previous = '';
  for (let i = 1; i < out.length; i++) {
    let kind = layout.breaks === 'mixed' ? kinds[Math.floor(random() * 3)] : layout.breaks;
    // \r, an empty line, then \n would be one \r\n: the empty line would vanish.
    if (kind === '\n' && previous === '\r' && out[i - 1] === '') kind = '\r';
    text += kind + out[i];
    previous = kind;
  }
  return { text, lineOf };
}

function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function speechText(roots: readonly SpeechShape[], layout: Layout, seed: number): Generated {
  const rows: { text: string; blanksBefore: boolean }[] = [];
  let id = 0;
  if (layout.preamble) rows.push({ text: `关于工作的讲话${++id}`, blanksBefore: false });
  const add = (shape: SpeechShape, level: number, n: number) => {
    rows.push({ text: `${layout.indent}${LEVEL_FORMS[level][layout.forms[level]](n)}标题${++id}`, blanksBefore: true });
    for (let i = 0; i < shape.body; i++) rows.push({ text: `${layout.indent}内容${++id}。`, blanksBefore: false });
    shape.points.forEach((nested, i) => {
      rows.push({ text: `${layout.indent}${CN[i + 1]}是要点${++id}。`, blanksBefore: false });
      for (let j = 0; j < nested; j++) rows.push({ text: `${layout.indent}${CN[j + 1]}要细则${++id}。`, blanksBefore: false });
    });
    shape.children.forEach((child, i) => add(child, level + 1, i + 1));
  };
  roots.forEach((shape, i) => add(shape, 0, i + 1));
  return { text: layOut(rows, layout, seededRandom(seed)).text, tocEntries: new Set() };
}

function lawText(law: LawShape, layout: Layout, seed: number): Generated {
  const rows: { text: string; blanksBefore: boolean }[] = [];
  let id = 0;
  let article = law.firstArticle;
  const chapterTitles = law.chapters.map((_, i) => `第${CN[i + 1]}章　章名${++id}`);
  rows.push({ text: `某某条例${++id}`, blanksBefore: false });
  let tocRows: number[] = [];
  if (law.toc) {
    rows.push({ text: '目　　录', blanksBefore: true });
    tocRows = chapterTitles.map((title) => rows.push({ text: title, blanksBefore: false }) - 1);
  }
  law.chapters.forEach((articles, c) => {
    rows.push({ text: chapterTitles[c], blanksBefore: true });
    for (const a of articles) {
      rows.push({ text: `第${cnNumber(article++)}条　条文${++id}：`, blanksBefore: false });
      for (let i = 0; i < a.items; i++) rows.push({ text: `（${CN[i + 1]}）项目${++id}；`, blanksBefore: false });
      if (a.paragraph) rows.push({ text: `　　款文${++id}。`, blanksBefore: false });
    }
  });
  const { text, lineOf } = layOut(rows, layout, seededRandom(seed));
  return { text, tocEntries: new Set(tocRows.map((r) => lineOf[r])) };
}

/** 1–9999 in Chinese numerals, as laws number articles (一千零四十). */
function cnNumber(n: number): string {
  const digits = '〇一二三四五六七八九';
  const units = ['千', '百', '十', ''];
  const places = [Math.floor(n / 1000) % 10, Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  let out = '';
  let zero = false;
  places.forEach((d, p) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    if (!(p === 2 && d === 1 && out === '')) out += digits[d];
    out += units[p];
  });
  return out;
}

const speechArb = (standard: boolean) =>
  fc.tuple(fc.array(speechShape(0), { minLength: 1, maxLength: 4 }), layoutArb(standard), fc.integer()).map(([roots, layout, seed]) => speechText(roots, layout, seed));
const lawArb = fc.tuple(lawShape, layoutArb(true), fc.integer()).map(([law, layout, seed]) => lawText(law, layout, seed));
/**
 * Without a 目录: after a move that changes the first chapter, the engine no
 * longer finds the 目录's first entry repeated (§3), so the next edit sees the
 * entries as chapters. One edit at a time is checked on documents with one.
 */
const lawWithoutTocArb = fc.tuple(lawShape, layoutArb(true), fc.integer()).map(([law, layout, seed]) => lawText({ ...law, toc: false }, layout, seed));
const documentArb = fc.oneof({ weight: 3, arbitrary: speechArb(false) }, { weight: 2, arbitrary: lawArb });

// ---------------------------------------------------------------- reading a document back

/** The outline with the 目录 entries left out, as the edit sees it (§3: entries are not sections). */
function outlineOf(text: string, tocEntries: ReadonlySet<number>): Outline {
  const doc = new PlainTextDocument('file:///generated.txt', text);
  return buildOutline(doc, scanDocument(doc).filter((m) => !tocEntries.has(m.line)), DEFAULT_OPTIONS);
}

const BREAK = /\r\n|\r|\n/;

/** A heading line without its marker and the whitespace after it: what no edit may change. */
function unmarked(line: string, h: Heading): string {
  let end = h.start + h.marker.length;
  while (end < line.length && /[ \t\u3000\u00a0]/.test(line[end])) end++;
  return line.slice(0, h.start) + line.slice(end);
}

class Reading {
  readonly outline: Outline;
  readonly lines: string[];
  readonly byKey = new Map<string, Heading>();

  constructor(
    readonly text: string,
    tocEntries: ReadonlySet<number>,
  ) {
    this.outline = outlineOf(text, tocEntries);
    this.lines = text.split(BREAK);
    for (const h of this.outline.headings) this.byKey.set(this.key(h), h);
  }

  /** A heading's identity: its line without the marker (generated titles are unique). */
  key(h: Heading): string {
    return unmarked(this.lines[h.line], h).trim();
  }

  /**
   * The heading's own text: its line without the marker, its body up to its
   * first subsection, and any line of its section that no subsection holds
   * (the 款 after an article's 项, docs/headings.md §3), blank lines between
   * subsections and trailing blank lines left out.
   */
  ownText(h: Heading): string {
    const end = h.children.length > 0 ? h.children[0].line - 1 : h.endLine;
    const own = [unmarked(this.lines[h.line], h), ...this.lines.slice(h.line + 1, end + 1)];
    while (own.length > 1 && own[own.length - 1].trim() === '') own.pop();
    for (let line = end + 1; line <= h.endLine; line++) {
      if (h.children.some((c) => c.line <= line && line <= c.endLine) || this.lines[line].trim() === '') continue;
      own.push(this.lines[line]);
    }
    return own.join('\n');
  }

  /** The whole section as written, line breaks included, every marker in it left out. */
  sectionText(h: Heading): string {
    const parts: string[] = [];
    const breaks = this.text.match(/\r\n|\r|\n/g) ?? [];
    for (let line = h.line; line <= h.endLine; line++) {
      const heading = this.outline.headings.find((x) => x.line === line);
      parts.push(heading ? unmarked(this.lines[line], heading) : this.lines[line]);
      if (line < h.endLine) parts.push(breaks[line]);
    }
    return parts.join('');
  }

  /** Every non-blank line, markers left out, sorted: the words of the document. */
  words(except: (line: number) => boolean = () => false): string[] {
    const heading = new Map(this.outline.headings.map((h) => [h.line, h]));
    return this.lines
      .map((text, line) => (except(line) ? '' : heading.has(line) ? unmarked(text, heading.get(line)!) : text))
      .filter((text) => text.trim() !== '')
      .sort();
  }

  /** The siblings a section trades places with: a point's list, else the sections of its parent. */
  siblings(h: Heading): readonly Heading[] {
    const all = h.parent?.children ?? this.outline.roots;
    return h.style === 'enumeration' ? all.filter((c) => c.style === 'enumeration') : all.filter((c) => c.style !== 'enumeration');
  }
}

/** A description of the first list that does not run 1, 2, 3 … (law articles: from the law's first number), or undefined. */
function brokenNumbering(outline: Outline, lawStart: number | undefined): string | undefined {
  const law = outline.headings.filter((h) => h.kind === 'law');
  for (let i = 0; i < law.length; i++) {
    const expected = i === 0 ? lawStart ?? law[0].number : law[i - 1].number + 1;
    if (law[i].number !== expected) return `article ${law[i].name} should be number ${expected}`;
  }
  for (const siblings of [outline.roots, ...outline.headings.map((h) => h.children)]) {
    const last = new Map<string, number>();
    for (const h of siblings) {
      if (h.kind === 'law' || h.number === 0) continue;
      const key = `${h.style}/${h.kind ?? ''}`;
      const previous = last.get(key) ?? 0;
      if (h.number !== 1 && h.number !== previous + 1) return `${h.name} follows number ${previous} of its list`;
      last.set(key, h.number);
    }
  }
  return undefined;
}

function assertEditsInOrder(edits: readonly TextEdit[]): void {
  for (let i = 1; i < edits.length; i++) {
    const a = { line: edits[i - 1].endLine ?? edits[i - 1].line, character: edits[i - 1].end };
    const b = { line: edits[i].line, character: edits[i].start };
    assert.ok(a.line < b.line || (a.line === b.line && a.character < b.character), `edits ${i - 1} and ${i} overlap or touch`);
  }
}

function breakCounts(text: string): Record<string, number> {
  const counts: Record<string, number> = { '\n': 0, '\r\n': 0, '\r': 0 };
  for (const b of text.match(/\r\n|\r|\n/g) ?? []) counts[b]++;
  return counts;
}

const endsWithBreak = (text: string) => /[\r\n]$/.test(text);

interface Applied {
  before: Reading;
  after: Reading;
  s: Heading;
}

/** Applies one operation; undefined when it was refused (with a known reason, and never for a result that would parse otherwise). */
function apply(generated: Generated, operation: StructureOperation, sIndex: number, tIndex: number): Applied | undefined {
  const before = new Reading(generated.text, generated.tocEntries);
  const headings = before.outline.headings;
  if (headings.length === 0) return undefined;
  const s = headings[sIndex % headings.length];
  const t = headings[tIndex % headings.length];
  // Deleting the 目录 takes its entries with it, which the reading back masks by line (a unit test covers it).
  if (operation === 'delete' && s.kind === 'toc') return undefined;
  const doc = new PlainTextDocument('file:///generated.txt', generated.text);
  const answer = editStructure(doc, parseOutline(doc), { operation, line: s.line, targetLine: t.line });
  if (!answer.ok) {
    assert.ok(answer.reason in STRUCTURE_REFUSALS, answer.reason);
    // A point with points of its own, moved into a list of their word, would take them into that list (§4): refused, rightly.
    const nested = operation === 'moveTo' && s.style === 'enumeration' && s.children.length > 0;
    if (!nested) assert.notEqual(answer.reason, 'outlineWouldChange', `${operation} ${s.name} → ${t.name} would not parse as planned: ${JSON.stringify(generated.text)}`);
    return undefined;
  }
  assertEditsInOrder(answer.edits);
  const after = new Reading(applyTextEdits(generated.text, answer.edits), generated.tocEntries);
  const broken = brokenInvariant(after.text, after.outline);
  assert.equal(broken, undefined, broken);
  return { before, after, s };
}

const OPERATIONS: readonly StructureOperation[] = ['moveUp', 'moveDown', 'promote', 'demote', 'moveTo', 'insertAfter', 'insertChild', 'delete'];

/** Everything any edit must keep, whatever the operation. */
function checkKept(generated: Generated, operation: StructureOperation, { before, after, s }: Applied): void {
  const where = `${operation} ${s.name} in ${JSON.stringify(generated.text)} → ${JSON.stringify(after.text)}`;
  const deleted = new Set(operation === 'delete' ? before.outline.headings.filter((h) => h.line >= s.line && h.line <= s.endLine) : []);
  // Every section that is still there has its own text as written, apart from its marker.
  for (const h of before.outline.headings) {
    if (deleted.has(h)) continue;
    const moved = after.byKey.get(before.key(h));
    assert.ok(moved !== undefined, `${h.name} is gone: ${where}`);
    assert.equal(after.ownText(moved), before.ownText(h), `${h.name}'s text changed: ${where}`);
  }
  const added = after.outline.headings.length - (before.outline.headings.length - deleted.size);
  assert.equal(added, operation === 'insertAfter' || operation === 'insertChild' ? 1 : 0, `headings added: ${where}`);
  // The moved section's whole text moved with it (a new subheading goes at its end).
  if (operation === 'insertChild') assert.ok(after.sectionText(after.byKey.get(before.key(s))!).startsWith(before.sectionText(s)), `the section's text changed: ${where}`);
  else if (operation !== 'delete') assert.equal(after.sectionText(after.byKey.get(before.key(s))!), before.sectionText(s), `the section's text changed: ${where}`);
  // No word lost, none added; line breaks kept, the final one (or its absence) too.
  const removed = (line: number) => deleted.size > 0 && line >= s.line && line <= s.endLine;
  assert.deepEqual(after.words(), before.words(removed), `words: ${where}`);
  assert.equal(endsWithBreak(after.text), endsWithBreak(before.text), `final line break: ${where}`);
  if (operation !== 'insertAfter' && operation !== 'insertChild' && operation !== 'delete') assert.deepEqual(breakCounts(after.text), breakCounts(before.text), `line breaks: ${where}`);
  // Every list runs 1, 2, 3 … (the generated ones did), law articles from the law's first number.
  const lawStart = before.outline.headings.find((h) => h.kind === 'law')?.number;
  const broken = brokenNumbering(after.outline, lawStart);
  assert.equal(broken, undefined, `${broken}: ${where}`);
}

/** Where the operation put the section, in the tree read back. */
function checkPlace(operation: StructureOperation, applied: Applied, t: Heading): void {
  const { before, after, s } = applied;
  const where = `${operation} ${s.name} (→ ${t.name}) in ${JSON.stringify(before.text)} → ${JSON.stringify(after.text)}`;
  const keyOf = (h: Heading | undefined) => (h === undefined ? undefined : before.outline.headings.includes(h) ? before.key(h) : after.key(h));
  const moved = operation === 'delete' ? undefined : after.byKey.get(before.key(s))!;
  const oldSiblings = before.siblings(s);
  const oldIndex = oldSiblings.indexOf(s);
  switch (operation) {
    case 'moveUp':
    case 'moveDown': {
      const newSiblings = after.siblings(moved!);
      assert.equal(keyOf(moved!.parent), keyOf(s.parent), where);
      assert.equal(newSiblings.indexOf(moved!), oldIndex + (operation === 'moveUp' ? -1 : 1), where);
      break;
    }
    case 'promote': {
      assert.equal(keyOf(moved!.parent), keyOf(s.parent!.parent), where);
      const newSiblings = after.siblings(moved!);
      assert.equal(keyOf(newSiblings[newSiblings.indexOf(moved!) - 1]), keyOf(s.parent), where);
      break;
    }
    case 'demote': {
      assert.equal(keyOf(moved!.parent), keyOf(oldSiblings[oldIndex - 1]), where);
      const children = after.siblings(moved!);
      assert.equal(children[children.length - 1], moved, where);
      break;
    }
    case 'moveTo': {
      assert.equal(keyOf(moved!.parent), keyOf(t.parent), where);
      const newSiblings = after.siblings(moved!);
      assert.equal(keyOf(newSiblings[newSiblings.indexOf(moved!) - 1]), keyOf(t), where);
      break;
    }
    case 'insertAfter':
    case 'insertChild': {
      const added = after.outline.headings.find((h) => !before.byKey.has(after.key(h)))!;
      assert.equal(after.key(added), '', `the new heading has a marker only: ${where}`);
      if (operation === 'insertAfter') {
        const newSiblings = after.siblings(added);
        assert.equal(keyOf(newSiblings[newSiblings.indexOf(added) - 1]), keyOf(s), where);
      } else {
        assert.equal(keyOf(added.parent), keyOf(s), where);
        const children = after.siblings(added);
        assert.equal(children[children.length - 1], added, where);
      }
      break;
    }
    case 'delete':
      for (let line = s.line; line <= s.endLine; line++) {
        const h = before.outline.headings.find((x) => x.line === line);
        if (h !== undefined) assert.ok(!after.byKey.has(before.key(h)), `${h.name} is still there: ${where}`);
      }
      break;
  }
}

const RUNS = { numRuns: 200 };

suite('Properties of every structure edit (§8)', () => {
  for (const operation of OPERATIONS) {
    test(`${operation}: every section keeps its text apart from markers, no word is lost, line breaks stay, every list runs 1, 2, 3 …, and the section lands where §8 says`, () => {
      let done = 0;
      fc.assert(
        fc.property(documentArb, fc.nat(), fc.nat(), (generated, sIndex, tIndex) => {
          const applied = apply(generated, operation, sIndex, tIndex);
          if (applied === undefined) return;
          done++;
          checkKept(generated, operation, applied);
          const headings = applied.before.outline.headings;
          checkPlace(operation, applied, headings[tIndex % headings.length]);
        }),
        RUNS,
      );
      // The property is not vacuous: the operation was done on a good share of the documents.
      assert.ok(done >= RUNS.numRuns / 20, `${operation} was done on ${done} of ${RUNS.numRuns} documents`);
    });
  }
});

/** The current line of the heading with this key, for an operation on the edited document. */
function lineOfKey(generated: Generated, key: string): number | undefined {
  return new Reading(generated.text, generated.tocEntries).byKey.get(key)?.line;
}

function editOnce(generated: Generated, operation: StructureOperation, line: number): Generated | undefined {
  const doc = new PlainTextDocument('file:///generated.txt', generated.text);
  const answer = editStructure(doc, parseOutline(doc), { operation, line });
  return answer.ok ? { text: applyTextEdits(generated.text, answer.edits), tocEntries: generated.tocEntries } : undefined;
}

suite('Edits that undo each other (§8)', () => {
  test('Any sequence of moves up and down, followed by the inverse sequence, gives back the original text', () => {
    fc.assert(
      fc.property(fc.oneof(speechArb(false), lawWithoutTocArb), fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 6 }), (generated, moves) => {
        const keys = new Reading(generated.text, generated.tocEntries);
        let current = generated;
        const done: { key: string; up: boolean }[] = [];
        for (const [index, up] of moves) {
          const h = keys.outline.headings[index % Math.max(1, keys.outline.headings.length)];
          if (h === undefined) return;
          const key = keys.key(h);
          const next = editOnce(current, up ? 'moveUp' : 'moveDown', lineOfKey(current, key)!);
          if (next === undefined) continue;
          current = next;
          done.push({ key, up });
        }
        for (const { key, up } of done.reverse()) {
          const next = editOnce(current, up ? 'moveDown' : 'moveUp', lineOfKey(current, key)!);
          assert.ok(next !== undefined, `the inverse of ${up ? 'moveUp' : 'moveDown'} ${key} was refused`);
          current = next;
        }
        assert.equal(current.text, generated.text);
      }),
      { numRuns: 200 },
    );
  });

  test('Demote after promote, and promote after demote, give back the original text', () => {
    fc.assert(
      fc.property(speechArb(true), fc.nat(), fc.boolean(), (generated, index, promoteFirst) => {
        const reading = new Reading(generated.text, generated.tocEntries);
        const h = reading.outline.headings[index % reading.outline.headings.length];
        // Promote puts a section after its parent's: only the last child comes back where it was.
        if (promoteFirst && h.parent !== undefined && reading.siblings(h).at(-1) !== h) return;
        const key = reading.key(h);
        const once = editOnce(generated, promoteFirst ? 'promote' : 'demote', h.line);
        if (once === undefined) return;
        const back = editOnce(once, promoteFirst ? 'demote' : 'promote', lineOfKey(once, key)!);
        assert.ok(back !== undefined, `${promoteFirst ? 'demote' : 'promote'} after ${promoteFirst ? 'promote' : 'demote'} of ${h.name} was refused`);
        assert.equal(back.text, generated.text);
      }),
      RUNS,
    );
  });

  test('Deleting a heading just inserted gives back the original text', () => {
    fc.assert(
      fc.property(documentArb, fc.nat(), fc.boolean(), (generated, index, child) => {
        const reading = new Reading(generated.text, generated.tocEntries);
        if (reading.outline.headings.length === 0) return;
        const h = reading.outline.headings[index % reading.outline.headings.length];
        const doc = new PlainTextDocument('file:///generated.txt', generated.text);
        const answer = editStructure(doc, parseOutline(doc), { operation: child ? 'insertChild' : 'insertAfter', line: h.line });
        if (!answer.ok) return;
        const inserted = { text: applyTextEdits(generated.text, answer.edits), tocEntries: generated.tocEntries };
        const back = editOnce(inserted, 'delete', answer.cursor!.line);
        assert.ok(back !== undefined);
        assert.equal(back.text, generated.text);
      }),
      RUNS,
    );
  });
});

suite('The generated documents', () => {
  test('parse as generated: numbered consistently, and their 目录 entries are not sections', () => {
    fc.assert(
      fc.property(documentArb, (generated) => {
        const outline = outlineOf(generated.text, generated.tocEntries);
        assert.equal(brokenNumbering(outline, outline.headings.find((h) => h.kind === 'law')?.number), undefined);
        // With the entries left in, the engine itself finds the document proper after the 目录.
        const full = parseOutline(new PlainTextDocument('file:///generated.txt', generated.text));
        assert.equal(full.headings.length, outline.headings.length);
      }),
      { numRuns: 100 },
    );
  });
});

// The outline kept up to date edit by edit, as the server keeps it (each
// didChange applied by documents.ts to a TextDocument and reported to the
// OutlineCache and the StatisticsCache), against a fresh parse of the same
// text after every edit: the same headings, the same folding and the same
// section statistics, whatever the edits; and the semantic tokens, kept
// from one version to the next as the server keeps them, are a fresh
// document's.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { applyContentChanges } from '../../server/src/documents';
import { Heading, LineStatistics, Outline, OutlineCache, OutlineOptions, PlainTextDocument, StatisticsCache, parseOutline } from '../../server/src/engine';
import { documentSymbols } from '../../server/src/providers/documentSymbols';
import { foldingRanges } from '../../server/src/providers/foldingRanges';
import { sectionInlayHints } from '../../server/src/providers/inlayHints';
import { SemanticTokensResults, headingTokens } from '../../server/src/providers/semanticTokens';
import { L10n } from '../../server/src/l10n';
import { repoRoot } from './helpers';

const URI = 'file:///differential.txt';

const L10N = new L10n('zh-cn');
const EVERYWHERE = { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } };

/**
 * What the features read of an outline: each heading's fields and parent,
 * the lists (members, lead), the rejected candidates, the tables of
 * contents, the folding ranges, the document symbols (their selection
 * ranges), the inlay hints' places and each section's characters.
 */
function view(doc: TextDocument | PlainTextDocument, outline: Outline, statistics: LineStatistics): Record<string, unknown[]> {
  const index = (h: Heading | undefined) => h?.index ?? -1;
  const characters = statistics.sectionCharacters(outline);
  return {
    headings: outline.headings.map((h) => [h.name, h.style, h.line, h.start, h.markerEnd, h.colonEnd, h.titleStart, h.titleEnd, h.endLine, h.endCharacter, index(h.parent)]),
    lists: outline.lists.map((l) => [l.kind, l.style, index(l.parent), l.members.map(index), l.words, l.next, l.lead]),
    rejected: outline.rejected.map((r) => [r.marker.line, r.reason]),
    tablesOfContents: outline.tablesOfContents.map((t) => [index(t.heading), t.entries.map((m) => m.line)]),
    folding: foldingRanges(outline),
    symbols: documentSymbols(outline, 1000),
    hints: sectionInlayHints(doc, outline, EVERYWHERE, { characters, charactersPerMinute: 220, l10n: L10N }).map((h) => [h.position, h.label]),
    characters,
  };
}

/** A document in the server: changes go through applyContentChanges, outlines and statistics come from the caches. */
class Editor {
  readonly cache = new OutlineCache();
  readonly statistics = new StatisticsCache();
  /** The semantic tokens as the server keeps them: reused while the outline cache says the headings stand. */
  readonly tokens = new SemanticTokensResults();
  /** The last tokens sent, for the next delta request. */
  private sentTokens: { resultId: string; data: number[] } | undefined;
  readonly doc: TextDocument;
  /** The didChange notifications so far, for the failure message. */
  readonly sent: TextDocumentContentChangeEvent[][] = [];

  constructor(readonly initial: string) {
    this.doc = TextDocument.create(URI, 'plaintext', 1, initial);
  }

  didChange(changes: TextDocumentContentChangeEvent[]): void {
    this.sent.push(changes);
    applyContentChanges(this.doc, changes, this.doc.version + 1, [this.cache, this.statistics]);
  }

  /** Fails unless the cached outline is what a fresh parse of the same text gives. */
  check(options: OutlineOptions): void {
    const text = this.doc.getText();
    const outline = this.cache.get(this.doc, options);
    const delta = this.tokensAfterDelta(outline);
    const full = this.tokens.full(this.doc, outline);
    this.sentTokens = { resultId: full.resultId!, data: full.data };
    const cached = { ...view(this.doc, outline, this.statistics.get(this.doc)), delta, full: full.data };
    const plain = new PlainTextDocument(URI, text);
    const parsed = parseOutline(plain, options);
    const tokens = headingTokens(parsed);
    const fresh = { ...view(plain, parsed, LineStatistics.of(plain)), delta: tokens, full: tokens };
    if (JSON.stringify(cached) === JSON.stringify(fresh)) return;
    const history = `initial text ${JSON.stringify(this.initial)}, didChange ${JSON.stringify(this.sent)}, text now ${JSON.stringify(text)}, enumerations ${options.enumerations}`;
    assert.deepEqual(cached, fresh, `the incremental outline differs from a fresh parse; ${history}`);
  }

  /** The tokens a client holds after a delta request against the last result it was sent (a full request the first time). */
  private tokensAfterDelta(outline: Outline): number[] {
    if (this.sentTokens === undefined) return this.tokens.full(this.doc, outline).data;
    const answer = this.tokens.delta(this.doc, this.sentTokens.resultId, outline);
    if (!('edits' in answer)) return answer.data;
    const data = [...this.sentTokens.data];
    for (const edit of [...answer.edits].sort((a, b) => b.start - a.start)) data.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
    return data;
  }
}

// Documents -------------------------------------------------------------------

const HEADINGS = [
  '一、总体要求',
  '二、重点任务',
  '三、保障措施',
  '（一）稳增长',
  '（二）促改革',
  '(三)强基础',
  '1.抓项目',
  '2、抓招商',
  '3．抓落实',
  '（1）细化',
  '(2)量化',
  '1）分解',
  '①落实',
  '②考核',
  '一是加强学习。',
  '二是加强实践。',
  '三是关于纪律。',
  '一要统筹。',
  '二要协调。',
  '一关于组织',
  '第一，提高站位。',
  '第二，压实责任。',
  '第一章　总则',
  '第一章总则',
  '第一章 总则',
  '第二章　附则',
  '第三章',
  '第一节　原则',
  '第二节',
  '第一条　为了规范管理，制定本办法。',
  '第二条　适用范围',
  '第十条　本办法自发布之日起施行。',
  '第一编　总则',
  '第一部分　总体情况',
  '第一卷',
  '讲话汇编篇1',
  '前言',
  '附件1：名单',
  '附录',
  '结束语',
  '一、𠀀𠀁标题',
  '第一章　𠀀',
  '附件：1.参会名单',
  // Invisible characters and a wide space where names fold them away but columns count them.
  '第一章 \u200b总则',
  '第一篇\u200b：在会议上的讲话',
  '一、\u2060总体要求',
  '附件1：\u200c名单',
  '第\u200b二章　附则',
  '（一）\u3000\u200d稳增长',
  '附件：',
  '2.会议议程',
  '3.参会须知',
];
const PROSE = ['同志们：', '今年以来，全市上下攻坚克难。', '1.5亿元', '第一节课我们讲了。', '　　> 一、引用', '', '　　', '𠀀𠀁文字。', '正文。', '附件如下：', '目录'];
/** Entries as a table of contents writes them, with page numbers and leaders. */
const TOC_ENTRIES = ['第一章　总则', '第二章　附则', '第一章　总则……1', '第二章　附则 .... 3', '一、总体要求 5', '（一）稳增长', '附件1：名单', '第一节　原则'];
const EOLS = ['\n', '\n', '\r\n', '\r'];

const lineArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HEADINGS) }, { weight: 2, arbitrary: fc.constantFrom(...PROSE) });

/** 目录 (or 目　录), its entries, then the document proper repeating some of them. */
const tocBlockArb = fc
  .tuple(fc.constantFrom('目录', '目　录', '目 录'), fc.array(fc.constantFrom(...TOC_ENTRIES), { minLength: 1, maxLength: 4 }), fc.array(lineArb, { maxLength: 3 }), fc.boolean())
  .map(([title, entries, body, repeat]) => {
    const proper = repeat ? entries.map((e) => e.replace(/(……| \.+ | )\d+$/, '')).flatMap((e) => [e, ...body]) : body;
    return [title, ...entries, ...proper];
  });

const documentArb = fc
  .tuple(
    fc.array(fc.oneof({ weight: 3, arbitrary: lineArb.map((l) => [l]) }, { weight: 1, arbitrary: tocBlockArb }), { maxLength: 8 }),
    fc.array(fc.constantFrom(...EOLS), { minLength: 40, maxLength: 40 }),
    fc.boolean(),
  )
  .map(([blocks, eols, bom]) => (bom ? '\uFEFF' : '') + blocks.flat().map((l, i) => l + eols[i % eols.length]).join(''));

// Edits -------------------------------------------------------------------------

/** Text typed or pasted: heading snippets, punctuation, line breaks, wide spaces, surrogates (paired and not). */
const SNIPPETS = [
  '一、',
  '（一）',
  '1.',
  '第三章',
  '第十条',
  '第一，',
  '目录',
  '一是',
  '二是',
  '附件1：',
  '篇1',
  '章',
  '总则',
  '。',
  '！',
  '……1',
  ' 3',
  '　',
  ' ',
  '\n',
  '\r',
  '\r\n',
  '𠀀',
  '\uD840',
  '\uDC00',
  '\uFEFF',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\u00a0',
  '\u2002',
  '\t',
  '\n第一章　总则\n',
  '目录\n',
  '\n二是乙。\n',
  '\r\n一、丙\r\n',
];
const textArb = fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 3 }).map((a) => a.join(''));

/**
 * Typed at the end of a line, these leave a heading's marker as it was (its
 * title stops before them) while the line's text changes.
 */
const PUNCTUATION = ['。', '！', '？', '；', '：', '。正文。', '　', ' '];

type Kind = 'replace' | 'typeAtStart' | 'typeAtEnd' | 'punctuate' | 'swap' | 'join' | 'split' | 'copyLine' | 'deleteLine' | 'retypeLine' | 'full';
const KINDS: Kind[] = ['replace', 'replace', 'typeAtStart', 'typeAtEnd', 'punctuate', 'punctuate', 'swap', 'swap', 'join', 'split', 'copyLine', 'copyLine', 'deleteLine', 'retypeLine', 'full'];

const editArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.nat(1000),
  d: fc.nat(1000),
  text: textArb,
  line: lineArb,
  eol: fc.constantFrom(...EOLS),
});
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

/** One step: a didChange of 1–3 changes, then maybe a look at the outline. */
const stepArb = fc.record({
  edits: fc.array(editArb, { minLength: 1, maxLength: 3 }),
  look: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  enumerations: fc.boolean(),
});

function lineText(doc: TextDocument, line: number): string {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.replace(/\r\n$|\r$|\n$/, '');
}

/** The change an edit makes to the document as it is now; positions may fall past a line's end or the last line, as a client's may. */
function changeFor(doc: TextDocument, edit: Edit): TextDocumentContentChangeEvent {
  const lines = doc.lineCount;
  const line = edit.a % (lines + 1); // now and then one past the last line
  const inside = Math.min(line, lines - 1);
  const length = lineText(doc, inside).length;
  const at = (l: number, character: number) => ({ line: l, character });
  switch (edit.kind) {
    case 'replace': {
      const endLine = line + (edit.c % 4 === 3 ? 1 + (edit.c % 3) : 0);
      const endLength = lineText(doc, Math.min(endLine, lines - 1)).length;
      return { range: { start: at(line, edit.b % (length + 2)), end: at(endLine, endLine === line ? edit.b % (length + 2) + (edit.d % 4) : edit.d % (endLength + 2)) }, text: edit.text };
    }
    case 'typeAtStart':
      return { range: { start: at(line, 0), end: at(line, 0) }, text: edit.text };
    case 'typeAtEnd':
      return { range: { start: at(inside, length), end: at(inside, length) }, text: edit.text };
    case 'punctuate':
      return { range: { start: at(inside, length), end: at(inside, length) }, text: PUNCTUATION[edit.b % PUNCTUATION.length] };
    case 'swap': {
      // Two characters of a line trade places: an invisible one moved past a letter of a title keeps the name.
      const from = length < 2 ? 0 : edit.b % (length - 1);
      const pair = lineText(doc, inside).slice(from, from + 2);
      return { range: { start: at(inside, from), end: at(inside, from + pair.length) }, text: [...pair].reverse().join('') };
    }
    case 'join':
      return { range: { start: at(inside, length), end: at(inside + 1, 0) }, text: '' };
    case 'split':
      return { range: { start: at(inside, edit.b % (length + 1)), end: at(inside, edit.b % (length + 1)) }, text: edit.eol };
    case 'copyLine': {
      const target = edit.b % lines;
      return { range: { start: at(target, 0), end: at(target, 0) }, text: lineText(doc, edit.c % lines) + edit.eol };
    }
    case 'deleteLine':
      return { range: { start: at(inside, 0), end: at(inside + 1, 0) }, text: '' };
    case 'retypeLine':
      return { range: { start: at(inside, 0), end: at(inside, length) }, text: edit.line };
    case 'full': {
      // A client that sends the whole text now and then: the text with one line retyped.
      const all = doc.getText().split(/(?<=\r\n|\r(?!\n)|\n)/);
      all[edit.b % all.length] = edit.line + edit.eol;
      return { text: all.join('') };
    }
  }
}

/** The changes of one didChange, each against the document as the ones before it left it (as a client sends them). */
function didChangeFor(doc: TextDocument, edits: readonly Edit[]): TextDocumentContentChangeEvent[] {
  const scratch = TextDocument.create(URI, 'plaintext', 0, doc.getText());
  return edits.map((edit) => {
    const change = changeFor(scratch, edit);
    TextDocument.update(scratch, [change], scratch.version + 1);
    return change;
  });
}

/** The folder with package.json above this (bundled) file. */

/** Runs the property; more runs locally with TIGANG_DIFFERENTIAL_RUNS=20000. */
function runs(fallback: number): number {
  const n = Number(process.env.TIGANG_DIFFERENTIAL_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

suite('The incremental outline against a fresh parse', () => {
  test('After every didChange the incremental outline is the fresh parse of the same text: headings, folding, symbols, inlay hints, statistics and semantic tokens (full and delta)', () => {
    fc.assert(
      fc.property(documentArb, fc.array(stepArb, { minLength: 1, maxLength: 12 }), (text, steps) => {
        const editor = new Editor(text);
        editor.check({ enumerations: true });
        for (const step of steps) {
          editor.didChange(didChangeFor(editor.doc, step.edits));
          if (step.look) editor.check({ enumerations: step.enumerations });
        }
        editor.check({ enumerations: true });
        editor.check({ enumerations: false });
      }),
      { numRuns: runs(300) },
    );
  });

  test('Typing in a table of contents a keystroke at a time keeps the outline exact: a new entry, and punctuation on every line', () => {
    // The edits the random test finds hardest to hit: a line made to repeat
    // an entry keystroke by keystroke, and punctuation that leaves a line's
    // marker as it was but not the line.
    fc.assert(
      fc.property(tocBlockArb, fc.constantFrom(...TOC_ENTRIES), fc.nat(20), fc.constantFrom(...EOLS), fc.constantFrom(...PUNCTUATION), (block, entry, where, eol, mark) => {
        const editor = new Editor(block.join(eol));
        const type = (line: number, character: number, text: string) => editor.didChange([{ range: { start: { line, character }, end: { line, character } }, text }]);
        const erase = (line: number, from: number, to: number) => editor.didChange([{ range: { start: { line, character: from }, end: { line, character: to } }, text: '' }]);
        editor.check({ enumerations: true });
        for (let line = 0; line < editor.doc.lineCount; line++) {
          const end = lineText(editor.doc, line).length;
          type(line, end, mark);
          editor.check({ enumerations: true });
          erase(line, end, end + mark.length);
          editor.check({ enumerations: true });
        }
        const line = where % editor.doc.lineCount;
        type(line, 0, eol);
        editor.check({ enumerations: true });
        let character = 0;
        for (const ch of Array.from(entry)) {
          type(line, character, ch);
          character += ch.length;
          editor.check({ enumerations: true });
        }
        while (character > 0) {
          erase(line, character - 1, character);
          character--;
          editor.check({ enumerations: true });
        }
      }),
      { numRuns: runs(100) },
    );
  });

  test('Punctuation typed after the heading lines of the real documents in ../shared, and deleted again, keeps the outline exact', (t) => {
    // 个人信息保护法 has 目　　录 and its entries repeated as the chapters: typing ！
    // after 第一章　总　　则 ends the table of contents there.
    const files = ['seeds', 'corpus'].flatMap((folder) => {
      const dir = join(repoRoot(), '..', 'shared', folder);
      return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => join(dir, f)) : [];
    });
    if (files.length === 0) return t.skip('../shared not found');
    for (const file of files) {
      const editor = new Editor(readFileSync(file, 'utf8'));
      editor.check({ enumerations: true });
      // The headings near the top (where a 目录 stands) and a sample of the rest.
      const lines = editor.cache.get(editor.doc, { enumerations: true }).headings.map((h) => h.line);
      const chosen = lines.filter((line, i) => line < 80 || i % 9 === 0).slice(0, 12);
      chosen.forEach((line, i) => {
        const mark = PUNCTUATION[i % PUNCTUATION.length];
        const end = lineText(editor.doc, line).length;
        editor.didChange([{ range: { start: { line, character: end }, end: { line, character: end } }, text: mark }]);
        editor.check({ enumerations: true });
        editor.didChange([{ range: { start: { line, character: end }, end: { line, character: end + mark.length } }, text: '' }]);
        editor.check({ enumerations: i % 2 === 0 });
      });
    }
  });
});

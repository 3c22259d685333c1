// Properties that hold for every input, checked on generated documents.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { NAME_CAP, Outline, OutlineCache, OutlineDocument, PlainTextDocument, Position, parseOutline } from '../../server/src/engine';
import { WS, brokenInvariant, fold, parse, snapshot, splitLines } from './helpers';

/** Pieces that make generated text look like Chinese documents, and break them. */
const MARKERS = [
  '一、', '二、', '十一、', '壹、', '（一）', '(二)', '(三）', '㈣', '1.', '2．', '3、', '１.', '1.5', '2021年', '（1）', '(2)', '3）', '4)',
  '①', '⑵', '一是', '二是', '三是', '一要', '二要', '一关于', '二关于', '三关于', '四是关于', '三要素', '一律', '一方面', '十分',
  '第一，', '第二，', '第三：', '第一条', '第二条', '第一章', '第二章', '第十二回', '第一节', '第一部分', '第二编', '第一卷', '第三部',
  '第一篇：', '讲话篇1', '篇一', '讲话11篇', '前言', '序', '序幕', '目录', '目　录', '附件1：', '附录二', '后记', '结束语',
  '第一分编', '第12章', '第 1 條', '第 三 章', '第一百二十条之一', '第 2-1 條', '第五節', '目錄', '後記', '正文 ', '正文', '楔子　',
  '甲、', '乙、', '丙、', '（甲）', '(乙)', '甲、乙双方', '附件1', '附件', '参', '“', '「', '』', '”',
];
const TEXT = ['加强领导', '坚持稳中求进', '，', '。', '！', '？', '；', '：', ':', '!', ';', '.', ',', '、', '……', '“', '”', '甲', '𠀀'];
const SPACES = [' ', '\t', '\u3000', '\u00a0', '>', '＞', '  ', '\u2002', '\u2002\u2002', '\u200b', '\u202f', '\u205f', '\u1680', '\u2060', '\u200b \u200b'];
const BREAKS = ['\n', '\r\n', '\r', '\n\n', '\r\r\n'];
const ODD = ['\0', '\uD800', '\uDC00', '\uDBFF', '\uFEFF', '\u2028', '\u0085', '\uFFFF'];

/** Any UTF-16 unit (lone surrogates included) or astral character; cheaper to set up than unit: 'binary'. */
const anyCharArb = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
);

const pieceArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...MARKERS) },
  { weight: 4, arbitrary: fc.constantFrom(...TEXT) },
  { weight: 2, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 3, arbitrary: fc.constantFrom(...BREAKS) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.string({ unit: anyCharArb, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0x3000, max: 0x9fff }).map((c) => String.fromCharCode(c)), maxLength: 6 }) },
);

/** Arbitrary text in which headings, lists and tables of contents are likely. */
const documentArb = fc.array(pieceArb, { maxLength: 80 }).map((pieces) => pieces.join(''));

/** The same, but every line break is \n and there is no BOM or \r anywhere. */
const lfDocumentArb = documentArb.map((text) => text.replace(/\r\n|\r/g, '\n').replace(/\uFEFF/g, ''));

function withoutEnumerations(outline: Outline): unknown {
  type Node = { name: string; line: number; endLine: number; children: Node[] };
  const strip = (list: Outline['roots']): Node[] =>
    list.filter((h) => h.rank < 10).map((h) => ({ name: h.name, line: h.line, endLine: h.endLine, children: strip(h.children) }));
  return strip(outline.roots);
}

function check(text: string): Outline {
  const outline = parse(text);
  const broken = brokenInvariant(text, outline);
  if (broken !== undefined) assert.fail(`${broken}; text: ${JSON.stringify(text)}`);
  return outline;
}

const RUNS = { numRuns: 400 };

suite('Properties of every outline', () => {
  test('Never throws; children lie inside their parent, siblings are disjoint, selection spans lie on their line', () => {
    fc.assert(
      fc.property(documentArb, (text) => {
        check(text);
      }),
      RUNS,
    );
  });

  test('Never throws on arbitrary Unicode, lone surrogates and NUL', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCharArb, maxLength: 200 }), (text) => {
        check(text);
      }),
      { numRuns: 200 },
    );
  });

  test('The same input gives the same output', () => {
    fc.assert(
      fc.property(documentArb, (text) => {
        assert.deepEqual(snapshot(parse(text)), snapshot(parse(text)));
        const cache = new OutlineCache();
        const doc = TextDocument.create('file:///a.txt', 'plaintext', 1, text);
        assert.deepEqual(snapshot(cache.get(doc, { enumerations: true })), snapshot(parse(text)));
      }),
      { numRuns: 150 },
    );
  });

  test('The editor’s line model and the plain document agree on every outline', () => {
    fc.assert(
      fc.property(documentArb, (text) => {
        const doc = TextDocument.create('file:///a.txt', 'plaintext', 1, text);
        assert.deepEqual(snapshot(parseOutline(doc)), snapshot(parse(text)));
      }),
      { numRuns: 150 },
    );
  });

  test('A heading starts after indentation only, and its name is the folded text of its selection', () => {
    fc.assert(
      fc.property(documentArb, (text) => {
        const docLines = splitLines(text);
        for (const h of parse(text).headings) {
          const line = docLines[h.line];
          const before = line.slice(0, h.start);
          // Indentation, and a 正文 before a chapter (§1).
          assert.match(before, new RegExp(`^(${WS}|[>＞])*(正文${WS}+)?$`), `text before "${h.name}" is not indentation`);
          const selected = fold(line.slice(h.start, h.titleEnd));
          if (selected === h.marker && h.name.startsWith(`${selected} `)) continue; // a bare 附件1 or 第一章 takes its title from the next line (§2)
          if (h.name.length < NAME_CAP - 1) assert.equal(h.name, selected);
          else assert.ok(selected.startsWith(h.name), `"${h.name}" is not a prefix of its selection`);
        }
      }),
      RUNS,
    );
  });

  test('A run-in title never runs past 。！？； (full- or half-width) and never ends in ：', () => {
    fc.assert(
      fc.property(documentArb, (text) => {
        const docLines = splitLines(text);
        for (const h of parse(text).headings) {
          if (h.style === 'article' && h.marker === h.name) continue; // a title line ending in 篇1 is named as a whole
          assert.doesNotMatch(h.name, /[。！？；!?;]/, h.name);
          // One trailing colon is dropped; of a doubled one (甲：：, 甲： ：) the first may stay.
          const doubled = new RegExp(`^${WS}*[：:]`).test(docLines[h.line].slice(h.titleEnd));
          if (h.name.length > h.marker.length && !doubled) assert.doesNotMatch(h.name, /[：:]$/, h.name);
        }
      }),
      RUNS,
    );
  });

  test('Turning enumerations off removes the points and changes nothing else', () => {
    fc.assert(
      fc.property(documentArb, (text) => {
        const on = parse(text, { enumerations: true });
        const off = parse(text, { enumerations: false });
        assert.ok(off.headings.every((h) => h.style !== 'enumeration'));
        assert.deepEqual(withoutEnumerations(off), withoutEnumerations(on));
      }),
      RUNS,
    );
  });

  test('LF, CRLF and lone CR line breaks give the same outline', () => {
    fc.assert(
      fc.property(lfDocumentArb, (text) => {
        const lf = snapshot(parse(text));
        assert.deepEqual(snapshot(parse(text.replace(/\n/g, '\r\n'))), lf);
        assert.deepEqual(snapshot(parse(text.replace(/\n/g, '\r'))), lf);
      }),
      { numRuns: 200 },
    );
  });

  test('Indenting every line shifts the columns and changes nothing else', () => {
    fc.assert(
      fc.property(lfDocumentArb, (text) => {
        const indented = text
          .split('\n')
          .map((line) => '\u3000\u3000' + line)
          .join('\n');
        const shift = (list: ReturnType<typeof snapshot>): ReturnType<typeof snapshot> =>
          list.map((h) => ({ ...h, start: h.start + 2, markerEnd: h.markerEnd + 2, colonEnd: h.colonEnd + 2, titleStart: h.titleStart + 2, titleEnd: h.titleEnd + 2, endCharacter: h.endCharacter + 2, children: shift(h.children) }));
        assert.deepEqual(snapshot(parse(indented)), shift(snapshot(parse(text))));
      }),
      { numRuns: 200 },
    );
  });

  test('A section of two or more lines folds from its heading line to a later, non-empty line', () => {
    fc.assert(
      fc.property(documentArb, (text) => {
        const docLines = splitLines(text);
        for (const h of parse(text).headings) {
          if (h.endLine === h.line) continue;
          assert.ok(h.endLine > h.line, `"${h.name}" folds backwards`);
          assert.ok(h.endCharacter > 0 && !new RegExp(`^${WS}*$`).test(docLines[h.endLine]), `"${h.name}" folds to a blank line`);
        }
      }),
      RUNS,
    );
  });
});

suite('Large inputs (each runs once)', () => {
  const MB = 1 << 20;

  for (const [label, make] of [
    ['a 1 MB heading line', () => '一、' + '加强领导'.repeat(MB / 4)],
    ['a 1 MB line of opening brackets', () => '（'.repeat(MB)],
    ['a 1 MB line of 第', () => '第'.repeat(MB)],
    ['a 1 MB line of numerals', () => '一'.repeat(MB)],
    ['a 1 MB line ending in 篇1', () => '讲'.repeat(MB) + '篇1'],
    ['a 1 MB line of whitespace and quote marks', () => ' \u3000>＞\t'.repeat(MB / 5)],
    ['a 1 MB first entry after 目录', () => '目录\n' + '第一章'.repeat(MB / 3)],
    ['a 1 MB line of lone surrogates and NUL', () => '\uD800\0'.repeat(MB / 2)],
    ['a 1 MB line of en spaces and zero-width spaces', () => '\u2002\u200b'.repeat(MB / 2)],
    ['a 1 MB spaced title after 楔子', () => '楔子　' + '张天师'.repeat(MB / 3)],
    ['a 1 MB line after 正文 and spaces', () => '正文' + ' '.repeat(MB) + '第一章'],
    ['a 1 MB line of opening quotes', () => '“'.repeat(MB) + '\n一、甲\n”'],
    ['a 1 MB line after a bare 附件', () => '附件1\n' + '表'.repeat(MB)],
  ] as const) {
    test(`Handles ${label}`, () => {
      const text = make();
      const outline = check(text);
      for (const h of outline.headings) assert.ok(h.name.length <= NAME_CAP);
    });
  }

  const LEVELS = ['一、甲', '（一）乙', '一是甲。', '二是乙。', '1.丙', '一要丙。', '（1）丁', '①戊', '第一，己。', '正文。', '', '第二章　庚', '“引文', '甲、辛', '乙、壬', '附件1', '正文 第三章　癸', '第一百条之一　子'];

  // Besides never throwing, the engine's cost should grow with the document:
  // counting line look-ups keeps that deterministic and makes a failure fast.
  const BUDGET_PER_LINE = 40;

  /** Parses the lines with a look-up budget, then checks the invariants. */
  function checkLarge(lineCount: number, line: (i: number) => string, eol = '\n'): Outline {
    const text = Array.from({ length: lineCount }, (_, i) => line(i)).join(eol);
    const doc = new CountingDocument(text, BUDGET_PER_LINE * lineCount);
    let outline: Outline;
    try {
      outline = parseOutline(doc);
    } catch (e) {
      if (e instanceof BudgetExceeded) assert.fail(`more than ${BUDGET_PER_LINE} line look-ups per line`);
      throw e;
    }
    const broken = brokenInvariant(text, outline);
    if (broken !== undefined) assert.fail(broken);
    return outline;
  }

  test('Handles 100k short lines of every level, lists and prose', () => {
    checkLarge(100_000, (i) => LEVELS[i % LEVELS.length]);
  });

  test('Handles 100k short lines alternating 一是 and 一要: lists do not nest without end', () => {
    const outline = checkLarge(100_000, (i) => (i % 2 === 0 ? '一是甲。' : '一要乙。'), '\r\n');
    assert.ok(Math.max(...outline.headings.map((h) => h.depth)) < 100);
  });

  test('Handles 100k lines that each open a quotation that never closes, between markers', () => {
    checkLarge(100_000, (i) => (i % 2 === 0 ? '“他说到一半' : '（一）条目'));
  });

  test('Handles 100k lines that each open a quotation closing 30 lines on, between markers', () => {
    const outline = checkLarge(100_000, (i) => (i % 3 === 0 ? '“引文' : i % 3 === 1 ? '（一）条目' : i % 30 === 2 ? '结束。”' : '正文。'));
    assert.ok(outline.headings.length < 1_000, 'the quoted items are not headings');
  });

  test('Handles 100k bare 附件 lines with blank lines between them', () => {
    checkLarge(100_000, (i) => (i % 10 === 0 ? '附件1' : ''));
  });

  test('Handles 100k stems that never make a list', () => {
    checkLarge(100_000, (i) => (i % 2 === 0 ? '甲、甲方' : '丙、丙方'));
  });

  test('Handles 20k lines after 目录 whose entries never repeat', () => {
    const outline = checkLarge(20_000, (i) => (i === 0 ? '目录' : `第${i}章　标题${i}`));
    assert.equal(outline.roots.length, 20_000);
  });

  test('Handles 20k lines with a 目录 on every other line, whose entries never repeat, in linear time', () => {
    checkLarge(20_000, (i) => (i % 2 === 0 ? '目录' : `${i}.条目${i}`));
  });

  test('Handles a 10k-line document edited in the cache', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => LEVELS[i % LEVELS.length]).join('\r\n');
    let doc = TextDocument.create('file:///big.txt', 'plaintext', 1, text);
    const cache = new OutlineCache();
    cache.get(doc, { enumerations: true });
    for (const line of [0, 5_000, 9_999]) {
      const before = { lineCountBefore: doc.lineCount, versionBefore: doc.version };
      doc = TextDocument.update(doc, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '（一）\r\n' }], doc.version + 1);
      cache.edited(doc, { startLine: line, endLine: line, ...before });
    }
    const cached = JSON.stringify(snapshot(cache.get(doc, { enumerations: true })));
    assert.ok(cached === JSON.stringify(snapshot(parseOutline(doc))), 'the patched outline differs from a fresh parse');
  });
});

class BudgetExceeded extends Error {}

/** A document that counts offsetAt calls and stops the parse when they exceed a budget. */
class CountingDocument implements OutlineDocument {
  private readonly inner: PlainTextDocument;
  private calls = 0;

  constructor(
    text: string,
    private readonly budget: number,
  ) {
    this.inner = new PlainTextDocument('file:///counted.txt', text);
  }

  get uri(): string {
    return this.inner.uri;
  }

  get version(): number {
    return this.inner.version;
  }

  get lineCount(): number {
    return this.inner.lineCount;
  }

  getText(): string {
    return this.inner.getText();
  }

  offsetAt(position: Position): number {
    if (++this.calls > this.budget) throw new BudgetExceeded();
    return this.inner.offsetAt(position);
  }
}

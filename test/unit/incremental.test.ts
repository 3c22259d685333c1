// OutlineCache patched by edits gives exactly the outline of a fresh parse.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { Range, TextDocument } from 'vscode-languageserver-textdocument';
import { OutlineCache, OutlineOptions, parseOutline } from '../../server/src/engine';
import { lines, parse, snapshot } from './helpers';

const URI = 'file:///speech.txt';
const ON: OutlineOptions = { enumerations: true };
const OFF: OutlineOptions = { enumerations: false };

/** A document in an editor: every change goes to the TextDocument and is reported to the cache. */
class Session {
  readonly cache = new OutlineCache();
  doc: TextDocument;

  constructor(text: string) {
    this.doc = TextDocument.create(URI, 'plaintext', 1, text);
  }

  get text(): string {
    return this.doc.getText();
  }

  replace(range: Range, text: string): void {
    const lineCountBefore = this.doc.lineCount;
    const versionBefore = this.doc.version;
    this.doc = TextDocument.update(this.doc, [{ range, text }], versionBefore + 1);
    this.cache.edited(this.doc, { startLine: range.start.line, endLine: range.end.line, lineCountBefore, versionBefore });
  }

  /** Replaces text[from, to) given as offsets. */
  replaceOffsets(from: number, to: number, text: string): void {
    this.replace({ start: this.doc.positionAt(from), end: this.doc.positionAt(to) }, text);
  }

  insert(line: number, character: number, text: string): void {
    this.replace({ start: { line, character }, end: { line, character } }, text);
  }

  /** Fails unless the cached outline is exactly a fresh parse of the current text. */
  check(options: OutlineOptions = ON): void {
    const cached = snapshot(this.cache.get(this.doc, options));
    const fresh = snapshot(parseOutline(this.doc, options));
    // Comparing JSON first keeps the random tests fast; deepEqual gives the readable diff.
    if (JSON.stringify(cached) !== JSON.stringify(fresh)) assert.deepEqual(cached, fresh, `after edits, text: ${JSON.stringify(this.text)}`);
    const plain = snapshot(parse(this.text, options));
    if (JSON.stringify(cached) !== JSON.stringify(plain)) assert.deepEqual(cached, plain, `the editor's lines differ from the spec's, text: ${JSON.stringify(this.text)}`);
  }
}

const SPEECH = lines(
  '在全市重点工作推进会上的讲话', // 0
  '', // 1
  '一、充分肯定成绩', // 2
  '一是经济运行稳中向好。', // 3
  '二是改革开放持续深化。', // 4
  '二、清醒认识问题', // 5
  '（一）发展不平衡', // 6
  '1.城乡差距仍然较大', // 7
  '（二）动力不够足', // 8
  '三、奋力完成全年目标', // 9
  '一要抓项目。', // 10
  '二要抓招商。', // 11
  '', // 12
);

suite('Incremental updates', () => {
  test('Inserting a heading line updates the outline', () => {
    const s = new Session(SPEECH);
    s.check();
    s.insert(9, 0, '（三）能力有短板\n');
    s.check();
  });

  test('Deleting lines that held headings updates the outline', () => {
    const s = new Session(SPEECH);
    s.check();
    s.replace({ start: { line: 5, character: 0 }, end: { line: 9, character: 0 } }, '');
    s.check();
    assert.deepEqual(
      s.cache.get(s.doc, ON).roots.map((h) => h.name),
      ['一、充分肯定成绩', '三、奋力完成全年目标'],
    );
  });

  test('Typing a heading one character at a time keeps the outline exact after each keystroke', () => {
    const s = new Session(SPEECH);
    s.check();
    s.insert(4, '二是改革开放持续深化。'.length, '\n'); // Enter at the end of line 4
    s.check();
    let character = 0;
    for (const ch of '三是民生福祉不断增进。') {
      s.insert(5, character++, ch);
      s.check();
    }
    assert.ok(s.cache.get(s.doc, ON).headings.some((h) => h.name === '三是民生福祉不断增进'));
  });

  test('Deleting a heading one character at a time keeps the outline exact', () => {
    const s = new Session(SPEECH);
    s.check();
    for (let i = 0; i < '（一）发展不平衡'.length; i++) {
      s.replace({ start: { line: 6, character: 0 }, end: { line: 6, character: 1 } }, '');
      s.check();
    }
  });

  test('Typing LF after a lone CR joins them into one CRLF line break', () => {
    const s = new Session('一、甲\r说明\r（一）乙\r说明');
    s.check();
    s.insert(1, 0, '\n'); // 一、甲\r\n说明 — still two lines
    s.check();
    assert.equal(s.doc.lineCount, 4);
    s.insert(3, 0, '\n');
    s.check();
  });

  test('Deleting the text between a CR and an LF joins them into one line break', () => {
    const s = new Session('一、甲\r二、乙\n三、丙');
    s.check();
    s.replace({ start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, '');
    s.check();
    assert.equal(s.doc.lineCount, 2);
    assert.deepEqual(
      s.cache.get(s.doc, ON).headings.map((h) => [h.name, h.line]),
      [
        ['一、甲', 0],
        ['三、丙', 1],
      ],
    );
  });

  test('Typing CR before an LF, then text between them, splits the line break again', () => {
    const s = new Session('一、甲\n二、乙');
    s.check();
    s.insert(0, 3, '\r');
    s.check();
    assert.equal(s.doc.lineCount, 2);
    s.replace({ start: { line: 0, character: 3 }, end: { line: 1, character: 0 } }, '\r（一）丙\n');
    s.check();
    assert.equal(s.doc.lineCount, 3);
  });

  test('Editing the first entry of a table of contents re-decides the whole table', () => {
    const text = lines('目录', '第一章　总则', '第二章　附则', '第一章　总则', '正文', '第二章　附则', '正文');
    const s = new Session(text);
    s.check();
    s.insert(1, 6, '规定'); // the first entry no longer repeats
    s.check();
    assert.equal(s.cache.get(s.doc, ON).headings.length, 5);
    s.insert(3, 6, '规定'); // now it does again
    s.check();
    assert.equal(s.cache.get(s.doc, ON).headings.length, 3);
  });

  test('Punctuation typed on a line a table of contents compares re-decides the table, though the heading is unchanged', () => {
    // 第一章　总则 and 第一章总则 repeat each other (whitespace aside), so the
    // first is a table-of-contents entry; after 。 they no longer do, while the
    // heading 第一章 总则 reads the same (its title stops before 。).
    const s = new Session(lines('目录', '第一章　总则', '第一章总则'));
    s.check();
    assert.deepEqual(s.cache.get(s.doc, ON).headings.map((h) => h.name), ['目录', '第一章总则']);
    s.insert(1, 6, '。');
    s.check();
    assert.deepEqual(s.cache.get(s.doc, ON).headings.map((h) => h.name), ['目录', '第一章 总则', '第一章总则']);
    s.replace({ start: { line: 1, character: 6 }, end: { line: 1, character: 7 } }, ''); // and back
    s.check();
    assert.deepEqual(s.cache.get(s.doc, ON).headings.map((h) => h.name), ['目录', '第一章总则']);
  });

  test('Changing 一要 to 一是 re-nests the list', () => {
    const s = new Session(lines('一是抓好安全。', '一要排查隐患。', '二要落实整改。', '二是抓好防汛。'));
    s.check();
    s.replace({ start: { line: 1, character: 1 }, end: { line: 1, character: 2 } }, '是');
    s.check();
  });

  test('Editing the first line of a document with a BOM', () => {
    const s = new Session('\uFEFF一、甲\n说明\n二、乙');
    s.check();
    s.insert(0, 1, '　');
    s.check();
    s.replace({ start: { line: 0, character: 1 }, end: { line: 1, character: 0 } }, '（一）');
    s.check();
  });

  test('Deleting the whole document and typing it again', () => {
    const s = new Session(SPEECH);
    s.check();
    s.replace({ start: { line: 0, character: 0 }, end: { line: s.doc.lineCount, character: 0 } }, '');
    s.check();
    assert.deepEqual(s.cache.get(s.doc, ON).headings, []);
    s.insert(0, 0, SPEECH);
    s.check();
  });

  test('Both option sets stay exact after an edit', () => {
    const s = new Session(SPEECH);
    s.check(ON);
    s.check(OFF);
    s.insert(10, 0, '三要抓服务。\n');
    s.check(OFF);
    s.check(ON);
  });

  test('Several edits in a row without asking for the outline in between', () => {
    const s = new Session(SPEECH);
    s.check();
    s.insert(2, 0, '第一部分　总体情况\n');
    s.replace({ start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }, '');
    s.insert(12, 0, '\r\n目录\r\n');
    s.check();
  });

  test('An edit reported with a stale version makes the cache start over', () => {
    const s = new Session(SPEECH);
    s.check();
    // The first edit is never reported, so the cache still holds version 1 when
    // the second edit arrives, reported as an edit of version 2.
    s.doc = TextDocument.update(s.doc, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '（一）新增\n' }], 2);
    const lineCountBefore = s.doc.lineCount;
    s.doc = TextDocument.update(s.doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '前言\n' }], 3);
    s.cache.edited(s.doc, { startLine: 0, endLine: 0, lineCountBefore, versionBefore: 2 });
    s.check();
  });

  test('An edit reported before the outline was ever asked for is harmless', () => {
    const s = new Session(SPEECH);
    s.insert(0, 0, '一、');
    s.check();
  });

  test('The same version gives the same outline object, computed once', () => {
    const s = new Session(SPEECH);
    const a = s.cache.get(s.doc, ON);
    assert.equal(s.cache.get(s.doc, ON), a);
    assert.notEqual(s.cache.get(s.doc, OFF), a);
    s.insert(0, 0, '序\n');
    assert.notEqual(s.cache.get(s.doc, ON), a);
  });

  test('A new document for the same URI and version is parsed afresh, and an edit reported for it does not patch the old markers', () => {
    // A second didOpen of a URI brings a new document object, maybe at the version of the old one.
    const s = new Session(SPEECH);
    assert.equal(s.cache.get(s.doc, ON).headings[0].name, '一、充分肯定成绩');
    s.doc = TextDocument.create(URI, 'plaintext', s.doc.version, lines('第一章　新', '一、甲'));
    s.check();
    s.doc = TextDocument.create(URI, 'plaintext', s.doc.version, lines('前言', '正文', '一、乙'));
    s.insert(1, 0, '（一）丙\n');
    s.check();
  });

  test('Deleting a document from the cache forgets it', () => {
    const s = new Session(SPEECH);
    const a = s.cache.get(s.doc, ON);
    s.cache.delete(URI);
    const b = s.cache.get(s.doc, ON);
    assert.notEqual(b, a);
    assert.deepEqual(snapshot(b), snapshot(a));
  });
});

// Random edits ---------------------------------------------------------------

const LINES = [
  '一、总体要求',
  '二、重点任务',
  '（一）稳增长',
  '(二)促改革',
  '1.抓项目',
  '2、抓招商',
  '（1）细化',
  '①落实',
  '一是加强学习。',
  '二是加强实践。',
  '一要统筹。',
  '二要协调。',
  '三关于保障。',
  '四是关于纪律。',
  '第一，提高站位。',
  '第二，压实责任。',
  '第三章　附则',
  '第一节　原则',
  '目录',
  '目　录',
  '附件1：名单',
  '讲话汇编篇1',
  '同志们：',
  '今年以来，全市上下攻坚克难。',
  '1.5亿元',
  '　　> 一、引用',
  '',
  '　　',
];
const EOLS = ['\n', '\r\n', '\r'];
const INSERTS = ['\n', '\r', '\r\n', '一', '、', '是', '（一）', '1.', '第', '章', '目录', '甲', '。', '　', ' ', '\n二是乙。\n', '\r\n一、丙\r\n', '\uFEFF', '\uD800'];

const documentArb = fc
  .array(fc.tuple(fc.constantFrom(...LINES), fc.constantFrom(...EOLS)), { maxLength: 24 })
  .map((parts) => parts.map(([line, eol]) => line + eol).join(''));

const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.oneof(fc.constant(0), fc.nat(4), fc.nat(40)),
  text: fc.oneof(fc.constant(''), fc.array(fc.constantFrom(...INSERTS), { minLength: 1, maxLength: 4 }).map((a) => a.join(''))),
  look: fc.boolean(),
});

suite('Incremental updates under random edits', () => {
  test('Any sequence of edits gives exactly the outline of a fresh parse', () => {
    fc.assert(
      fc.property(documentArb, fc.array(editArb, { minLength: 1, maxLength: 10 }), fc.boolean(), (text, edits, enumerations) => {
        const s = new Session(text);
        const options = { enumerations };
        s.check(options);
        for (const edit of edits) {
          const from = Math.min(s.text.length, Math.floor(edit.at * (s.text.length + 1)));
          const to = Math.min(s.text.length, from + edit.length);
          s.replaceOffsets(from, to, edit.text);
          if (edit.look) s.check(options);
        }
        s.check(options);
      }),
      { numRuns: 150 },
    );
  });

  test('Inserting and deleting whole lines gives exactly the outline of a fresh parse', () => {
    fc.assert(
      fc.property(
        documentArb,
        fc.array(fc.record({ line: fc.nat(30), count: fc.nat(3), insert: fc.array(fc.constantFrom(...LINES), { maxLength: 3 }) }), { minLength: 1, maxLength: 8 }),
        (text, edits) => {
          const s = new Session(text);
          s.check();
          for (const edit of edits) {
            const line = Math.min(edit.line, s.doc.lineCount - 1);
            const endLine = Math.min(line + edit.count, s.doc.lineCount);
            const inserted = edit.insert.map((l) => l + '\n').join('');
            s.replace({ start: { line, character: 0 }, end: { line: endLine, character: 0 } }, inserted);
            s.check();
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

// OutlineCache after edits to the lines the tree reads beyond its markers
// (docs/headings.md, "What the tree reads beyond the markers"): quoted text and
// titles taken from the next line. Each edit keeps the line count and the
// markers, the case where the cache is tempted to keep its tree.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OutlineCache, PlainTextDocument, buildOutline, parseOutline, scanDocument } from '../../server/src/engine';
import { lines, snapshot } from './helpers';

const ON = { enumerations: true };

/** A document in an editor whose every change is reported to the cache. */
class Session {
  readonly cache = new OutlineCache();
  doc: TextDocument;

  constructor(text: string) {
    this.doc = TextDocument.create('file:///quoted.txt', 'plaintext', 1, text);
    this.cache.get(this.doc, ON);
  }

  /** Replaces `length` characters at line:character with `text`. */
  replace(line: number, character: number, length: number, text: string): void {
    const lineCountBefore = this.doc.lineCount;
    const versionBefore = this.doc.version;
    const range = { start: { line, character }, end: { line, character: character + length } };
    this.doc = TextDocument.update(this.doc, [{ range, text }], versionBefore + 1);
    this.cache.edited(this.doc, { startLine: line, endLine: line, lineCountBefore, versionBefore });
  }

  names(): string[] {
    return this.cache.get(this.doc, ON).headings.map((h) => h.name);
  }

  /** Fails unless the cached outline is exactly a fresh parse. */
  check(): void {
    const cached = JSON.stringify(snapshot(this.cache.get(this.doc, ON)));
    const fresh = JSON.stringify(snapshot(parseOutline(this.doc, ON)));
    assert.equal(cached, fresh, `text: ${JSON.stringify(this.doc.getText())}`);
  }
}

suite('The cache after edits to quoted text and next-line titles', () => {
  test('Closing a quotation takes the items inside it out of the tree', () => {
    const s = new Session(lines('“修改为：', '（一）甲；', '（二）乙。', '正文'));
    assert.deepEqual(s.names(), ['（一）甲', '（二）乙']);
    s.replace(2, 5, 0, '”');
    assert.deepEqual(s.names(), []);
    s.check();
  });

  test('Deleting the closing mark puts them back', () => {
    const s = new Session(lines('“修改为：', '（一）甲；', '（二）乙。”', '正文'));
    assert.deepEqual(s.names(), []);
    s.replace(2, 5, 1, '');
    assert.deepEqual(s.names(), ['（一）甲', '（二）乙']);
    s.check();
  });

  test('A line that comes to begin with “ opens a quotation', () => {
    const s = new Session(lines('修改为：', '（一）甲；', '（二）乙。”', '正文'));
    assert.deepEqual(s.names(), ['（一）甲', '（二）乙']);
    s.replace(0, 0, 0, '“');
    assert.deepEqual(s.names(), []);
    s.check();
  });

  test('A line that no longer begins with “ closes nothing', () => {
    const s = new Session(lines('“修改为：', '（一）甲；', '（二）乙。”', '正文'));
    s.replace(0, 0, 1, '');
    assert.deepEqual(s.names(), ['（一）甲', '（二）乙']);
    s.check();
  });

  test('Editing the title line under 附件1 renames the attachment', () => {
    const s = new Session(lines('附件1', '', '登记表', '姓名、单位。'));
    assert.deepEqual(s.names(), ['附件1 登记表']);
    s.replace(2, 0, 3, '申报单');
    assert.deepEqual(s.names(), ['附件1 申报单']);
    s.check();
  });

  test('A blank line under a bare 第一章 that gets text becomes its title', () => {
    const s = new Session(lines('第一章', '', '总则', '正文。'));
    assert.deepEqual(s.names(), ['第一章 总则']);
    s.replace(1, 0, 0, '基本规定');
    assert.deepEqual(s.names(), ['第一章 基本规定']);
    s.check();
  });

  test('Typing in a heading\'s title renames the heading in the tree it had, as a new outline', () => {
    const s = new Session(lines('一、甲', '这是一段正文。', '二、乙'));
    const before = s.cache.get(s.doc, ON);
    s.replace(0, 3, 0, '丙');
    const after = s.cache.get(s.doc, ON);
    assert.notEqual(after, before, 'a new outline: its tokens and symbols differ');
    assert.equal(after.headings[0], before.headings[0], 'the same heading, not built again');
    assert.deepEqual(s.names(), ['一、甲丙', '二、乙']);
    s.check();
  });

  test('Deleting the title of a chapter line lets it take the next line\'s', () => {
    const s = new Session(lines('第一章　总则', '基本规定', '正文。'));
    s.replace(0, 3, 3, '');
    assert.deepEqual(s.names(), ['第一章 基本规定']);
    s.check();
  });

  test('Gluing an article\'s title to its marker can make it a citation', () => {
    const articles = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'].map((n) => `第${n}条　甲。`);
    const s = new Session(lines(...articles, '第二十条　乙', '正文。'));
    assert.equal(s.names().length, 11);
    s.replace(10, 4, 1, '');
    assert.deepEqual(s.names().length, 10, 'a glued article out of sequence cites one (skipCitedArticles)');
    s.check();
  });

  test('Typing in a paragraph far from any quotation keeps the tree', () => {
    const s = new Session(lines('一、甲', '这是一段正文。', '二、乙'));
    const before = s.cache.get(s.doc, ON);
    s.replace(1, 2, 0, '很长的');
    assert.equal(s.cache.get(s.doc, ON), before, 'the same tree object, only its section ends refreshed');
    s.check();
  });
});

const PIECES = ['“', '”', '「', '」', '修改为：', '（一）甲；', '（二）乙。', '附件1', '第一章', '总则', '一、甲', '正文。', '，', '　　', ''];

suite('The cache after random one-line edits near quotes and titles', () => {
  test('Patched outlines equal fresh parses', () => {
    const docArb = fc.array(fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((p) => p.join('')), { minLength: 2, maxLength: 40 });
    const editArb = fc.record({ line: fc.nat(), at: fc.nat(), del: fc.nat({ max: 3 }), text: fc.constantFrom(...PIECES.filter((p) => p !== '')) });
    fc.assert(
      fc.property(docArb, fc.array(editArb, { maxLength: 8 }), (docLines, edits) => {
        const s = new Session(docLines.join('\n'));
        for (const e of edits) {
          const line = e.line % s.doc.lineCount;
          const current = s.doc.getText().split('\n')[line];
          const at = Math.min(e.at, current.length);
          s.replace(line, at, Math.min(e.del, current.length - at), e.text);
          s.check();
        }
      }),
      { numRuns: 300 },
    );
  });
});

suite('The quotation lines a scan collects', () => {
  // scanDocument collects the lines that open a quotation with the markers, so that the quoted-text rule reads no line again;
  // a caller without them (buildOutline from markers alone) reads the lines before each marker instead. Both must make one tree.
  const QUOTED = [...PIECES, '“讲话汇编篇1', '　　「第一章', '> 『（一）甲；', '”'];
  test('Make the tree and the lines read that a build without them makes', () => {
    const docArb = fc.array(fc.array(fc.constantFrom(...QUOTED), { maxLength: 4 }).map((p) => p.join('')), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(docArb, fc.boolean(), (docLines, enumerations) => {
        const doc = new PlainTextDocument('file:///quoted.txt', docLines.join('\n'));
        const options = { enumerations };
        const quotations: number[] = [];
        const markers = scanDocument(doc, undefined, quotations);
        const readWith: number[] = [];
        const readWithout: number[] = [];
        const withLines = buildOutline(doc, markers, options, readWith, quotations);
        const without = buildOutline(doc, markers, options, readWithout);
        assert.equal(JSON.stringify(snapshot(withLines)), JSON.stringify(snapshot(without)));
        assert.deepEqual(
          withLines.rejected.map((r) => [r.marker.line, r.reason]),
          without.rejected.map((r) => [r.marker.line, r.reason]),
        );
        assert.deepEqual(readWith, readWithout);
      }),
      { numRuns: 300 },
    );
  });

  test('Are the lines that begin with an opening mark after indentation, a title line ending in 篇1 among them', () => {
    const quotations: number[] = [];
    const markers = scanDocument(new PlainTextDocument('file:///quoted.txt', lines('“修改为：', '一、甲', '　　「引文」', '“讲话汇编篇1', '正文“引文”', '> 『乙』')), undefined, quotations);
    assert.deepEqual(quotations, [0, 2, 3, 5]);
    assert.deepEqual(
      markers.map((m) => m.line),
      [1, 3],
    );
  });
});

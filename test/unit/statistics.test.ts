// Section statistics (server/src/engine/stats.ts): counted per line and
// patched per edit, they must always equal a count of the whole text.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineStatistics, StatisticsCache, parseOutline } from '../../server/src/engine';
import { lines, parse } from './helpers';

/** Non-whitespace code points of a string, the way a reader counts 字. */
function charactersOf(text: string): number {
  return Array.from(text).filter((ch) => !/^[\s\u3000\uFEFF]$/.test(ch)).length;
}

suite('Section statistics', () => {
  test('A section counts its non-whitespace characters, its subsections included', () => {
    const text = lines('一、总体要求', '　　要坚持 稳中求进。', '（一）加强领导', '𠀀字', '', '二、任务');
    const doc = TextDocument.create('file:///a.txt', 'plaintext', 1, text);
    const outline = parseOutline(doc);
    assert.deepEqual(LineStatistics.of(doc).sectionCharacters(outline), [
      charactersOf('一、总体要求要坚持稳中求进。（一）加强领导𠀀字'),
      charactersOf('（一）加强领导𠀀字'),
      charactersOf('二、任务'),
    ]);
  });

  test('A BOM, CRLF and lone CR are not characters', () => {
    const text = '\uFEFF一、甲\r\n乙\r二、丙';
    const doc = TextDocument.create('file:///b.txt', 'plaintext', 1, text);
    assert.deepEqual(LineStatistics.of(doc).sectionCharacters(parse(text)), [4, 3]);
  });

  const LINES = ['一、总体要求', '（一）加强领导', '正文，有标点。', '　　', '', '𠀀𠀁', '第三章　附则', ' a b '];
  const INSERTS = ['\n', '\r', '\r\n', '字', '　', ' ', '𠀀', '\uD800', '\n一、新\n', ''];
  const documentArb = fc.array(fc.tuple(fc.constantFrom(...LINES), fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 20 }).map((parts) => parts.map(([l, e]) => l + e).join(''));
  const editArb = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat(12), text: fc.array(fc.constantFrom(...INSERTS), { maxLength: 3 }).map((a) => a.join('')) });

  test('Counts patched after any sequence of edits equal a fresh count', () => {
    fc.assert(
      fc.property(documentArb, fc.array(editArb, { minLength: 1, maxLength: 12 }), (text, edits) => {
        const cache = new StatisticsCache();
        let doc = TextDocument.create('file:///c.txt', 'plaintext', 1, text);
        cache.get(doc);
        for (const edit of edits) {
          const length = doc.getText().length;
          const from = Math.min(length, Math.floor(edit.at * (length + 1)));
          const range = { start: doc.positionAt(from), end: doc.positionAt(Math.min(length, from + edit.length)) };
          const before = { startLine: range.start.line, endLine: range.end.line, lineCountBefore: doc.lineCount, versionBefore: doc.version };
          doc = TextDocument.update(doc, [{ range, text: edit.text }], doc.version + 1);
          cache.edited(doc, before);
          const outline = parseOutline(doc);
          assert.deepEqual(cache.get(doc).sectionCharacters(outline), LineStatistics.of(doc).sectionCharacters(outline));
          assert.equal(cache.get(doc).characters(0, doc.lineCount - 1), charactersOf(doc.getText()), JSON.stringify(doc.getText()));
        }
      }),
      { numRuns: 200 },
    );
  });
});

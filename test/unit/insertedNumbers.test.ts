// Inserted articles and chapters, and the 款 of a Taiwan article, as the
// numbering checks (docs/headings.md §7) see them: an inserted 第一百二十条之一
// follows its base and is no skip or repeat (Marker.sub, §2).

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { PlainTextDocument, parseOutline } from '../../server/src/engine';
import { checkNumbering } from '../../server/src/engine/numbering';
import { lines, tree } from './helpers';

/** [code, line] of each numbering diagnostic of the text. */
function diagnostics(text: string): [string, number][] {
  const doc = new PlainTextDocument('file:///inserted.txt', text);
  return checkNumbering(doc, parseOutline(doc)).map((d) => [d.code, d.line]);
}

suite('Inserted articles and chapters are no numbering slips', () => {
  test('第一百二十条之一 and 之二 between 第一百二十条 and 第一百二十一条', () => {
    assert.deepEqual(diagnostics(lines('第一百二十条　甲。', '第一百二十条之一　乙。', '第一百二十条之二　丙。', '第一百二十一条　丁。')), []);
  });

  test('第 2-1 條 between 第 2 條 and 第 3 條', () => {
    assert.deepEqual(diagnostics(lines('第 1 條', '甲。', '第 2 條', '乙。', '第 2-1 條', '丙。', '第 3 條', '丁。')), []);
  });

  test('An inserted chapter 第二章之一 between 第二章 and 第三章', () => {
    assert.deepEqual(diagnostics(lines('第一章　甲', '第二章　乙', '第二章之一　乙之一', '第三章　丙')), []);
  });

  test('A chapter numbered twice without 之 is still a repeat', () => {
    assert.deepEqual(diagnostics(lines('第一章　甲', '第二章　乙', '第二章　乙乙', '第三章　丙')), [['numbering.repeated', 2]]);
  });
});

suite('A slip in an article’s 一、 list stays in the article (Taiwan laws’ 款)', () => {
  const TEXT = lines('第 2 條', '有下列情形之一：', '一、甲。', '三、丙。', '第 3 條', '乙。');

  test('一、 三、 under 第 2 條 are both its 款, and 第 3 條 its sibling', () => {
    assert.deepEqual(tree(TEXT), ['第 2 條', '  一、甲', '  三、丙', '第 3 條']);
  });

  test('The skip is reported on 三、', () => {
    assert.deepEqual(diagnostics(TEXT), [['numbering.skipped', 3]]);
  });
});

// What the outline model keeps for the features built on it: where each
// marker ends, the lists and the candidates the list rules turned down
// (docs/headings.md §4, §7).

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { HEADING_STYLES, PlainTextDocument, RANK, parseOutline, scanLine } from '../../server/src/engine';
import { PinyinTable } from '../../server/src/workspace/pinyin';
import { fileSymbols, symbolStyle } from '../../server/src/workspace/symbols';
import { first, lines } from './helpers';

suite('Where a marker ends on its line', () => {
  // scanLine: the marker of one line before the list rules, so 二是 needs no 一是 above it.
  for (const [line, marker] of [
    ['一、总体要求', '一、'],
    ['　　（三）强化保障', '（三）'],
    ['目　　录', '目　　录'],
    ['第十二条　本条例自公布之日起施行。', '第十二条'],
    ['附件 2：申报表', '附件 2'],
    ['二是要压实责任。', '二是'],
    ['三关于纪律要求。', '三关于'],
  ] as const) {
    test(`The marker of "${line}" ends after "${marker}", inner whitespace included`, () => {
      const h = scanLine(line, 0, 0, line.length);
      assert.ok(h);
      assert.equal(line.slice(h.start, h.markerEnd), marker);
    });
  }

  test('A title line of a speech collection is all marker: it ends where the title does', () => {
    const h = first('在全市安全生产工作会议上的讲话篇2');
    assert.ok(h);
    assert.equal(h.markerEnd, h.titleEnd);
  });
});

suite('One list of heading styles', () => {
  test('The styles are listed outermost first, each with its rank', () => {
    assert.deepEqual(HEADING_STYLES, Object.keys(RANK));
    const ranks = HEADING_STYLES.map((style) => RANK[style]);
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  });

  test('The workspace index gives every style back as it was parsed, none as volume by default', () => {
    const text = lines('第一卷　上', '第一篇　讲话', '第一部分　总论', '第一章　总则', '附件1：表格', '第一节　一般规定', '一、目标', '（一）任务', '1.分工', '（1）时限', '①要求', '一是抓落实。');
    const outline = parseOutline(new PlainTextDocument('file:///styles.txt', text));
    assert.deepEqual(new Set(outline.headings.map((h) => h.style)), new Set(HEADING_STYLES), 'the sample has a heading of every style');
    const symbols = fileSymbols(outline, new PinyinTable());
    assert.deepEqual(
      outline.headings.map((_, i) => symbolStyle(symbols, i)),
      outline.headings.map((h) => h.style),
    );
  });
});

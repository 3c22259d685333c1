// What the outline model keeps for the features built on it: where each
// marker ends, the lists and the candidates the list rules turned down
// (docs/headings.md §4, §7).

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { HEADING_STYLES, MAX_LIST_DEPTH, PlainTextDocument, RANK, compileRules, parseOutline, scanLine } from '../../server/src/engine';
import { PinyinTable } from '../../server/src/engine/pinyin';
import { fileSymbols, symbolStyle } from '../../server/src/workspace/symbols';
import { first, lines, parse } from './helpers';

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
    assert.deepEqual([h.colonEnd, h.titleStart], [h.titleEnd, h.titleEnd], 'no colon and no title after it');
  });
});

suite('Where the title starts and a colon after the marker ends', () => {
  // [line, the marker with its colon, the title]: whitespace and invisible characters in between are neither.
  for (const [line, withColon, title] of [
    ['第一章 总则', '第一章', '总则'],
    ['第一章 \u200b总则', '第一章', '总则'],
    ['第一章 总\u200b则', '第一章', '总\u200b则'],
    ['第一篇：在会议上的讲话', '第一篇：', '在会议上的讲话'],
    ['第一篇\u200b：\u3000讲话', '第一篇\u200b：', '讲话'],
    ['第一篇：\u2060讲话', '第一篇：', '讲话'],
    ['附件 2：申报表', '附件 2：', '申报表'],
    ['（一）\u3000\ufeff稳增长', '（一）', '稳增长'],
    ['第\u200b二章\u00a0附则', '第\u200b二章', '附则'],
  ] as const) {
    test(`"${JSON.stringify(line).slice(1, -1)}": the marker with its colon is "${JSON.stringify(withColon).slice(1, -1)}", the title "${JSON.stringify(title).slice(1, -1)}"`, () => {
      const h = scanLine(line, 0, 0, line.length);
      assert.ok(h);
      assert.equal(line.slice(h.start, h.colonEnd), withColon);
      assert.equal(line.slice(h.titleStart, h.titleEnd), title);
    });
  }

  for (const line of ['第三章', '附件1：', '前言', '第一章　：']) {
    test(`"${line}" has no title: the title starts where it ends, and a colon is no part of the marker`, () => {
      const h = scanLine(line, 0, 0, line.length);
      assert.ok(h);
      assert.deepEqual([h.colonEnd, h.titleStart, h.titleEnd], [h.markerEnd, h.titleEnd, h.markerEnd]);
    });
  }
});

suite('One list of heading styles', () => {
  test('The styles are listed outermost first, each with its rank, and then a user rule’s', () => {
    assert.deepEqual(HEADING_STYLES, [...Object.keys(RANK), 'custom']);
    const ranks = Object.values(RANK);
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
  });

  test('The workspace index gives every style back as it was parsed (a user rule’s too), none as volume by default', () => {
    const text = lines('第一卷　上', '第一篇　讲话', '第一部分　总论', '第一章　总则', '附件1：表格', '第一节　一般规定', '一、目标', '（一）任务', '1.分工', '（1）时限', '甲、其一', '乙、其二', '①要求', '一是抓落实。', '第一幕　开场');
    const rules = compileRules([{ pattern: '第[一二三]幕', rank: 3 }], []);
    const outline = parseOutline(new PlainTextDocument('file:///styles.txt', text), { enumerations: true, rules });
    assert.deepEqual(new Set(outline.headings.map((h) => h.style)), new Set(HEADING_STYLES), 'the sample has a heading of every style');
    const symbols = fileSymbols(outline, new PinyinTable());
    assert.deepEqual(
      outline.headings.map((_, i) => symbolStyle(symbols, i)),
      outline.headings.map((h) => h.style),
    );
  });
});

/** Each list as [kind, style, parent name or '-', member names, next]. */
function listsOf(text: string): [string, string, string, string[], number][] {
  return parse(text).lists.map((l) => [l.kind, l.style, l.parent?.name ?? '-', l.members.map((m) => m.name), l.next]);
}

suite('Lists in the outline model (§7)', () => {
  test('Sibling headings of one style under one parent form a list, which expects the number after its last', () => {
    const text = lines('一、形势', '（一）成绩', '（二）问题', '二、任务', '（一）稳增长', '（三）防风险');
    assert.deepEqual(listsOf(text), [
      ['siblings', 'item', '-', ['一、形势', '二、任务'], 3],
      ['siblings', 'paren-cn', '一、形势', ['（一）成绩', '（二）问题'], 3],
      ['siblings', 'paren-cn', '二、任务', ['（一）稳增长', '（三）防风险'], 4],
    ]);
  });

  test('Each heading knows its list', () => {
    const outline = parse(lines('一、形势', '（一）成绩', '（二）问题'));
    const [item, first, second] = outline.headings;
    assert.equal(item.list, outline.lists[0]);
    assert.equal(first.list, second.list);
    assert.notEqual(first.list, item.list);
  });

  test('A heading without a number (前言, 目录, 附件) is in no list', () => {
    const outline = parse(lines('前言', '一、总体要求', '附件', '附件1：登记表'));
    assert.deepEqual(
      outline.headings.map((h) => [h.name, h.list?.members.length ?? 0]),
      [['前言', 0], ['一、总体要求', 1], ['附件', 0], ['附件1：登记表', 1]],
    );
  });

  test('A sibling numbered 1 starts a new list: the 项 of a law article restart in each 款', () => {
    const text = lines('第十条　有下列情形之一的，应当报告：', '（一）甲；', '（二）乙。', '有下列情形之一的，可以不报告：', '（一）丙；', '（二）丁。');
    assert.deepEqual(listsOf(text), [
      ['law', 'item', '-', ['第十条 有下列情形之一的，应当报告'], 11],
      ['siblings', 'paren-cn', '第十条 有下列情形之一的，应当报告', ['（一）甲', '（二）乙'], 3],
      ['siblings', 'paren-cn', '第十条 有下列情形之一的，应当报告', ['（一）丙', '（二）丁'], 3],
    ]);
  });

  test('Law articles are one list through the whole document, across chapters and sections', () => {
    const text = lines('第一章　总则', '第一条　甲。', '第二条　乙。', '第二章　分则', '第一节　通则', '第三条　丙。', '第五条　丁。');
    const law = parse(text).lists.filter((l) => l.kind === 'law');
    assert.equal(law.length, 1);
    assert.deepEqual(law[0].members.map((m) => m.number), [1, 2, 3, 5]);
    assert.equal(law[0].parent, undefined);
    assert.equal(law[0].next, 6);
  });

  test('Chapters under different volumes are different lists', () => {
    assert.deepEqual(
      listsOf(lines('第一卷　上', '第一章　甲', '第二章　乙', '第二卷　下', '第三章　丙')).map(([kind, style, parent, members]) => [kind, style, parent, members.length]),
      [
        ['siblings', 'volume', '-', 2],
        ['siblings', 'chapter', '第一卷 上', 2],
        ['siblings', 'chapter', '第二卷 下', 1],
      ],
    );
  });

  test('附件 and 附录 number their own lists', () => {
    assert.deepEqual(
      listsOf(lines('附件1：甲表', '附件2：乙表', '附录1：术语', '附件3：丙表')).map(([, , , members]) => members),
      [['附件1：甲表', '附件2：乙表', '附件3：丙表'], ['附录1：术语']],
    );
  });

  test('An enumeration list records the words it used, in order', () => {
    const [list] = parse(lines('一关于思想认识。', '二关于工作重点。', '三是关于纪律。')).lists;
    assert.equal(list.kind, 'enumeration');
    assert.deepEqual(list.words, ['关于', '是']);
    assert.equal(list.next, 4);
  });

  test('Nested enumeration lists have the point they nest under as parent', () => {
    const outline = parse(lines('一是抓好安全生产。', '一要排查隐患。', '二要落实整改。', '二是抓好防汛。'));
    assert.deepEqual(
      outline.lists.map((l) => [l.parent?.name ?? '-', l.members.map((m) => m.name)]),
      [
        ['-', ['一是抓好安全生产', '二是抓好防汛']],
        ['一是抓好安全生产', ['一要排查隐患', '二要落实整改']],
      ],
    );
  });

  test('A skipped or repeated point is a member of its list', () => {
    const [list] = parse(lines('一是摸清底数。', '二是建立台账。', '四是销号管理。', '四是跟踪问效。')).lists;
    assert.deepEqual(list.members.map((m) => m.number), [1, 2, 4, 4]);
    assert.equal(list.next, 5);
  });

  test('Ordinals 第一， 第二， are a list of their own', () => {
    assert.deepEqual(listsOf(lines('第一，要提高站位。', '第二，要压实责任。')), [['ordinal', 'item', '-', ['第一，要提高站位', '第二，要压实责任'], 3]]);
  });

  test('The inline 1. of an 附件说明 is the first item of the list its 2. and 3. lines continue', () => {
    const text = lines('附件：1.联络员登记表', '　　2.宣传申报单', '　　3.报道通知单');
    const [list] = parse(text).lists;
    assert.deepEqual(list.members.map((m) => m.name), ['2.宣传申报单', '3.报道通知单']);
    assert.ok(list.lead);
    assert.deepEqual([list.lead.line, list.lead.number, list.lead.marker], [0, 1, '1.']);
    assert.equal(text.split('\n')[0].slice(list.lead.start, list.lead.markerEnd), '1.');
  });

  test('A list of its own under 附件 that starts at 1 has no lead', () => {
    const [list] = parse(lines('附件：', '1.联络员登记表', '2.宣传申报单')).lists;
    assert.equal(list.lead, undefined);
  });
});

suite('Candidates the list rules turned down (§4)', () => {
  /** [line, marker, reason] of each rejected candidate. */
  function rejectedOf(text: string): [number, string, string][] {
    return parse(text).rejected.map((r) => [r.marker.line, r.marker.marker, r.reason]);
  }

  test('A point that continues no list is kept with its reason', () => {
    assert.deepEqual(rejectedOf(lines('（一）质量管理', '三要素分别是人、机、料。')), [[1, '三要', 'no-list']]);
  });

  test('An ordinal out of sequence is kept with its reason', () => {
    assert.deepEqual(rejectedOf(lines('第一，要提高站位。', '第三，要压实责任。', '他说第二，……')), [[1, '第三，', 'out-of-sequence']]);
  });

  test('A document whose lists all hold together turned nothing down', () => {
    assert.deepEqual(rejectedOf(lines('一、甲', '一是子项。', '二是子项。', '第一，要。', '第二，要。')), []);
  });

  test('With enumerations off, points are left out, not turned down', () => {
    assert.deepEqual(parse(lines('一是甲。', '三要素。'), { enumerations: false }).rejected, []);
  });
});

suite('How deep enumeration lists nest', () => {
  // Alternating words nest each point under the one before (§4). Written out
  // with literal numbers, so changing MAX_LIST_DEPTH fails here.
  const seven = lines('一是第一层。', '一要第二层。', '一是第三层。', '一要第四层。', '一是第五层。', '一要第六层。', '一是第七层。');

  test('MAX_LIST_DEPTH is six', () => {
    assert.equal(MAX_LIST_DEPTH, 6);
  });

  test('Lists nested six deep are kept, and a seventh level is prose, turned down as too deep', () => {
    const outline = parse(seven);
    assert.deepEqual(outline.headings.map((h) => h.depth), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(outline.rejected.map((r) => [r.marker.line, r.reason]), [[6, 'too-deep']]);
  });

  test('The seventh point is prose in the tree too: the sixth section runs over it', () => {
    const outline = parse(seven);
    assert.equal(outline.headings[5].endLine, 6);
  });
});

suite('Tables of contents in the outline model (§3)', () => {
  test('The entries of a 目录 are kept, apart from the headings', () => {
    const text = lines('目　录', '第一章　总则', '第二章　分则', '', '第一章　总则', '第一条　甲。', '第二章　分则');
    const [toc] = parse(text).tablesOfContents;
    assert.equal(toc.heading.name, '目 录');
    assert.deepEqual(toc.entries.map((e) => [e.line, e.name]), [[1, '第一章 总则'], [2, '第二章 分则']]);
  });

  test('A 目录 whose entries no line repeats has no table of contents: its lines are headings', () => {
    assert.deepEqual(parse(lines('目录', '第一章　总则', '第二章　分则')).tablesOfContents, []);
  });
});

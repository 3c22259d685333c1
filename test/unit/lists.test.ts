// Lists that must hold together: 一是 / 一要 / 一关于, and 第一， (docs/headings.md §4).

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { lines, names, outlineOf, parse, tree } from './helpers';

suite('Enumeration points 一是 二是 (§4)', () => {
  test('Points of one list are siblings, named after their lead clause', () => {
    const text = lines('同志们：', '一是提高政治站位。要把思想统一到决策部署上来。', '二是压实工作责任。各级各部门要各负其责。', '三是强化督查问责。');
    assert.deepEqual(tree(text), ['一是提高政治站位', '二是压实工作责任', '三是强化督查问责']);
    assert.ok(parse(text).headings.every((h) => h.style === 'enumeration' && h.rank === 10));
  });

  test('Points sit under the heading they follow', () => {
    const text = lines('一、关于当前形势', '一是外部环境更趋复杂。', '二是内需恢复仍需加力。', '二、关于下步工作', '一是稳投资。', '二是促消费。');
    assert.deepEqual(tree(text), ['一、关于当前形势', '  一是外部环境更趋复杂', '  二是内需恢复仍需加力', '二、关于下步工作', '  一是稳投资', '  二是促消费']);
  });

  test('一是 after an open 是 list starts a sibling list, not a nested one', () => {
    const text = lines('（一）关于成绩', '一是产业升级。', '二是创新提速。', '有的同志说，问题也不少：', '一是结构不优。', '二是动力不足。');
    assert.deepEqual(tree(text), ['（一）关于成绩', '  一是产业升级', '  二是创新提速', '  一是结构不优', '  二是动力不足']);
  });

  test('一要 after 一是 nests under the current point', () => {
    const text = lines('一是抓好安全生产。', '一要排查隐患。', '二要落实整改。', '二是抓好防汛备汛。');
    assert.deepEqual(tree(text), ['一是抓好安全生产', '  一要排查隐患', '  二要落实整改', '二是抓好防汛备汛']);
  });

  test('一是 after 一要 nests under the current point', () => {
    const text = lines('一要守住底线。', '一是守住安全底线。', '二是守住民生底线。', '二要提升质效。');
    assert.deepEqual(tree(text), ['一要守住底线', '  一是守住安全底线', '  二是守住民生底线', '二要提升质效']);
  });

  test('一关于 after 一是 nests too, and lists nest three deep', () => {
    const text = lines('一是关于改革。', '一要统筹推进。', '一关于国企改革，要……。', '二关于财税改革，要……。', '二要重点突破。', '二是关于开放。');
    assert.deepEqual(tree(text), [
      '一是关于改革',
      '  一要统筹推进',
      '    一关于国企改革，要……',
      '    二关于财税改革，要……',
      '  二要重点突破',
      '二是关于开放',
    ]);
  });

  test('A point numbered n > 1 prefers the open list of its own word when several stand at n − 1', () => {
    // Both the outer 是 list and the inner 要 list stand at 1: 二是 continues the outer one.
    assert.deepEqual(tree(lines('一是加强学习。', '一要学原文。', '二是加强实践。')), ['一是加强学习', '  一要学原文', '二是加强实践']);
    // …and 二要 continues the inner one.
    assert.deepEqual(tree(lines('一是加强学习。', '一要学原文。', '二要悟原理。')), ['一是加强学习', '  一要学原文', '  二要悟原理']);
  });

  test('Without a list of its own word, a point numbered n > 1 continues the nearest list at n − 1', () => {
    // Both lists stand at 1 and neither uses 关于: the inner 要 list is the nearer one.
    assert.deepEqual(tree(lines('一是加强学习。', '一要学原文。', '二关于学习方法。')), ['一是加强学习', '  一要学原文', '  二关于学习方法']);
  });

  test('A point numbered n > 1 continues the list at n − 1 even when an inner list has another number', () => {
    const text = lines('一是稳就业。', '一要扩岗位。', '二要强培训。', '三要保重点群体。', '二是保民生。');
    assert.deepEqual(tree(text), ['一是稳就业', '  一要扩岗位', '  二要强培训', '  三要保重点群体', '二是保民生']);
  });

  test('Continuing an outer list closes the lists inside it', () => {
    // After 二是 the 要 list (at 3) is closed, so 四要 continues nothing and is prose.
    const text = lines('一是稳就业。', '一要扩岗位。', '二要强培训。', '三要保重点群体。', '二是保民生。', '四要兜住底线。');
    assert.deepEqual(tree(text), ['一是稳就业', '  一要扩岗位', '  二要强培训', '  三要保重点群体', '二是保民生']);
  });

  test('The word may change along a list: 三关于 followed by 四是关于 continues it', () => {
    const text = lines('一关于思想认识。', '二关于工作重点。', '三关于保障措施。', '四是关于纪律要求。');
    assert.deepEqual(tree(text), ['一关于思想认识', '二关于工作重点', '三关于保障措施', '四是关于纪律要求']);
  });

  test('四是要 continues a 是 list', () => {
    assert.deepEqual(names(lines('一是要提高认识。', '二是要加强领导。', '三是要完善机制。', '四是要严格考核。')), [
      '一是要提高认识',
      '二是要加强领导',
      '三是要完善机制',
      '四是要严格考核',
    ]);
  });

  test('A point numbered n > 1 that continues no list is prose: 三要素 at the start of a paragraph', () => {
    assert.deepEqual(names(lines('（一）质量管理', '三要素分别是人、机、料。', '二是指第二个环节。')), ['（一）质量管理']);
  });

  test('A point that skips one number stays in its list: 一是 二是 四是 (the numbering checks report it)', () => {
    assert.deepEqual(tree(lines('一是摸清底数。', '二是建立台账。', '四是销号管理。', '五是跟踪问效。')), ['一是摸清底数', '二是建立台账', '四是销号管理', '五是跟踪问效']);
    assert.deepEqual(names(lines('一是摸清底数。', '三是建立台账。')), ['一是摸清底数', '三是建立台账']);
  });

  test('A point that repeats a number stays in its list: 一是 二是 二是 三是', () => {
    assert.deepEqual(tree(lines('一是摸清底数。', '二是建立台账。', '二是销号管理。', '三是跟踪问效。')), ['一是摸清底数', '二是建立台账', '二是销号管理', '三是跟踪问效']);
  });

  test('A point two numbers off, or skipping or repeating in another word, is prose: 一是 四是, 一是 三要素', () => {
    assert.deepEqual(names(lines('一是摸清底数。', '四是销号管理。')), ['一是摸清底数']);
    assert.deepEqual(names(lines('一是摸清底数。', '三要素齐全方可销号。')), ['一是摸清底数']);
    assert.deepEqual(names(lines('一是摸清底数。', '二是建立台账。', '二要素不全的退回。')), ['一是摸清底数', '二是建立台账']);
  });

  test('Any heading of rank 1–9 closes all enumeration lists', () => {
    const text = lines('一、总体部署', '一是定目标。', '二是定措施。', '（一）责任分工', '三是定时限。', '一是市级层面……', '二是县级层面……');
    assert.deepEqual(tree(text), ['一、总体部署', '  一是定目标', '  二是定措施', '  （一）责任分工', '    一是市级层面……', '    二是县级层面……']);
  });

  test('A heading of rank 1–9 at a deeper rank closes the lists too', () => {
    const text = lines('一、甲', '一是子项一。', '1.细目', '二是子项二。');
    assert.deepEqual(tree(text), ['一、甲', '  一是子项一', '  1.细目']);
  });

  test('The section of a point ends at the next point of its own or an enclosing list', () => {
    const text = lines(
      '一是抓好安全生产。', // 0
      '安全生产责任重于泰山。', // 1
      '一要排查隐患。', // 2
      '全面排查。', // 3
      '二要落实整改。', // 4
      '', // 5
      '二是抓好防汛。', // 6
      '汛期将至。', // 7
    );
    assert.deepEqual(
      parse(text).headings.map((h) => [h.name, h.line, h.endLine]),
      [
        ['一是抓好安全生产', 0, 4],
        ['一要排查隐患', 2, 3],
        ['二要落实整改', 4, 4],
        ['二是抓好防汛', 6, 7],
      ],
    );
  });

  test('The section of a point ends at any heading of rank 1–9', () => {
    const [item] = outlineOf(lines('一、甲', '一是子项。', '说明。', '（一）乙', '说明。'));
    assert.equal(item.children[0].endLine, 2);
  });

  test('With enumerations off, points are dropped and the rest of the outline is unchanged', () => {
    const text = lines('一、甲', '一是子项一。', '二是子项二。', '（一）乙', '一要细项。');
    assert.deepEqual(tree(text, { enumerations: false }), ['一、甲', '  （一）乙']);
    assert.deepEqual(
      outlineOf(text, { enumerations: false }).map((h) => [h.line, h.endLine]),
      [[0, 4]],
    );
  });

  test('A point’s name stops at its lead clause', () => {
    assert.deepEqual(names('一是坚持人民至上，切实保障群众利益。要把群众满意作为标准。'), ['一是坚持人民至上，切实保障群众利益']);
  });
});

suite('Ordinal lists 第一， 第二、 第三： (§4)', () => {
  test('第一， 第二、 第三： form a list at item rank', () => {
    const text = lines('同志们：', '第一，要提高政治站位。', '第二、要强化责任担当。', '第三：要狠抓工作落实。');
    const { headings } = parse(text);
    assert.deepEqual(
      headings.map((h) => [h.name, h.style, h.kind, h.number, h.depth]),
      [
        ['第一，要提高政治站位', 'item', 'ordinal', 1, 0],
        ['第二、要强化责任担当', 'item', 'ordinal', 2, 0],
        ['第三：要狠抓工作落实', 'item', 'ordinal', 3, 0],
      ],
    );
  });

  test('A novel’s 第二， in the middle of an argument, without 第一，, is prose', () => {
    const text = lines('第三回　论史', '先生放下书，慢慢说道：“作传有两层难处。', '第二，立传的通例是要写出一个人的全貌，这更难了。”');
    assert.deepEqual(names(text), ['第三回 论史']);
  });

  test('第n continues only a list that stands at n − 1', () => {
    assert.deepEqual(names(lines('第一，明确目标。', '第三，确保实效。')), ['第一，明确目标']);
    assert.deepEqual(names(lines('第一，明确目标。', '第二，细化措施。', '第二，重复了。')), ['第一，明确目标', '第二，细化措施']);
  });

  test('第一， opens a new list even when one is open', () => {
    assert.deepEqual(names(lines('第一，甲。', '第二，乙。', '第一，丙。', '第二，丁。')), ['第一，甲', '第二，乙', '第一，丙', '第二，丁']);
  });

  test('Headings of inner ranks inside an ordinal point do not break the list', () => {
    const text = lines('第一，稳增长。', '（一）扩大投资', '1.重大项目', '第二，调结构。');
    assert.deepEqual(tree(text), ['第一，稳增长', '  （一）扩大投资', '    1.重大项目', '第二，调结构']);
  });

  test('An outer heading closes the ordinal list', () => {
    assert.deepEqual(names(lines('第一，甲。', '第二章　乙', '第二，丙。')), ['第一，甲', '第二章 乙']);
  });

  test('Law articles 第一条 第三条 are not bound by the ordinal list rule', () => {
    assert.deepEqual(names(lines('第一条　目的', '第三条　范围')), ['第一条 目的', '第三条 范围']);
  });
});

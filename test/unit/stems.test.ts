// The ten stems 甲乙丙丁戊己庚辛壬癸 as a list style (docs/headings.md §2, §4).

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { lines, names, outlineOf, parse, tree } from './helpers';

suite('Stem lists (§4)', () => {
  test('甲、 乙、 丙、 are a list of headings under the heading above them', () => {
    assert.deepEqual(tree(lines('（一）合同的种类', '甲、买卖合同', '说明。', '乙、租赁合同', '丙、承揽合同', '（二）合同的订立')), [
      '（一）合同的种类',
      '  甲、买卖合同',
      '  乙、租赁合同',
      '  丙、承揽合同',
      '（二）合同的订立',
    ]);
  });

  test('Bracketed stems (甲) （乙） form a list too, with mixed brackets', () => {
    assert.deepEqual(names(lines('(甲)总论', '（乙）各论', '(丙）附论')), ['(甲)总论', '（乙）各论', '(丙）附论']);
  });

  test('A lone 甲、 is prose: a stem list is a list only once it has two points', () => {
    assert.deepEqual(names(lines('一、当事人', '甲、为出租方，负责房屋维修。', '二、租期')), ['一、当事人', '二、租期']);
  });

  test('A stem that continues no list is prose: 乙、 without 甲、, and 甲、 followed by 丙、', () => {
    assert.deepEqual(names(lines('乙、方面的意见另行答复。')), []);
    assert.deepEqual(names(lines('甲、先行', '丙、后到')), []);
  });

  test('A new 甲、 after a list opens a new list', () => {
    assert.deepEqual(tree(lines('一、甲组', '甲、张三', '乙、李四', '二、乙组', '甲、王五', '乙、赵六')), [
      '一、甲组',
      '  甲、张三',
      '  乙、李四',
      '二、乙组',
      '  甲、王五',
      '  乙、赵六',
    ]);
  });

  // Decision: a marker of rank 1–8 that is not a stem closes the stem list.
  test('A heading of an outer or equal rank between two stems closes the list: the 乙、 after it is prose', () => {
    assert.deepEqual(names(lines('甲、第一项', '（1）插入的细目', '乙、第二项')), ['（1）插入的细目']);
  });

  test('Circled points inside a stem point do not close the list', () => {
    assert.deepEqual(tree(lines('甲、总则', '①目的', '②原则', '乙、分则')), ['甲、总则', '  ①目的', '  ②原则', '乙、分则']);
  });

  test('A stem point’s section runs to the next point', () => {
    assert.deepEqual(
      outlineOf(lines('甲、总则', '内容一。', '内容二。', '乙、分则', '内容三。')).map((h) => [h.line, h.endLine]),
      [
        [0, 2],
        [3, 4],
      ],
    );
  });

  test('Stems that make no list are rejected candidates, with their reason, in document order', () => {
    const { rejected } = parse(lines('（一）质量', '三要素分别是人、机、料。', '甲、为出租方。', '丙、后到', '二、租期'));
    assert.deepEqual(
      rejected.map((r) => [r.marker.line, r.marker.marker, r.reason]),
      [
        [1, '三要', 'no-list'],
        [2, '甲、', 'lone-stem'],
        [3, '丙、', 'no-list'],
      ],
    );
  });

  test('A stem list of two points is in the outline’s lists, as siblings', () => {
    const [list] = parse(lines('甲、总则', '乙、分则')).lists;
    assert.deepEqual([list.kind, list.style, list.members.map((m) => m.number), list.next], ['siblings', 'stem', [1, 2], 3]);
  });

  test('甲、乙双方 and 甲乙丙三方 never open a list', () => {
    assert.deepEqual(names(lines('甲、乙双方应当遵守本合同。', '乙、丙两方另行约定。', '甲乙丙三方共同出资。')), []);
  });
});

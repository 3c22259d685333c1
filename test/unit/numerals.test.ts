// Numerals as markers write them: the writer beside the readers
// (server/src/engine/numerals.ts), so a fix writes a list's next number in
// the list's own kind (docs/headings.md §7).

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { NumeralForm, NumeralKind, markerForm, readWrittenNumeral, writeMarker, writeNumeral } from '../../server/src/engine/numerals';

/** The number `text` reads as, and how it is written; fails unless the whole text is the numeral. */
function read(text: string): { value: number; form: NumeralForm } {
  const num = readWrittenNumeral(text, 0, text.length);
  assert.ok(num, `"${text}" reads as a numeral`);
  assert.equal(num.end, text.length, `all of "${text}" is the numeral`);
  return { value: num.value, form: num.form };
}

suite('Writing numerals', () => {
  for (const [value, written] of [
    [1, '一'], [9, '九'], [10, '十'], [11, '十一'], [19, '十九'], [20, '二十'], [21, '二十一'], [99, '九十九'],
    [100, '一百'], [101, '一百零一'], [105, '一百零五'], [110, '一百一十'], [115, '一百一十五'], [120, '一百二十'],
    [1000, '一千'], [1005, '一千零五'], [1040, '一千零四十'], [1260, '一千二百六十'], [9999, '九千九百九十九'],
  ] as const) {
    test(`${value} in Chinese numerals is ${written}`, () => {
      assert.equal(writeNumeral(value, { kind: 'chinese' }), written);
    });
  }

  test('A list that writes 〇 for zero gets 〇: 一百〇五', () => {
    assert.equal(writeNumeral(105, { kind: 'chinese', zero: '〇' }), '一百〇五');
    assert.equal(writeNumeral(1040, { kind: 'chinese', zero: '〇' }), '一千〇四十');
  });

  for (const [value, written] of [[1, '壹'], [3, '叁'], [10, '壹拾'], [12, '壹拾贰'], [20, '贰拾'], [105, '壹佰零伍']] as const) {
    test(`${value} in financial numerals is ${written}`, () => {
      assert.equal(writeNumeral(value, { kind: 'financial' }), written);
    });
  }

  test('Digits, ASCII or full-width, padded when the list pads them', () => {
    assert.equal(writeNumeral(12, { kind: 'ascii' }), '12');
    assert.equal(writeNumeral(12, { kind: 'fullwidth' }), '１２');
    assert.equal(writeNumeral(7, { kind: 'ascii', pad: 3 }), '007');
    assert.equal(writeNumeral(7, { kind: 'fullwidth', pad: 2 }), '０７');
    assert.equal(writeNumeral(1234, { kind: 'ascii', pad: 3 }), '1234');
  });

  test('Circled numbers run ① … ⑳ and on through ㉑ … ㊿', () => {
    assert.deepEqual([1, 2, 20, 21, 35, 36, 50].map((n) => writeNumeral(n, { kind: 'circled' })), ['①', '②', '⑳', '㉑', '㉟', '㊱', '㊿']);
  });

  test('⑴ ⒈ ㈠ and the stems 甲 … 癸 each have their own kind', () => {
    assert.equal(writeNumeral(3, { kind: 'parenthesized' }), '⑶');
    assert.equal(writeNumeral(3, { kind: 'full-stop' }), '⒊');
    assert.equal(writeNumeral(3, { kind: 'enclosed' }), '㈢');
    assert.deepEqual([1, 2, 10].map((n) => writeNumeral(n, { kind: 'stem' })), ['甲', '乙', '癸']);
  });

  test('A number a kind cannot write gives undefined, not a wrong character', () => {
    assert.equal(writeNumeral(51, { kind: 'circled' }), undefined);
    assert.equal(writeNumeral(21, { kind: 'parenthesized' }), undefined);
    assert.equal(writeNumeral(11, { kind: 'stem' }), undefined);
    assert.equal(writeNumeral(11, { kind: 'enclosed' }), undefined);
    assert.equal(writeNumeral(10000, { kind: 'chinese' }), undefined);
    assert.equal(writeNumeral(0, { kind: 'ascii' }), undefined);
    assert.equal(writeNumeral(1.5, { kind: 'ascii' }), undefined);
  });
});

suite('Telling how a numeral is written', () => {
  for (const [text, value, form] of [
    ['三', 3, { kind: 'chinese' }],
    ['一百零五', 105, { kind: 'chinese' }],
    ['一百〇五', 105, { kind: 'chinese', zero: '〇' }],
    ['贰拾壹', 21, { kind: 'financial' }],
    ['12', 12, { kind: 'ascii' }],
    ['１２', 12, { kind: 'fullwidth' }],
    ['007', 7, { kind: 'ascii', pad: 3 }],
    ['⑦', 7, { kind: 'circled' }],
    ['㉑', 21, { kind: 'circled' }],
    ['⑺', 7, { kind: 'parenthesized' }],
    ['⒎', 7, { kind: 'full-stop' }],
    ['㈦', 7, { kind: 'enclosed' }],
    ['丙', 3, { kind: 'stem' }],
  ] as const) {
    test(`"${text}" is ${value}, written ${JSON.stringify(form)}`, () => {
      assert.deepEqual(read(text), { value, form });
    });
  }
});

suite('Taking a marker apart', () => {
  for (const [marker, before, value, kind, after] of [
    ['三、', '', 3, 'chinese', '、'],
    ['（十二）', '（', 12, 'chinese', '）'],
    ['(一）', '(', 1, 'chinese', '）'],
    ['１.', '', 1, 'fullwidth', '.'],
    ['3）', '', 3, 'ascii', '）'],
    ['第一百二十条', '第', 120, 'chinese', '条'],
    ['第 三 章', '第 ', 3, 'chinese', ' 章'],
    ['第二，', '第', 2, 'chinese', '，'],
    ['四是', '', 4, 'chinese', '是'],
    ['二关于', '', 2, 'chinese', '关于'],
    ['附件 2', '附件 ', 2, 'ascii', ''],
    ['（乙）', '（', 2, 'stem', '）'],
    ['㈡', '', 2, 'enclosed', ''],
  ] as const) {
    test(`"${marker}" is "${before}" + ${value} (${kind}) + "${after}"`, () => {
      const form = markerForm(marker);
      assert.ok(form);
      assert.deepEqual([form.before, form.value, form.numeral.kind, form.after], [before, value, kind, after]);
      assert.equal(marker.slice(form.numeralStart, form.numeralEnd), marker.slice(before.length, marker.length - after.length));
    });
  }

  test('A marker without a number has no form: 前言, 目录', () => {
    assert.equal(markerForm('前言'), undefined);
    assert.equal(markerForm('目　录'), undefined);
  });

  test('A title line carries its number after 篇, not in its title', () => {
    const marker = '在二〇二五年全市工作会议上的讲话篇2';
    assert.equal(markerForm(marker, marker.lastIndexOf('篇') + 1)?.value, 2);
  });

  test('Writing a marker keeps everything around its number', () => {
    assert.equal(writeMarker(markerForm('（九）')!, 10), '（十）');
    assert.equal(writeMarker(markerForm('第 九 章')!, 11), '第 十一 章');
    assert.equal(writeMarker(markerForm('１．')!, 10), '１０．');
    assert.equal(writeMarker(markerForm('⑳')!, 21), '㉑');
    assert.equal(writeMarker(markerForm('癸、')!, 11), undefined);
  });
});

const KINDS: readonly NumeralForm[] = [
  { kind: 'chinese' },
  { kind: 'chinese', zero: '〇' },
  { kind: 'financial' },
  { kind: 'ascii' },
  { kind: 'ascii', pad: 3 },
  { kind: 'fullwidth' },
  { kind: 'fullwidth', pad: 2 },
  { kind: 'circled' },
  { kind: 'parenthesized' },
  { kind: 'full-stop' },
  { kind: 'enclosed' },
  { kind: 'stem' },
];
const LIMIT: Readonly<Record<NumeralKind, number>> = {
  chinese: 9999, financial: 9999, ascii: 999999, fullwidth: 999999, circled: 50, parenthesized: 20, 'full-stop': 20, enclosed: 10, stem: 10,
};

suite('Written numerals read back (property)', () => {
  for (const form of KINDS) {
    test(`Every number ${JSON.stringify(form)} can write reads back as itself, in the same kind`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: LIMIT[form.kind] }), (n) => {
          const written = writeNumeral(n, form);
          assert.ok(written !== undefined, `${n} is written`);
          const back = read(written);
          assert.equal(back.value, n);
          assert.equal(back.form.kind, form.kind);
          if (form.pad !== undefined && String(n).length < form.pad) assert.equal(back.form.pad, form.pad);
          // Zero is told only by a number that has one inside it.
          if (back.form.zero !== undefined) assert.equal(back.form.zero, form.zero);
        }),
        { numRuns: 300 },
      );
    });
  }

  test('Every Chinese numeral up to 9999 reads back exactly (all of them, not a sample)', () => {
    for (let n = 1; n <= 9999; n++) assert.equal(read(writeNumeral(n, { kind: 'chinese' })!).value, n);
  });
});

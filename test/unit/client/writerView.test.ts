// The writer's view, client side (client/src/textCount.ts, timeLimitStore.ts,
// outlineTable.ts): selections counted as the server counts, time limits that
// follow renumbering and renaming and leave with a deleted section, and the
// outline as a Markdown table.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { LineStatistics, PlainTextDocument } from '../../../server/src/engine';
import { outlineTable } from '../../../client/src/outlineTable';
import { countCharacters, countSelections } from '../../../client/src/textCount';
import { FileLimits, LimitSection, effectiveLimits, headingKey, parseLimitsFile, parseMinutes, resolveLimits, serializeLimits, withLimit } from '../../../client/src/timeLimitStore';
import { lines } from '../helpers';

interface S extends LimitSection {
  name: string;
  characters: number;
  depth: number;
  children: S[];
}

/** A tree from indented names ("  " a level), each with `characters`, given as "name:characters". */
function tree(...rows: string[]): { roots: S[]; all: S[] } {
  const roots: S[] = [];
  const all: S[] = [];
  const stack: S[] = [];
  for (const row of rows) {
    const depth = (row.length - row.trimStart().length) / 2;
    const [name, n] = row.trim().split(':');
    const s: S = { name, characters: Number(n ?? 100), depth, children: [] };
    stack.length = depth;
    (depth === 0 ? roots : stack[depth - 1].children).push(s);
    stack.push(s);
    all.push(s);
  }
  return { roots, all };
}

function byName(all: readonly S[], name: string): S {
  const s = all.find((x) => x.name === name);
  assert.ok(s, `no section ${name}`);
  return s;
}

/** The limits of a file resolved against a tree, as name → minutes. */
function limitsIn(file: FileLimits, roots: S[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [s, minutes] of resolveLimits(file, roots).own) out[s.name] = minutes;
  return out;
}

suite('Counting selections', () => {
  test('Whitespace, line breaks and the BOM are not characters; a character outside the BMP is one', () => {
    assert.equal(countCharacters('\uFEFF一、 总体\u3000要求\r\n\t𠀀a b'), 9);
  });

  test('The count of any text equals the server’s count of a document made of it', () => {
    const pieces = ['字', ' ', '\u3000', '\n', '\r\n', '\r', '𠀀', '\uD800', '\uDC00', '\uFEFF', 'a', '\t', '\u00A0'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const doc = new PlainTextDocument('file:///t.txt', text);
        assert.equal(countCharacters(text), LineStatistics.of(doc).characters(0, doc.lineCount - 1));
      }),
    );
  });

  test('Several selections count together, each once', () => {
    assert.equal(countSelections(['一、总体', '要求。', '']), 7);
  });
});

suite('Time limits', () => {
  test('A heading’s key is its name without the number of its marker', () => {
    assert.deepEqual(
      ['三、加强领导', '（二）思想建设', '第十二章　附则', '1.背景', '①甲', '前言'].map(headingKey),
      ['#、加强领导', '（#）思想建设', '第#章　附则', '#.背景', '#甲', '前言'],
    );
  });

  test('Renumbering a heading keeps its limit', () => {
    const before = tree('一、总体要求', '二、重点任务', '三、保障措施', '  （一）加强领导', '  （二）强化考核');
    const file = withLimit(undefined, before.roots, byName(before.all, '（二）强化考核'), 3);
    // 二、重点任务 deleted: 三 becomes 二.
    const after = tree('一、总体要求', '二、保障措施', '  （一）加强领导', '  （二）强化考核');
    assert.deepEqual(limitsIn(file, after.roots), { '（二）强化考核': 3 });
  });

  test('Renaming a heading keeps its limit, and that of its subsections', () => {
    const before = tree('一、总体要求', '二、重点任务', '  （一）抓落实', '三、保障措施');
    let file = withLimit(undefined, before.roots, byName(before.all, '二、重点任务'), 5);
    file = withLimit(file, before.roots, byName(before.all, '（一）抓落实'), 2);
    const after = tree('一、总体要求', '二、主要任务', '  （一）抓落实', '三、保障措施');
    assert.deepEqual(limitsIn(file, after.roots), { '二、主要任务': 5, '（一）抓落实': 2 });
    const resolved = resolveLimits(file, after.roots);
    assert.equal(resolved.changed, true);
    assert.deepEqual(resolved.file.sections.map((s) => s.path), [['#、主要任务'], ['#、主要任务', '（#）抓落实']]);
  });

  test('A deleted section drops its limit; its siblings keep theirs', () => {
    const before = tree('一、总体要求', '二、重点任务', '三、保障措施');
    let file = withLimit(undefined, before.roots, byName(before.all, '二、重点任务'), 5);
    file = withLimit(file, before.roots, byName(before.all, '三、保障措施'), 4);
    const after = tree('一、总体要求', '二、保障措施');
    assert.deepEqual(limitsIn(file, after.roots), { '二、保障措施': 4 });
    assert.deepEqual(resolveLimits(file, after.roots).file.sections.map((s) => s.path), [['#、保障措施']]);
  });

  test('A renamed heading does not take the limit another heading holds by name', () => {
    const before = tree('一、甲', '二、乙');
    const file = withLimit(withLimit(undefined, before.roots, before.all[0], 1), before.roots, before.all[1], 2);
    // 甲 deleted and 丙 added after 乙: same count, but 乙 moved into 甲's place by name.
    const after = tree('一、乙', '二、丙');
    assert.deepEqual(limitsIn(file, after.roots), { '一、乙': 2 });
  });

  test('Setting a limit again replaces it; clearing it removes it; the document has its own', () => {
    const t = tree('一、甲', '二、乙');
    let file = withLimit(undefined, t.roots, t.all[0], 1);
    file = withLimit(file, t.roots, t.all[0], 7);
    file = withLimit(file, t.roots, undefined, 15);
    assert.deepEqual(limitsIn(file, t.roots), { '一、甲': 7 });
    assert.equal(file.document, 15);
    file = withLimit(file, t.roots, t.all[0], undefined);
    assert.deepEqual(limitsIn(file, t.roots), {});
    assert.equal(file.document, 15);
  });

  test('A section without its own limit gets its share of its parent’s, by characters', () => {
    const t = tree('一、甲:300', '  （一）子:100', '  （二）丑:200', '二、乙:100');
    const own = resolveLimits(withLimit(undefined, t.roots, t.all[0], 6), t.roots).own;
    const limits = effectiveLimits(t.roots, 400, own, 10);
    assert.deepEqual(
      t.all.map((s) => [s.name, limits.get(s)]),
      [
        ['一、甲', { seconds: 360, own: true }],
        ['（一）子', { seconds: 120, own: false }],
        ['（二）丑', { seconds: 240, own: false }],
        ['二、乙', { seconds: 150, own: false }],
      ],
    );
  });

  test('The file round-trips, and anything else is refused with a message', () => {
    const t = tree('一、甲');
    const file = withLimit(undefined, t.roots, t.all[0], 2.5);
    const text = serializeLimits({ version: 1, files: { 'a/讲话.txt': file, 'empty.txt': { sections: [] } } });
    const parsed = parseLimitsFile(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.limits.files, { 'a/讲话.txt': file });
    for (const bad of ['{', '[]', '{"files": {"a.txt": {"sections": [{"path": [], "minutes": 1}]}}}', '{"files": {"a.txt": {"document": -1, "sections": []}}}']) {
      const result = parseLimitsFile(bad);
      assert.equal(result.ok, false, bad);
      assert.ok(!result.ok && result.message.length > 0);
    }
  });

  test('Minutes are typed as a number or as minutes:seconds, full-width digits too', () => {
    assert.deepEqual(['5', '4.5', '4:30', '４：３０', '0', 'abc', '3:75'].map(parseMinutes), [5, 4.5, 4.5, 4.5, undefined, undefined, undefined]);
  });

  test('A limit as Tigang writes it (the box opens with it) is read back, and with ASCII quotes', () => {
    assert.deepEqual(['4′30″', '5′00″', '0′06″', "4'30\"", '4′', '4′75″', '′30″', '4″'].map(parseMinutes), [4.5, 5, 0.1, 4.5, 4, undefined, undefined, undefined]);
  });
});

suite('Copy Outline as a table', () => {
  test('One row a heading: level, indented heading, characters, duration, limit (a share in parentheses)', () => {
    const t = tree('一、总体|要求:440', '  （一）加强领导:220');
    const sections = t.all;
    const limits = effectiveLimits(t.roots, 440, resolveLimits(withLimit(undefined, t.roots, t.all[0], 4), t.roots).own, undefined);
    const text = outlineTable(sections, { level: '级', heading: '标题', characters: '字数', duration: '时长', limit: '限时' }, (s) => (s.characters / 220) * 60, limits, String);
    assert.equal(
      text,
      lines('| 级 | 标题 | 字数 | 时长 | 限时 |', '| ---: | --- | ---: | ---: | ---: |', '| 1 | 一、总体\\|要求 | 440 | 2′00″ | 4′00″ |', '| 2 | \u3000（一）加强领导 | 220 | 1′00″ | (2′00″) |', ''),
    );
  });

  test('No headings, no table', () => {
    assert.equal(outlineTable([], { level: '', heading: '', characters: '', duration: '', limit: '' }, () => 0, new Map(), String), '');
  });
});

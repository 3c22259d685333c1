// What a query matches, in the three places a user types one: Jump to
// Section and the 提纲 view's filter (client/src/match.ts) and the workspace
// section search (server/src/workspace/, through the WorkspaceIndex). All
// three go through server/src/engine/nameMatch.ts; these tests hold them to
// the same answers, on a table of queries people type and on random ones.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { Heading, Outline, PlainTextDocument, parseOutline } from '../../../server/src/engine';
import { TIER_FUZZY, TIER_PINYIN, normalizeQuery, search } from '../../../server/src/engine/nameMatch';
import { PinyinTable } from '../../../server/src/engine/pinyin';
import { DEFAULT_FOLDER_CONFIG } from '../../../server/src/workspace/config';
import { fileSymbols } from '../../../server/src/workspace/symbols';
import { IndexHost, WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';
import { outlineItems } from '../../../server/src/providers/outline';
import { documentHeadings } from '../../../client/src/headings';
import { FilteredHeading, NameFilter, matches, sectionsMatching } from '../../../client/src/match';
import { InMemoryFs } from '../inMemoryFs';

const pinyin = new PinyinTable();
const quiet: IndexHost = { log: () => undefined, openDocument: () => undefined };

function outlineOf(text: string): Outline {
  return parseOutline(new PlainTextDocument('file:///ws/a.txt', text));
}

/** Lines of the headings Jump to Section shows for a query. */
function jumpLines(outline: Outline, query: string): number[] {
  return new NameFilter(outline.headings, (h) => h.name).filter(query).map((h) => h.line);
}

/** The headings as the 提纲 view's filter gets them (client/src/headings.ts HeadingEntry: index, name, parent). */
function viewHeadings(outline: Outline): FilteredHeading[] {
  const byHeading = new Map<Heading, FilteredHeading>();
  return outline.headings.map((h, index) => {
    const entry = { index, fullName: h.name, parent: h.parent && byHeading.get(h.parent) };
    byHeading.set(h, entry);
    return entry;
  });
}

/** Lines of the headings the 提纲 view's filter shows: those that match, and the headings above them. */
function filterLines(outline: Outline, query: string): number[] {
  const shown = sectionsMatching(viewHeadings(outline), query);
  return outline.headings.filter((_, i) => shown.has(i)).map((h) => h.line);
}

/** The lines with the lines of the headings above them, in document order. */
function withAncestors(outline: Outline, lines: readonly number[]): number[] {
  const out = new Set<number>();
  for (const h of outline.headings) {
    if (!lines.includes(h.line)) continue;
    for (let p: Heading | undefined = h; p !== undefined; p = p.parent) out.add(p.line);
  }
  return [...out].sort((a, b) => a - b);
}

/** Lines of the headings the workspace search finds in this document, in a tier up to maxTier, in document order. */
function searchLines(outline: Outline, query: string, maxTier = TIER_PINYIN): number[] {
  const symbols = fileSymbols(outline, pinyin);
  return search([symbols], query, Infinity, pinyin)
    .filter((m) => m.tier <= maxTier)
    .map((m) => symbols.lines[m.symbol])
    .sort((a, b) => a - b);
}

const DOCUMENT = [
  '第一章　总则',
  '一、提高政治站位',
  '（一）发展冷链物流',
  '1.完善冷链基础设施',
  '二、GDP 增长目标',
  '三、西安会议纪要',
  '四、重庆 长江 航运',
  '五、妇女儿童权益',
  '第二章 附则',
].join('\n');

/** Queries as people type them, and the headings (by line) each should find. */
const QUERIES: [string, number[]][] = [
  ['第一章总则', [0]], // the name has U+3000 between; typed without
  ['第一章 总则', [0]],
  ['第一章\u3000总则', [0]],
  ['zhengzhi', [1]],
  ['zheng zhi', [1]], // pinyin with spaces between syllables
  ['ZhengZhi', [1]],
  ['zzzw', [1]],
  ['zhengzzw', [1]], // full pinyin and initials mixed
  ['ｚｚｚｗ', [1]], // typed with the IME's full-width letters
  ['lenglian', [2, 3]],
  ['leng lian', [2, 3]],
  ['ll', [2, 3]],
  ['gdp', [4]],
  ['GDP增长', [4]], // the name has a space between
  ['ｇｄｐ　增长', [4]],
  ["xi'an", [5]],
  ['xian', [5]],
  ['cq', [6]], // 重庆: chong
  ['zq', [6]], // 重 is zhong as well: every reading of a polyphone counts
  ['chongqingchangjiang', [6]],
  ['nv', [7]], // 女: nü, typed with v
  ['nü', [7]],
  ['nǚ', [7]],
  ['fùnǚ', [7]],
  ['附则', [8]],
  ['fz', [2, 8]], // 发展 fa zhan as well as 附则 fu ze
  ['xyz', []],
  ['政站', []], // characters with gaps: the workspace search's fuzzy tier only
];

suite('Queries: one normalisation', () => {
  test('A query loses every whitespace character and line break, writes full-width ASCII as ASCII, and is lower-cased', () => {
    assert.equal(normalizeQuery('  Zheng Zhi　'), 'zhengzhi');
    assert.equal(normalizeQuery('第一章\u3000总则\u00a0\u200b'), '第一章总则');
    assert.equal(normalizeQuery('ＧＤＰ\t１２'), 'gdp12');
    assert.equal(normalizeQuery('总则\r\n'), '总则');
    assert.equal(normalizeQuery('（一）：'), '(一):');
  });

  test('Normalising twice changes nothing', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'aZ ｚＡ　\u00a0\t１第一章总则') }), (q) => normalizeQuery(normalizeQuery(q)) === normalizeQuery(q)));
  });
});

suite('Queries: Jump to Section, the 提纲 view filter and the workspace search agree', () => {
  const outline = outlineOf(DOCUMENT);

  test('The sample document has the headings the table expects, one a line', () => {
    assert.deepEqual(
      outline.headings.map((h) => h.line),
      [0, 1, 2, 3, 4, 5, 6, 7, 8],
    );
  });

  for (const [query, lines] of QUERIES) {
    test(`“${query}” finds lines [${lines.join(', ')}] in Jump, the view filter and the search`, () => {
      assert.deepEqual(jumpLines(outline, query), lines, 'Jump to Section');
      assert.deepEqual(filterLines(outline, query), withAncestors(outline, lines), '提纲 view filter: the matches and the headings above them');
      assert.deepEqual(searchLines(outline, query), lines, 'workspace search (text and pinyin tiers)');
    });
  }

  test('Through the workspace index itself (files read from a file system), the table gives the same files and lines', async () => {
    const fs = new InMemoryFs().mkdir('file:///ws').write('file:///ws/a.txt', DOCUMENT).write('file:///ws/b.txt', '一、无关标题\n');
    const index = new WorkspaceIndex(quiet, fs, { watch: false });
    index.addFolder({ uri: 'file:///ws', name: 'ws', config: DEFAULT_FOLDER_CONFIG });
    await index.whenIdle();
    try {
      for (const [query, lines] of QUERIES) {
        const found = index.search(query, 500);
        const jumped = new Set(lines);
        // The index also answers the fuzzy tier last; every heading Jump shows comes first, in a tier above it.
        const above = found.filter((m) => m.file === 'a.txt' && jumped.has(m.line));
        assert.equal(above.length, lines.length, `${query}: ${JSON.stringify(found)}`);
        assert.deepEqual(found.slice(0, lines.length), above, `${query}: Jump's headings lead the search's answer`);
      }
    } finally {
      index.dispose();
    }
  });

  test('A name longer than tigang.maxNameLength is matched whole: its end is found in Jump and the view filter, as in the search', () => {
    const long = outlineOf('一、关于进一步加强和改进新时代基层治理工作的若干意见与具体实施办法及其配套措施的说明\n二、短标题');
    // As the client gets it: the tigang/outline answer (shortened to 40), read into HeadingEntries.
    const headings = documentHeadings('file:///ws/a.txt', 1, outlineItems(long, long.headings.map(() => 0), 40));
    assert.ok(headings.all[0].name.endsWith('…'), headings.all[0].name);
    for (const query of ['措施的说明', 'deshuoming', 'csdsm']) {
      assert.ok(!matches(headings.all[0].name, query), `the shortened name does not hold ${query}`);
      assert.deepEqual(new NameFilter(headings.all, (h) => h.fullName).filter(query).map((h) => h.line), [0], `Jump: ${query}`);
      assert.deepEqual([...sectionsMatching(headings.all, query)], [0], `view filter: ${query}`);
      assert.deepEqual(searchLines(long, query), [0], `search: ${query}`);
    }
  });

  test('政站 finds 政治站位 in the workspace search only, in its last tier (characters in order with gaps)', () => {
    assert.deepEqual(searchLines(outline, '政站', TIER_FUZZY), [1]);
    assert.deepEqual(jumpLines(outline, '政站'), []);
  });

  test('An empty or blank query shows every heading in Jump', () => {
    assert.equal(jumpLines(outline, '').length, outline.headings.length);
    assert.equal(jumpLines(outline, ' 　').length, outline.headings.length);
  });

  test('The 提纲 view filter shows the headings above a match', () => {
    const shown = sectionsMatching(viewHeadings(outline), 'lenglian');
    const names = outline.headings.filter((_, i) => shown.has(i)).map((h) => h.name);
    assert.ok(names.includes('（一）发展冷链物流') && names.includes('一、提高政治站位') && names.includes('第一章 总则'), names.join(' | '));
  });
});

/** Han characters with readings, Latin letters of both cases and widths, digits, and whitespace of every kind. */
const NAME_UNITS = [...'政治站位重庆长行西安女冷链第一章总则附会议', ...'aAbZzｚＡ1１', ' ', '　', '\u00a0', '\t'];
const PINYIN_UNITS = ['zheng', 'zhi', 'zhan', 'wei', 'chong', 'zhong', 'qing', 'chang', 'xing', 'hang', 'xi', 'an', 'nv', 'leng', 'lian', 'di', 'yi', 'zhang', 'z', 'zh', 'c', 'x', 'q', 'w', "'", ' ', 'Z', 'a'];

/** A document of one list of headings: 一、name, 二、name, … */
function listDocument(names: readonly string[]): string {
  const ordinals = '一二三四五六七八九十';
  return names.map((n, i) => `${ordinals[i]}、${n}`).join('\n');
}

const namesArb = fc.array(fc.string({ unit: fc.constantFrom(...NAME_UNITS), minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 10 });
/** Queries: pieces of pinyin, or characters of the names' alphabet, with whitespace, case and width mixed in. */
const queryArb = fc.oneof(
  fc.array(fc.constantFrom(...PINYIN_UNITS), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
  fc.string({ unit: fc.constantFrom(...NAME_UNITS), minLength: 1, maxLength: 4 }),
);

/** Names, and a query: random, or a piece of one of the names (with whatever whitespace it holds). */
const namesAndQueryArb = namesArb.chain((names) =>
  fc.tuple(
    fc.constant(names),
    fc.oneof(
      queryArb,
      fc.tuple(fc.nat(names.length - 1), fc.nat(), fc.nat({ max: 6 })).map(([n, at, length]) => names[n].slice(at % names[n].length, (at % names[n].length) + length + 1)),
    ),
  ),
);

suite('Queries: properties', () => {
  test('For random names and queries, Jump matches a heading exactly when the workspace search finds it by text or pinyin, and the view filter agrees', () => {
    fc.assert(
      fc.property(namesAndQueryArb, ([names, query]) => {
        const outline = outlineOf(listDocument(names));
        const jumped = jumpLines(outline, query);
        assert.deepEqual(searchLines(outline, query), jumped, 'workspace search');
        assert.deepEqual(filterLines(outline, query), jumped, '提纲 view filter (a flat list: no headings above)');
        // Each heading alone: the table of all names answers what each name answers by itself.
        assert.deepEqual(outline.headings.filter((h) => matches(h.name, query)).map((h) => h.line), jumped, 'one name at a time');
        // The workspace search's fuzzy tier only adds: it finds at least what Jump finds.
        const all = new Set(searchLines(outline, query, TIER_FUZZY));
        assert.ok(jumped.every((line) => all.has(line)));
      }),
      { numRuns: 300 },
    );
  });

  test('Whitespace anywhere in a query or a name, capitals and full-width letters change nothing', () => {
    const spaceArb = fc.constantFrom(' ', '　', '\u00a0', '\t', '  ');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...NAME_UNITS), minLength: 1, maxLength: 8 }), queryArb, fc.nat(), spaceArb, (name, query, at, space) => {
        const spaced = (s: string) => s.slice(0, at % (s.length + 1)) + space + s.slice(at % (s.length + 1));
        const upper = (s: string) => s.toUpperCase();
        const wide = (s: string) => s.replace(/[a-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
        const expected = matches(name, query);
        for (const q of [spaced(query), upper(query), wide(query)]) assert.equal(matches(name, q), expected, `query ${JSON.stringify(q)}`);
        for (const n of [spaced(name), upper(name), wide(name)]) assert.equal(matches(n, query), expected, `name ${JSON.stringify(n)}`);
      }),
      { numRuns: 300 },
    );
  });

  test('The full pinyin or the initials of a run of a name’s characters match it, syllables spaced or not, in any case', () => {
    const READINGS: Record<string, string> = { 政: 'zheng', 站: 'zhan', 位: 'wei', 冷: 'leng', 链: 'lian', 第: 'di', 章: 'zhang', 安: 'an', 附: 'fu' };
    // Characters of one reading only, so that the reading is the one the query must use.
    for (const [ch, syllable] of Object.entries(READINGS)) assert.deepEqual(pinyin.sets[pinyin.readingsOf(ch)[0]], [syllable], ch);
    const units = [...Object.keys(READINGS), ' ', '　'];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...units), minLength: 1, maxLength: 10 }), fc.nat(), fc.nat(), fc.boolean(), fc.constantFrom('', ' ', "'"), (name, a, b, initials, between) => {
        const han = [...name].filter((ch) => READINGS[ch] !== undefined);
        fc.pre(han.length > 0);
        const start = a % han.length;
        const run = han.slice(start, start + 1 + (b % (han.length - start)));
        const syllables = run.map((ch) => (initials ? READINGS[ch].slice(0, READINGS[ch].startsWith('zh') ? 2 : 1) : READINGS[ch]));
        const query = syllables.join(between);
        return matches(name, query) && matches(name, query.toUpperCase());
      }),
    );
  });

  test('A name holding the query, once both lose their whitespace, matches it', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...NAME_UNITS), minLength: 1, maxLength: 10 }), fc.nat(), fc.nat(), (name, a, b) => {
        const key = normalizeQuery(name);
        const start = a % (key.length + 1);
        const query = key.slice(start, start + (b % (key.length - start + 1)));
        return matches(name, query);
      }),
    );
  });
});

// Ranking and pinyin matching of the workspace index's query
// (server/src/engine/nameMatch.ts) over the compact symbol arrays.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { PlainTextDocument, parseOutline } from '../../server/src/engine';
import { NO_READING, PinyinTable } from '../../server/src/engine/pinyin';
import { TIER_EXACT, TIER_FUZZY, TIER_PINYIN, TIER_PREFIX, TIER_SUBSTRING, normalizeQuery, search } from '../../server/src/engine/nameMatch';
import { FileSymbols, fileSymbols, symbolName, symbolStyle } from '../../server/src/workspace/symbols';

const table = new PinyinTable();

/** One file per text. */
function files(...texts: string[]): FileSymbols[] {
  return texts.map((text, i) => fileSymbols(parseOutline(new PlainTextDocument(`file:///f${i}.txt`, text)), table));
}

/** One file whose lines are the given headings (each line one top-level heading, or nested as the engine decides). */
function headings(...names: string[]): FileSymbols[] {
  return files(names.join('\n'));
}

function find(fs: FileSymbols[], query: string, limit = 50): string[] {
  return search(fs, query, limit, table).map((m) => symbolName(fs[m.file], m.symbol));
}

function tiers(fs: FileSymbols[], query: string): [string, number][] {
  return search(fs, query, 50, table).map((m) => [symbolName(fs[m.file], m.symbol), m.tier]);
}

suite('Workspace query: ranking', () => {
  test('Exact names come first, then names starting with the query, then names containing it, then pinyin, then fuzzy', () => {
    const fs = headings('一、加强领导', '二、加强领导干部培训', '三、切实加强领导', '四、坚持加快强化领导', '五、jqld专项');
    assert.deepEqual(tiers(fs, '一、加强领导'), [['一、加强领导', TIER_EXACT]]);
    assert.deepEqual(tiers(fs, '加强领导'), [
      ['一、加强领导', TIER_SUBSTRING],
      ['二、加强领导干部培训', TIER_SUBSTRING],
      ['三、切实加强领导', TIER_SUBSTRING],
      ['四、坚持加快强化领导', TIER_FUZZY],
    ]);
    assert.deepEqual(tiers(fs, '二、加强'), [['二、加强领导干部培训', TIER_PREFIX]]);
    assert.deepEqual(tiers(fs, 'jqld'), [
      ['五、jqld专项', TIER_SUBSTRING],
      ['一、加强领导', TIER_PINYIN],
      ['二、加强领导干部培训', TIER_PINYIN],
      ['三、切实加强领导', TIER_PINYIN],
    ]);
  });

  test('Tiers outrank position: a later name in a better tier comes first, for each pair of neighbouring tiers', () => {
    // Each list names the worse tier first in the file, so only the tier can put the better one first.
    assert.deepEqual(tiers(headings('一、加强领导干部', '一、加强领导'), '一、加强领导'), [
      ['一、加强领导', TIER_EXACT],
      ['一、加强领导干部', TIER_PREFIX],
    ]);
    assert.deepEqual(tiers(headings('一、附二、加强说明', '二、加强领导干部培训'), '二、加强'), [
      ['二、加强领导干部培训', TIER_PREFIX],
      ['一、附二、加强说明', TIER_SUBSTRING],
    ]);
    assert.deepEqual(tiers(headings('一、政治站位', '二、zz专项'), 'zz'), [
      ['二、zz专项', TIER_SUBSTRING],
      ['一、政治站位', TIER_PINYIN],
    ]);
    // z1z2z3w holds the letters of zzzw only with gaps: fuzzy, not pinyin.
    assert.deepEqual(tiers(headings('一、z1z2z3w', '二、提高政治站位'), 'zzzw'), [
      ['二、提高政治站位', TIER_PINYIN],
      ['一、z1z2z3w', TIER_FUZZY],
    ]);
  });

  test('All five tiers in one list, ranked exact > prefix > substring > pinyin > fuzzy', () => {
    // From worst to best in the file; query 一、zz.
    const fs = files('一、z项z\n一、政治\n二、附一、zz说明\n一、zz专项\n一、zz');
    assert.deepEqual(tiers(fs, '一、zz'), [
      ['一、zz', TIER_EXACT],
      ['一、zz专项', TIER_PREFIX],
      ['二、附一、zz说明', TIER_SUBSTRING],
      ['一、政治', TIER_PINYIN],
      ['一、z项z', TIER_FUZZY],
    ]);
  });

  test('Each heading is listed once, in its best tier', () => {
    const fs = headings('一、政治', '二、政治站位');
    const hits = tiers(fs, '政治');
    assert.equal(hits.length, 2);
    assert.deepEqual(new Set(hits.map(([name]) => name)), new Set(['一、政治', '二、政治站位']));
  });

  test('Within a tier, earlier matches in shorter names come first, then workspace order', () => {
    const fs = files('一、关于冷链物流的长一些的标题\n二、冷链物流', '一、冷链物流');
    assert.deepEqual(find(fs, '冷链'), ['二、冷链物流', '一、冷链物流', '一、关于冷链物流的长一些的标题']);
    assert.deepEqual(find(headings('一、冷链物流体系建设', '二、冷链'), '冷链'), ['二、冷链', '一、冷链物流体系建设']);
  });

  test('Fuzzy matches the characters in order with gaps, tighter spans first', () => {
    const fs = headings('一、政治站位', '二、政府治理与站队', '三、站位政治');
    assert.deepEqual(find(fs, '政站'), ['一、政治站位', '二、政府治理与站队']);
  });

  test('The empty query gives the first headings in workspace order, up to the limit', () => {
    const fs = files('一、甲\n二、乙', '一、丙');
    assert.deepEqual(find(fs, ''), ['一、甲', '二、乙', '一、丙']);
    assert.deepEqual(find(fs, '   ', 2), ['一、甲', '二、乙']);
  });

  test('Results stop at the limit, keeping the best', () => {
    const fs = headings(...Array.from({ length: 30 }, (_, i) => `${i + 1}. 加强领导第${i + 1}项`), '一、加强领导');
    assert.deepEqual(find(fs, '一、加强领导', 1), ['一、加强领导']);
    assert.equal(find(fs, '加强', 10).length, 10);
  });

  test('A small limit returns the same first results as a large one, for queries that match thousands of names', () => {
    const many = files(...Array.from({ length: 40 }, (_, f) => Array.from({ length: 60 }, (_, i) => `${i + 1}. ${'甲乙丙丁'.slice(0, (i * 7 + f) % 4)}要求${'一二三'.slice(0, (i + f) % 3)}`).join('\n')));
    for (const query of ['要', '要求', 'yq', 'y']) {
      const all = search(many, query, 5000, table);
      assert.ok(all.length > 1000, `${query}: ${all.length} matches`);
      for (const limit of [1, 7, 200]) assert.deepEqual(search(many, query, limit, table), all.slice(0, limit), `${query}, limit ${limit}`);
    }
  });

  test('Latin letters in names match case-insensitively, and whitespace in the query or the name counts for nothing', () => {
    const fs = headings('一、GDP 增长目标', '第一章　总则');
    assert.deepEqual(find(fs, 'gdp'), ['一、GDP 增长目标']);
    assert.deepEqual(find(fs, 'GDP\u3000\u3000增长'), ['一、GDP 增长目标']);
    assert.deepEqual(tiers(fs, 'gdp增长'), [['一、GDP 增长目标', TIER_SUBSTRING]]);
    assert.deepEqual(tiers(fs, '第一章总则'), [['第一章 总则', TIER_EXACT]]);
    assert.deepEqual(tiers(fs, '第一 章'), [['第一章 总则', TIER_PREFIX]]);
    assert.equal(normalizeQuery('  Ａb\t c  '), 'abc');
  });

  test('Headings of files without headings, and empty indexes, give nothing and throw nothing', () => {
    assert.deepEqual(find(files('没有标题的正文。', ''), '正文'), []);
    assert.deepEqual(find([], 'zz'), []);
  });

  test('The style and parent are kept with each heading', () => {
    const [f] = files('第一章 总则\n一、目的\n（一）依据');
    const [hit] = search([f], '依据', 5, table);
    assert.equal(symbolStyle(f, hit.symbol), 'paren-cn');
    assert.equal(symbolName(f, f.parents[hit.symbol]), '一、目的');
    assert.equal(f.parents[f.parents[f.parents[hit.symbol]]], -1);
  });
});

suite('Workspace query: pinyin', () => {
  const fs = headings('一、提高政治站位', '二、重点工作', '三、长江经济带', '四、绿色发展', '五、二〇二四年计划', '六、银行业务');

  test('Initials find a run of characters: zzzw finds 政治站位', () => {
    assert.deepEqual(find(fs, 'zzzw'), ['一、提高政治站位']);
  });

  test('Full pinyin finds it too, and the last syllable may be unfinished: zhengzhi, zhengzh', () => {
    assert.deepEqual(find(fs, 'zhengzhi'), ['一、提高政治站位']);
    assert.deepEqual(find(fs, 'zhengzh'), ['一、提高政治站位']);
    assert.deepEqual(find(fs, 'tigaozhengzhizhanwei'), ['一、提高政治站位']);
  });

  test('Full syllables and initials mix: zhengzzw, tgzhengzhi, and zh counts as an initial', () => {
    assert.deepEqual(find(fs, 'zhengzzw'), ['一、提高政治站位']);
    assert.deepEqual(find(fs, 'tgzhengzhi'), ['一、提高政治站位']);
    assert.deepEqual(find(fs, 'zhzhzhw'), ['一、提高政治站位']);
  });

  test('A syllable cut in the middle does not match what follows: zhenzhi does not find 政治', () => {
    assert.deepEqual(find(fs, 'zhenzhi'), []);
  });

  test('Every reading of a polyphonic character counts: 重 as zhong and chong, 长 as chang and zhang, 行 as hang and xing', () => {
    assert.deepEqual(find(fs, 'zhongdian'), ['二、重点工作']);
    assert.deepEqual(find(fs, 'chongdian'), ['二、重点工作']);
    assert.deepEqual(find(fs, 'cjjj'), ['三、长江经济带']);
    assert.deepEqual(find(fs, 'zjjj'), ['三、长江经济带']);
    assert.deepEqual(find(fs, 'yinhang'), ['六、银行业务']);
    assert.deepEqual(find(fs, 'yinxing'), ['六、银行业务']);
  });

  test('ü is typed as v', () => {
    assert.deepEqual(find(fs, 'lvse'), ['四、绿色发展']);
  });

  test('Characters in a pinyin query match themselves: 政zzw', () => {
    assert.deepEqual(find(fs, '政zzw'), ['一、提高政治站位']);
    assert.deepEqual(find(fs, 'z治zw'), ['一、提高政治站位']);
    assert.deepEqual(find(headings('一、GDP增长'), 'gdpzz'), ['一、GDP增长']);
  });

  test('〇 reads ling although the dictionary lacks it', () => {
    assert.deepEqual(find(fs, 'elesn'), ['五、二〇二四年计划']);
    assert.deepEqual(find(fs, 'erlingersinian'), ['五、二〇二四年计划']);
  });

  test('Characters outside the dictionary have no reading but still match as themselves', () => {
    const rare = headings('一、王堃的发言');
    const readings = table.readingsOf('堃');
    assert.equal(readings[0], NO_READING);
    assert.deepEqual(find(rare, '王堃'), ['一、王堃的发言']);
    assert.deepEqual(find(rare, 'w堃'), ['一、王堃的发言']);
    assert.deepEqual(find(rare, 'wang'), ['一、王堃的发言']);
  });

  test('Spaces and apostrophes in pinyin are ignored: "zheng zhi", xi\'an', () => {
    assert.deepEqual(find(fs, 'zheng zhi'), ['一、提高政治站位']);
    assert.deepEqual(find(headings('一、西安会议'), "xi'an"), ['一、西安会议']);
  });

  test('Pinyin matches rank after substring matches', () => {
    const mixed = headings('一、zz专项', '二、政治站位');
    assert.deepEqual(tiers(mixed, 'zz'), [
      ['一、zz专项', TIER_SUBSTRING],
      ['二、政治站位', TIER_PINYIN],
    ]);
  });

  test('The dictionary from pinyin-match loads and covers GB 2312', () => {
    const t = new PinyinTable();
    const text = '中华人民共和国';
    assert.ok(t.readingsOf(text).every((id) => id !== NO_READING));
    assert.ok(t.sets.length > 300, `${t.sets.length} reading sets`);
  });
});

// What Jump to Section matches (client/src/match.ts).

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { IncrementalFilter, matches, normalizeQuery } from '../../../client/src/match';

suite('Jump to Section queries', () => {
  test('A query is lower-cased and loses every whitespace character, U+3000 included', () => {
    assert.equal(normalizeQuery('  Zheng Zhi　'), 'zhengzhi');
    assert.equal(normalizeQuery('第一章\u3000总则'), '第一章总则');
  });

  test('Chinese typed without the space a name has still matches it', () => {
    assert.ok(matches('第一章 总则', normalizeQuery('第一章总则')));
    assert.ok(matches('第一章 总则', normalizeQuery('第一章 总则')));
  });

  test('Full pinyin, initials and pinyin with spaces between syllables match; other letters do not', () => {
    assert.ok(matches('一、提高政治站位', normalizeQuery('zhengzhi')));
    assert.ok(matches('一、提高政治站位', normalizeQuery('zzzw')));
    assert.ok(matches('一、提高政治站位', normalizeQuery('zheng zhi')));
    assert.ok(!matches('一、提高政治站位', normalizeQuery('xyz')));
  });

  test('Filtering as the user types gives what a fresh filter gives, also when the query gets shorter', () => {
    const names = ['（一）发展冷链物流', '1.完善冷链基础设施', '二、优化营商环境', '三要严肃问责'];
    const filter = new IncrementalFilter(names, (n) => n);
    for (const query of ['l', 'll', 'lenglian', 'len', '', 'yh', 'yhys']) {
      assert.deepEqual(filter.filter(query), names.filter((n) => matches(n, normalizeQuery(query))), query);
    }
  });
});

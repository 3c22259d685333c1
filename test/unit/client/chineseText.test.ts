// Is this text Chinese? (client/src/chineseText.ts)

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { mostlyChinese, readsAsChinese } from '../../../client/src/chineseText';

suite('Chinese text', () => {
  test('A draft with headings and full-width punctuation is mostly Chinese; ASCII whitespace and U+3000 do not count', () => {
    assert.equal(mostlyChinese('一、总体要求\n　　坚持稳中求进，推动高质量发展。\n二、主要任务\n'), true);
    assert.equal(mostlyChinese('[section]\nkey = value\n一、注释\n'), false);
    assert.equal(mostlyChinese('   \n\t　\n'), false);
  });

  test('A draft with some Latin words and numbers is still mostly Chinese when half its characters are', () => {
    assert.equal(mostlyChinese('2024年全市地区生产总值增长5.2%，GDP总量突破万亿元。'), true);
  });

  test('GB18030-decoded text reads as Chinese when 90% of its non-ASCII characters are; Latin-1 read as GB18030 does not', () => {
    assert.equal(readsAsChinese('Notice 通知：一、检查范围……'), true);
    // "café crème" as Latin-1 bytes (E9, E8 ...) decode to rare ideographs and odd symbols.
    assert.equal(readsAsChinese('caf\u00e9 cr\u00e8me \u00a9 \u00ae'), false);
    assert.equal(readsAsChinese('plain ASCII'), false, 'no non-ASCII character: nothing to reopen');
  });
});

// Which text in running lines is a reference between articles, and what it
// names (docs/headings.md §9; server/src/engine/references.ts).

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { PlainTextDocument, citedDocuments, scanDocumentReferences, scanLineReferences } from '../../server/src/engine';
import { documentRefs, law, refs } from './referenceHelpers';

suite('References to this document (§9)', () => {
  for (const [line, expected] of [
    ['依照本法第二十条的规定处理。', ['本法第二十条 = article 20']],
    ['违反本条例第十条规定的，责令改正。', ['本条例第十条 = article 10']],
    ['按照本办法第三条第二款执行。', ['本办法第三条第二款 = article 3 > paragraph 2']],
    ['本规定第五条所称单位，包括……', ['本规定第五条 = article 5']],
    ['依照本细则第八条办理。', ['本细则第八条 = article 8']],
    ['本决定第二条自公布之日起施行。', ['本决定第二条 = article 2']],
    ['符合本规范第四条的要求。', ['本规范第四条 = article 4']],
    ['依照第十二条的规定。', ['第十二条 = article 12']],
  ] as const) {
    test(`${line.slice(0, 14)}…: ${expected.join('; ')}`, () => {
      assert.deepEqual(refs(line), expected);
    });
  }

  test('An article, its 款 and its 项, with the 项 in brackets or without', () => {
    assert.deepEqual(refs('违反第十条第一款第（三）项规定的。'), ['第十条第一款第（三）项 = article 10 > paragraph 1 > item 3']);
    assert.deepEqual(refs('违反第十条第一款第三项规定的。'), ['第十条第一款第三项 = article 10 > paragraph 1 > item 3']);
    assert.deepEqual(refs('违反第十条第一款第(三)项规定的。'), ['第十条第一款第(三)项 = article 10 > paragraph 1 > item 3']);
  });

  test('A 款 or 项 alone is this article’s or this 款’s', () => {
    assert.deepEqual(refs('告知第一款规定事项的，应当公开。'), ['第一款 = paragraph 1']);
    assert.deepEqual(refs('有第二项、第三项情形的。'), ['第二项 = item 2', '第三项 = item 3']);
  });

  test('Chinese and Arabic numbers, ASCII or full-width, and 两 inside a number', () => {
    assert.deepEqual(refs('依照本法第12条。'), ['本法第12条 = article 12']);
    assert.deepEqual(refs('依照本法第１２条。'), ['本法第１２条 = article 12']);
    assert.deepEqual(refs('依照第一百零五条。'), ['第一百零五条 = article 105']);
    assert.deepEqual(refs('依照第一千二百六十条。'), ['第一千二百六十条 = article 1260']);
    assert.deepEqual(refs('依照第 3 条。'), ['第 3 条 = article 3']);
  });

  test('A range: each end is its own reference, the second marked as the range’s end', () => {
    assert.deepEqual(refs('违反本条例第八条至第十条规定的。'), ['本条例第八条 = article 8', '第十条 = article 10 (range end)']);
    assert.deepEqual(refs('依照第3条至第5条。'), ['第3条 = article 3', '第5条 = article 5 (range end)']);
  });

  test('The end of a range inherits what is above its first part: 前款第二项至第七项', () => {
    assert.deepEqual(refs('但是有前款第二项至第七项规定情形的。'), ['前款第二项 = previous paragraph > item 2', '第七项 = previous paragraph^ > item 7 (range end)']);
    assert.deepEqual(refs('适用第十条第一款至第三款。'), ['第十条第一款 = article 10 > paragraph 1', '第三款 = article 10^ > paragraph 3 (range end)']);
  });

  test('A list: 、 和 及 或者 join references, and each inherits the parts above its own', () => {
    assert.deepEqual(refs('依照第十条、第十一条。'), ['第十条 = article 10', '第十一条 = article 11']);
    assert.deepEqual(refs('依照第三十条、第三十一条和第三十二条。'), ['第三十条 = article 30', '第三十一条 = article 31', '第三十二条 = article 32']);
    assert.deepEqual(refs('依照第十条或者第十一条。'), ['第十条 = article 10', '第十一条 = article 11']);
    assert.deepEqual(refs('有本法第十八条第一款、第三十五条规定情形的除外。'), ['本法第十八条第一款 = article 18 > paragraph 1', '第三十五条 = article 35']);
    assert.deepEqual(refs('依照第十条第一款、第二款。'), ['第十条第一款 = article 10 > paragraph 1', '第二款 = article 10^ > paragraph 2']);
    assert.deepEqual(refs('有前款第一项、第二项行为的。'), ['前款第一项 = previous paragraph > item 1', '第二项 = previous paragraph^ > item 2']);
  });

  test('Chapters, sections and books, and a chapter’s section', () => {
    assert.deepEqual(refs('依照第三章的规定处理。'), ['第三章 = chapter 3']);
    assert.deepEqual(refs('本条例第二章第二节的规定。'), ['本条例第二章第二节 = chapter 2 > section 2']);
    assert.deepEqual(refs('适用第三节规定。'), ['第三节 = section 3']);
    assert.deepEqual(refs('本编第二章规定的。'), ['本编第二章 = this book > chapter 2']);
  });

  test('本章, 本节, 本条, 本编, 本款, 本项', () => {
    assert.deepEqual(refs('行使本章规定的权利。'), ['本章 = this chapter']);
    assert.deepEqual(refs('本节有特别规定的，适用本节规定。'), ['本节 = this section', '本节 = this section']);
    assert.deepEqual(refs('违反本条规定的。'), ['本条 = this article']);
    assert.deepEqual(refs('向本条第二款规定的部门投诉。'), ['本条第二款 = this article > paragraph 2']);
    assert.deepEqual(refs('适用本编规定。'), ['本编 = this book']);
    assert.deepEqual(refs('本款所称……'), ['本款 = this paragraph']);
  });

  test('前款, 前两款, 前条, 前项, and what is below them', () => {
    assert.deepEqual(refs('前款规定事项发生变更的。'), ['前款 = previous paragraph']);
    assert.deepEqual(refs('前两款规定的部门统称为……'), ['前两款 = 2 previous paragraphs']);
    assert.deepEqual(refs('鼓励前四款以外的新建建筑。'), ['前四款 = 4 previous paragraphs']);
    assert.deepEqual(refs('有前条规定的行为的。'), ['前条 = previous article']);
    assert.deepEqual(refs('不向个人告知前条第一款规定的事项。'), ['前条第一款 = previous article > paragraph 1']);
    assert.deepEqual(refs('前项规定的情形。'), ['前项 = previous item']);
    assert.deepEqual(refs('依照前款规定。以前款规定的方式。'), ['前款 = previous paragraph', '前款 = previous paragraph']);
  });

  test('An inserted article: 第一百二十条之一', () => {
    assert.deepEqual(refs('违反本法第一百二十条之一规定的。'), ['本法第一百二十条之一 = article 120-1']);
    assert.deepEqual(refs('依照第十条之规定。'), ['第十条 = article 10']);
  });

  test('Where each part’s number is written, for renumbering', () => {
    const line = '依照本条例第十条第二款和第十二条。';
    const [a, b] = scanLineReferences(line, 0, line.length);
    assert.equal(line.slice(a.parts[0].numberStart, a.parts[0].numberEnd), '十');
    assert.equal(line.slice(a.parts[1].numberStart, a.parts[1].numberEnd), '二');
    assert.equal(line.slice(b.parts[0].numberStart, b.parts[0].numberEnd), '十二');
    assert.deepEqual([a.parts[0].numeral, b.parts[0].numeral], ['chinese', 'chinese']);
    const arabic = '依照第１２条。';
    assert.equal(scanLineReferences(arabic, 0, arabic.length)[0].parts[0].numeral, 'fullwidth');
  });
});

suite('References to another document (§9)', () => {
  test('《title》第X条 names the document of that title', () => {
    assert.deepEqual(refs('依照《中华人民共和国个人信息保护法》第十三条处理。'), ['《中华人民共和国个人信息保护法》第十三条 = in 中华人民共和国个人信息保护法: article 13']);
  });

  test('A law’s name without marks: 刑法第十七条, 出口管制法第十二条, 民法典第一千一百六十五条', () => {
    assert.deepEqual(refs('依照刑法第十七条追究刑事责任。'), ['刑法第十七条 = in 刑法: article 17']);
    assert.deepEqual(refs('违反出口管制法第十二条规定的。'), ['出口管制法第十二条 = in 出口管制法: article 12']);
    assert.deepEqual(refs('适用民法典第一千一百六十五条。'), ['民法典第一千一百六十五条 = in 民法典: article 1165']);
    assert.deepEqual(refs('根据中华人民共和国刑事诉讼法第十五条。'), ['中华人民共和国刑事诉讼法第十五条 = in 中华人民共和国刑事诉讼法: article 15']);
    assert.deepEqual(refs('适用著作权法实施条例第二条。'), ['著作权法实施条例第二条 = in 著作权法实施条例: article 2']);
  });

  test('A list after a law’s name stays in that law', () => {
    assert.deepEqual(refs('依照刑法第十七条、第十八条。'), ['刑法第十七条 = in 刑法: article 17', '第十八条 = in 刑法: article 18']);
    assert.deepEqual(refs('违反第十条和刑法第十七条的。'), ['第十条 = article 10', '刑法第十七条 = in 刑法: article 17']);
  });

  test('该法 and 有关规定 point at a document named elsewhere: another document, not this one', () => {
    assert.deepEqual(refs('依照该法第十条处理。'), ['该法第十条 = in another document: article 10']);
    assert.deepEqual(refs('依照有关规定第三条处理。'), ['有关规定第三条 = in another document: article 3']);
  });

  test('Words that end in 法 but are no law leave the reference this document’s', () => {
    assert.deepEqual(refs('可以依法第十条处理'), ['第十条 = article 10']);
  });
});

suite('Prose that only looks like a reference', () => {
  for (const line of [
    '这是第一次全体会议。',
    '委托第三方机构评估。',
    '发展经济要靠第二条腿。',
    '第二条件是资金到位。',
    '我们第一节课讲城市更新。',
    '这是今年的第三项工作。',
    '第二款手机已经上市。',
    '在目前条件下，基本条件已经具备。',
    '提前款项已经到账。',
    '本节目由某台播出。',
    '资本项目可兑换。',
    '适用本法。',
    '第十三届全国人民代表大会第三次会议通过。',
    '市八届人民政府第7次常务会议审议通过。',
    '根据《中华人民共和国节约能源法》、国务院《公共机构节能条例》等规定。',
    '他讲了三条意见，第一条意见是加强领导。',
  ]) {
    test(`No reference: ${line}`, () => {
      assert.deepEqual(refs(line), []);
    });
  }

  test('A heading marker at the start of a line is the article itself, not a reference to it', () => {
    assert.deepEqual(refs('第十条　依照前条规定处理。'), ['前条 = previous article']);
    assert.deepEqual(refs('第三十条、第三十一条和第三十二条'), ['第三十一条 = article 31', '第三十二条 = article 32']);
    assert.deepEqual(refs('　　第一章　总　　则'), []);
    assert.deepEqual(refs('第一百二十条之一　本条所称……'), ['本条 = this article']);
  });

  test('A document’s lines are scanned one by one, a reference in the middle of any of them', () => {
    assert.deepEqual(
      documentRefs(law('第一条　总则。', '（一）依照本法第四十条的规定；', '前款规定的情形。')),
      ['1: 本法第四十条 = article 40', '2: 前款 = previous paragraph'],
    );
  });
});

suite('The other documents a text cites (for the workspace index)', () => {
  test('《title》 and law names, each once; 该法 and this document’s references name none', () => {
    const text = law('第一条　依照《中华人民共和国刑法》第十条和刑法第三条、第四条。', '该法第二条，本法第五条。', '第二条　违反民法典第一千条的，依照刑法第九条。');
    assert.deepEqual(citedDocuments(text), ['中华人民共和国刑法', '刑法', '民法典']);
    assert.deepEqual(citedDocuments(law('第一条　依照本法第二条。', '前款第三项。')), []);
  });

  test('Names the same documents as the full reference scan (property)', () => {
    const PIECES = ['《中华人民共和国刑法》第十条', '《某市条例》第二条', '刑法第三条', '依照本法第五条', '本条例第六条', '香港特别行政区基本法第十八条', '根本法第一条', '该法第二条', '第一条　', '和', '。', '\n', '\r\n', '\r', '民法典第一千条', '办法第七条', '《未闭合', '》第'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const full = new Set<string>();
        for (const list of scanDocumentReferences(new PlainTextDocument('file:///t.txt', text))) for (const r of list) if (r.document) full.add(r.document);
        assert.deepEqual(new Set(citedDocuments(text)), full);
      }),
      { numRuns: 300 },
    );
  });
});

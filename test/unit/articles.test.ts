// What a reference points at in a law (docs/headings.md §9;
// server/src/engine/articles.ts): 款 are the paragraphs of an article, 项 its
// items counted within their 款, relative references land where the line is.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import {
  PlainTextDocument,
  ReferenceDiagnostic,
  citationCounts,
  documentTitles,
  lawStructure,
  parseOutline,
  referenceDiagnostics,
  scanDocumentReferences,
  targetText,
  titleMatches,
} from '../../server/src/engine';
import { L10n } from '../../server/src/l10n';
import { referenceMessage as message } from '../../server/src/providers/references';
import { law, resolutions, seed } from './referenceHelpers';

const referenceMessage = (d: ReferenceDiagnostic, locale: string) => message(d, new L10n(locale));

const REGULATION = seed('references.txt');

function diagnostics(text: string): ReferenceDiagnostic[] {
  const doc = new PlainTextDocument('file:///law.txt', text);
  return referenceDiagnostics(lawStructure(doc, parseOutline(doc)), { version: 1, lines: scanDocumentReferences(doc) });
}

suite('Resolution in seeds/references.txt, a regulation with chapters, sections, 款 and 项', () => {
  test('Every reference lands on the article, 款, 项, chapter or section it names', () => {
    assert.deepEqual(resolutions(REGULATION), [
      '15: 本条例第十条第二款 → 第十条第二款 (line 37)',
      '16: 前两款 → 第三条第一款 (line 14)',
      '25: 前款第（三）项 → 第四条第一款第（三）项 (line 23)',
      '26: 本条例第四条第一款 → 第四条第一款 (line 20)',
      '30: 前款第一项 → 第六条第一款第（一）项 (line 28)',
      '30: 第二项 → 第六条第一款第（二）项 (line 29)',
      '30: 本条例第十六条 → 第十六条 (line 47)',
      '31: 前条 → 第六条 (line 27)',
      '31: 本条第二款 → 第七条第二款 (line 32)',
      '34: 第三章 → 第三章 (line 41)',
      '35: 本节 → 第二节 (line 33)',
      '42: 本条例第六条第一款第（一）项 → 第六条第一款第（一）项 (line 28)',
      '43: 本条例第十条之一 → 第十条之一 (line 39)',
      '44: 本条例第八条 → 第八条 (line 34)',
      '44: 第十条 → 第十条 (line 36)',
      '44: 本章 → 第三章 (line 41)',
      '44: 本条例第十六条 → 第十六条 (line 47)',
      '45: 《中华人民共和国民法典》第九百三十七条 → another document',
      '46: 行政复议法第十一条 → another document',
      '47: 本条例第六条 → 第六条 (line 27)',
      '50: 本条例第二章第二节 → 第二节 (line 33)',
    ]);
  });

  test('A consistent law gets no reference.missing', () => {
    assert.deepEqual(diagnostics(REGULATION), []);
  });

  test('An article’s 款: its heading line, then each unmarked paragraph; its 项 stay in their 款', () => {
    const doc = new PlainTextDocument('file:///law.txt', REGULATION);
    const structure = lawStructure(doc, parseOutline(doc));
    const article4 = structure.article(4, 0)!;
    assert.deepEqual(
      structure.paragraphs(article4).map((p) => [p.number, p.line, p.endLine, p.items.map((h) => h.number)]),
      [
        [1, 20, 24, [1, 2, 3, 4]],
        [2, 25, 25, []],
      ],
    );
    assert.deepEqual(structure.paragraphs(structure.article(10, 0)!).map((p) => p.line), [36, 37, 38]);
    assert.equal(structure.subOf(structure.article(10, 1)!), 1);
    assert.deepEqual([structure.first, structure.last], [1, 17]);
  });

  test('How many references cite each heading: an article counts those to its 款 and 项 too', () => {
    const doc = new PlainTextDocument('file:///law.txt', REGULATION);
    const structure = lawStructure(doc, parseOutline(doc));
    const counts = citationCounts(structure, { version: 1, lines: scanDocumentReferences(doc) });
    const byName = [...counts].map(([h, n]) => `${h.kind === 'law' ? structure.articleLabel(h) : h.marker} ${n}`);
    assert.deepEqual(byName, ['第十条 2', '第三条 1', '第四条 2', '（三） 1', '第六条 5', '（一） 2', '（二） 1', '第十六条 2', '第七条 1', '第三章 2', '第二节 2', '第十条之一 1', '第八条 1']);
  });

  test('The text of a target, for hovers: its lines without indentation, cut with …', () => {
    const doc = new PlainTextDocument('file:///law.txt', REGULATION);
    const structure = lawStructure(doc, parseOutline(doc));
    const r = structure.resolve(scanDocumentReferences(doc)[25][0], 25);
    assert.equal(r.kind, 'target');
    if (r.kind !== 'target') return;
    assert.equal(targetText(doc, r.target, 300), '（三）服务费用的标准和收取办法；');
    const article = structure.resolve(scanDocumentReferences(doc)[26][0], 26);
    if (article.kind !== 'target') return assert.fail('第四条第一款 resolves');
    assert.equal(targetText(doc, article.target, 300), '第四条　物业服务合同应当包括下列内容：\n（一）服务事项；\n（二）服务质量；\n（三）服务费用的标准和收取办法；\n（四）服务期限。');
    assert.equal(targetText(doc, article.target, 10), '第四条　物业服务合同…');
  });
});

suite('Resolution rules', () => {
  const LAW = law(
    '第一章　总则', // 0
    '第一条　甲款。', // 1
    '乙款，依照前款规定。', // 2
    '丙款：', // 3
    '（一）甲；', // 4
    '（二）乙，前项规定的除外。', // 5
    '丁款，有前款第二项情形的，适用本款。', // 6
    '第二条　依照前条第三款第（一）项，本条和第一条第四款。', // 7
    '有第二项规定情形的，从重处理。', // 8
    '依照前两款。', // 9
    '第二章　附则', // 10
    '第一节　一', // 11
    '第三条　依照本章、本节、第一章和第二节。', // 12
  );

  test('前款 is the paragraph before; 前两款 the first of the two; 本款 this one', () => {
    const r = resolutions(LAW);
    assert.ok(r.includes('2: 前款 → 第一条第一款 (line 1)'), r.join('\n'));
    assert.ok(r.includes('6: 前款第二项 → 第一条第三款第（二）项 (line 5)'), r.join('\n'));
    assert.ok(r.includes('6: 本款 → 第一条第四款 (line 6)'), r.join('\n'));
    assert.ok(r.includes('9: 前两款 → 第二条第一款 (line 7)'), r.join('\n'));
  });

  test('前条 is the article before, 本条 the article the line is in, 前项 the item before', () => {
    const r = resolutions(LAW);
    assert.ok(r.includes('7: 前条第三款第（一）项 → 第一条第三款第（一）项 (line 4)'), r.join('\n'));
    assert.ok(r.includes('7: 本条 → 第二条 (line 7)'), r.join('\n'));
    assert.ok(r.includes('7: 第一条第四款 → 第一条第四款 (line 6)'), r.join('\n'));
    assert.ok(r.includes('5: 前项 → 第一条第三款第（一）项 (line 4)'), r.join('\n'));
  });

  test('A bare 第X项 is in the 款 the line is in, or the nearest one before it with items; none in an article without items', () => {
    const r = resolutions(LAW);
    assert.ok(r.includes('8: 第二项 → nothing'), r.join('\n'));
    const items = resolutions(law('第一条　甲：', '（一）乙；', '（二）丙。', '有第二项情形的，从重；', '有第三项规定情形的，另行处理。'));
    assert.deepEqual(items, ['3: 第二项 → 第一条第一款第（二）项 (line 2)', '4: 第三项 → nothing']);
  });

  test('本章 本节 are where the line is; 第一章 第二节 are found by number, a section within its chapter', () => {
    assert.deepEqual(resolutions(LAW).filter((s) => s.startsWith('12:')), ['12: 本章 → 第二章 (line 10)', '12: 本节 → 第一节 (line 11)', '12: 第一章 → 第一章 (line 0)', '12: 第二节 → nothing']);
  });

  test('A reference inside the range of articles that does not exist is reference.missing; beyond the range, nothing', () => {
    const text = law('第十条　依照本法第十二条、第十九条、第二十一条和第五条。', '第十五条　依照第十条第三款、第十条第一款第（二）项。', '第二十条　完。');
    assert.deepEqual(resolutions(text), [
      '0: 本法第十二条 → missing article 12',
      '0: 第十九条 → missing article 19',
      '0: 第二十一条 → nothing',
      '0: 第五条 → nothing',
      '1: 第十条第三款 → missing paragraph 10/3',
      '1: 第十条第一款第（二）项 → missing item 10/1/2',
    ]);
  });

  test('reference.missing says what is missing, in Chinese and in English, on the reference', () => {
    const text = law('第一条　依照本法第一百零一条。', '第二条　依照第一条第三款和第三条第一款第（三）项。', '第三条　甲：', '（一）乙；', '第一百二十条　完。');
    const found = diagnostics(text);
    assert.deepEqual(
      found.map((d) => [d.code, d.severity, d.line, d.start, d.end, referenceMessage(d, 'zh-cn'), referenceMessage(d, 'en')]),
      [
        ['reference.missing', 'warning', 0, 6, 14, '本法没有第一百零一条', 'this law has no article 101'],
        ['reference.missing', 'warning', 1, 6, 12, '第一条没有第三款', 'article 1 has no paragraph 3'],
        ['reference.missing', 'warning', 1, 13, 24, '第三条第一款没有第（三）项', 'paragraph 1 of article 3 has no item 3'],
      ],
    );
  });

  test('The message names the document as it names itself: 本条例没有…', () => {
    const found = diagnostics(law('第一条　依照本条例第九条。', '第十条　完。'));
    assert.deepEqual(found.map((d) => [referenceMessage(d, 'zh-cn'), referenceMessage(d, 'en')]), [['本条例没有第九条', 'this regulation has no article 9']]);
  });

  test('A document without articles (a speech) gets no reference.missing whatever it cites', () => {
    assert.deepEqual(diagnostics(law('一、总体要求', '依照本法第十条，第三项工作要抓好。')), []);
  });

  test('An inserted article is found by its 之一; one that is not there, within the range, is missing', () => {
    const text = law('第十条　甲。', '第十条之一　乙。', '第十一条　依照第十条之一和第十条之二。');
    assert.deepEqual(resolutions(text), ['2: 第十条之一 → 第十条之一 (line 1)', '2: 第十条之二 → missing article 10']);
  });

  test('In a book of a code, 第二章 is this book’s chapter', () => {
    const text = law('第一编　总则', '第一章　甲', '第一条　甲。', '第二章　乙', '第二条　乙。', '第二编　物权', '第一章　丙', '第三条　依照第二章和第一编第二章。', '第二章　丁', '第四条　丁。');
    assert.deepEqual(resolutions(text), ['7: 第二章 → 第二章 (line 8)', '7: 第一编第二章 → 第二章 (line 3)']);
  });
});

suite('Document titles, for 《title》 and law-name references', () => {
  test('A document is named by its first non-blank line, a 《title》 in it, and its file name', () => {
    const doc = new PlainTextDocument('file:///laws/%E5%88%91%E6%B3%95.txt', '\n\n中华人民共和国刑法（2020年修正）\n第一条　……');
    assert.deepEqual(documentTitles(doc), ['中华人民共和国刑法', '刑法']);
    const notice = new PlainTextDocument('file:///n.txt', '关于印发《某市物业服务条例》的通知\n');
    assert.deepEqual(documentTitles(notice), ['关于印发《某市物业服务条例》的通知', '某市物业服务条例', 'n']);
  });

  test('刑法 names 中华人民共和国刑法; 民法 does not name 刑法, nor 法 anything', () => {
    assert.ok(titleMatches('中华人民共和国刑法', '刑法'));
    assert.ok(titleMatches('中华人民共和国刑法', '《中华人民共和国刑法》'));
    assert.ok(!titleMatches('中华人民共和国刑法', '民法'));
    assert.ok(!titleMatches('中华人民共和国刑法', '法'));
    assert.ok(!titleMatches('中华人民共和国刑法修正案', '刑法'));
  });
});

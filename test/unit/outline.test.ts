// The tree, section ranges and the table of contents (docs/headings.md §3, §5).

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { brokenInvariant, lines, outlineOf, parse, tree } from './helpers';

const REPORT = lines(
  '关于2024年度重点工作的报告', // 0
  '', // 1
  '一、工作回顾', // 2
  '（一）经济运行稳中有进', // 3
  '1.工业生产回升', // 4
  '（1）规上工业增加值增长6.1%', // 5
  '①新能源汽车产量翻番', // 6
  '②光伏组件出口增长', // 7
  '（2）工业投资保持增长', // 8
  '2.消费市场回暖', // 9
  '（二）民生保障更加有力', // 10
  '', // 11
  '二、今年安排', // 12
  '全年主要预期目标是：地区生产总值增长5%左右。', // 13
  '', // 14
  '', // 15
);

suite('The tree (§3)', () => {
  test('Each heading nests under the nearest heading above it with an outer style', () => {
    assert.deepEqual(tree(REPORT), [
      '一、工作回顾',
      '  （一）经济运行稳中有进',
      '    1.工业生产回升',
      '      （1）规上工业增加值增长6.1%',
      '        ①新能源汽车产量翻番',
      '        ②光伏组件出口增长',
      '      （2）工业投资保持增长',
      '    2.消费市场回暖',
      '  （二）民生保障更加有力',
      '二、今年安排',
    ]);
  });

  test('Text before the first heading belongs to no section', () => {
    const roots = outlineOf(REPORT);
    assert.equal(roots[0].line, 2);
    assert.equal(roots.length, 2);
  });

  test('Parent links, depth and document order agree with the tree', () => {
    const outline = parse(REPORT);
    assert.equal(brokenInvariant(REPORT, outline), undefined);
    const circled = outline.headings.find((h) => h.name.startsWith('②'))!;
    assert.equal(circled.parent?.name, '（1）规上工业增加值增长6.1%');
    assert.equal(circled.depth, 4);
    assert.deepEqual(
      outline.headings.map((h) => h.line),
      [2, 3, 4, 5, 6, 7, 8, 9, 10, 12],
    );
  });

  test('Skipped ranks: 一、 directly followed by 1. nests 1. under 一、', () => {
    assert.deepEqual(tree(lines('一、基本情况', '1.人口', '2.经济', '二、存在问题', '①短板', '1.结构')), [
      '一、基本情况',
      '  1.人口',
      '  2.经济',
      '二、存在问题',
      '  ①短板',
      '  1.结构',
    ]);
  });

  test('A document that starts with （一） has （一） at the top', () => {
    assert.deepEqual(tree(lines('（一）加强领导', '1.成立专班', '（二）强化保障', '1.资金保障')), [
      '（一）加强领导',
      '  1.成立专班',
      '（二）强化保障',
      '  1.资金保障',
    ]);
  });

  test('An outer heading after a skipped rank still becomes the parent of what follows', () => {
    assert.deepEqual(tree(lines('（一）开头就是二级标题', '二、一级标题', '（一）其下的二级标题')), [
      '（一）开头就是二级标题',
      '二、一级标题',
      '  （一）其下的二级标题',
    ]);
  });

  test('Equal rank means sibling: 第一篇 and 第一部分 are both rank 2', () => {
    assert.deepEqual(tree(lines('第一篇：在年度总结会上的讲话', '第一部分　成绩', '第二部分　问题', '第二篇：在新春团拜会上的讲话')), [
      '第一篇：在年度总结会上的讲话',
      '第一部分 成绩',
      '第二部分 问题',
      '第二篇：在新春团拜会上的讲话',
    ]);
  });

  test('Named headings sit at chapter rank: 前言, chapters and 附件 are siblings', () => {
    assert.deepEqual(tree(lines('前言', '写在前面。', '第一章　总则', '第一节　目的', '第二章　附则', '附件1：申请表', '一、填表说明')), [
      '前言',
      '第一章 总则',
      '  第一节 目的',
      '第二章 附则',
      '附件1：申请表',
      '  一、填表说明',
    ]);
  });

  test('Every style from volume to enumeration nests in rank order', () => {
    const text = lines('第一卷', '第一部分', '第一章', '第一节', '一、甲', '（一）乙', '1.丙', '（1）丁', '①戊', '一是己。');
    assert.deepEqual(
      parse(text).headings.map((h) => [h.style, h.depth]),
      [
        ['volume', 0],
        ['part', 1],
        ['chapter', 2],
        ['section', 3],
        ['item', 4],
        ['paren-cn', 5],
        ['arabic', 6],
        ['paren-arabic', 7],
        ['circled', 8],
        ['enumeration', 9],
      ],
    );
  });

  test('A novel: chapters (回) under volumes, and the next volume closes them', () => {
    const text = lines('第一卷　少年游', '第一回　下山', '山路崎岖。', '第二回　进城', '第二卷　江湖远', '第三回　渡江');
    assert.deepEqual(tree(text), ['第一卷 少年游', '  第一回 下山', '  第二回 进城', '第二卷 江湖远', '  第三回 渡江']);
  });

  test('A code of law: 编, 章, 节 and 条', () => {
    const text = lines('第一编　总则', '第一章　基本规定', '第一条　为了保护当事人的合法权益，制定本法。', '第二条　本法适用于……', '第一节　一般规定', '第三条　……', '第二编　分则');
    assert.deepEqual(tree(text), [
      '第一编 总则',
      '  第一章 基本规定',
      '    第一条 为了保护当事人的合法权益，制定本法',
      '    第二条 本法适用于……',
      '    第一节 一般规定',
      '      第三条 ……',
      '第二编 分则',
    ]);
  });
});

suite('Section ranges (§3, §5)', () => {
  test('A section runs to the line before the next heading of the same or an outer rank', () => {
    const [first] = outlineOf(REPORT);
    assert.equal(first.line, 2);
    assert.equal(first.endLine, 10);
    const inner = first.children[0].children[0]; // 1.工业生产回升
    assert.equal(inner.endLine, 8);
  });

  test('Trailing blank lines are not part of a section', () => {
    const roots = outlineOf(REPORT);
    assert.equal(roots[0].endLine, 10, 'blank line 11 before 二、 is not part of 一、');
    assert.equal(roots[1].endLine, 13, 'blank lines at the end of the document are not part of 二、');
  });

  test('Lines of spaces, tabs and ideographic spaces count as blank', () => {
    const roots = outlineOf(lines('一、甲', '内容', '　　', ' \t ', '\u00a0', '二、乙'));
    assert.equal(roots[0].endLine, 1);
  });

  // Judgement: §1 treats > and ＞ as indentation, so a line of pasted mail that
  // holds only quote marks is a quoted blank line, not content.
  test('Lines holding only quote marks count as blank at the end of a section', () => {
    const roots = outlineOf(lines('> 一、甲', '> 正文', '>', '> 二、乙', '> 正文', '> ', '＞'));
    assert.deepEqual(
      roots.map((h) => [h.line, h.endLine]),
      [
        [0, 1],
        [3, 4],
      ],
    );
  });

  test('The last section runs to the end of the document', () => {
    const roots = outlineOf(lines('一、甲', '二、乙', '内容一', '内容二'));
    assert.equal(roots[1].endLine, 3);
  });

  test('A heading with nothing under it ends on its own line', () => {
    const { headings } = parse(lines('一、甲', '', '二、乙', '', ''));
    assert.deepEqual(
      headings.map((h) => [h.line, h.endLine, h.endCharacter]),
      [
        [0, 0, 3],
        [2, 2, 3],
      ],
    );
  });

  test('endCharacter is the UTF-16 length of the section’s last line, without its line break', () => {
    const text = '一、甲\r\n第一行\r\n最后一行有𠀀字\r\n\r\n';
    const [h] = parse(text).headings;
    assert.equal(h.endLine, 2);
    assert.equal(h.endCharacter, '最后一行有𠀀字'.length);
  });

  test('The selection span covers the marker and the title on the heading line', () => {
    const text = lines('正文', '　　（一）强化联防联控，坚决守住防线。要坚持群防群治。');
    const [h] = parse(text).headings;
    assert.equal(h.line, 1);
    assert.equal(h.start, 2);
    assert.equal(text.split('\n')[1].slice(h.start, h.titleEnd), '（一）强化联防联控，坚决守住防线');
  });

  test('The selection span lies inside the section range', () => {
    const outline = parse(REPORT);
    for (const h of outline.headings) {
      assert.ok(h.line <= h.endLine);
      assert.ok(h.start < h.titleEnd);
      if (h.endLine === h.line) assert.ok(h.titleEnd <= h.endCharacter, h.name);
    }
  });

  test('Sibling sections never overlap and children lie inside their parent', () => {
    assert.equal(brokenInvariant(REPORT, parse(REPORT)), undefined);
  });
});

suite('Table of contents (§3)', () => {
  const LAW = lines(
    '某某市物业管理条例', // 0
    '', // 1
    '目　　录', // 2
    '第一章　总则', // 3
    '第二章　业主和业主大会', // 4
    '第三章　附则', // 5
    '', // 6
    '第一章 总则', // 7
    '第一条　为了规范物业管理活动，制定本条例。', // 8
    '第二章　业主和业主大会', // 9
    '第二条　……', // 10
    '第三章　附则', // 11
    '第三条　本条例自公布之日起施行。', // 12
  );

  test('Entries after 目录 are skipped up to the repeat of the first entry', () => {
    assert.deepEqual(tree(LAW), ['目 录', '第一章 总则', '  第一条 为了规范物业管理活动，制定本条例', '第二章 业主和业主大会', '  第二条 ……', '第三章 附则', '  第三条 本条例自公布之日起施行']);
  });

  test('The 目录 section ends before the document proper begins', () => {
    const [toc, chapter] = outlineOf(LAW);
    assert.equal(toc.line, 2);
    assert.equal(toc.endLine, 5, 'ends on the last entry, without the blank line');
    assert.deepEqual(toc.children, []);
    assert.equal(chapter.line, 7);
  });

  test('Whitespace is ignored when a line repeats the first entry', () => {
    const text = lines('目录', '第一章　　总则', '第二章　附则', '第一章总则', '第二章 附则');
    assert.deepEqual(
      parse(text).headings.map((h) => h.line),
      [0, 3, 4],
    );
  });

  test('Prose inside the table of contents is part of the 目录 section', () => {
    const text = lines('目录', '第一章　总则', '……1', '第二章　附则', '……9', '第一章　总则', '正文');
    const [toc, chapter] = outlineOf(text);
    assert.equal(toc.endLine, 4);
    assert.equal(chapter.line, 5);
  });

  for (const [label, entry] of [
    ['a dot leader', '第一章　总则……………………1'],
    ['ASCII dots', '第一章 总则 ........ 1'],
    ['a middle-dot leader and a full-width number', '第一章 总则·········１'],
    ['only a space', '第一章 总则 1'],
  ]) {
    test(`A table of contents with page numbers (${label}) still ends at the first chapter`, () => {
      const text = lines('目录', entry, '第二章　附则……………………9', '', '第一章　总则', '第一条　内容。', '第二章　附则', '第二条　内容。');
      assert.deepEqual(tree(text), ['目录', '第一章 总则', '  第一条 内容', '第二章 附则', '  第二条 内容']);
    });
  }

  test('A number that is part of the entry is not a page number: 附件1 repeats only as 附件1', () => {
    const text = lines('目录', '附件1', '附件2', '附件1', '附件2');
    assert.deepEqual(
      parse(text).headings.map((h) => h.line),
      [0, 3, 4],
    );
  });

  test('If no entry repeats, the lines after 目录 are ordinary headings', () => {
    const text = lines('目录', '第一章　总则', '第二章　附则', '本条例自公布之日起施行。');
    assert.deepEqual(tree(text), ['目录', '第一章 总则', '第二章 附则']);
  });

  test('After the chapters were reordered, the body begins where the chapter numbers start again with a title the 目录 lists', () => {
    // 第一章 moved down (§8): the 目录 still lists 第一章　总则 first, which no line repeats now.
    const text = lines('目录', '第一章　总则', '第二章　管理', '第三章　附则', '', '第一章　管理', '第一条　内容。', '第二章　总则', '第二条　内容。', '第三章　附则', '第三条　内容。');
    assert.deepEqual(tree(text), ['目录', '第一章 管理', '  第一条 内容', '第二章 总则', '  第二条 内容', '第三章 附则', '  第三条 内容']);
    assert.equal(outlineOf(text)[0].endLine, 3, 'the 目录 section ends on its last entry');
  });

  test('Chapters numbered on without a title repeating stay ordinary headings, and so do chapters starting again with new titles', () => {
    assert.deepEqual(tree(lines('目录', '第一章　总则', '第二章　管理', '第三章　罚则')), ['目录', '第一章 总则', '第二章 管理', '第三章 罚则']);
    assert.deepEqual(tree(lines('目录', '第一章　甲', '第二章　乙', '第一章　丙', '第二章　丁')), ['目录', '第一章 甲', '第二章 乙', '第一章 丙', '第二章 丁']);
  });

  test('Titles repeated within a chapter (一般规定 in every 节) do not end the 目录 before the body', () => {
    const text = lines('目录', '第一章　总则', '第一节　一般规定', '第二章　分则', '第一节　一般规定', '', '第一章　总则', '第一节　一般规定', '第一条　内容。', '第二章　分则', '第一节　一般规定', '第二条　内容。');
    assert.deepEqual(outlineOf(text).map((h) => h.line), [0, 6, 9]);
  });

  test('A 目录 with no heading after it is just a heading', () => {
    assert.deepEqual(tree(lines('目录', '（待补充）')), ['目录']);
  });

  test('A report whose table of contents lists 一、 items: the body’s 一、 is not inside 目录', () => {
    const text = lines(
      '目录', // 0
      '一、总体要求', // 1
      '二、重点任务', // 2
      '', // 3
      '一、总体要求', // 4
      '坚持稳中求进工作总基调。', // 5
      '二、重点任务', // 6
      '（一）扩大有效需求', // 7
    );
    assert.deepEqual(
      outlineOf(text).map((h) => [h.name, h.line, h.endLine]),
      [
        ['目录', 0, 2],
        ['一、总体要求', 4, 5],
        ['二、重点任务', 6, 7],
      ],
    );
  });
});

suite('Quoted text is not structure (§1)', () => {
  const AMENDMENT = lines(
    '国务院关于修改部分行政法规的决定', // 0
    '3.将第九条修改为：', // 1
    '“人民法院指定的清算组成员有下列情形之一的，人民法院可以更换：', // 2
    '（一）不履行清算职责的；', // 3
    '（二）利用职权损害债权人利益的。”', // 4
    '4.将第十条修改为：', // 5
    '“清算组应当自成立之日起十日内通知债权人。”', // 6
  );

  test('An amendment quoting new wording keeps 3. as its own heading and the quoted （一）（二） out of the tree', () => {
    assert.deepEqual(tree(AMENDMENT), ['3.将第九条修改为', '4.将第十条修改为']);
  });

  test('The quoted markers are rejected candidates, with the reason quoted', () => {
    assert.deepEqual(
      parse(AMENDMENT).rejected.map((r) => [r.marker.line, r.marker.marker, r.reason]),
      [
        [3, '（一）', 'quoted'],
        [4, '（二）', 'quoted'],
      ],
    );
  });

  test('The quoted lines belong to the section of the heading that quotes them', () => {
    const [three, four] = outlineOf(AMENDMENT);
    assert.deepEqual([three.line, three.endLine, four.line, four.endLine], [1, 4, 5, 6]);
  });

  for (const [open, close] of [
    ['「', '」'],
    ['『', '』'],
  ] as const) {
    test(`Corner brackets ${open}${close} quote too`, () => {
      assert.deepEqual(tree(lines('一、修改条文', `　　${open}第五条　本办法所称……：`, '（一）甲；', `（二）乙。${close}`, '二、施行日期')), ['一、修改条文', '二、施行日期']);
    });
  }

  test('A quotation that closes on its own line quotes nothing after it', () => {
    assert.deepEqual(tree(lines('“我们走吧。”他说。', '一、出发', '（一）准备行装')), ['一、出发', '  （一）准备行装']);
  });

  test('A quotation closing 30 lines after it opens still quotes; at 31 lines it is a stray mark', () => {
    const quoted = (gap: number) => lines('一、引文', '“引用的条文如下：', '（一）甲；', ...Array.from({ length: gap - 2 }, () => '正文。'), '乙。”', '（二）丙');
    assert.deepEqual(tree(quoted(30)), ['一、引文', '  （二）丙']);
    assert.deepEqual(tree(quoted(31)), ['一、引文', '  （一）甲', '  （二）丙']);
  });

  test('A quotation that never closes changes nothing (novels are full of stray marks)', () => {
    assert.deepEqual(tree(lines('一、开头', '“他说到一半就停住了', '（一）其一', '（二）其二')), ['一、开头', '  （一）其一', '  （二）其二']);
  });

  test('An opening mark in the middle of a line does not open a quotation', () => {
    assert.deepEqual(tree(lines('一、修改', '将第九条修改为：“有下列情形之一的：', '（一）甲；', '（二）乙。”')), ['一、修改', '  （一）甲', '  （二）乙']);
  });

  test('Lines after a quotation are headings again', () => {
    assert.deepEqual(tree(lines('“甲', '（一）引文。”', '（二）正文')), ['（二）正文']);
  });

  // Decision: a quotation never holds a chapter. A novel's unclosed “ at the
  // end of a chapter would otherwise hide the next one behind the first ” of
  // its dialogue.
  test('A quotation that would hold a chapter is a stray mark', () => {
    const text = lines('第一章　出发', '“你等等我', '', '第二章　重逢', '“好久不见。”他说。', '（一）不是标题的小节');
    assert.deepEqual(tree(text), ['第一章 出发', '第二章 重逢', '  （一）不是标题的小节']);
  });

  test('Law articles may be quoted: a quotation holding 第X条 still quotes', () => {
    assert.deepEqual(tree(lines('一、增加一条，作为第十条：', '“新增条文：', '第十条　本条新增。”', '二、本决定自公布之日起施行。')), ['一、增加一条，作为第十条', '二、本决定自公布之日起施行']);
  });
});

suite('Items of a law article are one paragraph each (§3)', () => {
  const ARTICLE = lines(
    '第十三条　符合下列情形之一的，方可处理：', // 0
    '（一）取得本人同意；', // 1
    '（二）为履行法定职责所必需：', // 2
    '1.依法调查；', // 3
    '2.依法检查；', // 4
    '（三）法律规定的其他情形。', // 5
    '依照本法其他规定，应当取得同意的，从其规定。', // 6
    '', // 7
    '第十四条　同意应当自愿、明确。', // 8
  );

  test('An item ends with its own line; the unmarked paragraph after the items is the article’s', () => {
    const [article] = outlineOf(ARTICLE);
    assert.equal(article.endLine, 6, 'the new 款 belongs to 第十三条');
    assert.deepEqual(
      article.children.map((h) => [h.name, h.line, h.endLine]),
      [
        ['（一）取得本人同意', 1, 1],
        ['（二）为履行法定职责所必需', 2, 4],
        ['（三）法律规定的其他情形', 5, 5],
      ],
    );
  });

  test('An item with nested items ends with the last of them, each nested item with its own line', () => {
    const second = outlineOf(ARTICLE)[0].children[1];
    assert.deepEqual(
      second.children.map((h) => [h.line, h.endLine]),
      [
        [3, 3],
        [4, 4],
      ],
    );
  });

  test('Items under a chapter inside the article’s section keep the rule at any depth', () => {
    const text = lines('第一章　总则', '第一条　下列用语：', '（一）甲；', '（二）乙。', '前款所称……。', '第二条　其他。');
    const article = outlineOf(text)[0].children[0];
    assert.deepEqual([article.endLine, article.children[1].endLine], [4, 3]);
  });

  test('Outside a law article, an item’s section runs to the next heading as usual', () => {
    const [first] = outlineOf(lines('一、基本情况', '（一）人口', '全市常住人口增长。', '户籍人口略有下降。', '（二）经济', '二、问题'));
    assert.deepEqual(
      first.children.map((h) => [h.line, h.endLine]),
      [
        [1, 3],
        [4, 4],
      ],
    );
  });
});

suite('An article’s 一、 items nest in the article, and articles nest in an 一、 (both rank 5)', () => {
  const TAIWAN = lines(
    '第 一 章 總則', // 0
    '第 2 條', // 1
    '本法用詞，定義如下：', // 2
    '一、甲：指第一種情形。', // 3
    '二、乙：指第二種情形。', // 4
    '（一）乙之細目。', // 5
    '三、丙：指第三種情形。', // 6
    '前項各款，準用第一條之規定。', // 7
    '第 3 條', // 8
    '有下列情形之一者，不適用之：', // 9
    '一、另有規定。', // 10
    '前項情形，得免為告知：', // 11
    '一、依法律規定得免告知。', // 12
    '二、告知將妨害公共利益。', // 13
  );

  test('一、 二、 三、 after 第 2 條 are its children, and 第 3 條 is its sibling', () => {
    assert.deepEqual(tree(TAIWAN), [
      '第 一 章 總則',
      '  第 2 條',
      '    一、甲：指第一種情形',
      '    二、乙：指第二種情形',
      '      （一）乙之細目',
      '    三、丙：指第三種情形',
      '  第 3 條',
      '    一、另有規定',
      '    一、依法律規定得免告知',
      '    二、告知將妨害公共利益',
    ]);
  });

  test('Each 款 is one paragraph; the unmarked paragraph after them belongs to the article', () => {
    const article = outlineOf(TAIWAN)[0].children[0];
    assert.equal(article.endLine, 7);
    assert.deepEqual(
      article.children.map((h) => [h.line, h.endLine]),
      [
        [3, 3],
        [4, 5],
        [6, 6],
      ],
    );
  });

  test('Articles after an 一、 nest in it, and an 二、 that continues that list is not taken into the article before it', () => {
    assert.deepEqual(tree(lines('一、总则', '第一条　为了规范管理，制定本办法。', '第二条　本办法适用于本市。', '二、职责', '第三条　市人民政府负责实施。')), [
      '一、总则',
      '  第一条 为了规范管理，制定本办法',
      '  第二条 本办法适用于本市',
      '二、职责',
      '  第三条 市人民政府负责实施',
    ]);
  });

  test('A 司法解释 grouping its articles under 一、 sections: each article holds its own （一） items', () => {
    const text = lines('一、案件受理', '第一条　人民法院受理下列纠纷：', '（一）甲纠纷；', '（二）乙纠纷。', '第二条　其他。', '二、审理程序', '第三条　审理。');
    assert.deepEqual(
      outlineOf(text).map((h) => [h.name, h.line, h.endLine, h.children.map((c) => [c.name, c.line, c.endLine, c.children.length])]),
      [
        [
          '一、案件受理',
          0,
          4,
          [
            ['第一条 人民法院受理下列纠纷', 1, 3, 2],
            ['第二条 其他', 4, 4, 0],
          ],
        ],
        ['二、审理程序', 5, 6, [['第三条 审理', 6, 6, 0]]],
      ],
    );
  });

  test('The 一、 款 of an article do not take in the next article: 第 3 條 after 三、 is the article’s sibling', () => {
    assert.deepEqual(tree(lines('第 2 條', '一、甲。', '二、乙。', '第 3 條', '一、丙。')), ['第 2 條', '  一、甲', '  二、乙', '第 3 條', '  一、丙']);
  });
});

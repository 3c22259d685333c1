// Heading names and their truncation (docs/headings.md §5).

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { truncateName } from '../../server/src/engine';
import { first, lines, names, parse } from './helpers';

suite('Names (§5)', () => {
  test('The name is the marker plus the title, as written', () => {
    assert.equal(first('三、采取扎实有力措施，打好阻击战')?.name, '三、采取扎实有力措施，打好阻击战');
  });

  test('Each inner run of whitespace is folded to one space, U+3000 included', () => {
    assert.equal(first('第一章　　总　则')?.name, '第一章 总 则');
    assert.equal(first('一、 \t\u3000加强\u00a0\u00a0领导')?.name, '一、 加强 领导');
  });

  test('Indentation and trailing whitespace are not part of the name', () => {
    assert.equal(first('\u3000\u3000（二）健全机制\u3000\u3000  ')?.name, '（二）健全机制');
  });

  test('A run-in title stops before the first 。', () => {
    assert.equal(first('（一）强化联防联控，坚决守住防线。要坚持群防群治，织密防护网。')?.name, '（一）强化联防联控，坚决守住防线');
  });

  for (const [end, label] of [
    ['！', 'full-width ！'],
    ['？', 'full-width ？'],
    ['；', 'full-width ；'],
    ['!', 'half-width !'],
    ['?', 'half-width ?'],
    [';', 'half-width ;'],
  ] as const) {
    test(`A run-in title stops before ${label}`, () => {
      assert.equal(first(`1.抓紧抓实${end}后面的内容不算标题`)?.name, '1.抓紧抓实');
    });
  }

  test('A run-in title stops before the half-width ideographic full stop ｡', () => {
    assert.equal(first('（一）加强组织领导｡要成立工作专班。')?.name, '（一）加强组织领导');
  });

  // Judgement: an ASCII full stop ends the title only before whitespace or the
  // line end, so numbers such as 5.2% and 1.自治区 stay inside titles.
  test('An ASCII full stop followed by a space ends a run-in title', () => {
    assert.equal(first('一是加强领导. 要把责任压实。')?.name, '一是加强领导');
  });

  test('A comma does not end a run-in title', () => {
    assert.equal(first('一是深化改革，扩大开放，激发活力。')?.name, '一是深化改革，扩大开放，激发活力');
  });

  test('A decimal point inside the title does not end it', () => {
    assert.equal(first('1.全年增长5.2%，好于预期')?.name, '1.全年增长5.2%，好于预期');
  });

  test('A trailing ： or : is dropped', () => {
    assert.equal(first('二、主要任务：')?.name, '二、主要任务');
    assert.equal(first('（三）保障措施:')?.name, '（三）保障措施');
    assert.equal(first('附件1：')?.name, '附件1');
  });

  test('Only one trailing colon is dropped, spaces between two or not', () => {
    assert.equal(first('二、主要任务：：')?.name, '二、主要任务：');
    assert.equal(first('二、主要任务： ：')?.name, '二、主要任务：');
  });

  test('A ： inside the title is kept', () => {
    assert.equal(first('第一篇：在全市安全生产工作会议上的讲话')?.name, '第一篇：在全市安全生产工作会议上的讲话');
  });

  test('A title line ending in 篇1 is named by the whole line', () => {
    assert.equal(first('　在全县经济工作会议上的讲话篇1　')?.name, '在全县经济工作会议上的讲话篇1');
  });

  test('A heading with no title is named by its marker', () => {
    assert.deepEqual(names(lines('第二部分', '（三）', '⑤', '后记')), ['第二部分', '（三）', '⑤', '后记']);
  });

  test('The selection ends where the name ends on the line', () => {
    const line = '　　2．优化营商环境。持续深化“放管服”改革。';
    const [h] = parse(line).headings;
    assert.equal(line.slice(h.start, h.titleEnd), '2．优化营商环境');
  });
});

suite('Truncating names (§5)', () => {
  const MAX = 40;

  test('A name of 40 characters or fewer is left alone', () => {
    assert.equal(truncateName('一、总体要求', MAX), '一、总体要求');
    const forty = '一、' + '甲'.repeat(38);
    assert.equal(truncateName(forty, MAX), forty);
  });

  test('A longer name is cut before the last ， among its first 40 characters, and … is appended', () => {
    const name = '（一）坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，不断增强人民群众获得感幸福感安全感';
    assert.ok(Array.from(name).length > MAX);
    assert.equal(truncateName(name, MAX), '（一）坚持以人民为中心的发展思想，着力解决群众急难愁盼问题…');
  });

  for (const mark of ['，', ',', '、', '：']) {
    test(`A cut can be made before ${mark}`, () => {
      const name = `一、${'甲'.repeat(18)}${mark}${'乙'.repeat(30)}`;
      assert.equal(truncateName(name, MAX), `一、${'甲'.repeat(18)}…`);
    });
  }

  test('Other punctuation is not a cut point: the name is cut after 40 characters', () => {
    const name = `一、${'甲'.repeat(18)}——${'乙'.repeat(30)}`;
    assert.equal(truncateName(name, MAX), Array.from(name).slice(0, MAX).join('') + '…');
  });

  test('A cut point that would leave fewer than 10 characters is not used', () => {
    const name = `一、学习贯彻，${'乙'.repeat(50)}`; // the comma is the 7th character
    assert.equal(truncateName(name, MAX), `一、学习贯彻，${'乙'.repeat(33)}…`);
  });

  test('A cut point that leaves exactly 10 characters is used', () => {
    const name = `${'甲'.repeat(10)}，${'乙'.repeat(50)}`;
    assert.equal(truncateName(name, MAX), `${'甲'.repeat(10)}…`);
  });

  test('A cut point after the first 40 characters is not used', () => {
    const name = `${'甲'.repeat(40)}，${'乙'.repeat(5)}`;
    assert.equal(truncateName(name, MAX), `${'甲'.repeat(40)}…`);
  });

  test('A name of exactly 41 characters is cut', () => {
    const name = '甲'.repeat(41);
    assert.equal(truncateName(name, MAX), '甲'.repeat(40) + '…');
  });

  test('Characters outside the BMP count once and are never split', () => {
    const forty = '𠀀'.repeat(40);
    assert.equal(truncateName(forty, MAX), forty, '40 characters are 80 UTF-16 units but not too long');
    assert.equal(truncateName('𠀀'.repeat(45), MAX), '𠀀'.repeat(40) + '…');
  });

  test('The marker counts toward the 40 characters', () => {
    const name = `（十二）${'甲'.repeat(37)}`; // 4 + 37 = 41
    assert.equal(truncateName(name, MAX), `（十二）${'甲'.repeat(36)}…`);
  });

  test('A different maximum is honoured', () => {
    assert.equal(truncateName('一、加强组织领导，健全工作机制', 12), '一、加强组织领导，健全工…', 'the comma would leave 8 characters');
    assert.equal(truncateName('一、加强组织领导工作，健全机制', 12), '一、加强组织领导工作…');
    assert.equal(truncateName('一、加强组织领导，健全工作机制', 100), '一、加强组织领导，健全工作机制');
  });
});

suite('Every kind of whitespace folds in names (§1, §5)', () => {
  test('En spaces after a chapter marker fold to one space: 第一章\\u2002\\u2002一般规定', () => {
    const h = first('第一章\u2002\u2002一般规定');
    assert.equal(h?.style, 'chapter');
    assert.equal(h?.marker, '第一章');
    assert.equal(h?.name, '第一章 一般规定');
  });

  for (const space of ['\u1680', '\u2000', '\u2005', '\u2009', '\u200a', '\u202f', '\u205f', '\u3000\u2002']) {
    test(`U+${space.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} inside a title folds to one space`, () => {
      assert.equal(first(`一、加强${space}领导`)?.name, '一、加强 领导');
    });
  }

  // Decision: a zero-width character showed as nothing, so a run of only such
  // characters is dropped; with a visible space in the run it folds to one space.
  test('A run of zero-width characters inside a title is dropped', () => {
    assert.equal(first('一、加强\u200b领\u200d\u2060导')?.name, '一、加强领导');
    assert.equal(first('一、加强\u200b \u200b领导')?.name, '一、加强 领导');
  });

  test('Trailing en spaces and zero-width spaces are not part of the name or the selection', () => {
    const line = '（三）保障措施\u2002\u200b\ufeff';
    const h = first(line);
    assert.equal(h?.name, '（三）保障措施');
    assert.equal(line.slice(h!.start, h!.titleEnd), '（三）保障措施');
  });
});

suite('An 附件 line takes its title from the next line (§2)', () => {
  test('附件1： followed by its title is named 附件1 信息宣传联络员登记表; the selection stays on its own line', () => {
    const text = lines('附件1：', '信息宣传联络员登记表', '姓名、单位、电话。');
    const [h] = parse(text).headings;
    assert.equal(h.name, '附件1 信息宣传联络员登记表');
    assert.equal(h.line, 0);
    assert.equal(text.split('\n')[0].slice(h.start, h.titleEnd), '附件1');
    assert.equal(h.endLine, 2);
  });

  for (const [label, text, name] of [
    ['a bare 附件1', lines('附件1', '信息宣传联络员登记表'), '附件1 信息宣传联络员登记表'],
    ['附件 with no number', lines('附件', '全市重点项目清单'), '附件 全市重点项目清单'],
    ['附件 2： with a space', lines('附件 2：', '年度考核办法'), '附件 2 年度考核办法'],
    ['blank lines before the title', lines('附件3', '', '　　', '  经费预算表  '), '附件3 经费预算表'],
    ['a title with inner spaces', lines('附件1', '某某市　信息员　登记表'), '附件1 某某市 信息员 登记表'],
    ['a title of exactly 40 characters', lines('附件1', '表'.repeat(40)), `附件1 ${'表'.repeat(40)}`],
    ['a trailing colon left out, as in any name (§5)', lines('附件1', '经费预算表：'), '附件1 经费预算表'],
    ['a title line ending in 篇1 has its own title and takes none', lines('讲话篇1', '一方面:'), '讲话篇1'],
    ['a title ending in ：, which is dropped as in §5', lines('附件2', '填表说明：', '一、…'), '附件2 填表说明'],
  ] as const) {
    test(`The next line is the title: ${label}`, () => {
      assert.equal(parse(text).headings[0]?.name, name);
    });
  }

  for (const [label, text] of [
    ['the next line has clause punctuation', lines('附件1', '请各单位于3月底前报送，逾期不候。')],
    ['the next line ends a sentence', lines('附件1', '信息员登记表。')],
    ['the next line has a half-width ; or ,', lines('附件1', '登记表;报送表,汇总表')],
    ['the next line is longer than 40 characters', lines('附件1', '表'.repeat(41))],
    ['the next line is itself a heading', lines('附件1', '一、基本情况')],
    ['the next line is another 附件', lines('附件1', '附件2')],
    ['there is no next line', lines('附件1', '', '')],
    ['the next line is a rule of dashes', lines('附件1', '------')],
    ['the next line is a row of stars', lines('附件1', '＊＊＊')],
  ] as const) {
    test(`An 附件 line keeps its own name when ${label}`, () => {
      assert.equal(parse(text).headings[0]?.name, text.split('\n')[0]);
    });
  }

  test('An 附件 line with a title of its own keeps it', () => {
    assert.equal(parse(lines('附件1：名词解释', '信息宣传联络员登记表')).headings[0]?.name, '附件1：名词解释');
  });

  test('附录 does not take a title from the next line; only 附件 does', () => {
    assert.equal(parse(lines('附录二', '名词解释')).headings[0]?.name, '附录二');
  });

  // Decision: a bare chapter-level marker does what a bare 附件 does (ordinances
  // print 第 2 部 over its title; text taken from a PDF puts 总则 under 第一章).
  for (const [label, text, name] of [
    ['a part of an ordinance', lines('第 2 部', '對營辦安老院的限制', '6. 安老院須領有牌照'), '第 2 部 對營辦安老院的限制'],
    ['a chapter over its title, with a blank line between', lines('第一章', '', '总　则', '第一条　为了规范管理，制定本办法。'), '第一章 总 则'],
    ['a section', lines('第二节', '一般规定'), '第二节 一般规定'],
    ['a volume of a novel', lines('第一卷', '少年游', '山路崎岖，他走了一整天。'), '第一卷 少年游'],
  ] as const) {
    test(`A bare chapter-level marker takes its title from the next line: ${label}`, () => {
      const [h] = parse(text).headings;
      assert.equal(h.name, name);
      assert.equal(text.split('\n')[0].slice(h.start, h.titleEnd), text.split('\n')[0].trim());
    });
  }

  for (const [label, text] of [
    ['the next line is a sentence', lines('第一章', '他醒来的时候，天已经亮了。')],
    ['the next line is an article', lines('第二章', '第五条　本办法自公布之日起施行。')],
    ['the next line is an item', lines('第二部分', '（三）保障措施')],
    ['the marker has a title of its own', lines('第一章　总则', '附则')],
  ] as const) {
    test(`A chapter-level marker keeps its own name when ${label}`, () => {
      assert.equal(parse(text).headings[0].name, text.split('\n')[0].replace(/\u3000/g, ' '));
    });
  }

  test('A title line ending in 篇1 is a title already and takes none from the next line', () => {
    assert.equal(parse(lines('在全市工作会议上的讲话篇1', '同志们')).headings[0].name, '在全市工作会议上的讲话篇1');
  });

  test('A bare law article does not take the next line as its title: its next line is its text', () => {
    assert.equal(parse(lines('第 1 條', '為規範個人資料之蒐集，特制定本法')).headings[0].name, '第 1 條');
  });
});

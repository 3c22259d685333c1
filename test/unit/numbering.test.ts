// Numbering checks and their fixes (docs/headings.md §7;
// server/src/engine/numbering.ts and friends).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, test } from 'node:test';
import {
  NUMBERING_MESSAGES,
  NumberingDiagnostic,
  NumberingOptions,
  PlainTextDocument,
  applyEdits,
  checkNumbering,
  fixAllNumbering,
  messageKey,
  numberingFixes,
  numberingMessage,
  parseOutline,
  renumberDocument,
} from '../../server/src/engine';
import { lines, repoRoot, splitLines } from './helpers';

function docOf(text: string): PlainTextDocument {
  return new PlainTextDocument('file:///numbering.txt', text);
}

function diagnosticsOf(text: string, options?: NumberingOptions): NumberingDiagnostic[] {
  const doc = docOf(text);
  return checkNumbering(doc, parseOutline(doc), options);
}

/** Each diagnostic as [code, line, the text its range covers, expected]. */
function check(text: string, options?: NumberingOptions): [string, number, string, string | undefined][] {
  const docLines = splitLines(text);
  return diagnosticsOf(text, options).map((d) => [d.code, d.line, docLines[d.line].slice(d.start, d.end), d.expected]);
}

/** The text each diagnostic's related ranges cover. */
function relatedOf(text: string, code: string): string[][] {
  const docLines = splitLines(text);
  return diagnosticsOf(text)
    .filter((d) => d.code === code)
    .map((d) => (d.related ?? []).map((r) => `${r.line}:${docLines[r.line].slice(r.start, r.end)}`));
}

/** The text after the preferred fix of the first diagnostic with `code`. */
function fixed(text: string, code: string, options?: NumberingOptions): string {
  const doc = docOf(text);
  const outline = parseOutline(doc);
  const d = checkNumbering(doc, outline, options).find((x) => x.code === code);
  assert.ok(d, `a ${code} diagnostic`);
  const [fix] = numberingFixes(doc, outline, d, options);
  assert.ok(fix, `a fix for ${code}`);
  assert.equal(fix.preferred, true);
  return applyEdits(text, fix.edits);
}

function fixesOf(text: string, code: string): number {
  const doc = docOf(text);
  const outline = parseOutline(doc);
  const d = checkNumbering(doc, outline).find((x) => x.code === code);
  assert.ok(d, `a ${code} diagnostic`);
  return numberingFixes(doc, outline, d).length;
}

function fixAll(text: string, options?: NumberingOptions): string {
  const doc = docOf(text);
  return applyEdits(text, fixAllNumbering(doc, parseOutline(doc), options));
}

const NO_GBT: NumberingOptions = { gbt9704: false };
/** 一、 … 八、: a list that reaches 九 numbered right. */
const ONE_TO_EIGHT = ['一', '二', '三', '四', '五', '六', '七', '八'].map((n) => `${n}、项`);

suite('numbering.skipped (§7)', () => {
  test('一、二、四、: on 四、, expected 三、, compared with 二、', () => {
    const text = lines('一、甲', '二、乙', '四、丁');
    assert.deepEqual(check(text), [['numbering.skipped', 2, '四、', '三、']]);
    assert.deepEqual(relatedOf(text, 'numbering.skipped'), [['1:二、']]);
  });

  test('A skipped enumeration point is in the tree and reported: 一是 二是 四是', () => {
    assert.deepEqual(check(lines('一是摸清底数。', '二是建立台账。', '四是销号管理。')), [['numbering.skipped', 2, '四是', '三是']]);
  });

  test('Law articles are numbered through the chapters: 第四条 after 第二条 in the next chapter', () => {
    const text = lines('第一章　总则', '第一条　甲。', '第二条　乙。', '第二章　分则', '第四条　丁。');
    assert.deepEqual(check(text), [['numbering.skipped', 4, '第四条', '第三条']]);
  });

  test('Chinese numerals past 十 and 百 are written as the list writes them', () => {
    assert.deepEqual(check(lines(...ONE_TO_EIGHT, '九、甲', '十、乙', '十二、丁')), [['numbering.skipped', 10, '十二、', '十一、']]);
    assert.deepEqual(check(lines('第一百零四条　甲。', '第一百零六条　丙。')), [['numbering.skipped', 1, '第一百零六条', '第一百零五条']]);
  });

  test('Full-width digits and circled numbers: the expected marker in the list’s own kind', () => {
    assert.deepEqual(check(lines('１．甲', '２．乙', '４．丁'), NO_GBT), [['numbering.skipped', 2, '４．', '３．']]);
    assert.deepEqual(check(lines('①甲', '②乙', '④丁')), [['numbering.skipped', 2, '④', '③']]);
  });

  test('Chapters numbered through the volumes are consecutive; a chapter missing at the boundary is a skip', () => {
    assert.deepEqual(check(lines('第一卷　上', '第一章　甲', '第二章　乙', '第二卷　下', '第三章　丙', '第四章　丁')), []);
    assert.deepEqual(check(lines('第一卷　上', '第一章　甲', '第二章　乙', '第二卷　下', '第四章　丁')), [['numbering.skipped', 4, '第四章', '第三章']]);
    assert.deepEqual(relatedOf(lines('第一卷　上', '第一章　甲', '第二章　乙', '第二卷　下', '第四章　丁'), 'numbering.skipped'), [['2:第二章']]);
  });

  test('The 附件说明’s inline 1. is the first item: 附件：1. then 3. skips 2.', () => {
    assert.deepEqual(check(lines('附件：1.甲表', '　　3.丙表')), [['numbering.skipped', 1, '3.', '2.']]);
    assert.deepEqual(check(lines('附件：1.甲表', '　　2.乙表', '　　3.丙表')), []);
  });

  test('An inserted article 第十条之一 does not count', () => {
    assert.deepEqual(check(lines('第十条　甲。', '第十条之一　甲一。', '第十一条　乙。')), []);
  });
});

suite('numbering.repeated (§7)', () => {
  test('（一）（二）（二）: on the second （二）, expected （三）, compared with the first', () => {
    const text = lines('（一）甲', '（二）乙', '（二）丙');
    assert.deepEqual(check(text), [['numbering.repeated', 2, '（二）', '（三）']]);
    assert.deepEqual(relatedOf(text, 'numbering.repeated'), [['1:（二）']]);
  });

  test('A repeated enumeration point: 一是 二是 二是', () => {
    assert.deepEqual(check(lines('一是甲。', '二是乙。', '二是丙。')), [['numbering.repeated', 2, '二是', '三是']]);
  });

  test('The 项 of a law article restart in each 款: no repeat', () => {
    const text = lines('第十条　有下列情形之一的，应当报告：', '（一）甲；', '（二）乙。', '有下列情形之一的，可以不报告：', '（一）丙；', '（二）丁。');
    assert.deepEqual(check(text), []);
  });
});

suite('numbering.start (§7)', () => {
  test('A list that starts at 二、: on its first item, expected 一、', () => {
    assert.deepEqual(check(lines('二、乙', '三、丙')), [['numbering.start', 0, '二、', '一、']]);
  });

  test('Law articles never get numbering.start, nor the outermost divisions: a book of a code starts where it starts', () => {
    assert.deepEqual(check(lines('第五编　婚姻家庭', '第一章　一般规定', '第一千零四十条　甲。', '第一千零四十一条　乙。')), []);
    assert.deepEqual(check(lines('第三章　罚则', '第三十条　甲。', '第三十一条　乙。', '第四章　附则', '第三十二条　丙。')), []);
  });

  test('Inside a book of a code, chapters are checked as any list', () => {
    assert.deepEqual(check(lines('第五编　婚姻家庭', '第二章　结婚', '第一千零四十六条　甲。', '第三章　家庭关系', '第一千零四十七条　乙。')), [['numbering.start', 1, '第二章', '第一章']]);
    assert.deepEqual(check(lines('第三章　罚则', '第三十条　甲。', '第五章　附则', '第三十一条　乙。')), [['numbering.skipped', 2, '第五章', '第四章']]);
  });

  test('Outside a law, a volume that starts at 2 does get numbering.start', () => {
    assert.deepEqual(check(lines('第二卷　风起', '第一章　甲', '第二章　乙')), [['numbering.start', 0, '第二卷', '第一卷']]);
  });

  test('Chapters of a second volume that start again at 1 are fine; at 2 they are not', () => {
    assert.deepEqual(check(lines('第一卷', '第一章　甲', '第二章　乙', '第二卷', '第一章　丙')), []);
    assert.deepEqual(check(lines('第一卷', '第一章　甲', '第二章　乙', '第三章　丙', '第二卷', '第二章　丁')), [['numbering.start', 5, '第二章', '第一章']]);
  });
});

suite('numbering.form (§7)', () => {
  for (const [label, text, at, expected] of [
    ['bracket width', lines('（一）甲', '(二)乙', '（三）丙'), '(二)', '（二）'],
    ['mixed brackets', lines('（一）甲', '(二）乙'), '(二）', '（二）'],
    ['punctuation', lines('1.甲', '2、乙', '3.丙'), '2、', '2.'],
    ['digit width', lines('1.甲', '２.乙'), '２.', '2.'],
    ['numeral kind', lines('一、甲', '贰、乙'), '贰、', '二、'],
    ['an enclosed numeral', lines('（一）甲', '㈡乙'), '㈡', '（二）'],
    ['ordinal punctuation', lines('第一，甲。', '第二、乙。'), '第二、', '第二，'],
    ['a law article in digits', lines('第一条　甲。', '第2条　乙。'), '第2条', '第二条'],
  ] as const) {
    test(`A marker written differently from the first item (${label}): on ${at}, expected ${expected}`, () => {
      const found = check(text).filter(([code]) => code === 'numbering.form');
      assert.deepEqual(found.map(([, , range, exp]) => [range, exp]), [[at, expected]]);
    });
  }

  test('The word of a point may change along its list: 三关于 四是关于 is no slip', () => {
    assert.deepEqual(check(lines('一关于甲。', '二关于乙。', '三关于丙。', '四是关于丁。')), []);
  });

  test('Title lines 讲话篇1 and a 第三篇 in one collection are both ways to number an article', () => {
    assert.deepEqual(check(lines('在甲会议上的讲话篇1', '在乙会议上的讲话篇2', '第三篇：在丙会议上的讲话')), []);
  });

  test('Inner whitespace is no difference: 第 三 章 after 第一章', () => {
    assert.deepEqual(check(lines('第一章　甲', '第二章　乙', '第 三 章　丙')), []);
  });
});

suite('numbering.order (§7)', () => {
  test('（一） before the first 一、 under one parent: on 一、', () => {
    const text = lines('（一）甲', '一、乙', '二、丙');
    assert.deepEqual(check(text), [['numbering.order', 1, '一、', undefined]]);
    assert.deepEqual(relatedOf(text, 'numbering.order'), [['0:（一）']]);
  });

  test('Levels in order get none, and neither do chapters, articles or points', () => {
    assert.deepEqual(check(lines('一、甲', '（一）乙', '1.丙', '（1）丁', '二、戊')), []);
    assert.deepEqual(check(lines('一是甲。', '一、乙')), []);
  });
});

suite('numbering.gbt9704 (§7)', () => {
  test('A list written 1、: an Information on its first item, expected 1.', () => {
    const d = diagnosticsOf(lines('一、甲', '1、乙', '2、丙'));
    assert.deepEqual(d.map((x) => [x.code, x.severity, x.line, x.expected]), [['numbering.gbt9704', 'information', 1, '1.']]);
  });

  for (const [form, text, range, expected] of [
    ['一.', lines('一.甲', '二.乙'), '一.', '一、'],
    ['（一）、', lines('（一）、甲', '（二）、乙'), '（一）、', '（一）'],
    ['(1) with half-width brackets', lines('(1)甲', '(2)乙'), '(1)', '（1）'],
    ['1) with one bracket', lines('1)甲', '2)乙'), '1)', '（1）'],
    ['full-width digits', lines('１.甲', '２.乙'), '１.', '1.'],
  ] as const) {
    test(`${form} is not the 公文 form: the range covers ${range}, expected ${expected}`, () => {
      assert.deepEqual(check(text), [['numbering.gbt9704', 0, range, expected]]);
    });
  }

  test('The standard forms 一、 （一） 1. 1． （1） get none', () => {
    assert.deepEqual(check(lines('一、甲', '（一）乙', '1.丙', '2.丁', '（1）戊', '二、己', '1．庚', '2．辛')), []);
  });

  test('Laws keep their own forms: the ㈠ items of an article get none', () => {
    assert.deepEqual(check(lines('第五条　下列技术：', '㈠甲；', '㈡乙。')), []);
  });

  test('The setting off turns it off', () => {
    assert.deepEqual(check(lines('1、甲', '2、乙'), NO_GBT), []);
  });

  test('A marker reported by numbering.form gets no gbt9704: the first item sets the form', () => {
    assert.deepEqual(check(lines('1.甲', '2、乙')).map(([code]) => code), ['numbering.form']);
  });
});

suite('toc.mismatch (§7)', () => {
  const body = ['第一章　总则', '第一条　甲。', '第二章　分则', '第二条　乙。', '第三章　附则', '第三条　丙。'];

  test('A table of contents that matches the body gets none, page numbers and all', () => {
    assert.deepEqual(check(lines('目　录', '第一章　总则……1', '第二章　分则……3', '第三章　附则……5', '', ...body)), []);
  });

  test('An entry no body heading repeats: on the entry', () => {
    const text = lines('目录', '第一章　总则', '第二章　分则', '第三章　罚则', '第三章　附则', '', ...body);
    assert.deepEqual(check(text).filter(([code]) => code === 'toc.mismatch'), [['toc.mismatch', 3, '第三章　罚则', undefined]]);
  });

  test('A body heading the 目录 lacks: on the 目录 line, pointing at the heading', () => {
    const text = lines('目录', '第一章　总则', '第三章　附则', '', ...body);
    assert.deepEqual(check(text), [['toc.mismatch', 0, '目录', undefined]]);
    assert.deepEqual(relatedOf(text, 'toc.mismatch'), [['6:第二章　分则']]);
  });

  test('Entries in another order than the body: on the entry out of place', () => {
    const text = lines('目录', '第一章　总则', '第三章　附则', '第二章　分则', '', ...body);
    assert.deepEqual(check(text), [['toc.mismatch', 3, '第二章　分则', undefined]]);
  });

  test('The fix rewrites the entries from the body, keeping the page numbers and indentation of unchanged ones', () => {
    const text = lines('目录', '第一章　总则……1', '　　第一节　通则……2', '第三章　附则……9', '', '第一章　总则', '第一节　通则', '第一条　甲。', '第二章　分则', '第二条　乙。', '第三章　附则', '第三条　丙。');
    assert.equal(
      fixed(text, 'toc.mismatch'),
      lines('目录', '第一章　总则……1', '　　第一节　通则……2', '第二章　分则', '第三章　附则……9', '', '第一章　总则', '第一节　通则', '第一条　甲。', '第二章　分则', '第二条　乙。', '第三章　附则', '第三条　丙。'),
    );
  });
});

suite('attachment.mismatch (§7)', () => {
  test('The 附件说明 and the attachments agree: none', () => {
    assert.deepEqual(check(lines('附件：1.联络员登记表', '　　2.宣传申报单', '', '附件1', '联络员登记表', '附件2', '宣传申报单')), []);
  });

  test('Titles may be shortened in the 附件说明: 质监局 for 质量技术监督局', () => {
    assert.deepEqual(check(lines('附件：1.自治区质监局联络员登记表', '　　2.自治区质监局宣传申报单', '附件1：', '自治区质量技术监督局联络员登记表', '附件2：', '自治区质量技术监督局宣传申报单')), []);
  });

  test('An attachment listed but missing: on the 附件： line', () => {
    const text = lines('附件：1.甲表', '　　2.乙表', '　　3.丙表', '附件1：甲表', '附件2：乙表');
    assert.deepEqual(check(text), [['attachment.mismatch', 0, '附件', undefined]]);
    assert.equal(numberingMessage(diagnosticsOf(text)[0], 'zh-cn'), '附件说明列出 3 个附件，正文只有 2 个');
  });

  test('An attachment not listed: on that 附件N', () => {
    assert.deepEqual(check(lines('附件：1.甲表', '　　2.乙表', '附件1：甲表', '附件2：乙表', '附件3：丙表')), [['attachment.mismatch', 4, '附件3', undefined]]);
  });

  test('A title that disagrees: on the first 附件N that does', () => {
    const text = lines('附件：1.联络员登记表', '　　2.宣传申报单', '附件1：联络员登记表', '附件2：年度考核细则');
    assert.deepEqual(check(text), [['attachment.mismatch', 3, '附件2', undefined]]);
    assert.equal(numberingMessage(diagnosticsOf(text)[0], 'en'), 'The 附件说明 lists this attachment as 宣传申报单');
  });

  test('Attachments in another order: on the first out of place', () => {
    const text = lines('附件：1.联络员登记表', '　　2.宣传申报单', '附件1：宣传申报单', '附件2：联络员登记表');
    assert.deepEqual(check(text), [['attachment.mismatch', 2, '附件1', undefined]]);
  });

  test('Each points at the item it was compared with: the listed item, or the 附件： line for one not listed', () => {
    assert.deepEqual(relatedOf(lines('附件：1.甲表', '　　2.乙表', '　　3.丙表', '附件1：甲表', '附件2：乙表'), 'attachment.mismatch'), [['2:3.']]);
    assert.deepEqual(relatedOf(lines('附件：1.甲表', '　　2.乙表', '附件1：甲表', '附件2：乙表', '附件3：丙表'), 'attachment.mismatch'), [['0:附件']]);
    assert.deepEqual(relatedOf(lines('附件：1.联络员登记表', '　　2.宣传申报单', '附件1：联络员登记表', '附件2：年度考核细则'), 'attachment.mismatch'), [['1:2.']]);
    assert.deepEqual(relatedOf(lines('附件：1.联络员登记表', '　　2.宣传申报单', '附件1：宣传申报单', '附件2：联络员登记表'), 'attachment.mismatch'), [['1:2.']]);
  });

  test('An attachment numbered other than its place in the 附件说明: on that 附件N, with the number it is listed under', () => {
    const text = lines('附件：1.联络员登记表', '　　2.宣传申报单', '附件1：联络员登记表', '附件3：宣传申报单');
    const [d] = diagnosticsOf(text).filter((x) => x.code === 'attachment.mismatch');
    assert.deepEqual([d.detail, d.line], ['number', 3]);
    assert.deepEqual(relatedOf(text, 'attachment.mismatch'), [['1:2.']]);
    assert.equal(numberingMessage(d, 'zh-cn'), '附件3 在附件说明中的序号为 2');
    assert.equal(numberingMessage(d, 'en'), '附件3 is listed as attachment 2');
  });

  test('A 附件说明 whose attachments are kept elsewhere (none follow) gets none', () => {
    assert.deepEqual(check(lines('附件：1.甲表', '　　2.乙表')), []);
  });
});

suite('docnumber.form and date.form (§7)', () => {
  for (const [written, expected] of [
    ['某政发[2024]3号', '某政发〔2024〕3号'],
    ['某政发【2024】3号', '某政发〔2024〕3号'],
    ['某政发（2024）3号', '某政发〔2024〕3号'],
    ['某政发(2024)3号', '某政发〔2024〕3号'],
    ['某政发〔24〕3号', '某政发〔2024〕3号'],
    ['某政发〔2024〕03号', '某政发〔2024〕3号'],
    ['某政发〔2024〕第3号', '某政发〔2024〕3号'],
  ] as const) {
    test(`发文字号 ${written}: on the number, expected ${expected}, and the fix writes it`, () => {
      const text = lines('某市人民政府文件', `　　${written}`, '关于某事的通知');
      assert.deepEqual(check(text), [['docnumber.form', 1, written, expected]]);
      assert.equal(fixed(text, 'docnumber.form'), lines('某市人民政府文件', `　　${expected}`, '关于某事的通知'));
    });
  }

  test('A 发文字号 in the standard form gets none, in the brackets of a database export too', () => {
    assert.deepEqual(check(lines('某政发〔2024〕3号', '（新质监办发〔2012〕24号）', '某办函〔2024〕12号　　签发人：张三')), []);
  });

  test('A 发文字号 in running text is not a 发文字号 line', () => {
    assert.deepEqual(check('根据某政发[2024]3号文件精神，现通知如下。'), []);
  });

  test('成文日期 2024年01月05日 alone on its line: expected 2024年1月5日', () => {
    const text = lines('某市人民政府', '　　　　2024年01月05日');
    assert.deepEqual(check(text), [['date.form', 1, '2024年01月05日', '2024年1月5日']]);
    assert.equal(fixed(text, 'date.form'), lines('某市人民政府', '　　　　2024年1月5日'));
  });

  test('Dates written right, dates in sentences and dates in Chinese numerals get none', () => {
    assert.deepEqual(check(lines('2024年1月5日', '会议于2024年01月05日召开。', '二〇二四年一月五日')), []);
  });
});

suite('Quick fixes of list slips (§7)', () => {
  test('Renumber the list: 一、二、四、五、 becomes 一、二、三、四、, nothing else changes', () => {
    assert.equal(fixed(lines('一、甲', '正文。', '二、乙', '四、丁', '五、戊'), 'numbering.skipped'), lines('一、甲', '正文。', '二、乙', '三、丁', '四、戊'));
  });

  test('Renumbering writes Chinese numerals past 十 in the list’s own style', () => {
    assert.equal(fixed(lines(...ONE_TO_EIGHT, '九、甲', '十、乙', '十二、丙', '十三、丁'), 'numbering.skipped'), lines(...ONE_TO_EIGHT, '九、甲', '十、乙', '十一、丙', '十二、丁'));
    const hundred = Array.from({ length: 98 }, (_, i) => `第${i + 1}条　甲。`);
    assert.equal(fixed(lines('第一百零三条　甲。', '第一百零五条　乙。'), 'numbering.skipped'), lines('第一百零三条　甲。', '第一百零四条　乙。'));
    assert.equal(fixed(lines(...hundred, '第九十九条　甲。', '第101条　乙。'), 'numbering.skipped'), lines(...hundred, '第九十九条　甲。', '第100条　乙。'));
  });

  test('Renumbering keeps each marker’s brackets and punctuation', () => {
    assert.equal(fixed(lines('（一）甲', '(二)乙', '（四）丁'), 'numbering.skipped', NO_GBT), lines('（一）甲', '(二)乙', '（三）丁'));
  });

  test('Renumbering a list that starts at 二、 and a repeated point', () => {
    assert.equal(fixed(lines('二、乙', '三、丙'), 'numbering.start'), lines('一、乙', '二、丙'));
    assert.equal(fixed(lines('一是甲。', '二是乙。', '二是丙。', '三是丁。'), 'numbering.repeated'), lines('一是甲。', '二是乙。', '三是丙。', '四是丁。'));
  });

  test('Renumbering full-width digits, circled numbers past ⑳ and law articles', () => {
    assert.equal(fixed(lines('１．甲', '３．乙'), 'numbering.skipped', NO_GBT), lines('１．甲', '２．乙'));
    const circled = Array.from({ length: 19 }, (_, i) => `${String.fromCharCode(0x2460 + i)}项`); // ① … ⑲
    assert.equal(fixed(lines(...circled, '⑳乙', '⑳丙'), 'numbering.repeated'), lines(...circled, '⑳乙', '㉑丙'));
    assert.equal(fixed(lines('第一条　甲。', '第三条　乙。', '第四条　丙。'), 'numbering.skipped'), lines('第一条　甲。', '第二条　乙。', '第三条　丙。'));
  });

  test('Renumbering financial numerals 壹贰 in their own kind', () => {
    assert.equal(fixed(lines('壹、甲', '贰、乙', '肆、丁', '伍、戊'), 'numbering.skipped', NO_GBT), lines('壹、甲', '贰、乙', '叁、丁', '肆、戊'));
    assert.equal(fixed(lines('壹、总则', '贰、分则', '贰、附则'), 'numbering.repeated', NO_GBT), lines('壹、总则', '贰、分则', '叁、附则'));
  });

  test('Write this marker as the list’s first item', () => {
    assert.equal(fixed(lines('（一）甲', '(二)乙', '（三）丙'), 'numbering.form'), lines('（一）甲', '（二）乙', '（三）丙'));
    assert.equal(fixed(lines('第一章　甲', '第2章　乙'), 'numbering.form'), lines('第一章　甲', '第二章　乙'));
  });

  test('Write the whole list in the GB/T 9704 form', () => {
    assert.equal(fixed(lines('1、甲', '2、乙', '3.丙'), 'numbering.gbt9704'), lines('1.甲', '2.乙', '3.丙'));
    assert.equal(fixed(lines('（一）、甲', '(二)、乙'), 'numbering.gbt9704'), lines('（一）甲', '（二）乙'));
  });

  test('No fix is offered that would change what the line is: 1、5G written 1. would read as a decimal', () => {
    assert.equal(fixesOf(lines('1.甲', '2、5G网络'), 'numbering.form'), 0);
  });

  test('The 附件说明’s lead is renumbered with its list', () => {
    assert.equal(fixed(lines('附件：2.甲表', '　　3.乙表'), 'numbering.start'), lines('附件：1.甲表', '　　2.乙表'));
  });

  test('Renumbering chapters a 目录 lists renumbers its entries too, so the 目录 still repeats the body', () => {
    const text = lines('目录', '第二章　甲……1', '第三章　乙……4', '', '第二章　甲', '第三章　乙');
    assert.equal(fixed(text, 'numbering.start'), lines('目录', '第一章　甲……1', '第二章　乙……4', '', '第一章　甲', '第二章　乙'));
  });

  test('A fix that would change the tree is not offered, and fix all leaves those lists: a 目录 listing one chapter line twice', () => {
    // After renumbering, the second entry would repeat the first, and the table of contents would end there (§3).
    const text = lines('目录', '第二章　甲', '第三章　乙', '第一章　甲', '', '第二章　甲', '第三章　乙', '第一章　甲');
    assert.equal(fixesOf(text, 'numbering.start'), 0);
    assert.equal(fixAll(text), text);
  });

  test('numbering.order and attachment.mismatch offer no fix', () => {
    assert.equal(fixesOf(lines('（一）甲', '一、乙'), 'numbering.order'), 0);
    assert.equal(fixesOf(lines('附件：1.甲表', '　　2.乙表', '附件1：甲表'), 'attachment.mismatch'), 0);
  });
});

suite('Fix all and renumber the document (§7)', () => {
  test('Every list renumbered and written as its first item, in one set of edits', () => {
    const text = lines('一、甲', '（一）子', '(三)丑', '三、乙', '1、细', '1、目', '一是点。', '三是点。');
    assert.equal(fixAll(text, NO_GBT), lines('一、甲', '（一）子', '（二）丑', '二、乙', '1、细', '1、目', '一是点。', '二是点。'));
  });

  test('With the GB/T 9704 check on, a 1、 list is written 1.', () => {
    assert.equal(fixAll(lines('一、甲', '1、细', '3、目')), lines('一、甲', '1.细', '2.目'));
  });

  test('Chapters renumbered through the volumes, and the 目录 kept in step with its page numbers', () => {
    const text = lines('目录', '第一卷……1', '　第一章　甲……1', '　第二章　乙……5', '第二卷……9', '　第四章　丁……9', '', '第一卷', '第一章　甲', '第二章　乙', '第二卷', '第四章　丁');
    assert.equal(fixAll(text), lines('目录', '第一卷……1', '　第一章　甲……1', '　第二章　乙……5', '第二卷……9', '　第三章　丁……9', '', '第一卷', '第一章　甲', '第二章　乙', '第二卷', '第三章　丁'));
  });

  test('发文字号 and 成文日期 are fixed with the lists', () => {
    assert.equal(fixAll(lines('某政发[2024]3号', '一、甲', '三、乙', '2024年01月05日')), lines('某政发〔2024〕3号', '一、甲', '二、乙', '2024年1月5日'));
  });

  test('Renumber the document touches only lists (and the 目录), not 发文字号 or dates', () => {
    const text = lines('某政发[2024]3号', '一、甲', '三、乙', '2024年01月05日');
    const doc = docOf(text);
    assert.equal(applyEdits(text, renumberDocument(doc, parseOutline(doc))), lines('某政发[2024]3号', '一、甲', '二、乙', '2024年01月05日'));
  });

  test('A clean document gets no edits', () => {
    const doc = docOf(lines('一、甲', '（一）子', '（二）丑', '二、乙', '1.细'));
    assert.deepEqual(fixAllNumbering(doc, parseOutline(doc)), []);
  });
});

suite('Ordinals 第一， and stems 甲、 (§4, §7)', () => {
  const names = (text: string) => parseOutline(docOf(text)).headings.map((h) => h.name);

  for (const { kind, rule, points, slips, form } of [
    {
      kind: 'ordinal',
      rule: '§4: 第n continues only a list at n − 1',
      points: ['第一，要稳。', '第二，要进。'],
      slips: ['第四，要实。', '第二，要实。'],
      form: { text: ['第一，要稳。', '第二、要进。', '第三，要实。'], at: '第二、', expected: '第二，', fixed: ['第一，要稳。', '第二，要进。', '第三，要实。'] },
    },
    {
      kind: 'stem',
      rule: '§4: a stem list continues as the ordinals do',
      points: ['甲、稳。', '乙、进。'],
      slips: ['丁、实。', '乙、实。'],
      form: { text: ['（甲）稳。', '(乙)进。', '（丙）实。'], at: '(乙)', expected: '（乙）', fixed: ['（甲）稳。', '（乙）进。', '（丙）实。'] },
    },
  ]) {
    test(`A skipped or repeated ${kind} is prose (${rule}), so it is no heading and no slip`, () => {
      for (const last of slips) {
        const text = lines('一、总体要求', ...points, last);
        assert.deepEqual(names(text), ['一、总体要求', ...points.map((p) => p.slice(0, -1))]);
        assert.deepEqual(check(text), []);
      }
    });

    test(`A ${kind} written differently from the first is numbering.form, and its fix writes it as the first`, () => {
      const text = lines('一、总体要求', ...form.text);
      assert.deepEqual(check(text), [['numbering.form', 2, form.at, form.expected]]);
      assert.equal(fixed(text, 'numbering.form'), lines('一、总体要求', ...form.fixed));
    });
  }

  test('Renumbering the document leaves ordinal and stem lists in sequence as they are', () => {
    const text = lines('一、甲', '第一，稳。', '第二，进。', '三、乙', '甲、稳。', '乙、进。');
    const doc = docOf(text);
    assert.equal(applyEdits(text, renumberDocument(doc, parseOutline(doc))), lines('一、甲', '第一，稳。', '第二，进。', '二、乙', '甲、稳。', '乙、进。'));
  });
});

suite('Messages of the numbering checks', () => {
  test('Each diagnostic has an English and a Chinese message with its expected marker', () => {
    const [d] = diagnosticsOf(lines('一、甲', '二、乙', '四、丁'));
    assert.equal(numberingMessage(d, 'en'), 'Numbering is not consecutive: expected 三、');
    assert.equal(numberingMessage(d, 'zh-cn'), '序号不连续：应为 三、');
  });

  test('Every slip of the sample document has a message of its own in both languages, every placeholder filled, with the expected marker', () => {
    const text = readFileSync(join(repoRoot(), 'seeds', 'numbering-slips.txt'), 'utf8');
    const found = diagnosticsOf(text);
    assert.ok(new Set(found.map((d) => d.code)).size >= 10, 'the sample has one of each code');
    for (const d of found) {
      assert.ok(NUMBERING_MESSAGES[messageKey(d)], `a template for ${messageKey(d)}`);
      for (const locale of ['en', 'zh-cn']) {
        const message = numberingMessage(d, locale);
        assert.doesNotMatch(message, /\{\d\}/, `${d.code} in ${locale}: ${message}`);
        if (d.expected !== undefined) assert.ok(message.includes(d.expected), `${d.code} in ${locale} names ${d.expected}: ${message}`);
      }
      assert.notEqual(numberingMessage(d, 'en'), numberingMessage(d, 'zh-cn'));
    }
  });
});

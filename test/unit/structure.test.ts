// Editing the structure (docs/headings.md §8): each operation on small
// documents of every style, read as the document before and after.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { PlainTextDocument, STRUCTURE_OPERATIONS, STRUCTURE_REFUSALS, editStructure, parseOutline, sectionText, sectionTextRange, structureRefusals } from '../../server/src/engine';
import { applyTextEdits, headingLine, lines, restructure, tree } from './helpers';

const SPEECH = lines(
  '一、总体要求',
  '要坚持稳中求进。',
  '（一）把握形势',
  '（二）明确目标',
  '',
  '二、重点任务',
  '（一）抓项目',
  '1.抓开工',
  '（1）抓手续',
  '①抓审批',
  '',
  '三、保障措施',
  '加强组织领导。',
);

suite('Move up and move down (§8)', () => {
  test('Two sections trade places across the blank line between them, and the list is renumbered', () => {
    assert.equal(
      restructure(SPEECH, 'moveUp', '二、'),
      lines('一、重点任务', '（一）抓项目', '1.抓开工', '（1）抓手续', '①抓审批', '', '二、总体要求', '要坚持稳中求进。', '（一）把握形势', '（二）明确目标', '', '三、保障措施', '加强组织领导。'),
    );
  });

  test('Move down is the same exchange seen from the other section', () => {
    assert.equal(restructure(SPEECH, 'moveDown', '一、'), restructure(SPEECH, 'moveUp', '二、'));
  });

  test('A section moves with its children three levels deep, and blank lines stay where they were', () => {
    const after = restructure(SPEECH, 'moveDown', '二、');
    assert.equal(after, lines('一、总体要求', '要坚持稳中求进。', '（一）把握形势', '（二）明确目标', '', '二、保障措施', '加强组织领导。', '', '三、重点任务', '（一）抓项目', '1.抓开工', '（1）抓手续', '①抓审批'));
  });

  test('Subsections trade places inside their section only', () => {
    assert.equal(restructure(SPEECH, 'moveDown', '（一）把握形势'), lines('一、总体要求', '要坚持稳中求进。', '（一）明确目标', '（二）把握形势', '', '二、重点任务', '（一）抓项目', '1.抓开工', '（1）抓手续', '①抓审批', '', '三、保障措施', '加强组织领导。'));
  });

  test('The first sibling cannot move up and the last cannot move down; nothing changes', () => {
    assert.equal(restructure(SPEECH, 'moveUp', '一、'), 'refused: firstSibling');
    assert.equal(restructure(SPEECH, 'moveDown', '三、'), 'refused: lastSibling');
    assert.equal(restructure(SPEECH, 'moveUp', '（一）抓项目'), 'refused: firstSibling');
    assert.equal(restructure(SPEECH, 'moveDown', '①'), 'refused: lastSibling');
  });

  test('A document without a final line break keeps it that way, and one with a final line break keeps it', () => {
    const text = lines('一、甲', '甲文', '二、乙', '乙文');
    assert.equal(restructure(text, 'moveUp', '二、'), lines('一、乙', '乙文', '二、甲', '甲文'));
    assert.equal(restructure(text + '\n', 'moveUp', '二、'), lines('一、乙', '乙文', '二、甲', '甲文') + '\n');
    assert.equal(restructure(text + '\n\n', 'moveUp', '二、'), lines('一、乙', '乙文', '二、甲', '甲文') + '\n\n');
  });

  test('CRLF documents keep CRLF, lone-CR documents keep CR, and mixed line breaks stay where they are', () => {
    const crlf = ['一、甲', '甲文', '', '二、乙', '乙文'].join('\r\n');
    assert.equal(restructure(crlf, 'moveDown', '一、'), ['一、乙', '乙文', '', '二、甲', '甲文'].join('\r\n'));
    const cr = ['一、甲', '甲文', '二、乙', '乙文', ''].join('\r');
    assert.equal(restructure(cr, 'moveDown', '一、'), ['一、乙', '乙文', '二、甲', '甲文', ''].join('\r'));
    // Each section keeps the breaks inside it; the break between them stays between them.
    assert.equal(restructure('一、甲\r\n甲文\n二、乙\r乙文', 'moveDown', '一、'), '一、乙\r乙文\n二、甲\r\n甲文');
  });

  test('Run-in points trade places within their list, nested points going with their point', () => {
    const text = lines('一、总体', '一是抓好甲。', '一要细。', '二要实。', '二是抓好乙。', '三是抓好丙。');
    assert.equal(restructure(text, 'moveDown', '一是'), lines('一、总体', '一是抓好乙。', '二是抓好甲。', '一要细。', '二要实。', '三是抓好丙。'));
    assert.equal(restructure(text, 'moveUp', '一要'), 'refused: firstSibling');
    assert.equal(restructure(text, 'moveDown', '二要'), 'refused: lastSibling');
  });

  test('Ordinals 第一， trade places and renumber like any list', () => {
    const text = lines('第一章　总论', '第一，要明确方向。', '第二，要抓住重点。');
    assert.equal(restructure(text, 'moveUp', '第二，'), lines('第一章　总论', '第一，要抓住重点。', '第二，要明确方向。'));
  });
});

const LAW = lines(
  '第一章　总则',
  '第一条　为了规范管理，制定本办法。',
  '第二条　本办法适用于本市。',
  '',
  '第二章　管理',
  '第三条　禁止下列行为：',
  '（一）堆放物料；',
  '（二）擅自砍伐。',
  '第四条　违反本办法第三条规定的，责令改正。',
  '',
  '第三章　附则',
  '第五条　本办法自发布之日起施行。',
);

suite('Law articles (§8): numbered continuously through the whole law', () => {
  test('Moving a chapter renumbers every article across the chapters it passes', () => {
    assert.equal(
      restructure(LAW, 'moveUp', '第二章'),
      lines('第一章　管理', '第一条　禁止下列行为：', '（一）堆放物料；', '（二）擅自砍伐。', '第二条　违反本办法第三条规定的，责令改正。', '', '第二章　总则', '第三条　为了规范管理，制定本办法。', '第四条　本办法适用于本市。', '', '第三章　附则', '第五条　本办法自发布之日起施行。'),
    );
  });

  test('Moving an article renumbers it and its neighbour, and says which articles got which numbers', () => {
    const doc = new PlainTextDocument('file:///law.txt', LAW);
    const outline = parseOutline(doc);
    const answer = editStructure(doc, outline, { operation: 'moveUp', line: headingLine(outline, '第四条') });
    assert.ok(answer.ok);
    assert.deepEqual([...answer.articles].sort((a, b) => a[0] - b[0]), [[3, 4], [4, 3]]);
    assert.equal(applyTextEdits(LAW, answer.edits).split('\n').slice(5, 9).join('\n'), lines('第三条　违反本办法第三条规定的，责令改正。', '第四条　禁止下列行为：', '（一）堆放物料；', '（二）擅自砍伐。'));
  });

  test('Inserting an article writes the next number with the separator the law uses, and renumbers the rest', () => {
    const after = restructure(LAW, 'insertAfter', '第二条');
    assert.deepEqual(after.split('\n').slice(1, 5), ['第一条　为了规范管理，制定本办法。', '第二条　本办法适用于本市。', '第三条　', '']);
    assert.deepEqual(after.split('\n').filter((l) => l.startsWith('第') && l.includes('条')).map((l) => l.slice(0, 3)), ['第一条', '第二条', '第三条', '第四条', '第五条', '第六条']);
  });

  test('A law excerpt keeps its first article number (民法典 婚姻家庭编 starts at 第一千零四十条)', () => {
    const text = lines('第一千零四十条　本编调整婚姻家庭关系。', '第一千零四十一条　婚姻家庭受国家保护。', '第一千零四十二条　禁止包办婚姻。');
    assert.equal(restructure(text, 'moveUp', '第一千零四十二条'), lines('第一千零四十条　本编调整婚姻家庭关系。', '第一千零四十一条　禁止包办婚姻。', '第一千零四十二条　婚姻家庭受国家保护。'));
  });

  test('Chapters numbered through the volumes stay so: a move in the second volume renumbers on from the first', () => {
    const text = lines('第一卷　上', '第一章　甲', '第二章　乙', '第二卷　下', '第三章　丙', '第四章　丁');
    assert.equal(restructure(text, 'moveUp', '第四章'), lines('第一卷　上', '第一章　甲', '第二章　乙', '第二卷　下', '第三章　丁', '第四章　丙'));
  });

  test('Deleting a chapter deletes its articles, renumbers the rest and maps the deleted ones to null', () => {
    const doc = new PlainTextDocument('file:///law.txt', LAW);
    const outline = parseOutline(doc);
    const answer = editStructure(doc, outline, { operation: 'delete', line: headingLine(outline, '第二章') });
    assert.ok(answer.ok);
    assert.equal(applyTextEdits(LAW, answer.edits), lines('第一章　总则', '第一条　为了规范管理，制定本办法。', '第二条　本办法适用于本市。', '', '第二章　附则', '第三条　本办法自发布之日起施行。'));
    assert.deepEqual([...answer.articles].sort((a, b) => a[0] - b[0]), [[3, null], [4, null], [5, 3]]);
  });

  test('The edits rewriting references to renumbered articles go in the same edit, wherever their line moves', () => {
    const doc = new PlainTextDocument('file:///law.txt', LAW);
    const outline = parseOutline(doc);
    // A stand-in for §9's renumbering of references: 第三条 on line 8 (inside 第二章, which moves).
    const references = (articles: ReadonlyMap<number, number | null>) => [{ line: 8, start: 9, end: 12, newText: `第${'〇一二三四五'[articles.get(3)!]}条` }];
    const answer = editStructure(doc, outline, { operation: 'moveUp', line: headingLine(outline, '第二章') }, { references });
    assert.ok(answer.ok);
    assert.equal(applyTextEdits(LAW, answer.edits).split('\n')[4], '第二条　违反本办法第一条规定的，责令改正。');
  });

  test('Articles and chapters have no levels: they are not promoted or demoted', () => {
    assert.equal(restructure(LAW, 'demote', '第二条'), 'refused: noLevels');
    assert.equal(restructure(LAW, 'promote', '第二条'), 'refused: noLevels');
    assert.equal(restructure(LAW, 'demote', '第二章'), 'refused: noLevels');
  });

  test('Inserting a subheading in a chapter writes the next article; in an article, the next item', () => {
    const chapter = restructure(LAW, 'insertChild', '第一章').split('\n');
    assert.deepEqual(chapter.slice(2, 4), ['第二条　本办法适用于本市。', '第三条　']);
    assert.equal(chapter.filter((l) => l.startsWith('第六条')).length, 1);
    assert.deepEqual(restructure(LAW, 'insertChild', '第三条').split('\n').slice(6, 9), ['（一）堆放物料；', '（二）擅自砍伐。', '（三）']);
  });
});

const TOC = lines('示例条例', '', '目　　录', '第一章　总则', '第二章　管理', '', '第一章　总则', '第一条　为了规范管理。', '', '第二章　管理', '第二条　禁止堆放。', '');

suite('Documents with a 目录 (§8)', () => {
  test('Moving a chapter never moves the 目录 entries', () => {
    assert.equal(restructure(TOC, 'moveDown', '第一章'), lines('示例条例', '', '目　　录', '第一章　总则', '第二章　管理', '', '第一章　管理', '第一条　禁止堆放。', '', '第二章　总则', '第二条　为了规范管理。', ''));
  });

  test('After 第一章 moves down the 目录 is still read as one: its entries are not chapters', () => {
    const law = lines('示例条例', '', '目　　录', '第一章　总则', '第二章　管理', '第三章　附则', '', '第一章　总则', '第一条　为了规范管理。', '', '第二章　管理', '第二条　禁止堆放。', '', '第三章　附则', '第三条　施行。');
    const after = restructure(law, 'moveDown', '第一章');
    assert.deepEqual(tree(after), ['目 录', '第一章 管理', '  第一条 禁止堆放', '第二章 总则', '  第二条 为了规范管理', '第三章 附则', '  第三条 施行']);
    // And it moves back: the chapter that was first is the body's second, not a 目录 entry.
    assert.equal(restructure(after, 'moveUp', '第二章'), law);
  });

  test('Deleting the 目录 deletes its entries with it', () => {
    assert.equal(restructure(TOC, 'delete', '目'), lines('示例条例', '', '第一章　总则', '第一条　为了规范管理。', '', '第二章　管理', '第二条　禁止堆放。', ''));
  });

  test('A section does not trade places with the 目录, and the 目录 itself stays', () => {
    assert.equal(restructure(TOC, 'moveUp', '第一章'), 'refused: tableOfContents');
    assert.equal(restructure(TOC, 'moveDown', '目'), 'refused: tableOfContents');
  });
});

suite('Demote (§8)', () => {
  test('The section becomes the last child of its previous sibling, in the style of that sibling’s children, its own children one level deeper', () => {
    const text = SPEECH.replace('\n①抓审批', '');
    assert.equal(
      restructure(text, 'demote', '二、'),
      lines('一、总体要求', '要坚持稳中求进。', '（一）把握形势', '（二）明确目标', '', '（三）重点任务', '1.抓项目', '（1）抓开工', '①抓手续', '', '二、保障措施', '加强组织领导。'),
    );
  });

  test('A section whose children would go past ① is not demoted', () => {
    assert.equal(restructure(SPEECH, 'demote', '二、'), 'refused: tooDeep');
    assert.equal(restructure(SPEECH, 'demote', '三、'), lines('一、总体要求', '要坚持稳中求进。', '（一）把握形势', '（二）明确目标', '', '二、重点任务', '（一）抓项目', '1.抓开工', '（1）抓手续', '①抓审批', '', '（二）保障措施', '加强组织领导。'));
  });

  test('Under a sibling whose only children are run-in points: the next GB/T 9704 level', () => {
    const text = lines('一、总体', '一是抓好甲。', '二是抓好乙。', '二、任务', '任务文。');
    assert.equal(restructure(text, 'demote', '二、'), lines('一、总体', '一是抓好甲。', '二是抓好乙。', '（一）任务', '任务文。'));
  });

  test('Under a sibling without children: the next level, written as the document writes it elsewhere', () => {
    const text = lines('一、甲', '二、乙', '（一）乙一', '（二）乙二', '三、丙');
    assert.equal(restructure(text, 'demote', '二、'), lines('一、甲', '（一）乙', '1.乙一', '2.乙二', '二、丙'));
    const ascii = lines('一、甲', '(一)甲一', '二、乙', '三、丙');
    assert.equal(restructure(ascii, 'demote', '三、'), lines('一、甲', '(一)甲一', '二、乙', '(一)丙'));
  });

  test('The whitespace after a marker goes with the level’s style', () => {
    const text = lines('一、甲', '（一）甲一', '二、乙', '1. 乙一');
    assert.equal(restructure(text, 'demote', '二、'), lines('一、甲', '（一）甲一', '（二）乙', '（1）乙一'));
  });

  test('The first sibling, a 第X章, and a run-in point are not demoted', () => {
    assert.equal(restructure(SPEECH, 'demote', '一、'), 'refused: nothingToGoUnder');
    assert.equal(restructure(SPEECH, 'demote', '（一）把握形势'), 'refused: nothingToGoUnder');
    assert.equal(restructure(lines('一、甲', '一是抓好甲。', '二是抓好乙。'), 'demote', '二是'), 'refused: runInPoint');
  });
});

suite('Promote (§8)', () => {
  test('The section becomes its parent’s next sibling, right after the parent’s section; the siblings after it stay with the parent', () => {
    assert.equal(
      restructure(SPEECH, 'promote', '（一）把握形势'),
      lines('一、总体要求', '要坚持稳中求进。', '（一）明确目标', '二、把握形势', '', '三、重点任务', '（一）抓项目', '1.抓开工', '（1）抓手续', '①抓审批', '', '四、保障措施', '加强组织领导。'),
    );
  });

  test('Promoting the last child changes only markers, its children one level out', () => {
    assert.equal(
      restructure(SPEECH, 'promote', '（一）抓项目'),
      lines('一、总体要求', '要坚持稳中求进。', '（一）把握形势', '（二）明确目标', '', '二、重点任务', '三、抓项目', '（一）抓开工', '1.抓手续', '（1）抓审批', '', '四、保障措施', '加强组织领导。'),
    );
  });

  test('Demote after promote gives the original text back, and promote after demote too', () => {
    const promoted = restructure(SPEECH, 'promote', '（二）明确目标');
    assert.notEqual(promoted, SPEECH);
    assert.equal(restructure(promoted, 'demote', '二、明确目标'), SPEECH);
    const demoted = restructure(SPEECH, 'demote', '三、');
    assert.equal(restructure(demoted, 'promote', '（二）保障措施'), SPEECH);
  });

  test('A top-level section, one under a 第X章, and a run-in point are not promoted', () => {
    assert.equal(restructure(SPEECH, 'promote', '一、'), 'refused: topLevel');
    assert.equal(restructure(lines('第一章　总则', '一、甲'), 'promote', '一、'), 'refused: topLevel');
    assert.equal(restructure(lines('一、甲', '一是抓好甲。'), 'promote', '一是'), 'refused: runInPoint');
  });

  test('An item (项) promoted out of a law article becomes the next article, and the law renumbers', () => {
    assert.deepEqual(restructure(LAW, 'promote', '（二）擅自砍伐').split('\n').slice(5, 10), ['第三条　禁止下列行为：', '（一）堆放物料；', '第四条　擅自砍伐。', '第五条　违反本办法第三条规定的，责令改正。', '']);
    // Only the articles that were articles are renumbered for references: the new one had none.
    const doc = new PlainTextDocument('file:///law.txt', LAW);
    const outline = parseOutline(doc);
    const answer = editStructure(doc, outline, { operation: 'promote', line: headingLine(outline, '（二）擅自砍伐') });
    assert.ok(answer.ok);
    assert.deepEqual([...answer.articles].sort((a, b) => a[0] - b[0]), [[4, 5], [5, 6]]);
  });
});

suite('Move to (§8: drag and drop in the 提纲 view)', () => {
  test('The section becomes the next sibling of the target, in the target’s style, its children with it; blank lines stay where they were', () => {
    assert.equal(
      restructure(SPEECH, 'moveTo', '（一）抓项目', '（二）明确目标'),
      lines('一、总体要求', '要坚持稳中求进。', '（一）把握形势', '（二）明确目标', '', '（三）抓项目', '1.抓开工', '（1）抓手续', '①抓审批', '二、重点任务', '', '三、保障措施', '加强组织领导。'),
    );
  });

  test('A section moves up past other sections to follow its target', () => {
    assert.equal(
      restructure(SPEECH, 'moveTo', '三、', '一、'),
      lines('一、总体要求', '要坚持稳中求进。', '（一）把握形势', '（二）明确目标', '', '二、保障措施', '加强组织领导。', '', '三、重点任务', '（一）抓项目', '1.抓开工', '（1）抓手续', '①抓审批'),
    );
  });

  test('A heading dropped on another level takes that level, its children following', () => {
    assert.equal(
      restructure(SPEECH, 'moveTo', '（二）明确目标', '三、'),
      lines('一、总体要求', '要坚持稳中求进。', '（一）把握形势', '二、重点任务', '（一）抓项目', '1.抓开工', '（1）抓手续', '①抓审批', '', '三、保障措施', '加强组织领导。', '', '四、明确目标'),
    );
  });

  test('A point moved to another list keeps its own word', () => {
    const text = lines('一、甲', '一是抓好甲。', '二是抓好乙。', '二、乙', '一要细。', '二要实。');
    assert.equal(restructure(text, 'moveTo', '一要', '一是'), lines('一、甲', '一是抓好甲。', '二要细。', '三是抓好乙。', '二、乙', '一要实。'));
  });

  test('Refused: into itself, where it is already, next to another kind, between points and sections', () => {
    assert.equal(restructure(SPEECH, 'moveTo', '二、', '（一）抓项目'), 'refused: intoItself');
    assert.equal(restructure(SPEECH, 'moveTo', '二、', '一、'), 'refused: alreadyThere');
    assert.equal(restructure(SPEECH, 'moveTo', '二、', '二、'), 'refused: alreadyThere');
    assert.equal(restructure(LAW, 'moveTo', '第二条', '第二章'), 'refused: otherKind');
    assert.equal(restructure(lines('一、甲', '一是抓好甲。', '二、乙'), 'moveTo', '一是', '二、'), 'refused: pointAndSection');
  });
});

suite('Insert heading after, insert subheading (§8)', () => {
  test('Insert after writes the next number as the list writes its markers; the later ones renumber', () => {
    assert.equal(
      restructure(SPEECH, 'insertAfter', '一、'),
      lines('一、总体要求', '要坚持稳中求进。', '（一）把握形势', '（二）明确目标', '', '二、', '', '三、重点任务', '（一）抓项目', '1.抓开工', '（1）抓手续', '①抓审批', '', '四、保障措施', '加强组织领导。'),
    );
    assert.equal(restructure(lines('(一)甲', '(二)乙'), 'insertAfter', '(一)'), lines('(一)甲', '(二)', '(三)乙'));
  });

  test('The cursor goes just after the new marker and its separator', () => {
    const doc = new PlainTextDocument('file:///law.txt', LAW);
    const outline = parseOutline(doc);
    const answer = editStructure(doc, outline, { operation: 'insertAfter', line: headingLine(outline, '第四条') });
    assert.ok(answer.ok);
    assert.deepEqual(answer.cursor, { line: 9, character: 4 });
    assert.equal(applyTextEdits(LAW, answer.edits).split('\n')[9], '第五条　');
  });

  test('Insert after at the end of a document without a final line break adds the break before the new heading', () => {
    assert.equal(restructure(lines('一、甲', '二、乙'), 'insertAfter', '二、'), lines('一、甲', '二、乙', '三、'));
    assert.equal(restructure('一、甲\r\n二、乙\r\n', 'insertAfter', '二、'), '一、甲\r\n二、乙\r\n三、\r\n');
  });

  test('Insert subheading continues the children’s list, or opens the next level, indented as the section is', () => {
    assert.deepEqual(restructure(SPEECH, 'insertChild', '一、').split('\n').slice(2, 5), ['（一）把握形势', '（二）明确目标', '（三）']);
    assert.deepEqual(restructure(lines('　　一、甲', '　　甲文。'), 'insertChild', '一、'), lines('　　一、甲', '　　甲文。', '　　（一）'));
    assert.equal(restructure(SPEECH, 'insertChild', '①'), 'refused: tooDeep');
  });

  test('Run-in points take no subheading; a heading without a number has nothing to continue', () => {
    assert.equal(restructure(lines('一、甲', '一是抓好甲。'), 'insertChild', '一是'), 'refused: runInPoint');
    assert.equal(restructure(lines('前言', '一、甲'), 'insertAfter', '前言'), 'refused: unnumbered');
  });
});

suite('Delete section (§8)', () => {
  test('The section and its children go with the blank lines before it; the list is renumbered', () => {
    assert.equal(restructure(SPEECH, 'delete', '二、'), lines('一、总体要求', '要坚持稳中求进。', '（一）把握形势', '（二）明确目标', '', '二、保障措施', '加强组织领导。'));
  });

  test('Deleting the first or the last section keeps the document’s start and its final line break', () => {
    assert.equal(restructure(lines('一、甲', '', '二、乙', ''), 'delete', '一、'), lines('一、乙', ''));
    assert.equal(restructure(lines('一、甲', '', '二、乙', ''), 'delete', '二、'), lines('一、甲', ''));
    assert.equal(restructure(lines('一、甲', '', '二、乙'), 'delete', '二、'), '一、甲');
  });
});

suite('Select section, copy section text (§8)', () => {
  test('The range runs from the start of the heading line to the end of the section’s last line', () => {
    const doc = new PlainTextDocument('file:///speech.txt', SPEECH);
    const outline = parseOutline(doc);
    const h = outline.headings.find((x) => x.name.startsWith('二、'))!;
    assert.deepEqual(sectionTextRange(h), { start: { line: 5, character: 0 }, end: { line: 9, character: 4 } });
    assert.equal(sectionText(doc, h), lines('二、重点任务', '（一）抓项目', '1.抓开工', '（1）抓手续', '①抓审批'));
  });
});

suite('Refusals say why, in English and Chinese', () => {
  test('structureRefusals tells, without writing edits, which operations can be done at a heading', () => {
    const doc = new PlainTextDocument('file:///speech.txt', SPEECH);
    const outline = parseOutline(doc);
    const line = headingLine(outline, '一、');
    const refusals = structureRefusals(doc, outline, STRUCTURE_OPERATIONS.map((operation) => ({ operation, line, targetLine: line })));
    assert.deepEqual(Object.fromEntries(STRUCTURE_OPERATIONS.map((op, i) => [op, refusals[i] ?? 'can'])), {
      moveUp: 'firstSibling',
      moveDown: 'can',
      promote: 'topLevel',
      demote: 'nothingToGoUnder',
      moveTo: 'alreadyThere',
      insertAfter: 'can',
      insertChild: 'can',
      delete: 'can',
    });
  });

  test('Every refusal has a message in both languages', () => {
    for (const [code, messages] of Object.entries(STRUCTURE_REFUSALS)) {
      assert.match(messages.en, /\w/, code);
      assert.match(messages['zh-cn'], /[\u4e00-\u9fff]/, code);
    }
  });
});

// tigang/outline against the real server: the 提纲 view's tree with section
// statistics, and the numbers-only answer while the headings stay the same.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { OutlineItem, OutlineResult, withOutlineNumbers } from '@tigang/protocol';
import { LspClient } from './lspClient';

const SPEECH = ['在全市工作会议上的讲话', '', '一、总体要求', '　　要坚持稳中求进。', '（一）加强领导', '正文一段。', '', '二、主要任务', '正文二段。'].join('\n');

/** Characters of the given lines, counted as a reader counts 字 (no whitespace). */
function chars(...lines: string[]): number {
  return Array.from(lines.join('').replace(/[\s\u3000]/g, '')).length;
}

/** name: characters, indented by depth. */
function shape(items: readonly OutlineItem[], depth = 0): string[] {
  return items.flatMap((i) => [`${'  '.repeat(depth)}${i.name} ${i.line}-${i.endLine} ${i.characters}`, ...shape(i.children, depth + 1)]);
}

describe('tigang/outline', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(() => client.shutdown());
  const outline = (uri: string, previousResultId?: string) => client.request<OutlineResult | null>('tigang/outline', { textDocument: { uri }, previousResultId });

  it('answers the tree with each section’s line range and characters, its subsections included', async () => {
    await client.open('file:///outline.txt', SPEECH);
    const result = (await outline('file:///outline.txt'))!;
    assert.equal(result.version, 1);
    assert.equal(typeof result.resultId, 'string');
    assert.deepEqual(shape(result.items!), [
      `一、总体要求 2-5 ${chars('一、总体要求', '要坚持稳中求进。', '（一）加强领导', '正文一段。')}`,
      `  （一）加强领导 4-5 ${chars('（一）加强领导', '正文一段。')}`,
      `二、主要任务 7-8 ${chars('二、主要任务', '正文二段。')}`,
    ]);
  });

  it('gives a name shortened to tigang.maxNameLength its whole name as fullName, for the pickers to match; a name that fits has none', async () => {
    const long = '一、关于进一步加强和改进新时代基层治理工作的若干意见与具体实施办法及其配套措施的说明';
    await client.open('file:///long-name.txt', [long, '正文。', '二、短标题'].join('\n'));
    const [first, second] = (await outline('file:///long-name.txt'))!.items!;
    assert.ok(first.name.endsWith('…') && first.name.length < long.length, first.name);
    assert.equal(first.fullName, long);
    assert.equal(second.name, '二、短标题');
    assert.equal('fullName' in second, false);
  });

  it('answers null for a document it does not have', async () => {
    assert.equal(await outline('file:///never-opened.txt'), null);
  });

  it('answers only the numbers to a client holding the same headings, and the whole tree when a heading changed', async () => {
    const uri = 'file:///typing.txt';
    await client.open(uri, SPEECH);
    const first = (await outline(uri))!;
    await client.change(uri, 2, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '新增' }]);
    const typed = (await outline(uri, first.resultId))!;
    assert.equal(typed.items, undefined, 'no tree while typing in a paragraph');
    assert.deepEqual(shape(withOutlineNumbers(first.items!, typed.numbers!)!), [
      `一、总体要求 2-5 ${chars('一、总体要求', '要坚持稳中求进。', '（一）加强领导', '新增正文一段。')}`,
      `  （一）加强领导 4-5 ${chars('（一）加强领导', '新增正文一段。')}`,
      `二、主要任务 7-8 ${chars('二、主要任务', '正文二段。')}`,
    ]);

    await client.change(uri, 3, [{ range: { start: { line: 7, character: 2 }, end: { line: 7, character: 4 } }, text: '重点' }]);
    const renamed = (await outline(uri, typed.resultId))!;
    assert.ok(renamed.items, 'a renamed heading sends the tree');
    assert.equal(renamed.items![1].name, '二、重点任务');
  });

  it('answers the whole tree to a stale or unknown previousResultId, and refuses one that is not a string', async () => {
    const uri = 'file:///stale.txt';
    await client.open(uri, SPEECH);
    const first = (await outline(uri))!;
    const second = (await outline(uri, first.resultId))!;
    assert.ok(second.numbers);
    assert.ok((await outline(uri, first.resultId))!.items, 'the first answer is no longer the last');
    assert.ok((await outline(uri, 'no-such-result'))!.items);
    const bad = await client.rawRequest('tigang/outline', { textDocument: { uri }, previousResultId: 7 });
    assert.equal(bad.error?.code, -32602);
  });

  it('tells how many references cite each article (its 款 and 项 too) and chapter, in the tree and in a numbers-only answer', async () => {
    const uri = 'file:///cited.txt';
    const law = ['第一章　总则', '第一条　为了规范管理，制定本办法。', '本办法适用于本市。', '第二条　依照本办法第一条执行。', '其他单位适用本办法第一条第二款的规定。', '第三条　违反前条规定的，依照第一条、第二条处理。'].join('\n');
    await client.open(uri, law);
    const first = (await outline(uri))!;
    assert.equal(first.articles, 3);
    const cited = (items: readonly OutlineItem[]): string[] => items.flatMap((i) => [`${i.name.slice(0, 3)} ${i.citations ?? '-'}`, ...cited(i.children)]);
    // 第一条: 本办法第一条, 第一条 and 第一条第二款 (a 款 cites its article); 第二条: 前条 and 第二条; 第三条 and the chapter: none (absent).
    assert.deepEqual(cited(first.items!), ['第一章 -', '第一条 3', '第二条 2', '第三条 -']);
    await client.change(uri, 2, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '除第三条外，' }]);
    const typed = (await outline(uri, first.resultId))!;
    assert.equal(typed.items, undefined, 'no heading changed: numbers only');
    assert.deepEqual(typed.citations, [0, 3, 2, 1]);
    assert.deepEqual(cited(withOutlineNumbers(first.items!, typed.numbers!, typed.citations)!), ['第一章 -', '第一条 3', '第二条 2', '第三条 1']);
    // ，依照第一条、第二条处理 cut from the heading's line (its name changes, so the tree comes whole): 前条 is left citing 第二条.
    await client.change(uri, 3, [{ range: { start: { line: 5, character: 11 }, end: { line: 5, character: 23 } }, text: '' }]);
    const cut = (await outline(uri, typed.resultId))!;
    assert.deepEqual(cited(cut.items!), ['第一章 -', '第一条 2', '第二条 1', '第三条 1']);
    await client.close(uri);
  });

  it('says nothing of citations or articles for a document without law articles', async () => {
    const result = (await outline('file:///outline.txt'))!;
    assert.equal(result.articles, undefined);
    const all = (items: readonly OutlineItem[]): OutlineItem[] => items.flatMap((i) => [i, ...all(i.children)]);
    assert.ok(all(result.items!).every((i) => !('citations' in i)));
  });

  it('after any edits, the tree rebuilt from numbers-only answers equals a fresh tree', async () => {
    // Law lines too: a reference typed or cut changes a citation count and no heading.
    const LINES = ['一、总体要求', '（一）加强领导', '1.具体措施', '正文，有标点。', '', '　　', '二、主要任务', '一是抓落实。', '第一条　总则。', '第二条　依照第一条。', '依照前条和第二条。'];
    const INSERTS = ['字', '\n', '', '一、新标题\n', '　', '。', '第一条', '前款'];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 12 }),
        fc.array(fc.record({ line: fc.nat(12), character: fc.nat(6), remove: fc.nat(3), text: fc.constantFrom(...INSERTS) }), { minLength: 1, maxLength: 6 }),
        async (lines, edits) => {
          const uri = `file:///random-${n++}.txt`;
          const text = lines.join('\n');
          await client.open(uri, text);
          let tree = (await outline(uri))!;
          let items = tree.items!;
          let version = 1;
          let current = text.split('\n');
          for (const edit of edits) {
            const line = Math.min(edit.line, current.length - 1);
            const character = Math.min(edit.character, current[line].length);
            const end = Math.min(character + edit.remove, current[line].length);
            await client.change(uri, ++version, [{ range: { start: { line, character }, end: { line, character: end } }, text: edit.text }]);
            current = (current.slice(0, line).join('\n') + (line > 0 ? '\n' : '') + current[line].slice(0, character) + edit.text + current[line].slice(end) + (line < current.length - 1 ? '\n' : '') + current.slice(line + 1).join('\n')).split('\n');
            tree = (await outline(uri, tree.resultId))!;
            items = tree.items ?? withOutlineNumbers(items, tree.numbers!, tree.citations)!;
            const fresh = (await outline(uri, 'none'))!;
            assert.deepEqual(items, fresh.items);
            tree = fresh;
          }
          await client.close(uri);
        },
      ),
      { numRuns: 40 },
    );
  });
});

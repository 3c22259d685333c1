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

  it('after any edits, the tree rebuilt from numbers-only answers equals a fresh tree', async () => {
    const LINES = ['一、总体要求', '（一）加强领导', '1.具体措施', '正文，有标点。', '', '　　', '二、主要任务', '一是抓落实。'];
    const INSERTS = ['字', '\n', '', '一、新标题\n', '　', '。'];
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
            items = tree.items ?? withOutlineNumbers(items, tree.numbers!)!;
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

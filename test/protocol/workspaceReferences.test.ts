// 《title》第X条 references between documents of a workspace on disk, against
// the real server (docs/headings.md §9): a file never opened is found by its
// title through the workspace index, read and parsed afresh, for definition,
// hover, document links and references; and a file never opened that cites
// an open one shows up in Find All References. Nothing when no file has the title.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { DocumentLink, Hover, Location } from 'vscode-languageserver-protocol';
import { WorkspaceClient } from './workspaceClient';

/** Never opened: found by its first line's title. */
const PROTECTION = [
  '中华人民共和国个人信息保护法（示例）',
  '',
  '第一章　总则',
  '第十三条　符合下列情形之一的，个人信息处理者方可处理个人信息：',
  '（一）取得个人的同意；',
  '（二）为订立、履行个人作为一方当事人的合同所必需；',
  '第十四条　基于个人同意处理个人信息的，该同意应当由个人在充分知情的前提下自愿、明确作出。',
  '第十五条　依照本法第十三条第一项处理个人信息的，个人有权撤回其同意。',
].join('\n');

/** Opened by the test: cites the closed law by 《title》 and by a law's name, and a law no file has. */
const REGULATION = [
  '某市公共数据管理条例',
  '第一条　处理个人信息，应当符合《中华人民共和国个人信息保护法》第十三条的规定。',
  '第二条　取得同意的，依照个人信息保护法第十四条办理；另见《不存在的示例法》第一条。',
].join('\n');

/** Never opened: cites the open regulation by its title. */
const RULES = ['某区公共数据实施细则', '第一条　依照《某市公共数据管理条例》第二条制定本细则。', '第二条　本细则第一条另有规定的除外。'].join('\n');

let root: string;
let client: WorkspaceClient;
const fileUri = (rel: string) => pathToFileURL(join(root, rel)).href;
const lines = (text: string) => text.split('\n');

function col(text: string, line: number, what: string): number {
  const c = lines(text)[line].indexOf(what);
  assert.ok(c >= 0, `line ${line} has ${what}`);
  return c;
}

const at = (uri: string, line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });

before(async () => {
  // realpath: the index names files by their canonical URIs (/tmp may be a link).
  root = realpathSync(mkdtempSync(join(tmpdir(), 'tigang-ws-refs-')));
  mkdirSync(join(root, 'laws'));
  writeFileSync(join(root, 'laws', 'protection.txt'), PROTECTION);
  writeFileSync(join(root, 'laws', 'regulation.txt'), REGULATION);
  writeFileSync(join(root, 'laws', 'rules.txt'), RULES);
  client = await WorkspaceClient.start({ folders: [{ uri: pathToFileURL(root).href, name: 'ws' }] });
  await client.symbolsWhere('第十三条', 'the closed law indexed', (names) => names.some((n) => n.startsWith('第十三条')));
  await client.idle();
  await client.open(fileUri('laws/regulation.txt'), REGULATION);
});

after(async () => {
  await client?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('《title》 references to a file that is not open', () => {
  it('definition goes to the article in the file of that title, read from disk', async () => {
    const regulation = fileUri('laws/regulation.txt');
    const byTitle = await client.request<Location | null>('textDocument/definition', at(regulation, 1, col(REGULATION, 1, '第十三条') + 1));
    assert.equal(byTitle?.uri, fileUri('laws/protection.txt'));
    assert.equal(byTitle?.range.start.line, 3);
    assert.equal(lines(PROTECTION)[3].slice(byTitle!.range.start.character, byTitle!.range.end.character), '第十三条　符合下列情形之一的，个人信息处理者方可处理个人信息');
    // 个人信息保护法 ends 中华人民共和国个人信息保护法: the same file.
    const byName = await client.request<Location | null>('textDocument/definition', at(regulation, 2, col(REGULATION, 2, '第十四条') + 1));
    assert.deepEqual([byName?.uri, byName?.range.start.line], [fileUri('laws/protection.txt'), 6]);
  });

  it('hover shows the article’s text from the closed file, under its title', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', at(fileUri('laws/regulation.txt'), 1, col(REGULATION, 1, '第十三条') + 1));
    const value = (hover?.contents as { kind: string; value: string }).value;
    assert.ok(value.startsWith(`《中华人民共和国个人信息保护法》\n${lines(PROTECTION)[3]}\n（一）取得个人的同意；`), value);
  });

  it('document links lead into the closed file; a title no file has gets nothing, and no warning', async () => {
    const regulation = fileUri('laws/regulation.txt');
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: regulation } });
    assert.deepEqual(
      links.map((l) => [lines(REGULATION)[l.range.start.line].slice(l.range.start.character, l.range.end.character), l.target]),
      [
        ['《中华人民共和国个人信息保护法》第十三条', `${fileUri('laws/protection.txt')}#L4,1`],
        ['个人信息保护法第十四条', `${fileUri('laws/protection.txt')}#L7,1`],
      ],
    );
    const missing = await client.request<Location | null>('textDocument/definition', at(regulation, 2, col(REGULATION, 2, '《不存在的示例法》') + 2));
    assert.equal(missing, null);
  });

  it('Find All References on such a reference lists the citations in the open file and in the closed one itself', async () => {
    const found = await client.request<Location[]>('textDocument/references', { ...at(fileUri('laws/regulation.txt'), 1, col(REGULATION, 1, '第十三条') + 1), context: { includeDeclaration: false } });
    assert.deepEqual(
      found.map((l) => `${l.uri.slice(l.uri.lastIndexOf('/') + 1)} ${l.range.start.line}`),
      ['protection.txt 7', 'regulation.txt 1'],
    );
  });
});

describe('a file that is not open citing an open one', () => {
  it('Find All References on the open file’s article lists the closed file’s 《title》 reference to it', async () => {
    const found = await client.request<Location[]>('textDocument/references', { ...at(fileUri('laws/regulation.txt'), 2, 1), context: { includeDeclaration: false } });
    assert.deepEqual(
      found.map((l) => [l.uri, l.range.start.line, lines(RULES)[l.range.start.line].slice(l.range.start.character, l.range.end.character)]),
      [[fileUri('laws/rules.txt'), 1, '《某市公共数据管理条例》第二条']],
    );
  });

  it('reads the file afresh after it changes on disk (and the index has read it again)', async () => {
    writeFileSync(join(root, 'laws', 'rules.txt'), RULES.replace('第二条制定', '第一条制定'));
    await client.filesChanged([{ uri: fileUri('laws/rules.txt'), type: 2 }]);
    const onFirst = () => client.request<Location[]>('textDocument/references', { ...at(fileUri('laws/regulation.txt'), 1, 1), context: { includeDeclaration: false } });
    const found = await client.waitFor('the changed file cited 第一条', async () => {
      const list = await onFirst();
      return list.some((l) => l.uri === fileUri('laws/rules.txt')) ? list : undefined;
    });
    assert.deepEqual(
      found.map((l) => `${l.uri.slice(l.uri.lastIndexOf('/') + 1)} ${l.range.start.line}`),
      ['rules.txt 1'],
    );
    const onSecond = await client.request<Location[]>('textDocument/references', { ...at(fileUri('laws/regulation.txt'), 2, 1), context: { includeDeclaration: false } });
    assert.deepEqual(onSecond, []);
  });
});

// The workspace index for references between documents (docs/headings.md §9;
// server/src/workspace/workspaceIndex.ts): files found by title and by whom
// they cite, and read again through the WorkspaceFs — here the in-memory one.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { PlainTextDocument, parseOutline } from '../../server/src/engine';
import { DEFAULT_FOLDER_CONFIG } from '../../server/src/workspace/config';
import { encodeSegment } from '../../server/src/workspace/uris';
import { OpenDocument, WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { InMemoryFs } from './inMemoryFs';

const ROOT = 'file:///ws';
const at = (rel: string) => `${ROOT}/${rel.split('/').map(encodeSegment).join('/')}`;
const name = (uri: string) => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));

async function indexOf(fs: InMemoryFs, open = new Map<string, OpenDocument>()): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex({ log: () => undefined, openDocument: (key) => open.get(key) }, fs, { watch: false });
  index.addFolder({ uri: ROOT, name: 'ws', config: DEFAULT_FOLDER_CONFIG });
  await index.whenIdle();
  return index;
}

function workspace(): InMemoryFs {
  return new InMemoryFs()
    .write(at('刑法.txt'), '第十七条　已满十六周岁的人犯罪，应当负刑事责任。\n')
    .write(at('a/criminal.txt'), '中华人民共和国刑法（示例）\n第十七条　已满十六周岁的人犯罪，应当负刑事责任。\n')
    .write(at('b/rules.txt'), '某市实施办法\n第一条　依照刑法第十七条和《某市公共数据管理条例》第二条制定。\n')
    .write(at('b/speech.txt'), '在会议上的讲话\n一、总体要求\n');
}

suite('Workspace index: documents by title (§9)', () => {
  test('A name finds the file of exactly that title first (here its file name), then the files whose title ends in it', async () => {
    const index = await indexOf(workspace());
    assert.deepEqual(index.documentsTitled('刑法').map(name), ['刑法.txt', 'criminal.txt']);
    assert.deepEqual(index.documentsTitled('中华人民共和国刑法').map(name), ['criminal.txt'], 'the first line, （示例） dropped');
    assert.deepEqual(index.documentsTitled('不存在的法'), []);
    index.dispose();
  });

  test('The files citing a title are those whose references name it, and only those', async () => {
    const index = await indexOf(workspace());
    assert.deepEqual(index.documentsCiting(['中华人民共和国刑法']).map(name), ['rules.txt']);
    assert.deepEqual(index.documentsCiting(['某市公共数据管理条例']).map(name), ['rules.txt']);
    assert.deepEqual(index.documentsCiting(['在会议上的讲话']), []);
    index.dispose();
  });

  test('An open document is left to the server: the index names only files that are not open', async () => {
    const fs = workspace();
    const open = new Map<string, OpenDocument>();
    const index = await indexOf(fs, open);
    const uri = at('a/criminal.txt');
    open.set(uri, { uri, outline: (options) => parseOutline(new PlainTextDocument(uri, '中华人民共和国刑法\n'), options) });
    index.documentChanged(uri);
    assert.deepEqual(index.documentsTitled('刑法').map(name), ['刑法.txt']);
    index.dispose();
  });

  test('A file is read through the file system with its outline parsed afresh, and not read again while it is unchanged', async () => {
    const fs = workspace();
    const index = await indexOf(fs);
    const uri = at('a/criminal.txt');
    const reads = fs.reads.get(uri) ?? 0;
    const first = await index.readForReferences(uri);
    assert.deepEqual(first?.outline.headings.map((h) => h.name), ['第十七条 已满十六周岁的人犯罪，应当负刑事责任']);
    assert.equal(fs.reads.get(uri), reads + 1);
    assert.equal(await index.readForReferences(uri), first, 'unchanged: the same reading');
    assert.equal(fs.reads.get(uri), reads + 1);
    fs.write(uri, '中华人民共和国刑法\n第十八条　精神病人。\n');
    const second = await index.readForReferences(uri);
    assert.deepEqual(second?.outline.headings.map((h) => h.name), ['第十八条 精神病人']);
    fs.remove(uri);
    assert.equal(await index.readForReferences(uri), undefined, 'gone: nothing');
    assert.equal(await index.readForReferences(at('nowhere.txt')), undefined, 'not in the index: nothing');
    index.dispose();
  });
});

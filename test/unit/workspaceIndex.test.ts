// The workspace index itself, on an in-memory file system (inMemoryFs.ts):
// the moments where open documents, workspace folders and settings change
// while the index is at work.

import assert from 'node:assert/strict';
import { beforeEach, afterEach, suite, test } from 'node:test';
import { PlainTextDocument, parseOutline } from '../../server/src/engine';
import { DEFAULT_FOLDER_CONFIG, folderConfig } from '../../server/src/workspace/config';
import { encodeSegment } from '../../server/src/workspace/uris';
import { FolderSpec, IndexHost, OpenDocument, WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { InMemoryFs } from './inMemoryFs';

/** How long a test waits for something the index should do before failing. */
const WAIT_MS = 5000;

const ROOT = 'file:///ws';

/** The URI of a path relative to the workspace folder. */
function at(rel: string): string {
  return `${ROOT}/${rel.split('/').map(encodeSegment).join('/')}`;
}

/** Polls (one turn of the event loop at a time) until `check` holds, or fails after WAIT_MS. */
async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Files (relative, as in results) holding a heading that matches the query. */
function filesFound(index: WorkspaceIndex, query: string): string[] {
  return index.search(query, 10).map((m) => m.file);
}

function folder(uri: string, config = DEFAULT_FOLDER_CONFIG): FolderSpec {
  return { uri, name: uri.slice(uri.lastIndexOf('/') + 1), config };
}

/** An open document with this text, as the server's document store gives it. */
function openDocument(uri: string, text: string): OpenDocument {
  return { uri, outline: (options) => parseOutline(new PlainTextDocument(uri, text), options) };
}

suite('Workspace index: changes while it works', () => {
  let fs: InMemoryFs;
  /** Open documents by URI; the host below answers from it. */
  let open: Map<string, OpenDocument>;
  let index: WorkspaceIndex | undefined;
  const host: IndexHost = { log: () => undefined, openDocument: (key) => open.get(key) };

  function newIndex(watch = false, h: IndexHost = host): WorkspaceIndex {
    index = new WorkspaceIndex(h, fs, { watch });
    return index;
  }

  beforeEach(() => {
    fs = new InMemoryFs().mkdir(ROOT);
    open = new Map();
  });
  afterEach(() => {
    index?.dispose();
    index = undefined;
  });

  test('A file opened during indexing and closed before any search is indexed', async () => {
    const file = at('a.txt');
    fs.write(file, '一、总体要求\n正文\n二、重点任务\n正文\n');
    open.set(file, openDocument(file, '一、总体要求\n')); // unsaved text: the second heading not yet typed
    const index = newIndex();
    index.documentChanged(file); // didOpen
    index.addFolder(folder(ROOT));
    await index.whenIdle(); // indexing reached the file and left it to the open document
    open.delete(file);
    index.documentClosed(file); // no search in between took the open document's text
    await index.whenIdle();
    assert.deepEqual(filesFound(index, '重点任务'), ['a.txt'], 'the disk speaks for the closed file');
  });

  test('Removing a nested workspace folder leaves its files to the folder around it, and changes there are still seen', async () => {
    fs.write(at('o.txt'), '一、外层标题\n').write(at('inner/i.txt'), '一、内层标题\n');
    const index = newIndex(true);
    index.addFolder(folder(ROOT));
    index.addFolder(folder(at('inner')));
    await index.whenIdle();
    assert.deepEqual(filesFound(index, '内层标题'), ['inner/i.txt'], 'two folders: results name the folder');

    index.removeFolder(at('inner'));
    await index.whenIdle();
    assert.deepEqual(filesFound(index, '内层标题'), ['inner/i.txt'], 'one folder again: the path is relative to it');

    // The removed folder's watches are gone; the outer folder's listing brings them back.
    fs.write(at('inner/j.txt'), '一、新建标题\n');
    await until(() => filesFound(index, '新建标题').length > 0, 'a file created in the former nested folder is indexed');
  });

  test('An open document edited between searches keeps its place among the files, and leaves and rejoins them with its headings', async () => {
    for (const name of ['a', 'b', 'c']) fs.write(at(`${name}.txt`), `一、${name}标题\n`);
    const b = at('b.txt');
    const index = newIndex();
    index.addFolder(folder(ROOT));
    await index.whenIdle();
    const edit = (text: string) => {
      open.set(b, openDocument(b, text));
      index.documentChanged(b);
    };
    // An empty query lists the headings in workspace order.
    const all = () => index.search('', 10).map((m) => `${m.file} ${m.name}`);
    edit('一、b标题\n二、b新标题\n');
    assert.deepEqual(all(), ['a.txt 一、a标题', 'b.txt 一、b标题', 'b.txt 二、b新标题', 'c.txt 一、c标题']);
    edit('一、b标题改\n');
    assert.deepEqual(all(), ['a.txt 一、a标题', 'b.txt 一、b标题改', 'c.txt 一、c标题']);
    edit('正文\n');
    assert.deepEqual(all(), ['a.txt 一、a标题', 'c.txt 一、c标题']);
    edit('一、b标题\n');
    assert.deepEqual(all(), ['a.txt 一、a标题', 'b.txt 一、b标题', 'c.txt 一、c标题']);
  });

  test('A folder setting changed while a file is being parsed applies to that file', async () => {
    // Under 1 MB, so read and decoded in one go: the event loop's first turn after the
    // index asks about the file falls in its parse, which many lines spread over slices.
    const file = at('big.txt');
    fs.write(file, '一是加强领导\n' + '正文\n'.repeat(120_000));
    let reached = false;
    const index = newIndex(false, {
      log: () => undefined,
      openDocument: (key) => {
        reached ||= key === file; // asked just before the file is decoded and parsed
        return undefined;
      },
    });
    const spec = folder(ROOT);
    index.addFolder(spec);
    await until(() => reached, 'indexing reaches the file');
    assert.equal(index.status().files, 0, 'the file is still being parsed');
    index.setConfig(spec.uri, folderConfig({ enumerations: false }, null));
    await index.whenIdle();
    assert.deepEqual(filesFound(index, '加强领导'), [], 'without enumerations 一是 starts no heading');
    assert.equal(index.status().files, 1);
  });
});

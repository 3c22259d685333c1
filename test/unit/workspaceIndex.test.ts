// The workspace index itself, on folders in a temporary directory: the
// moments where open documents, workspace folders and settings change while
// the index is at work.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, suite, test } from 'node:test';
import { PlainTextDocument, parseOutline } from '../../server/src/engine';
import { DEFAULT_FOLDER_CONFIG, folderConfig } from '../../server/src/workspace/config';
import { FolderSpec, IndexHost, OpenDocument, WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';

/** How long a test waits for something the index should do before failing. */
const WAIT_MS = 5000;

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

function folder(path: string, config = DEFAULT_FOLDER_CONFIG): FolderSpec {
  return { uri: pathToFileURL(path).href, path, name: path.split(/[\\/]/).pop()!, config };
}

/** An open document with this text, as the server's document store gives it. */
function openDocument(path: string, text: string): OpenDocument {
  const uri = pathToFileURL(path).href;
  return { uri, outline: (options) => parseOutline(new PlainTextDocument(uri, text), options) };
}

suite('Workspace index: changes while it works', () => {
  let dir: string;
  /** Open documents by path; the host below answers from it. */
  let open: Map<string, OpenDocument>;
  let index: WorkspaceIndex | undefined;
  const host: IndexHost = { log: () => undefined, openDocument: (key) => open.get(key) };

  function write(rel: string, text: string): string {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  }

  function newIndex(watch = false, h: IndexHost = host): WorkspaceIndex {
    index = new WorkspaceIndex(h, { watch });
    return index;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tigang-index-'));
    open = new Map();
  });
  afterEach(() => {
    index?.dispose();
    index = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  test('A file opened during indexing and closed before any search is indexed', async () => {
    const file = write('a.txt', '一、总体要求\n正文\n二、重点任务\n正文\n');
    open.set(file, openDocument(file, '一、总体要求\n')); // unsaved text: the second heading not yet typed
    const index = newIndex();
    index.documentChanged(file); // didOpen
    index.addFolder(folder(dir));
    await index.whenIdle(); // indexing reached the file and left it to the open document
    open.delete(file);
    index.documentClosed(file); // no search in between took the open document's text
    await index.whenIdle();
    assert.deepEqual(filesFound(index, '重点任务'), ['a.txt'], 'the disk speaks for the closed file');
  });

  test("Removing a nested workspace folder leaves its files to the folder around it, and changes there are still seen", async () => {
    write('o.txt', '一、外层标题\n');
    const inner = join(dir, 'inner');
    write('inner/i.txt', '一、内层标题\n');
    const index = newIndex(true);
    index.addFolder(folder(dir));
    index.addFolder(folder(inner));
    await index.whenIdle();
    assert.deepEqual(filesFound(index, '内层标题'), ['inner/i.txt'], 'two folders: results name the folder');

    index.removeFolder(pathToFileURL(inner).href);
    await index.whenIdle();
    assert.deepEqual(filesFound(index, '内层标题'), ['inner/i.txt'], 'one folder again: the path is relative to it');

    // The removed folder's watches are gone; the outer folder's listing brings them back.
    write('inner/j.txt', '一、新建标题\n');
    await until(() => filesFound(index, '新建标题').length > 0, 'a file created in the former nested folder is indexed');
  });

  test('An open document edited between searches keeps its place among the files, and leaves and rejoins them with its headings', async () => {
    for (const name of ['a', 'b', 'c']) write(`${name}.txt`, `一、${name}标题\n`);
    const b = join(dir, 'b.txt');
    const index = newIndex();
    index.addFolder(folder(dir));
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
    const file = write('big.txt', '一是加强领导\n' + '正文\n'.repeat(120_000));
    let reached = false;
    const index = newIndex(false, {
      log: () => undefined,
      openDocument: (key) => {
        reached ||= key === file; // asked just before the file is decoded and parsed
        return undefined;
      },
    });
    const spec = folder(dir);
    index.addFolder(spec);
    await until(() => reached, 'indexing reaches the file');
    assert.equal(index.status().files, 0, 'the file is still being parsed');
    index.setConfig(spec.uri, folderConfig({ enumerations: false }, null));
    await index.whenIdle();
    assert.deepEqual(filesFound(index, '加强领导'), [], 'without enumerations 一是 starts no heading');
    assert.equal(index.status().files, 1);
  });
});

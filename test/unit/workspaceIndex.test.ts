// The workspace index itself, on an in-memory file system (inMemoryFs.ts):
// the moments where open documents, workspace folders and settings change
// while the index is at work, and what a path is now deciding what the index
// keeps for it — checked against a fresh index on the final tree: its
// headings, and the files it names by title and by whom they cite (§9).

import assert from 'node:assert/strict';
import { beforeEach, afterEach, suite, test } from 'node:test';
import fc from 'fast-check';
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

/** Every heading the index answers, as "file line name". */
function everything(index: WorkspaceIndex): string[] {
  return index.search('', 1000).map((m) => `${m.file} ${m.line} ${m.name}`);
}

/** The files (relative) the index names for a few titles and by whom they are cited, as references between documents ask (§9). */
function byTitle(index: WorkspaceIndex): Record<string, string[]> {
  const rel = (uri: string) => decodeURIComponent(uri.slice(ROOT.length + 1));
  const answers: Record<string, string[]> = {};
  for (const name of ['某市条例', '条例', '一、甲', 'x', 'y']) answers[`titled ${name}`] = index.documentsTitled(name).map(rel);
  for (const title of ['某市条例', '中华人民共和国刑法']) answers[`citing ${title}`] = index.documentsCiting([title]).map(rel);
  return answers;
}

/** What the index answers: its headings, and its files by title. */
function answer(index: WorkspaceIndex): { headings: string[]; titles: Record<string, string[]> } {
  return { headings: everything(index), titles: byTitle(index) };
}

function folder(uri: string, config = DEFAULT_FOLDER_CONFIG): FolderSpec {
  return { uri, name: uri.slice(uri.lastIndexOf('/') + 1), config };
}

/** An open document with this text, as the server's document store gives it. */
function openDocument(uri: string, text: string): OpenDocument {
  return { uri, outline: (options) => parseOutline(new PlainTextDocument(uri, text), options) };
}

const quiet: IndexHost = { log: () => undefined, openDocument: () => undefined };

/** What a fresh index answers on the file system as it is now. */
async function freshAnswer(fs: InMemoryFs): Promise<ReturnType<typeof answer>> {
  const fresh = new WorkspaceIndex(quiet, fs, { watch: false });
  fresh.addFolder(folder(ROOT));
  await fresh.whenIdle();
  const found = answer(fresh);
  fresh.dispose();
  return found;
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

  test('Removing a workspace folder leaves the open documents in it standing alone', async () => {
    const file = at('a.txt');
    fs.write(file, '一、磁盘上的标题\n');
    open.set(file, openDocument(file, '一、打开的标题\n'));
    const index = newIndex();
    index.addFolder(folder(ROOT));
    index.documentChanged(file);
    await index.whenIdle();
    assert.deepEqual(filesFound(index, '打开的标题'), ['a.txt']);
    index.removeFolder(ROOT);
    assert.deepEqual(filesFound(index, '打开的标题'), ['/ws/a.txt'], 'no folders: the open document by its path');
  });
});

suite('Workspace index: what a path is now decides what it keeps', () => {
  let fs: InMemoryFs;
  let index: WorkspaceIndex;
  let logs: string[];

  /** The workspace with these files, indexed. */
  async function indexed(files: Record<string, string>, open = new Map<string, OpenDocument>()): Promise<WorkspaceIndex> {
    index?.dispose();
    fs = new InMemoryFs().mkdir(ROOT);
    for (const [rel, text] of Object.entries(files)) fs.write(at(rel), text);
    logs = [];
    index = new WorkspaceIndex({ log: (m) => logs.push(m), openDocument: (key) => open.get(key) }, fs, { watch: false });
    index.addFolder(folder(ROOT));
    for (const key of open.keys()) index.documentChanged(key);
    await index.whenIdle();
    return index;
  }

  /** After the watcher has handed on these paths (coalesced: 'unknown'), the index answers as a fresh one. */
  async function settlesLikeAFreshIndex(...rels: string[]): Promise<void> {
    const before = answer(index);
    for (const rel of rels) index.changed(rel === '' ? ROOT : at(rel), 'unknown');
    await index.whenIdle();
    const expected = await freshAnswer(fs);
    assert.notDeepEqual(expected, before, 'the change changes the answer');
    assert.deepEqual(answer(index), expected);
  }

  afterEach(() => index?.dispose());

  const FILES = { 'a.txt': '一、甲文件的标题\n（一）甲的小节\n', 'b.txt': '一、乙文件的标题\n', 'sub/x.txt': '一、子目录的标题\n', 'sub/deep/y.txt': '一、更深的标题\n' };

  test('A file replaced by a folder (rm a.txt; mkdir a.txt) loses its headings', async () => {
    await indexed(FILES);
    fs.remove(at('a.txt')).mkdir(at('a.txt'));
    await settlesLikeAFreshIndex('a.txt');
    assert.deepEqual(filesFound(index, '甲文件'), []);
  });

  test('A file replaced by a folder holding a file: the file in it is found, the old headings are not', async () => {
    await indexed(FILES);
    fs.remove(at('a.txt')).write(at('a.txt/inner.txt'), '一、目录里的标题\n');
    await settlesLikeAFreshIndex('a.txt');
    assert.deepEqual(filesFound(index, '标题').sort(), ['a.txt/inner.txt', 'b.txt', 'sub/deep/y.txt', 'sub/x.txt']);
  });

  test('A folder replaced by a file of the same name loses what it held', async () => {
    await indexed({ ...FILES, 'd.txt/z.txt': '一、目录里的标题\n' });
    fs.remove(at('d.txt')).write(at('d.txt'), '一、变成文件的标题\n');
    await settlesLikeAFreshIndex('d.txt');
  });

  test('A folder made unreadable after indexing drops its files, and the log says why', async () => {
    await indexed(FILES);
    fs.deny(at('sub'));
    await settlesLikeAFreshIndex('sub');
    assert.deepEqual(filesFound(index, '标题').sort(), ['a.txt', 'b.txt']);
    assert.ok(logs.some((l) => l.includes('sub') && l.includes('permission denied')), logs.join('\n'));
  });

  test('A folder readable again brings its files back, and is no longer counted as skipped', async () => {
    await indexed(FILES);
    fs.deny(at('sub'));
    await settlesLikeAFreshIndex('sub');
    assert.equal(index.status().skipped, 1);
    fs.deny(at('sub'), false);
    await settlesLikeAFreshIndex('sub');
    assert.deepEqual(index.status().skipped, 0);
  });

  test('A folder found unreadable when its parent is listed again drops its files', async () => {
    await indexed(FILES);
    fs.deny(at('sub/deep'));
    await settlesLikeAFreshIndex('');
    assert.deepEqual(filesFound(index, '更深'), []);
  });

  test('A workspace folder made unreadable drops every file', async () => {
    await indexed(FILES);
    fs.deny(ROOT);
    await settlesLikeAFreshIndex('');
    assert.equal(index.status().files, 0);
  });

  test('A folder replaced by a FIFO, or by a dangling symbolic link, drops its files', async () => {
    await indexed(FILES);
    fs.rename(at('sub'), 'file:///elsewhere').mkfifo(at('sub'));
    await settlesLikeAFreshIndex('sub');
    await indexed(FILES);
    fs.rename(at('sub'), 'file:///elsewhere2').symlink(at('sub'), 'file:///nowhere');
    await settlesLikeAFreshIndex('sub');
  });

  test('Files gone without a word go when their folder is listed again', async () => {
    await indexed(FILES);
    fs.remove(at('sub/x.txt')).rename(at('sub/deep'), at('sub/moved'));
    await settlesLikeAFreshIndex('sub');
    assert.deepEqual(filesFound(index, '更深'), ['sub/moved/y.txt']);
  });

  test('A folder renamed, a file truncated, a file deleted and recreated', async () => {
    await indexed({ ...FILES, 'c.txt': '一、第一节\n二、第二节\n' });
    fs.rename(at('sub'), at('renamed'))
      .truncate(at('c.txt'), new TextEncoder().encode('一、第一节\n').length)
      .remove(at('b.txt'))
      .write(at('b.txt'), '一、重建的标题\n');
    await settlesLikeAFreshIndex('sub', 'renamed', 'c.txt', 'b.txt');
  });

  test("An open document keeps its headings when its folder becomes unreadable: its text wins over the disk", async () => {
    const x = at('sub/x.txt');
    await indexed(FILES, new Map([[x, openDocument(x, '一、打开的标题\n')]]));
    fs.deny(at('sub'));
    index.changed(at('sub'), 'unknown');
    await index.whenIdle();
    assert.deepEqual(filesFound(index, '标题').sort(), ['a.txt', 'b.txt', 'sub/x.txt']);
    assert.deepEqual(filesFound(index, '更深'), []);
  });

  test('A file changed while it is read is read again', async () => {
    // Over the synchronous read size (reader.ts SYNC_READ_MAX): read asynchronously, a turn later.
    const big = '一、大文件的标题\n' + '正文。\n'.repeat(150_000);
    await indexed({ 'big.txt': big });
    fs.write(at('big.txt'), big + '二、加上的一节\n');
    index.changed(at('big.txt'), 'unknown');
    await new Promise<void>((resolve) => setImmediate(resolve)); // the read is under way
    fs.write(at('big.txt'), '一、改成小文件\n');
    await settlesLikeAFreshIndex('big.txt');
  });
});

/** Small trees and changes to them, for the property below. */
const NAMES = ['a', 'b', 'x.txt', 'y.txt'];
const path = fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }).map((segments) => segments.join('/'));
// Titles and citations among the lines (§9): a first line 某市条例, a 《title》 reference to it, a law's name cited.
const text = fc
  .array(fc.constantFrom('一、甲\n', '二、乙\n', '（一）丙\n', '正文\n', '第一章 丁\n', '某市条例\n', '依照《某市条例》第一条。\n', '依照刑法第二条。\n'), { maxLength: 4 })
  .map((lines) => lines.join(''));

type Change =
  | { op: 'write'; path: string; text: string }
  | { op: 'remove'; path: string }
  | { op: 'mkdir'; path: string }
  | { op: 'rename'; path: string; to: string }
  | { op: 'truncate'; path: string; length: number }
  | { op: 'mkfifo'; path: string }
  | { op: 'dangle'; path: string }
  | { op: 'deny'; path: string; denied: boolean };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ op: fc.constant('write' as const), path, text }),
  fc.record({ op: fc.constant('remove' as const), path }),
  fc.record({ op: fc.constant('mkdir' as const), path }),
  fc.record({ op: fc.constant('rename' as const), path, to: path }),
  fc.record({ op: fc.constant('truncate' as const), path, length: fc.nat(12) }),
  fc.record({ op: fc.constant('mkfifo' as const), path }),
  fc.record({ op: fc.constant('dangle' as const), path }),
  fc.record({ op: fc.constant('deny' as const), path, denied: fc.boolean() }),
);

/** Applies a change; returns the paths a watcher reports for it, or none when it could not be made (a path through a file, …). */
function apply(fs: InMemoryFs, c: Change): string[] {
  try {
    switch (c.op) {
      case 'write':
        fs.write(at(c.path), c.text);
        break;
      case 'remove':
        fs.remove(at(c.path));
        break;
      case 'mkdir':
        fs.mkdir(at(c.path));
        break;
      case 'rename':
        if (c.to === c.path || c.to.startsWith(c.path + '/')) return [];
        fs.rename(at(c.path), at(c.to));
        return [...prefixes(c.path), ...prefixes(c.to)];
      case 'truncate':
        fs.truncate(at(c.path), c.length);
        break;
      case 'mkfifo':
        fs.mkfifo(at(c.path));
        break;
      case 'dangle':
        fs.symlink(at(c.path), 'file:///nowhere');
        break;
      case 'deny':
        fs.deny(at(c.path), c.denied);
        break;
    }
  } catch {
    return [];
  }
  return prefixes(c.path);
}

/** A path and the folders on the way to it: folders made on the way are reported too (by their parent's watcher). */
function prefixes(rel: string): string[] {
  const segments = rel.split('/');
  return segments.map((_, i) => segments.slice(0, i + 1).join('/'));
}

suite('Workspace index: any sequence of changes', () => {
  test('After changes settle the index answers as a fresh index on the final tree, however the changes fall among its work', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.array(change, { minLength: 1, maxLength: 4 }), fc.nat(3)), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(path, text), { maxLength: 5 }),
        async (batches, initial) => {
          const fs = new InMemoryFs().mkdir(ROOT);
          for (const [p, t] of initial) apply(fs, { op: 'write', path: p, text: t });
          const index = new WorkspaceIndex(quiet, fs, { watch: false });
          try {
            index.addFolder(folder(ROOT));
            // Each batch lands 0–2 turns of the event loop into the index's work, or (3) once it is idle.
            for (const [changes, wait] of batches) {
              if (wait === 3) await index.whenIdle();
              else for (let i = 0; i < wait; i++) await new Promise<void>((resolve) => setImmediate(resolve));
              const reported = changes.flatMap((c) => apply(fs, c));
              for (const p of reported) index.changed(at(p), 'unknown');
            }
            await index.whenIdle();
            assert.deepEqual(answer(index), await freshAnswer(fs));
          } finally {
            index.dispose();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

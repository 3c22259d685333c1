// workspace/symbol and tigang/searchSections against the real server, on a
// temporary workspace on disk: encodings, files that must be skipped, symbolic
// link loops, files deleted and renamed while the server runs (told by the
// client, or noticed by the server's own watcher), open documents, and
// workspace folders coming and going.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestContext, after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { WorkspaceClient, WorkspaceClientOptions } from './workspaceClient';

const uri = (path: string) => pathToFileURL(path).href;

function tempWorkspace(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `tigang-ws-${prefix}-`));
}

function write(root: string, rel: string, content: string | Uint8Array): string {
  const path = join(root, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** 第一章\n一、总则 in GBK, written byte by byte. */
const GBK_BYTES = Uint8Array.from([0xb5, 0xda, 0xd2, 0xbb, 0xd5, 0xc2, 0x0a, 0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xd4, 0xf2, 0x0a]);

function utf16le(text: string): Uint8Array {
  return Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
}

/** Whether this process can read a file whose mode is 000 (it can as root). */
function readsDespiteMode000(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}

describe('workspace/symbol on a workspace on disk', () => {
  let root: string;
  let client: WorkspaceClient;
  let unreadable: string[];

  before(async () => {
    root = tempWorkspace('static');
    write(root, 'speech.txt', '在全市工作会议上的讲话\n一、提高政治站位\n（一）压紧压实责任\n（二）冷链物流监管\n二、聚焦重点难点\n');
    write(root, 'laws/gbk.txt', GBK_BYTES);
    write(root, 'utf16.txt', utf16le('第三章　附则\n一、施行日期\n'));
    write(root, 'binary.txt', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    write(root, 'big.txt', `一、超大文件标题\n${'　　正文。'.repeat(4000)}\n`);
    write(root, 'node_modules/pkg/readme.txt', '一、依赖包标题\n');
    write(root, '.git/notes.txt', '一、版本库标题\n');
    write(root, 'drafts/old.txt', '一、草稿标题\n');
    write(root, 'notes.md', '一、不是文本文件\n');
    // Unreadable files: mode 000 where that stops us (not as root), a FIFO
    // (opening it for reading would block) and a dangling symbolic link.
    unreadable = [];
    const locked = write(root, 'locked.txt', '一、锁住的文件\n');
    chmodSync(locked, 0o000);
    if (!readsDespiteMode000(locked)) unreadable.push('locked.txt');
    execFileSync('mkfifo', [join(root, 'pipe.txt')]);
    unreadable.push('pipe.txt');
    symlinkSync(join(root, 'missing-target.txt'), join(root, 'dangling.txt'));
    unreadable.push('dangling.txt');
    // Symbolic link loops: a folder linking back to the workspace, a link to itself.
    write(root, 'loop/inner.txt', '一、循环目录里的标题\n');
    symlinkSync(root, join(root, 'loop', 'back'));
    symlinkSync(join(root, 'self.txt'), join(root, 'self.txt'));

    client = await WorkspaceClient.start({
      folders: [{ uri: uri(root), name: 'ws' }],
      settings: { tigang: { files: { maxFileSizeMB: 0.01 } }, files: { exclude: { '**/drafts': true } } },
    });
    await client.idle();
  });

  after(async () => {
    await client?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes the GBK fixture as GBK: the bytes decode to 第一章 and 一、总则 only as GB18030', () => {
    assert.equal(new TextDecoder('gb18030').decode(GBK_BYTES), '第一章\n一、总则\n');
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(GBK_BYTES));
  });

  it('finds headings of UTF-8, GBK and UTF-16LE files that are not open', async () => {
    const names = (await client.symbols('一、')).map((s) => s.name);
    for (const name of ['一、提高政治站位', '一、总则', '一、施行日期']) assert.ok(names.includes(name), `${name} in ${JSON.stringify(names)}`);
    const gbk = await client.symbols('总则');
    assert.deepEqual(gbk.map((s) => [s.name, s.containerName, s.location.uri]), [['一、总则', '第一章', uri(join(root, 'laws/gbk.txt'))]]);
  });

  it('answers with the heading span as the location, the parent as containerName and a symbol kind per style', async () => {
    const [hit] = await client.symbols('冷链物流监管');
    assert.equal(hit.name, '（二）冷链物流监管');
    assert.equal(hit.containerName, '一、提高政治站位');
    assert.deepEqual(hit.location, { uri: uri(join(root, 'speech.txt')), range: { start: { line: 3, character: 0 }, end: { line: 3, character: 9 } } });
    const [top] = await client.symbols('在全市工作会议上的讲话');
    assert.equal(top, undefined, 'a title line without 篇N is no heading');
    const [chapter] = await client.symbols('第三章');
    assert.equal(chapter.kind, 3 /* Namespace */);
    assert.equal(chapter.containerName, undefined);
  });

  it('skips a binary file and a file over maxFileSizeMB with one log line each', async () => {
    const about = (name: string) => client.logs.filter((l) => l.includes(name));
    assert.equal(about('binary.txt').length, 1, client.logs.join('\n'));
    assert.match(about('binary.txt')[0], /binary/);
    assert.equal(about('big.txt').length, 1, client.logs.join('\n'));
    assert.match(about('big.txt')[0], /maxFileSizeMB/);
    assert.deepEqual(await client.symbols('超大文件标题'), []);
  });

  it('skips unreadable files (mode 000 unless running as root, a FIFO, a dangling link) with one log line each', async () => {
    for (const name of unreadable) {
      const lines = client.logs.filter((l) => l.includes(name));
      assert.equal(lines.length, 1, `${name}: ${client.logs.join('\n')}`);
    }
    // As root, mode 000 does not stop reading: then the file is simply indexed.
    assert.equal((await client.symbols('锁住的文件')).length, unreadable.includes('locked.txt') ? 0 : 1);
    assert.ok(client.alive);
  });

  it('follows a folder linking back to the workspace only once, and survives a link to itself', async () => {
    const found = await client.symbols('循环目录里的标题');
    assert.deepEqual(found.map((s) => s.location.uri), [uri(join(root, 'loop/inner.txt'))]);
    assert.ok(client.logs.some((l) => l.includes('self.txt') && /loop/i.test(l)), client.logs.join('\n'));
    assert.ok(client.logs.some((l) => l.includes('loop/back') && /loop/i.test(l)), client.logs.join('\n'));
  });

  it('leaves out node_modules, .git, what files.exclude excludes, and files the include glob does not match', async () => {
    for (const name of ['依赖包标题', '版本库标题', '草稿标题', '不是文本文件']) assert.deepEqual(await client.symbols(name), [], name);
  });

  it('finds 政治站位 by initials and 政治 by full pinyin through tigang/searchSections, with the file and parent', async () => {
    const initials = await client.search('zzzw');
    assert.equal(initials.items[0]?.name, '一、提高政治站位');
    assert.equal(initials.items[0]?.file, 'speech.txt');
    assert.equal(initials.indexing, false);
    const full = await client.search('zhengzhi');
    assert.equal(full.items[0]?.name, '一、提高政治站位');
    const nested = await client.search('lenglian');
    assert.deepEqual(nested.items.map((m) => [m.name, m.containerName, m.file, m.line, m.start, m.titleEnd, m.style]), [
      ['（二）冷链物流监管', '一、提高政治站位', 'speech.txt', 3, 0, 9, 'paren-cn'],
    ]);
    const gbk = await client.search('zongze');
    assert.equal(gbk.items[0]?.file, 'laws/gbk.txt');
  });

  it('ranks exact before prefix before substring', async () => {
    const names = (await client.search('一、总则')).items.map((m) => m.name);
    assert.equal(names[0], '一、总则');
    const ranked = (await client.search('一')).items.map((m) => m.name);
    const firstSubstring = ranked.findIndex((n) => !n.startsWith('一'));
    assert.ok(firstSubstring === -1 || ranked.slice(firstSubstring).every((n) => !n.startsWith('一')), JSON.stringify(ranked));
  });

  it('returns every heading for an empty query when there are fewer than 200', async () => {
    const { headings } = await client.status();
    assert.ok(headings > 0);
    assert.equal((await client.symbols('')).length, headings);
    assert.equal((await client.search('', 1000)).items.length, headings);
  });

  it('answers InvalidParams for a query that is not a string and a limit that is not a positive integer', async () => {
    await assert.rejects(client.request('workspace/symbol', { query: 3 }), (e: { code?: number }) => e.code === -32602);
    await assert.rejects(client.request('tigang/searchSections', { query: 'x', limit: -1 }), (e: { code?: number }) => e.code === -32602);
  });
});

describe('result limits, on a workspace of 1,200 headings', () => {
  // Limits of server/src/workspace/feature.ts: workspace/symbol gives 500
  // (SYMBOL_LIMIT), 200 for an empty query (EMPTY_QUERY_LIMIT);
  // tigang/searchSections 200 unless asked for more (SEARCH_LIMIT), at most
  // 1,000 (SEARCH_LIMIT_MAX), and never more than 200 for an empty query.
  const HEADINGS = 1200;
  let root: string;
  let client: WorkspaceClient;

  before(async () => {
    root = tempWorkspace('limits');
    write(root, 'many.txt', Array.from({ length: HEADINGS }, (_, i) => `${i + 1}.要点${i + 1}\n`).join(''));
    write(root, 'other.txt', '一、别的标题\n');
    client = await WorkspaceClient.start({ folders: [{ uri: uri(root), name: 'ws' }] });
    const status = await client.idle();
    assert.equal(status.headings, HEADINGS + 1, 'every generated line is a heading');
  });

  after(async () => {
    await client?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('workspace/symbol: 200 headings for an empty or blank query, in workspace order', async () => {
    const all = await client.symbols('');
    assert.equal(all.length, 200);
    assert.deepEqual([all[0].name, all[199].name], ['1.要点1', '200.要点200']);
    assert.equal((await client.symbols(' \u3000')).length, 200);
  });

  it('workspace/symbol: 500 of the 1,200 headings that match, the best first', async () => {
    const found = await client.symbols('要点');
    assert.equal(found.length, 500);
    assert.equal(found[0].name, '1.要点1');
  });

  it('tigang/searchSections: 200 by default, as many as asked up to 1,000, and 200 at most for an empty query', async () => {
    assert.equal((await client.search('要点')).items.length, 200);
    assert.equal((await client.search('要点', 7)).items.length, 7);
    assert.equal((await client.search('要点', 1000)).items.length, 1000);
    assert.equal((await client.search('要点', 1001)).items.length, 1000);
    assert.equal((await client.search('')).items.length, 200);
    assert.equal((await client.search('', 1000)).items.length, 200);
    assert.equal((await client.search('', 50)).items.length, 50);
  });
});

/**
 * A temporary workspace with these files and a server on it, both gone when
 * the test ends.
 */
async function serve(t: TestContext, prefix: string, files: Record<string, string>, options: Omit<WorkspaceClientOptions, 'folders'> = {}): Promise<{ root: string; client: WorkspaceClient }> {
  const root = tempWorkspace(prefix);
  const started: { client?: WorkspaceClient } = {};
  t.after(async () => {
    await started.client?.stop();
    rmSync(root, { recursive: true, force: true });
  });
  for (const [rel, content] of Object.entries(files)) write(root, rel, content);
  const client = (started.client = await WorkspaceClient.start({ folders: [{ uri: uri(root), name: 'ws' }], ...options }));
  return { root, client };
}

describe('keeping the index current', () => {
  it('follows files deleted, renamed and created as the client reports them with didChangeWatchedFiles', async (t) => {
    const { root, client } = await serve(t, 'client-watch', { 'a.txt': '一、甲文件标题\n', 'b.txt': '一、乙文件标题\n' }, { watchFiles: true });
    await client.symbolsWhere('文件标题', 'both files', (names) => names.length === 2);
    const watchers = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.ok(JSON.stringify(watchers?.registerOptions).includes('**/*.txt'), JSON.stringify(client.registrations));

    unlinkSync(join(root, 'a.txt'));
    await client.filesChanged([{ uri: uri(join(root, 'a.txt')), type: 3 }]);
    await client.symbolsWhere('甲文件标题', 'a.txt to leave the index', (names) => names.length === 0);

    renameSync(join(root, 'b.txt'), join(root, 'c.txt'));
    await client.filesChanged([
      { uri: uri(join(root, 'b.txt')), type: 3 },
      { uri: uri(join(root, 'c.txt')), type: 1 },
    ]);
    await client.symbolsAt('乙文件标题', [uri(join(root, 'c.txt'))], 'b.txt renamed to c.txt: found under the new name only');

    write(root, 'sub/d.txt', '一、丁文件标题\n');
    await client.filesChanged([{ uri: uri(join(root, 'sub')), type: 1 }]);
    await client.symbolsWhere('丁文件标题', 'a folder created with a file in it', (names) => names.length === 1);

    write(root, 'c.txt', '一、乙文件改后的标题\n');
    await client.filesChanged([{ uri: uri(join(root, 'c.txt')), type: 2 }]);
    await client.symbolsWhere('乙文件改后的标题', 'the changed text', (names) => names.length === 1);

    rmSync(join(root, 'sub'), { recursive: true });
    await client.filesChanged([{ uri: uri(join(root, 'sub')), type: 3 }]);
    await client.symbolsWhere('丁文件标题', 'a deleted folder to take its files along', (names) => names.length === 0);
  });

  it('notices files created, deleted and renamed by itself when the client does not watch files', async (t) => {
    const { root, client } = await serve(t, 'own-watch', { 'a.txt': '一、甲文件标题\n', 'sub/b.txt': '一、乙文件标题\n' }, { watchFiles: false });
    await client.symbolsWhere('文件标题', 'both files', (names) => names.length === 2);
    assert.ok(!client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));

    unlinkSync(join(root, 'a.txt'));
    await client.symbolsWhere('甲文件标题', 'the deleted file to leave the index', (names) => names.length === 0);

    renameSync(join(root, 'sub/b.txt'), join(root, 'sub/c.txt'));
    await client.symbolsAt('乙文件标题', [uri(join(root, 'sub/c.txt'))], 'the renamed file under its new name only');

    write(root, 'new/d.txt', '一、丁文件标题\n');
    await client.symbolsWhere('丁文件标题', 'a file in a new folder', (names) => names.length === 1);

    write(root, 'sub/c.txt', '一、乙文件改后的标题\n');
    await client.symbolsWhere('乙文件改后的标题', 'the changed text', (names) => names.length === 1);
  });

  it("lets an open document's unsaved text win over the file on disk until it is closed", async (t) => {
    const { root, client } = await serve(t, 'open', { 'doc.txt': '一、磁盘上的标题\n' });
    const path = join(root, 'doc.txt');
    await client.symbolsWhere('磁盘上的标题', 'the disk version', (names) => names.length === 1);
    await client.open(uri(path), '一、编辑器里的标题\n');
    await client.symbolsWhere('编辑器里的标题', 'the open text', (names) => names.length === 1);
    assert.deepEqual(await client.symbols('磁盘上的标题'), []);
    await client.change(uri(path), 2, '一、还没保存的标题\n');
    await client.symbolsWhere('还没保存的标题', 'the changed open text', (names) => names.length === 1);
    // A change on disk while the document is open does not override it.
    writeFileSync(path, '一、磁盘上又改的标题\n');
    await client.filesChanged([{ uri: uri(path), type: 2 }]);
    await client.idle();
    assert.deepEqual(await client.symbols('磁盘上又改的标题'), []);
    await client.close(uri(path));
    await client.symbolsWhere('磁盘上又改的标题', 'the disk version after closing', (names) => names.length === 1);
    assert.deepEqual(await client.symbols('还没保存的标题'), []);
  });

  it('adds and removes the headings of a workspace folder added or removed', async (t) => {
    const second = tempWorkspace('folder2');
    t.after(() => rmSync(second, { recursive: true, force: true }));
    write(second, 'two.txt', '一、第二个文件夹的标题\n');
    const { root: first, client } = await serve(t, 'folder1', { 'one.txt': '一、第一个文件夹的标题\n' });
    await client.symbolsWhere('文件夹的标题', 'the first folder', (names) => names.length === 1);
    await client.foldersChanged([{ uri: uri(second), name: 'second' }], []);
    await client.symbolsWhere('文件夹的标题', 'both folders', (names) => names.length === 2);
    const { items } = await client.search('第二个文件夹');
    assert.equal(items[0]?.file, 'second/two.txt', 'with several folders the file is prefixed with its folder name');
    await client.foldersChanged([], [{ uri: uri(first), name: 'ws' }]);
    await client.symbolsWhere('文件夹的标题', 'only the second folder', (names) => names.length === 1 && names[0] === '一、第二个文件夹的标题');
  });

  it('reads each folder of a multi-root workspace with its own settings: rules, include and exclude', async (t) => {
    const folders = ['plays', 'notes'].map((name) => ({ name, root: tempWorkspace(`multi-${name}`) }));
    t.after(() => folders.forEach((f) => rmSync(f.root, { recursive: true, force: true })));
    for (const { root } of folders) {
      write(root, 'act.txt', '第一幕　风起的夜晚\n正文。\n一、幕间的说明\n');
      write(root, 'drafts/old.txt', '一、旧稿里的标题\n');
      write(root, 'extra.md', '一、另一种文件里的标题\n');
    }
    const [plays, notes] = folders.map((f) => ({ ...f, uri: uri(f.root) }));
    const started: { client?: WorkspaceClient } = {};
    t.after(async () => started.client?.stop());
    const options: WorkspaceClientOptions = { folders: [plays, notes].map((f) => ({ uri: f.uri, name: f.name })) };
    const client = (started.client = await WorkspaceClient.start(options));
    // Before any folder has settings of its own: both alike.
    await client.symbolsWhere('幕间的说明', 'both folders', (names) => names.length === 2);
    // plays: a rule for 第一幕, drafts excluded; notes: .md included.
    client.settingsFor.set(plays.uri, { tigang: { customRules: [{ pattern: '第[一二三四五六七八九十]+幕', rank: 3 }] }, files: { exclude: { '**/drafts': true } } });
    client.settingsFor.set(notes.uri, { tigang: { files: { include: ['**/*.txt', '**/*.md'] } } });
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const act = await client.symbolsWhere('风起的夜晚', 'the rule’s heading, in plays only', (names) => names.length === 1);
    assert.equal(act[0].location.uri, uri(join(plays.root, 'act.txt')));
    const draft = await client.symbolsWhere('旧稿里的标题', 'drafts left out of plays only', (names) => names.length === 1);
    assert.equal(draft[0].location.uri, uri(join(notes.root, 'drafts/old.txt')));
    const md = await client.symbolsWhere('另一种文件里的标题', '.md in notes only', (names) => names.length === 1);
    assert.equal(md[0].location.uri, uri(join(notes.root, 'extra.md')));
    // The rule's 第一幕 holds 一、 in plays; in notes 一、 is at the top.
    const parts = await client.symbols('幕间的说明');
    assert.deepEqual(parts.map((s) => [s.location.uri, s.containerName ?? '']).sort(), [[uri(join(notes.root, 'act.txt')), ''], [uri(join(plays.root, 'act.txt')), '第一幕 风起的夜晚']].sort());
  });

  it('indexes rootUri when the client gives no workspace folders', async (t) => {
    const { client } = await serve(t, 'root-uri', { 'only.txt': '一、根目录的标题\n' }, { asRootUri: true });
    await client.symbolsWhere('根目录的标题', 'the rootUri folder', (names) => names.length === 1);
  });

  it('reads the folder again when tigang.files.include changes', async (t) => {
    const { client } = await serve(t, 'include', { 'a.txt': '一、文本文件的标题\n', 'b.md': '一、另一种文件的标题\n' });
    await client.symbolsWhere('文件的标题', 'the .txt file only', (names) => names.length === 1);
    client.settings = { tigang: { files: { include: ['**/*.txt', '**/*.md'] } } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.symbolsWhere('文件的标题', 'both files', (names) => names.length === 2);
  });
});

describe('work-done progress while indexing', () => {
  // Indexing shows progress once it has run for PROGRESS_DELAY_MS (1 s,
  // server/src/workspace/feature.ts). Rather than a workspace big enough to
  // take that long (the time would depend on the machine), the test keeps
  // typing in an open document: after each edit the index stands aside for
  // EDIT_PAUSE_MS (15 ms, slices.ts), so indexing lasts as long as the typing.
  // Should the typing stall (a busy machine), the index gets on by one slice
  // of 4 ms: the slow workspace takes some 50 slices (200 ms) to index, so a
  // few stalls do not end it before the second is over.
  const body = `${'　　正文，正文，正文。'.repeat(20)}\n`;
  const workspace = (files: number, headings: number) =>
    Object.fromEntries(Array.from({ length: files }, (_, f) => [`f${f}.txt`, Array.from({ length: headings }, (_, i) => `${i + 1}.第${f}个文件的标题\n${body}`).join('')]));
  const QUICK = workspace(10, 2);
  const SLOW = workspace(400, 20);
  /** Past PROGRESS_DELAY_MS, with room for a busy machine. */
  const PAST_DELAY_MS = 1300;

  /** Edits an untitled document every 5 ms until stopped. */
  async function keepTyping(client: WorkspaceClient): Promise<() => Promise<void>> {
    const doc = 'untitled:Untitled-1';
    let version = 1;
    await client.open(doc, '一、正在输入\n', version);
    const timer = setInterval(() => void client.change(doc, ++version, `一、正在输入${version}\n`), 5);
    return async () => {
      clearInterval(timer);
      await client.close(doc);
    };
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('shows none for indexing that ends within a second', async (t) => {
    const { client } = await serve(t, 'progress-quick', QUICK);
    await client.idle();
    assert.equal((await client.status()).headings, 20);
    await sleep(PAST_DELAY_MS); // a timer left running would begin progress now
    assert.deepEqual(client.progress, []);
    assert.deepEqual(client.progressCreated, []);
  });

  it('begins after a second of indexing and ends with it, under one token', async (t) => {
    const { client } = await serve(t, 'progress-slow', SLOW);
    const typing = Date.now(); // before indexing starts
    const stopTyping = await keepTyping(client);
    try {
      // Not before a second of indexing (a lower bound: a busy machine only
      // makes it later, so this cannot flake); the wait itself is generous.
      await client.waitFor('progress to begin', async () => (client.progress.some((p) => p.value.kind === 'begin') ? true : undefined), 10_000);
      assert.ok(Date.now() - typing >= 1000, `began after ${Date.now() - typing} ms, before a second of indexing`);
      assert.equal((await client.status()).indexing, true, 'indexing is still running');
    } finally {
      await stopTyping();
    }
    await client.idle();
    await client.waitFor('progress to end', async () => (client.progress.some((p) => p.value.kind === 'end') ? true : undefined), 5000);
    assert.equal((await client.status()).headings, 8000);
    const kinds = client.progress.map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin', JSON.stringify(client.progress));
    assert.equal(kinds.at(-1), 'end', JSON.stringify(client.progress));
    assert.deepEqual(kinds.slice(1, -1).filter((k) => k !== 'report'), [], JSON.stringify(client.progress));
    assert.equal(client.progress[0].value.title, 'Tigang');
    assert.equal(client.progressCreated.length, 1);
    assert.ok(client.progress.every((p) => p.token === client.progressCreated[0]), JSON.stringify({ created: client.progressCreated, progress: client.progress }));
  });

  it('shows none to a client without window.workDoneProgress', async (t) => {
    const { client } = await serve(t, 'progress-off', SLOW, { progress: false });
    const stopTyping = await keepTyping(client);
    try {
      await sleep(PAST_DELAY_MS);
      assert.equal((await client.status()).indexing, true, 'indexing has run for over a second');
    } finally {
      await stopTyping();
    }
    await client.idle();
    assert.equal((await client.status()).headings, 8000);
    assert.deepEqual(client.progress, []);
    assert.deepEqual(client.progressCreated, []);
  });
});

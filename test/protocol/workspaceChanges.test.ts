// After changes on disk settle, workspace/symbol answers what a fresh server
// started on the final tree answers: a file replaced by a directory, a folder
// renamed, a file truncated, a file deleted and recreated, a folder replaced
// by something unreadable, and all of them in one burst. So do definition and
// references across documents by title (docs/headings.md §9) from an open
// document that stands in for its file: laws retitled, deleted beside a copy
// of the same title, renamed to a title cited, citing files moved. The server
// notices the changes with its own watcher (server/src/workspace/watcher.ts),
// or is told of them as VS Code tells it (one coalesced event per path).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestContext, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver-protocol';
import { SpawnUser, unprivilegedUser } from './lspClient';
import { SymbolInfo, WorkspaceClient } from './workspaceClient';

const uri = (path: string) => pathToFileURL(path).href;

function write(root: string, rel: string, content: string): void {
  const path = join(root, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

/** Every heading in the workspace, as workspace/symbol lists them for an empty query (fewer than its 200 here). */
function answer(symbols: SymbolInfo[]): string[] {
  return symbols.map((s) => `${s.location.uri.slice(s.location.uri.lastIndexOf('/ws/') + 4)} ${s.location.range.start.line} ${s.name}`);
}

/** A document the client keeps open: its text wins over its file's on disk. */
interface OpenFile {
  rel: string;
  text: string;
}

const REFERENCE = /第[一二三四五六七八九十百]+条/g;

/**
 * What the server answers: every heading (workspace/symbol), and with an open
 * document, definition and references (includeDeclaration false) at each
 * 第X条 it writes and at each of its lines — references to other documents by
 * title, and the files citing its articles.
 */
async function answerOf(client: WorkspaceClient, root: string, open: OpenFile | undefined): Promise<string[]> {
  const found = answer(await client.symbols(''));
  if (open === undefined) return found;
  const doc = uri(join(root, open.rel));
  const where = (l: Location) => `${l.uri.slice(l.uri.lastIndexOf('/ws/') + 4)} ${l.range.start.line}:${l.range.start.character}`;
  const lines = open.text.split('\n');
  for (const [line, text] of lines.entries()) {
    const positions = [...text.matchAll(REFERENCE)].map((m) => m.index + 1);
    for (const character of positions) {
      const position = { textDocument: { uri: doc }, position: { line, character } };
      const target = await client.request<Location | Location[] | null>('textDocument/definition', position);
      found.push(`definition ${line}:${character} → ${target === null ? 'nothing' : [target].flat().map(where).join(' ')}`);
      const refs = await client.request<Location[]>('textDocument/references', { ...position, context: { includeDeclaration: false } });
      found.push(`references ${line}:${character} → ${refs.map(where).join(' ')}`);
    }
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: doc }, position: { line, character: 1 }, context: { includeDeclaration: false } });
    found.push(`references of line ${line} → ${refs.map(where).join(' ')}`);
  }
  return found;
}

/** What a server started on the workspace as it is now answers, once it has indexed it (with the same document open). */
async function freshAnswer(root: string, open?: OpenFile, user?: SpawnUser): Promise<string[]> {
  const fresh = await WorkspaceClient.start({ folders: [{ uri: uri(root), name: 'ws' }], user });
  try {
    await fresh.idle();
    if (open !== undefined) await fresh.open(uri(join(root, open.rel)), open.text);
    return await answerOf(fresh, root, open);
  } finally {
    await fresh.stop();
  }
}

interface Scenario {
  /** The workspace before the change: relative path → text. */
  files: Record<string, string>;
  /** Changes the tree on disk, all at once (within the watcher's settle window). */
  change(root: string): void;
  /** What VS Code would report for the change, when the client watches files (coalesced as VS Code does: delete + create of a path is one change). */
  events?: (root: string) => { uri: string; type: 1 | 2 | 3 }[];
  /** Open before the change and after it, in this server and the fresh one. */
  open?: OpenFile;
  /** The answer once the change settled, spelled out (besides being a fresh server's). */
  settled?: string[];
}

/**
 * Serves the files, waits for them to be indexed, applies the change, and
 * waits until workspace/symbol answers as a fresh server on the final tree
 * does. A server that keeps stale headings times out here, naming both answers.
 */
async function settlesLikeAFreshServer(t: TestContext, scenario: Scenario, watchFiles: boolean, user?: SpawnUser): Promise<void> {
  // realpath: the index names files by their canonical URIs, and the open document must be its file's (/tmp may be a link).
  const root = join(realpathSync(mkdtempSync(join(tmpdir(), 'tigang-ws-changes-'))), 'ws');
  mkdirSync(root);
  const started: { client?: WorkspaceClient } = {};
  t.after(async () => {
    await started.client?.stop();
    execFileSync('chmod', ['-R', 'u+rwx', join(root, '..')]); // a folder made unreadable
    rmSync(join(root, '..'), { recursive: true, force: true });
  });
  for (const [rel, text] of Object.entries(scenario.files)) write(root, rel, text);
  // The servers' user owns the workspace (mkdtemp made its folder 0700 for the test's user).
  if (user !== undefined) execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, join(root, '..')]);
  const client = (started.client = await WorkspaceClient.start({ folders: [{ uri: uri(root), name: 'ws' }], watchFiles, user }));
  await client.idle();
  const { open } = scenario;
  if (open !== undefined) await client.open(uri(join(root, open.rel)), open.text);
  const before = await answerOf(client, root, open);
  if (open !== undefined) assert.deepEqual(before, await freshAnswer(root, open, user), 'before the change: a fresh server’s answer');

  scenario.change(root);
  if (watchFiles) await client.filesChanged(scenario.events!(root));
  const expected = await freshAnswer(root, open, user);
  assert.notDeepEqual(expected, before, 'the change changes the answer');
  let last: string[] = [];
  try {
    await client.waitFor('the answer of a fresh server', async () => {
      last = await answerOf(client, root, open);
      return JSON.stringify(last) === JSON.stringify(expected) ? true : undefined;
    });
  } catch (error) {
    assert.deepEqual(last, expected, `workspace/symbol${open ? ', definition and references' : ''} after the change settled (${String(error).split('\n')[0]})`);
  }
  if (scenario.settled !== undefined) assert.deepEqual(last, scenario.settled);
}

/** Whether `user` (this process's user when undefined) can list a folder. */
function readableBy(user: SpawnUser | undefined, path: string): boolean {
  try {
    execFileSync(process.execPath, ['-e', 'require("fs").readdirSync(process.argv[1])', path], { stdio: 'ignore', ...(user ?? {}) });
    return true;
  } catch {
    return false;
  }
}

const TWO_FILES = { 'a.txt': '一、甲文件的标题\n（一）甲的小节\n', 'b.txt': '一、乙文件的标题\n' };
const WITH_FOLDER = { 'a.txt': '一、外面的标题\n', 'sub/x.txt': '一、子目录的标题\n', 'sub/deep/y.txt': '一、更深的标题\n二、更深的第二节\n' };

const SCENARIOS: Record<string, Scenario> = {
  'a file replaced by a directory (rm a.txt; mkdir a.txt)': {
    files: TWO_FILES,
    change(root) {
      unlinkSync(join(root, 'a.txt'));
      mkdirSync(join(root, 'a.txt'));
    },
    events: (root) => [{ uri: uri(join(root, 'a.txt')), type: 2 }],
  },
  'a file replaced by a directory holding a file': {
    files: TWO_FILES,
    change(root) {
      unlinkSync(join(root, 'a.txt'));
      write(root, 'a.txt/inner.txt', '一、目录里的新标题\n');
    },
    events: (root) => [
      { uri: uri(join(root, 'a.txt')), type: 2 },
      { uri: uri(join(root, 'a.txt/inner.txt')), type: 1 },
    ],
  },
  'a directory replaced by a file of the same name': {
    files: { 'a.txt': '一、外面的标题\n', 'd.txt/x.txt': '一、目录里的标题\n' },
    change(root) {
      rmSync(join(root, 'd.txt'), { recursive: true });
      write(root, 'd.txt', '一、变成文件的标题\n');
    },
    events: (root) => [
      { uri: uri(join(root, 'd.txt/x.txt')), type: 3 },
      { uri: uri(join(root, 'd.txt')), type: 2 },
    ],
  },
  'a folder renamed': {
    files: WITH_FOLDER,
    change(root) {
      renameSync(join(root, 'sub'), join(root, 'renamed'));
    },
    events: (root) => [
      { uri: uri(join(root, 'sub')), type: 3 },
      { uri: uri(join(root, 'renamed')), type: 1 },
    ],
  },
  'a file truncated, to its first line and to nothing': {
    files: { 'a.txt': '一、第一节\n二、第二节\n三、第三节\n', 'b.txt': '一、乙文件的标题\n' },
    change(root) {
      truncateSync(join(root, 'a.txt'), Buffer.byteLength('一、第一节\n'));
      truncateSync(join(root, 'b.txt'), 0);
    },
    events: (root) => [
      { uri: uri(join(root, 'a.txt')), type: 2 },
      { uri: uri(join(root, 'b.txt')), type: 2 },
    ],
  },
  'a file deleted and recreated with other headings': {
    files: TWO_FILES,
    change(root) {
      unlinkSync(join(root, 'a.txt'));
      write(root, 'a.txt', '一、重新建立的标题\n二、又一节\n');
    },
    events: (root) => [{ uri: uri(join(root, 'a.txt')), type: 2 }],
  },
  'a folder replaced by a FIFO (moved away, a FIFO in its place)': {
    files: WITH_FOLDER,
    change(root) {
      renameSync(join(root, 'sub'), join(root, '..', 'moved-away'));
      execFileSync('mkfifo', [join(root, 'sub')]);
    },
  },
  'a folder replaced by a dangling symbolic link': {
    files: WITH_FOLDER,
    change(root) {
      renameSync(join(root, 'sub'), join(root, '..', 'moved-away'));
      symlinkSync(join(root, 'nowhere'), join(root, 'sub'));
    },
  },
  'all of these in one burst': {
    files: {
      'a.txt': '一、甲文件的标题\n',
      'b.txt': '一、第一节\n二、第二节\n',
      'c.txt': '一、丙文件的标题\n',
      'sub/x.txt': '一、子目录的标题\n',
      'other/z.txt': '一、另一个目录的标题\n',
    },
    change(root) {
      unlinkSync(join(root, 'a.txt'));
      mkdirSync(join(root, 'a.txt'));
      truncateSync(join(root, 'b.txt'), Buffer.byteLength('一、第一节\n'));
      unlinkSync(join(root, 'c.txt'));
      write(root, 'c.txt', '一、丙文件重建后的标题\n');
      renameSync(join(root, 'sub'), join(root, 'sub2'));
      renameSync(join(root, 'other'), join(root, '..', 'moved-away'));
      execFileSync('mkfifo', [join(root, 'other')]);
    },
  },
};

/** Laws and rules citing one another by 《title》 and by a law's name; laws/data.txt is open, its text other than its file's. */
const LAWS = {
  'laws/criminal.txt': '中华人民共和国刑法\n第十七条　已满十六周岁的人犯罪，应当负刑事责任。\n第十八条　精神病人造成危害结果的，不负刑事责任。\n',
  'laws/data.txt': '某市公共数据管理条例（草案）\n第一条　依照刑法第十八条。\n',
  'rules/detail.txt': '某区实施细则\n第一条　依照《某市公共数据管理条例》第二条制定本细则。\n第二条　依照刑法第十七条处理。\n',
  'misc/notes.txt': '\n第三条　物业服务人应当公示收费项目。\n',
};
const OPEN_LAW: OpenFile = {
  rel: 'laws/data.txt',
  text: '某市公共数据管理条例\n第一条　依照刑法第十七条和《中华人民共和国刑法》第十八条的规定。\n第二条　另见《某市物业条例》第三条。\n',
};
const changed = (root: string, ...rels: string[]) => rels.map((rel) => ({ uri: uri(join(root, rel)), type: 2 as const }));

const TITLE_SCENARIOS: Record<string, Scenario> = {
  'a cited law retitled (its first line changed)': {
    files: LAWS,
    open: OPEN_LAW,
    change(root) {
      write(root, 'laws/criminal.txt', LAWS['laws/criminal.txt'].replace('中华人民共和国刑法', '中华人民共和国民法典'));
    },
    events: (root) => changed(root, 'laws/criminal.txt'),
  },
  'a cited law deleted beside a copy of the same title (the first in workspace order answered, then the one left)': {
    files: { ...LAWS, 'copies/criminal.txt': '中华人民共和国刑法\n\n第十七条　另一份的第十七条。\n第十八条　另一份的第十八条。\n' },
    open: OPEN_LAW,
    change(root) {
      unlinkSync(join(root, 'copies/criminal.txt'));
    },
    events: (root) => [{ uri: uri(join(root, 'copies/criminal.txt')), type: 3 }],
  },
  'a file renamed to the title a reference names': {
    files: LAWS,
    open: OPEN_LAW,
    change(root) {
      renameSync(join(root, 'misc/notes.txt'), join(root, 'misc/某市物业条例.txt'));
    },
    events: (root) => [
      { uri: uri(join(root, 'misc/notes.txt')), type: 3 },
      { uri: uri(join(root, 'misc/某市物业条例.txt')), type: 1 },
    ],
  },
  'the folder of a citing file renamed': {
    files: LAWS,
    open: OPEN_LAW,
    change(root) {
      renameSync(join(root, 'rules'), join(root, '细则'));
    },
    events: (root) => [
      { uri: uri(join(root, 'rules')), type: 3 },
      { uri: uri(join(root, '细则')), type: 1 },
    ],
  },
  'a citing file deleted and another created': {
    files: LAWS,
    open: OPEN_LAW,
    change(root) {
      unlinkSync(join(root, 'rules/detail.txt'));
      write(root, 'other/new.txt', '某县办法\n第一条　依照《某市公共数据管理条例》第一条。\n');
    },
    events: (root) => [
      { uri: uri(join(root, 'rules/detail.txt')), type: 3 },
      { uri: uri(join(root, 'other/new.txt')), type: 1 },
    ],
  },
  'all of these in one burst, and the open document’s file changed on disk': {
    files: { ...LAWS, 'copies/criminal.txt': '中华人民共和国刑法\n\n第十七条　另一份的第十七条。\n' },
    open: OPEN_LAW,
    change(root) {
      unlinkSync(join(root, 'copies/criminal.txt'));
      write(root, 'laws/criminal.txt', LAWS['laws/criminal.txt'].replace('第十八条', '第十九条'));
      renameSync(join(root, 'misc/notes.txt'), join(root, 'misc/某市物业条例.txt'));
      renameSync(join(root, 'rules'), join(root, '细则'));
      write(root, 'other/new.txt', '某县办法\n第一条　依照《某市公共数据管理条例》第一条。\n');
      write(root, 'laws/data.txt', '某市公共数据管理条例（草案）\n第一条　依照刑法第十七条。\n');
    },
  },
};

// The servers mostly wait (for the watcher, for each other): a few cases at once.
describe('workspace/symbol after changes settle, compared with a fresh server on the final tree', { concurrency: 3 }, () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(`${name}, seen by the server's own watcher`, (t) => settlesLikeAFreshServer(t, scenario, false));
    if (scenario.events !== undefined) it(`${name}, as VS Code reports it`, (t) => settlesLikeAFreshServer(t, scenario, true));
  }

  // Root reads a folder of mode 000, so as root the servers run as a user without privileges (unprivilegedUser).
  it('a folder made unreadable (mode 000), seen by the own watcher: its files leave, as for a fresh server that cannot read it', async (t) => {
    const user = unprivilegedUser();
    await settlesLikeAFreshServer(t, {
      files: WITH_FOLDER,
      change(root) {
        chmodSync(join(root, 'sub'), 0o000);
        assert.equal(readableBy(user, join(root, 'sub')), false, 'mode 000 keeps the servers out of the folder');
      },
      settled: ['a.txt 0 一、外面的标题'], // sub/x.txt and sub/deep/y.txt gone
    }, false, user);
  });
});

describe('definition and references across documents by title after changes settle, compared with a fresh server on the final tree', { concurrency: 3 }, () => {
  for (const [name, scenario] of Object.entries(TITLE_SCENARIOS)) {
    it(`${name}, seen by the server's own watcher`, (t) => settlesLikeAFreshServer(t, scenario, false));
    if (scenario.events !== undefined) it(`${name}, as VS Code reports it`, (t) => settlesLikeAFreshServer(t, scenario, true));
  }
});

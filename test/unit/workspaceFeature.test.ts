// The workspace feature (server/src/workspace/feature.ts) in-process, without
// a connection: a WorkspaceHost that records what the feature asks of the
// client, and an in-memory file system. The protocol tests
// (test/protocol/workspace*.test.ts) speak to the real server on disk.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { CancellationToken, ErrorCodes, FileChangeType, FileSystemWatcher, InitializeParams, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { normalizeSettings } from '../../server/src/configuration';
import { PlainTextDocument, parseOutline } from '../../server/src/engine';
import { WorkspaceFeature, WorkspaceHost } from '../../server/src/workspace/feature';
import { OpenDocument } from '../../server/src/workspace/workspaceIndex';
import { InMemoryFs } from './inMemoryFs';

interface Recorded {
  logs: string[];
  watchers: FileSystemWatcher[][];
  open: Map<string, OpenDocument>;
  settings: Record<string, { tigang?: unknown; files?: unknown }>;
}

function host(): WorkspaceHost & Recorded {
  const recorded: Recorded = { logs: [], watchers: [], open: new Map(), settings: {} };
  return {
    ...recorded,
    log: (m) => recorded.logs.push(m),
    openDocument: (uri) => recorded.open.get(uri),
    folderSettings: async (scopeUri) => normalizeSettings(recorded.settings[scopeUri]?.tigang, recorded.settings[scopeUri]?.files),
    watchFiles: async (watchers) => {
      recorded.watchers.push(watchers);
      return { dispose: () => undefined };
    },
    createProgress: () => Promise.reject(new Error('no progress in these tests')),
  };
}

function initializeParams(folders: string[], options: { clientWatches?: boolean } = {}): InitializeParams {
  return {
    processId: null,
    rootUri: null,
    workspaceFolders: folders.map((uri) => ({ uri, name: '' })),
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: options.clientWatches === true } } },
  };
}

async function started(h: WorkspaceHost, fs: InMemoryFs, folders: string[], options?: { clientWatches?: boolean }): Promise<WorkspaceFeature> {
  const feature = new WorkspaceFeature(h, fs);
  feature.initialize(initializeParams(folders, options));
  await feature.start();
  await idle(feature);
  return feature;
}

async function idle(feature: WorkspaceFeature): Promise<void> {
  const deadline = Date.now() + 5000;
  while (feature.indexStatus().indexing || feature.indexStatus().queued > 0) {
    assert.ok(Date.now() < deadline, 'the index becomes idle');
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

const names = (feature: WorkspaceFeature, query: string) => feature.workspaceSymbols({ query }).map((s) => `${s.location.uri} ${s.name}`);

suite('Workspace feature: the LSP side of the index, through its host', () => {
  test("Indexes the folders given at initialize, each read with its own folder's settings", async () => {
    const fs = new InMemoryFs().write('file:///one/a.txt', '一、甲标题\n').write('file:///one/b.md', '一、乙标题\n').write('file:///two/b.md', '一、丙标题\n');
    const h = host();
    h.settings['file:///two'] = { tigang: { files: { include: ['**/*.md'] } } };
    const feature = await started(h, fs, ['file:///one', 'file:///two']);
    assert.deepEqual(names(feature, '标题'), ['file:///one/a.txt 一、甲标题', 'file:///two/b.md 一、丙标题']);
    const { items } = feature.searchSections({ query: 'bing' });
    assert.deepEqual(items.map((m) => m.file), ['two/b.md'], 'pinyin, and the folder named with several folders');
    feature.dispose();
  });

  test('An open document wins over the disk until it is closed; files the client reports deleted leave', async () => {
    const fs = new InMemoryFs().write('file:///ws/a.txt', '一、磁盘上的标题\n').write('file:///ws/b.txt', '一、另一个文件\n');
    const h = host();
    const feature = await started(h, fs, ['file:///ws'], { clientWatches: true });
    // VS Code spells the URI its own way; the index knows it is the same file.
    const vscodeUri = 'file:///ws/a%2Etxt';
    h.open.set(vscodeUri, { uri: vscodeUri, outline: (o) => parseOutline(new PlainTextDocument(vscodeUri, '一、编辑器里的标题\n'), o) });
    feature.documentChanged(vscodeUri);
    assert.deepEqual(names(feature, '标题'), [`${vscodeUri} 一、编辑器里的标题`]);
    h.open.delete(vscodeUri);
    feature.documentClosed(vscodeUri);
    await idle(feature);
    assert.deepEqual(names(feature, '标题'), ['file:///ws/a.txt 一、磁盘上的标题']);

    fs.remove('file:///ws/b.txt');
    feature.watchedFilesChanged({ changes: [{ uri: 'file:///ws/b.txt', type: FileChangeType.Deleted }] });
    assert.deepEqual(names(feature, '文件'), []);
    assert.ok(JSON.stringify(h.watchers.at(-1)).includes('**/*.txt'), 'the client is asked to watch the included files');
    assert.equal(fs.watchCount, 0, 'and the server does not watch them itself');
    feature.dispose();
  });

  test('Watches the folders itself when the client does not, and leaves out folders the file system does not serve', async () => {
    const fs = new InMemoryFs().write('file:///ws/a.txt', '一、标题\n');
    const h = host();
    const feature = await started(h, fs, ['file:///ws', 'vscode-vfs://github/x/y']);
    assert.ok(fs.watchCount > 0);
    assert.deepEqual(h.watchers, []);
    assert.ok(h.logs.some((l) => l.includes('vscode-vfs://github/x/y') && l.includes('left out')), h.logs.join('\n'));
    fs.write('file:///ws/new.txt', '一、新文件\n');
    const deadline = Date.now() + 5000; // past the watcher's settle window, with room for a busy machine
    while (names(feature, '新文件').length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(names(feature, '新文件'), ['file:///ws/new.txt 一、新文件'], 'a file created is seen by the own watcher');
    feature.dispose();
    assert.equal(fs.watchCount, 0, 'disposing stops watching');
  });

  test('Answers InvalidParams for malformed params and RequestCancelled for a cancelled request', async () => {
    const feature = await started(host(), new InMemoryFs().mkdir('file:///ws'), ['file:///ws']);
    const code = (f: () => unknown) => {
      try {
        f();
        return 'no error';
      } catch (error) {
        return error instanceof ResponseError ? error.code : String(error);
      }
    };
    const cancelled: CancellationToken = { isCancellationRequested: true, onCancellationRequested: () => ({ dispose: () => undefined }) };
    assert.equal(code(() => feature.workspaceSymbols({ query: 3 })), ErrorCodes.InvalidParams);
    assert.equal(code(() => feature.searchSections({ query: 'x', limit: 0 })), ErrorCodes.InvalidParams);
    assert.equal(code(() => feature.workspaceSymbols({ query: 'x' }, cancelled)), LSPErrorCodes.RequestCancelled);
    assert.equal(code(() => feature.searchSections({ query: 'x' }, cancelled)), LSPErrorCodes.RequestCancelled);
    feature.dispose();
  });
});

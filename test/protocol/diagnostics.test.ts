// Numbering checks against the real server: pulled and published
// diagnostics, their quick fixes listed and resolved, fix-all, and the
// settings that turn them off.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { PlainTextDocument, applyEdits, checkNumbering, parseOutline } from '../../server/src/engine';
import { LspClient, repoRoot, startClients, stopClients } from './lspClient';

const SLIPS = readFileSync(join(repoRoot(), 'seeds', 'numbering-slips.txt'), 'utf8');
const LIST = ['一、总体要求', '二、重点任务', '四、保障措施'].join('\n');
const PULL = { textDocument: { diagnostic: { dynamicRegistration: false } } };
const RESOLVE = { textDocument: { codeAction: { resolveSupport: { properties: ['edit'] }, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } }, workspace: { workspaceEdit: { documentChanges: true } } };

/** The text after a WorkspaceEdit of one document. */
function applied(text: string, edit: WorkspaceEdit): string {
  const change = edit.documentChanges?.[0] as { edits: TextEdit[] } | undefined;
  const edits = change?.edits ?? Object.values(edit.changes ?? {})[0] ?? [];
  return applyEdits(text, edits.map((e) => ({ line: e.range.start.line, start: e.range.start.character, endLine: e.range.end.line, end: e.range.end.character, newText: e.newText })));
}

const codesOf = (items: readonly Diagnostic[]) => items.map((d) => `${d.range.start.line + 1}:${d.code}`);

describe('pulled diagnostics (textDocument/diagnostic)', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ locale: 'zh-cn', capabilities: { ...PULL, ...RESOLVE, textDocument: { ...PULL.textDocument, ...RESOLVE.textDocument } } })));
  after(() => client.shutdown());
  const pull = (uri: string, previousResultId?: string) => client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId });

  it('advertises a diagnostic provider and code actions with resolve', () => {
    const caps = client.initializeResult!.capabilities;
    assert.deepEqual(caps.diagnosticProvider, { identifier: 'tigang', interFileDependencies: false, workspaceDiagnostics: false });
    // …and the structure operations at a heading (refactor.*, test/protocol/structure.test.ts).
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.tigang', 'source.renumberDocument.tigang', 'source.renumberArticles.tigang', 'refactor.move', 'refactor.rewrite'], resolveProvider: true });
  });

  it('reports every slip of the sample, on its marker, in Chinese, with source tigang and the item compared with', async () => {
    const uri = 'file:///slips.txt';
    await client.open(uri, SLIPS);
    const report = await pull(uri);
    assert.equal(report.kind, 'full');
    const items = (report as { items: Diagnostic[] }).items;
    assert.deepEqual(codesOf(items), [
      '3:docnumber.form', '10:toc.mismatch', '13:toc.mismatch', '15:numbering.order', '18:numbering.gbt9704', '22:numbering.form',
      '28:numbering.form', '34:numbering.skipped', '36:numbering.skipped', '41:numbering.repeated', '43:numbering.start', '57:attachment.mismatch', '60:date.form',
    ]);
    const skipped = items.find((d) => d.range.start.line === 35)!;
    assert.deepEqual(skipped.range, { start: { line: 35, character: 0 }, end: { line: 35, character: 2 } });
    assert.equal(skipped.source, 'tigang');
    assert.equal(skipped.severity, 2);
    assert.equal(skipped.message, '序号不连续：应为 三、');
    assert.equal(skipped.relatedInformation?.[0].location.uri, uri);
    assert.equal(items.find((d) => d.code === 'numbering.gbt9704')!.severity, 3, 'GB/T 9704 advice is an Information');
  });

  it('answers unchanged while neither the document nor the settings moved', async () => {
    const uri = 'file:///unchanged.txt';
    await client.open(uri, LIST);
    const first = await pull(uri);
    assert.deepEqual(await pull(uri, first.resultId), { kind: 'unchanged', resultId: first.resultId });
    await client.change(uri, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, text: '三' }]);
    const fixed = await pull(uri, first.resultId);
    assert.deepEqual(fixed, { kind: 'full', resultId: fixed.resultId, items: [] });
  });

  it('lists the quick fix of a diagnostic without its edit, resolves the edit, and the edit fixes the list', async () => {
    const uri = 'file:///fix.txt';
    await client.open(uri, LIST);
    const [diagnostic] = (await pull(uri) as { items: Diagnostic[] }).items;
    // On a heading line the structure operations are offered too (refactor.*): the quick fixes are the others.
    const asked = async (triggerKind: 1 | 2) =>
      (await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], triggerKind } })).filter(
        (a) => !a.kind?.startsWith('refactor'),
      );
    // A light bulb as the cursor moves (Automatic): the quick fix alone.
    const actions = await asked(2);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred, a.edit]), [['本组序号从 一、 起重新编号', 'quickfix', true, undefined]]);
    // A user asking (Invoked, Neovim's code_action): the document-wide actions too, since they would change something.
    assert.deepEqual((await asked(1)).map((a) => a.kind), ['quickfix', 'source.fixAll.tigang', 'source.renumberDocument.tigang']);
    const resolved = await client.request<CodeAction>('codeAction/resolve', actions[0]);
    const text = applied(LIST, resolved.edit!);
    assert.equal(text, ['一、总体要求', '二、重点任务', '三、保障措施'].join('\n'));
    const doc = new PlainTextDocument(uri, text);
    assert.deepEqual(checkNumbering(doc, parseOutline(doc)), []);
  });

  it('refuses to resolve an action listed for an older version (ContentModified)', async () => {
    const uri = 'file:///stale-fix.txt';
    await client.open(uri, LIST);
    const [diagnostic] = (await pull(uri) as { items: Diagnostic[] }).items;
    const [action] = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } }, text: '。' }]);
    const response = await client.rawRequest('codeAction/resolve', action);
    assert.equal(response.error?.code, -32801);
  });

  it('lists fix-all and 重新编号全文 without their edits to an unfiltered request (Neovim\'s plain code_action), and by kind; fix-all leaves only the slips without a fix', async () => {
    const uri = 'file:///fix-all.txt';
    await client.open(uri, SLIPS);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const unfiltered = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], triggerKind: 1 } });
    assert.deepEqual(unfiltered.map((a) => [a.kind, a.title, a.edit]), [
      ['source.fixAll.tigang', '修正全部序号问题', undefined],
      ['source.renumberDocument.tigang', '重新编号全文', undefined],
    ]);
    const chosen = await client.request<CodeAction>('codeAction/resolve', unfiltered[1]);
    const renumbered = new PlainTextDocument(uri, applied(SLIPS, chosen.edit!));
    assert.equal(checkNumbering(renumbered, parseOutline(renumbered)).some((d) => d.code === 'numbering.skipped' || d.code === 'numbering.repeated'), false);
    // Where they would change nothing, a user's unfiltered request is not offered them; asked for by kind, they are listed.
    const clean = 'file:///clean.txt';
    await client.open(clean, ['一、总体要求', '二、重点任务'].join('\n'));
    const cleanRange = { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } };
    assert.deepEqual((await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: clean }, range: cleanRange, context: { diagnostics: [], triggerKind: 1 } })).filter((a) => a.kind!.startsWith('source')), []);
    assert.equal((await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: clean }, range: cleanRange, context: { diagnostics: [], only: ['source'] } })).length, 2);
    const [fixAll] = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.equal(fixAll.title, '修正全部序号问题');
    const resolved = await client.request<CodeAction>('codeAction/resolve', fixAll);
    const doc = new PlainTextDocument(uri, applied(SLIPS, resolved.edit!));
    const left = checkNumbering(doc, parseOutline(doc)).filter((d) => d.severity === 'warning').map((d) => d.code);
    assert.deepEqual(left, ['numbering.order', 'attachment.mismatch']);
    const [renumber] = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.renumberDocument.tigang'] } });
    assert.equal(renumber.title, '重新编号全文');
  });

  it('reports nothing once tigang.diagnostics.enabled is off, and the advice goes with tigang.diagnostics.gbt9704', async () => {
    const uri = 'file:///settings-off.txt';
    await client.open(uri, SLIPS);
    client.settings = { diagnostics: { gbt9704: false } };
    await client.configurationChanged();
    const noAdvice = (await pull(uri)) as { items: Diagnostic[]; resultId?: string };
    assert.equal(noAdvice.items.some((d) => d.code === 'numbering.gbt9704'), false);
    assert.ok(noAdvice.items.length > 0);
    client.settings = { diagnostics: { enabled: false } };
    await client.configurationChanged();
    assert.deepEqual(((await pull(uri, noAdvice.resultId)) as { items: Diagnostic[] }).items, []);
    // With the checks off there are no fixes, but 重新编号全文 is a command the user asks for and still renumbers.
    const range = { start: { line: 35, character: 0 }, end: { line: 35, character: 0 } };
    const skipped = noAdvice.items.find((d) => d.code === 'numbering.skipped')!;
    const offered = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [skipped] } });
    assert.deepEqual(offered.filter((a) => !a.kind!.startsWith('refactor')).map((a) => a.kind), ['source.renumberDocument.tigang']);
    const [renumber] = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['source.renumberDocument.tigang'] } });
    const resolved = await client.request<CodeAction>('codeAction/resolve', renumber);
    assert.match(applied(SLIPS, resolved.edit!).split('\n')[35], /^三、/);
    client.settings = {};
    await client.configurationChanged();
  });
});

/** The diagnostics last published for the document at that version, once they come. */
async function publishedFor(client: LspClient, uri: string, version: number): Promise<Diagnostic[]> {
  for (let i = 0; i < 200; i++) {
    const found = client.published.filter((p) => p.uri === uri && p.version === version);
    if (found.length > 0) return found[found.length - 1].diagnostics;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no diagnostics published for ${uri} at version ${version}`);
}

let barriers = 0;
/**
 * Opens a document of its own and waits for its diagnostics: every publish
 * the server had scheduled before (due no later, on the same debounce) has
 * been sent by then. Closes it again.
 */
async function drained(client: LspClient): Promise<void> {
  const uri = `file:///barrier-${++barriers}.txt`;
  await client.open(uri, LIST);
  await publishedFor(client, uri, 1);
  await client.close(uri);
}

/** Every publish for the URI from the `from`-th publish of the client on, as [version, codes]. */
const publishesOf = (client: LspClient, uri: string, from = 0) => client.published.slice(from).filter((p) => p.uri === uri).map((p) => [p.version, p.diagnostics.map((d) => d.code)]);

describe('published diagnostics, for clients that cannot pull', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ locale: 'en' })));
  after(() => client.shutdown());

  const published = (uri: string, version: number) => publishedFor(client, uri, version);

  it('publishes a moment after opening and after each change, in English, and clears them on close', async () => {
    const uri = 'file:///pushed.txt';
    await client.open(uri, LIST);
    const opened = await published(uri, 1);
    assert.deepEqual(opened.map((d) => [d.code, d.message]), [['numbering.skipped', 'Numbering is not consecutive: expected 三、']]);
    await client.change(uri, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, text: '三' }]);
    assert.deepEqual(await published(uri, 2), []);
    const before = client.published.length;
    await client.close(uri);
    for (let i = 0; i < 100 && client.published.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(client.published.at(-1), { uri, diagnostics: [] });
  });

  it('lists quick fixes with their edits for a client that cannot resolve them', async () => {
    const uri = 'file:///eager.txt';
    await client.open(uri, LIST);
    const [diagnostic] = await published(uri, 1);
    const [action] = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    assert.equal(action.title, 'Renumber this list from 一、');
    assert.equal(applied(LIST, action.edit!), ['一、总体要求', '二、重点任务', '三、保障措施'].join('\n'));
  });

  it('publishes once for a burst of changes, for the last version only', async () => {
    const uri = 'file:///burst.txt';
    await client.open(uri, LIST);
    assert.deepEqual(codesOf(await published(uri, 1)), ['3:numbering.skipped']);
    const from = client.published.length;
    // 19 commas typed at the end of the first line, then 四 written 三: only the last version is clean.
    const typed = Array.from({ length: 19 }, (_, i) => client.change(uri, i + 2, [{ range: { start: { line: 0, character: 6 + i }, end: { line: 0, character: 6 + i } }, text: '，' }]));
    await Promise.all([...typed, client.change(uri, 21, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, text: '三' }])]);
    assert.deepEqual(await published(uri, 21), []);
    await drained(client);
    assert.deepEqual(publishesOf(client, uri, from), [[21, []]], 'one publish, for version 21, none for 2 to 20');
  });

  it('publishes nothing for a check the document overtook while it ran, only the newer version’s, once', async () => {
    const uri = 'file:///overtaken.txt';
    await client.open(uri, LIST);
    await published(uri, 1);
    const from = client.published.length;
    const asked = client.configurationRequests.length;
    // Settings changed: every document is checked anew, and the check of version 1 waits for its settings, which the client holds back.
    let release!: () => void;
    client.configurationGate = new Promise((resolve) => (release = resolve));
    try {
      await client.configurationChanged();
      for (let i = 0; i < 200 && !client.configurationRequests.slice(asked).some((items) => items.some((item) => (item as { scopeUri?: string }).scopeUri === uri)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.ok(client.configurationRequests.slice(asked).flat().some((item) => (item as { scopeUri?: string }).scopeUri === uri), 'the check of version 1 asked for its settings');
      await client.change(uri, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, text: '三' }]);
    } finally {
      client.configurationGate = undefined;
      release();
    }
    assert.deepEqual(await published(uri, 2), []);
    await drained(client);
    assert.deepEqual(publishesOf(client, uri, from), [[2, []]], 'the check begun at version 1 and overtaken by version 2 was not published (neither as 1 nor as 2)');
  });
});

describe('diagnostics only for documents the user opened: workspace files are not checked', () => {
  let root: string;
  let file: string;
  let pusher: LspClient;
  let puller: LspClient;
  before(async () => {
    // realpath: the index names files by their canonical URIs (/tmp may be a link).
    root = realpathSync(mkdtempSync(join(tmpdir(), 'tigang-diagnostics-ws-')));
    writeFileSync(join(root, 'slips.txt'), LIST + '\n');
    file = pathToFileURL(join(root, 'slips.txt')).href;
    const workspace = { workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }], capabilities: { workspace: { workspaceFolders: true } } };
    [pusher, puller] = await startClients({ locale: 'en', ...workspace }, { locale: 'en', ...workspace, capabilities: { ...PULL, workspace: { workspaceFolders: true } } });
  });
  after(async () => {
    await stopClients(pusher, puller);
    rmSync(root, { recursive: true, force: true });
  });

  /** Waits until workspace/symbol finds the heading in the workspace file: the server has indexed it. */
  async function indexed(client: LspClient, heading: string): Promise<void> {
    for (let i = 0; i < 500; i++) {
      const found = await client.request<{ name: string; location: { uri: string } }[]>('workspace/symbol', { query: '' });
      if (found.some((s) => s.location.uri === file && s.name === heading)) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`the server never indexed ${heading} in ${file}`);
  }

  it('publishes nothing for a workspace file with slips, indexed and changed on disk, until it is opened', async () => {
    await indexed(pusher, '四、保障措施');
    await drained(pusher);
    assert.deepEqual(publishesOf(pusher, file), [], 'indexed, not opened: nothing published');
    writeFileSync(join(root, 'slips.txt'), LIST + '\n六、附则\n');
    await indexed(pusher, '六、附则');
    await drained(pusher);
    assert.deepEqual(publishesOf(pusher, file), [], 'changed on disk and indexed again: nothing published');
    await pusher.open(file, LIST + '\n六、附则\n');
    assert.deepEqual(codesOf(await publishedFor(pusher, file, 1)), ['3:numbering.skipped', '4:numbering.skipped']);
  });

  it('answers a pull for a workspace file with slips with no items until it is opened', async () => {
    await indexed(puller, '四、保障措施');
    const pull = () => puller.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: file } });
    assert.deepEqual(await pull(), { kind: 'full', items: [] });
    await puller.open(file, LIST);
    const report = (await pull()) as { kind: string; items: Diagnostic[] };
    assert.deepEqual([report.kind, codesOf(report.items)], ['full', ['3:numbering.skipped']]);
    assert.deepEqual(publishesOf(puller, file), [], 'a client that pulls is never published to');
  });
});

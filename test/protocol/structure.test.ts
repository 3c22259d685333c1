// Editing the structure over the real protocol (docs/headings.md §8):
// tigang/structureEdit for every operation and every refusal, a stale
// version, CRLF, and the same operations as code actions, listed and
// resolved — against node dist/server.js --stdio.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, SemanticTokensDelta, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { StructureEditParams, StructureEditResult, StructureOperation } from '../../server/src/lspExt';
import { STRUCTURE_REFUSALS, StructureRefusal } from '../../server/src/engine';
import { LspClient, startClients, stopClients } from './lspClient';

const REQUEST_FAILED = -32803;
const CONTENT_MODIFIED = -32801;
const INVALID_PARAMS = -32602;

const SPEECH = [
  '一、总体要求', // 0
  '要坚持稳中求进。', // 1
  '（一）把握形势', // 2
  '（二）明确目标', // 3
  '', // 4
  '二、重点任务', // 5
  '（一）抓项目', // 6
  '1.抓开工', // 7
  '', // 8
  '三、保障措施', // 9
  '加强组织领导。', // 10
].join('\n');

const LAW = ['第一章　总则', '第一条　为了规范管理，制定本办法。', '第二条　本办法适用于本市。', '', '第二章　管理', '第三条　禁止堆放物料。', '第四条　违反本办法的，责令改正。'].join('\n');

// A Chinese client that takes versioned edits and resolves code actions, and
// an English one that takes neither.
let zh: LspClient | undefined;
let en: LspClient | undefined;

before(async () => {
  const codeActions = (resolve: boolean) => ({
    codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.move', 'refactor.rewrite'] } },
    ...(resolve ? { resolveSupport: { properties: ['edit'] } } : {}),
  });
  [zh, en] = await startClients(
    { locale: 'zh-cn', capabilities: { workspace: { workspaceEdit: { documentChanges: true } }, textDocument: { codeAction: codeActions(true) } } },
    { locale: 'en', capabilities: { textDocument: { codeAction: codeActions(false) } } },
  );
});

after(() => stopClients(zh, en));

let opened = 0;
/** Opens `text` under a fresh URI (version 1) and returns the URI. */
async function open(client: LspClient, text: string): Promise<string> {
  const uri = `file:///structure-${++opened}.txt`;
  await client.open(uri, text);
  return uri;
}

function structureEdit(client: LspClient, params: StructureEditParams): Promise<StructureEditResult> {
  return client.request<StructureEditResult>('tigang/structureEdit', params);
}

/** The edits of a WorkspaceEdit for one document, checking the form the client asked for. */
function editsFor(edit: WorkspaceEdit, uri: string, version: number | undefined): TextEdit[] {
  if (version !== undefined) {
    assert.equal(edit.changes, undefined, 'a client that takes documentChanges gets documentChanges');
    assert.equal(edit.documentChanges?.length, 1);
    const change = edit.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version });
    return change.edits as TextEdit[];
  }
  assert.equal(edit.documentChanges, undefined, 'a client that does not take documentChanges gets changes');
  assert.deepEqual(Object.keys(edit.changes ?? {}), [uri]);
  return edit.changes![uri];
}

function applied(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.txt', 'plaintext', 1, text), edits);
}

/** The document after one tigang/structureEdit on the Chinese client (versioned edits), on line `line`. */
async function edited(text: string, operation: StructureOperation, line: number, targetLine?: number): Promise<string> {
  const uri = await open(zh!, text);
  const result = await structureEdit(zh!, { textDocument: { uri, version: 1 }, position: { line, character: 0 }, operation, target: targetLine === undefined ? undefined : { line: targetLine, character: 0 } });
  return applied(text, editsFor(result, uri, 1));
}

/** The error a request answered with. */
async function failure(promise: Promise<unknown>): Promise<ResponseError<{ reason: string }>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ResponseError, `a ResponseError, not ${error}`);
    return error as ResponseError<{ reason: string }>;
  }
  assert.fail('the request was answered, not refused');
}

describe('initialize (editing the structure)', () => {
  it('offers code actions of the kinds refactor.move and refactor.rewrite, resolved lazily', () => {
    const provider = zh!.initializeResult!.capabilities.codeActionProvider as { codeActionKinds: string[]; resolveProvider: boolean };
    assert.deepEqual(provider.codeActionKinds.filter((k) => k.startsWith('refactor')), ['refactor.move', 'refactor.rewrite']);
    assert.equal(provider.resolveProvider, true);
  });
});

describe('tigang/structureEdit: every operation', () => {
  it('moveUp and moveDown trade a section with its sibling, renumbering the list; the blank lines stay', async () => {
    const up = ['一、重点任务', '（一）抓项目', '1.抓开工', '', '二、总体要求', '要坚持稳中求进。', '（一）把握形势', '（二）明确目标', '', '三、保障措施', '加强组织领导。'].join('\n');
    assert.equal(await edited(SPEECH, 'moveUp', 5), up);
    assert.equal(await edited(SPEECH, 'moveDown', 0), up);
  });

  it('promote puts a subsection after its parent’s section, in the parent’s style', async () => {
    assert.equal(await edited(SPEECH, 'promote', 2), ['一、总体要求', '要坚持稳中求进。', '（一）明确目标', '二、把握形势', '', '三、重点任务', '（一）抓项目', '1.抓开工', '', '四、保障措施', '加强组织领导。'].join('\n'));
  });

  it('demote makes a section the last child of its previous sibling, its children one level deeper', async () => {
    assert.equal(await edited(SPEECH, 'demote', 5), ['一、总体要求', '要坚持稳中求进。', '（一）把握形势', '（二）明确目标', '', '（三）重点任务', '1.抓项目', '（1）抓开工', '', '二、保障措施', '加强组织领导。'].join('\n'));
  });

  it('moveTo makes a section the next sibling of the target heading, in its style (a drop in the 提纲 view)', async () => {
    assert.equal(await edited(SPEECH, 'moveTo', 9, 2), ['一、总体要求', '要坚持稳中求进。', '（一）把握形势', '（二）保障措施', '加强组织领导。', '', '（三）明确目标', '', '二、重点任务', '（一）抓项目', '1.抓开工'].join('\n'));
  });

  it('insertAfter writes the next number of the list and says where the cursor goes', async () => {
    const uri = await open(zh!, LAW);
    const result = await structureEdit(zh!, { textDocument: { uri, version: 1 }, position: { line: 2, character: 3 }, operation: 'insertAfter' });
    const after = applied(LAW, editsFor(result, uri, 1)).split('\n');
    assert.deepEqual(after.slice(1, 4), ['第一条　为了规范管理，制定本办法。', '第二条　本办法适用于本市。', '第三条　']);
    assert.deepEqual(result.cursor, { line: 3, character: 4 });
    assert.deepEqual(after.slice(6), ['第四条　禁止堆放物料。', '第五条　违反本办法的，责令改正。'], 'the articles after it are renumbered, across the chapter');
  });

  it('insertChild writes the next subheading at the end of the section', async () => {
    assert.deepEqual((await edited(SPEECH, 'insertChild', 0)).split('\n').slice(2, 5), ['（一）把握形势', '（二）明确目标', '（三）']);
  });

  it('delete removes the section with its children and renumbers the list', async () => {
    assert.equal(await edited(SPEECH, 'delete', 5), ['一、总体要求', '要坚持稳中求进。', '（一）把握形势', '（二）明确目标', '', '二、保障措施', '加强组织领导。'].join('\n'));
  });

  it('moving a law article renumbers the articles through the whole law', async () => {
    assert.equal(await edited(LAW, 'moveUp', 4), ['第一章　管理', '第一条　禁止堆放物料。', '第二条　违反本办法的，责令改正。', '', '第二章　总则', '第三条　为了规范管理，制定本办法。', '第四条　本办法适用于本市。'].join('\n'));
  });

  it('references to renumbered articles are rewritten in the same edit (§9)', async () => {
    const text = ['第一条　为了规范管理，制定本办法。', '第二条　禁止堆放物料。', '第三条　违反本办法第二条规定的，责令改正；违反第一条的，依照第一条至第二条处理。'].join('\n');
    assert.equal(
      await edited(text, 'moveUp', 1),
      ['第一条　禁止堆放物料。', '第二条　为了规范管理，制定本办法。', '第三条　违反本办法第一条规定的，责令改正；违反第二条的，依照第二条至第一条处理。'].join('\n'),
    );
  });

  it('a CRLF document gets CRLF back, and its final line break stays', async () => {
    const crlf = SPEECH.replace(/\n/g, '\r\n') + '\r\n';
    const after = await edited(crlf, 'moveDown', 5);
    assert.ok(!/[^\r]\n/.test(after), 'no bare LF');
    assert.ok(after.endsWith('\r\n') && !after.endsWith('\r\n\r\n'));
    assert.equal(after.replace(/\r\n/g, '\n'), ['一、总体要求', '要坚持稳中求进。', '（一）把握形势', '（二）明确目标', '', '二、保障措施', '加强组织领导。', '', '三、重点任务', '（一）抓项目', '1.抓开工', ''].join('\n'));
    assert.equal((await edited(crlf, 'insertAfter', 9)).split('\r\n').slice(-4).join('|'), '加强组织领导。||四、|');
  });

  it('a client without documentChanges gets changes, and the server follows the edit once the client applies it', async () => {
    const uri = await open(en!, SPEECH);
    const result = await structureEdit(en!, { textDocument: { uri, version: 1 }, position: { line: 5, character: 0 }, operation: 'moveUp' });
    const edits = editsFor(result, uri, undefined);
    // Applied as an editor does, last edit first, as one didChange.
    const changes = [...edits].reverse().map((e) => ({ range: e.range, text: e.newText }));
    await en!.change(uri, 2, changes);
    const symbols = await en!.documentSymbols(uri);
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['一、重点任务', '二、总体要求', '三、保障措施'],
    );
  });

  it('after a moved section, applied as an editor applies it, the semantic tokens (full and delta) are a fresh open’s', async () => {
    const points = ['前言', '一、总体要求', '要坚持稳中求进。', '', '二、重点任务', '（一）抓项目', '', '三、保障措施', '　　一要压实责任。', '　　二要强化督查。', ''].join('\n');
    const uri = await open(en!, points);
    const before = await en!.semanticTokens(uri);
    const result = await structureEdit(en!, { textDocument: { uri, version: 1 }, position: { line: 7, character: 0 }, operation: 'moveTo', target: { line: 1, character: 0 } });
    const edits = editsFor(result, uri, undefined);
    assert.match(applied(points, edits), /一、总体要求[^]*二、保障措施\n　　一要压实责任[^]*三、重点任务/, '三、 moved after 一、 and renumbered');
    await en!.change(uri, 2, [...edits].reverse().map((e) => ({ range: e.range, text: e.newText })));
    const delta = (await en!.semanticTokensDelta(uri, before.resultId!)) as SemanticTokensDelta;
    assert.ok(Array.isArray(delta.edits), 'a delta');
    const full = await en!.semanticTokens(uri);
    const freshUri = await open(en!, applied(points, edits));
    const fresh = await en!.semanticTokens(freshUri);
    assert.deepEqual(full.data, fresh.data);
    const patched = [...before.data];
    for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) patched.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
    assert.deepEqual(patched, fresh.data);
    assert.ok(fresh.data.length / 5 >= 8, 'the headings and points have tokens');
  });
});

/** Documents and positions where an operation cannot be done, one per refusal. */
const CIRCLED = Array.from({ length: 50 }, (_, i) => String.fromCharCode(i < 20 ? 0x2460 + i : i < 35 ? 0x3251 + i - 20 : 0x32b1 + i - 35) + `项${i + 1}`);
const POINTS = ['一、甲', '一是要点甲。', '一要细则甲。', '二、乙', '一是要点乙。', '一要细则乙。'].join('\n');
const TOC = ['示例条例', '目　　录', '第一章　总则', '第二章　管理', '', '第一章　总则', '第一条　为了规范管理。', '第二章　管理', '第二条　禁止堆放。'].join('\n');
const REFUSALS: readonly { reason: StructureRefusal; text: string; operation: StructureOperation; line: number; target?: number }[] = [
  { reason: 'noSection', text: '同志们：\n一、甲', operation: 'moveDown', line: 0 },
  { reason: 'firstSibling', text: SPEECH, operation: 'moveUp', line: 0 },
  { reason: 'lastSibling', text: SPEECH, operation: 'moveDown', line: 9 },
  { reason: 'nothingToGoUnder', text: SPEECH, operation: 'demote', line: 2 },
  { reason: 'topLevel', text: SPEECH, operation: 'promote', line: 0 },
  { reason: 'tooDeep', text: ['一、甲', '（一）乙', '1.丙', '（1）丁', '①戊', '②己'].join('\n'), operation: 'demote', line: 5 },
  { reason: 'runInPoint', text: POINTS, operation: 'promote', line: 1 },
  { reason: 'noLevels', text: LAW, operation: 'demote', line: 2 },
  { reason: 'tableOfContents', text: TOC, operation: 'moveUp', line: 5 },
  { reason: 'noTarget', text: SPEECH, operation: 'moveTo', line: 5, target: 1 },
  { reason: 'intoItself', text: SPEECH, operation: 'moveTo', line: 5, target: 6 },
  { reason: 'alreadyThere', text: SPEECH, operation: 'moveTo', line: 5, target: 0 },
  { reason: 'otherKind', text: LAW, operation: 'moveTo', line: 2, target: 4 },
  { reason: 'pointAndSection', text: POINTS, operation: 'moveTo', line: 1, target: 3 },
  { reason: 'unnumbered', text: '前言\n一、甲', operation: 'insertAfter', line: 0 },
  { reason: 'numberTooLarge', text: ['一、甲', ...CIRCLED].join('\n'), operation: 'insertAfter', line: 50 },
  // The point takes its 一要 into 一要细则甲's list by the list rules (§4) in either word.
  { reason: 'outlineWouldChange', text: POINTS, operation: 'moveTo', line: 4, target: 2 },
];

describe('tigang/structureEdit: what cannot be done answers RequestFailed and says why, in the UI language', () => {
  for (const { reason, text, operation, line, target } of REFUSALS) {
    it(`${reason}: ${operation} on line ${line}`, async () => {
      const uri = await open(zh!, text);
      const error = await failure(structureEdit(zh!, { textDocument: { uri, version: 1 }, position: { line, character: 0 }, operation, target: target === undefined ? undefined : { line: target, character: 0 } }));
      assert.equal(error.code, REQUEST_FAILED);
      assert.deepEqual(error.data, { reason });
      assert.equal(error.message, STRUCTURE_REFUSALS[reason]['zh-cn']);
    });
  }

  it('every refusal of the engine is among the cases above', () => {
    assert.deepEqual(REFUSALS.map((r) => r.reason).sort(), (Object.keys(STRUCTURE_REFUSALS) as StructureRefusal[]).sort());
  });

  it('an English client reads the reason in English', async () => {
    const uri = await open(en!, SPEECH);
    const error = await failure(structureEdit(en!, { textDocument: { uri, version: 1 }, position: { line: 0, character: 0 }, operation: 'moveUp' }));
    assert.equal(error.code, REQUEST_FAILED);
    assert.equal(error.message, 'This is the first section of its level; it cannot move up.');
  });

  it('a version other than the server’s is refused, not guessed', async () => {
    const uri = await open(zh!, SPEECH);
    await zh!.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '同志们：\n' }]);
    const error = await failure(structureEdit(zh!, { textDocument: { uri, version: 1 }, position: { line: 5, character: 0 }, operation: 'moveUp' }));
    assert.equal(error.code, REQUEST_FAILED);
    assert.deepEqual(error.data, { reason: 'staleVersion' });
    assert.equal(error.message, '文档已有改动，未作修改，请重试。');
    // The same request on the version the server has is answered.
    const result = await structureEdit(zh!, { textDocument: { uri, version: 2 }, position: { line: 6, character: 0 }, operation: 'moveUp' });
    assert.equal(editsFor(result, uri, 2).length > 0, true);
  });

  it('a document the server does not have is RequestFailed too', async () => {
    const error = await failure(structureEdit(zh!, { textDocument: { uri: 'file:///never-opened.txt', version: 1 }, position: { line: 0, character: 0 }, operation: 'delete' }));
    assert.equal(error.code, REQUEST_FAILED);
    assert.deepEqual(error.data, { reason: 'unknownDocument' });
  });

  it('malformed params answer InvalidParams and the server keeps serving', async () => {
    const uri = await open(zh!, SPEECH);
    for (const params of [
      { textDocument: { uri }, position: { line: 0, character: 0 }, operation: 'moveDown' },
      { textDocument: { uri, version: 1 }, position: { line: 0 }, operation: 'moveDown' },
      { textDocument: { uri, version: 1 }, position: { line: 0, character: 0 }, operation: 'sideways' },
      { textDocument: { uri, version: 1 }, position: { line: 0, character: 0 }, operation: 'moveTo' },
      null,
    ]) {
      const response = await zh!.rawRequest('tigang/structureEdit', params);
      assert.equal(response.error?.code, INVALID_PARAMS, JSON.stringify(params));
    }
    assert.ok(editsFor(await structureEdit(zh!, { textDocument: { uri, version: 1 }, position: { line: 0, character: 0 }, operation: 'moveDown' }), uri, 1).length > 0);
  });
});

describe('code actions at a heading', () => {
  function codeActions(client: LspClient, uri: string, line: number, only?: string[]): Promise<CodeAction[]> {
    const position = { line, character: 1 };
    return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [], ...(only ? { only } : {}) } });
  }

  it('lists what can be done at the heading, titled in the UI language, without edits until resolved', async () => {
    const uri = await open(zh!, SPEECH);
    const actions = await codeActions(zh!, uri, 5);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind]),
      [
        ['上移本节', 'refactor.move'],
        ['下移本节', 'refactor.move'],
        ['降级本节', 'refactor.move'],
        ['插入同级标题', 'refactor.rewrite'],
        ['插入下级标题', 'refactor.rewrite'],
        ['删除本节', 'refactor.rewrite'],
      ],
      'a top-level section is not promoted',
    );
    assert.ok(actions.every((a) => a.edit === undefined));
    assert.deepEqual((await codeActions(zh!, uri, 0)).map((a) => a.title), ['下移本节', '插入同级标题', '插入下级标题', '删除本节'], 'the first section neither moves up nor is demoted');
  });

  it('offers only the kinds asked for, and nothing off a heading line', async () => {
    const uri = await open(zh!, SPEECH);
    assert.deepEqual((await codeActions(zh!, uri, 3, ['refactor.move'])).map((a) => a.title), ['上移本节', '升级本节', '降级本节']);
    assert.deepEqual((await codeActions(zh!, uri, 3, ['refactor.rewrite'])).map((a) => a.title), ['插入同级标题', '插入下级标题', '删除本节']);
    assert.equal((await codeActions(zh!, uri, 3, ['refactor'])).length, 6);
    assert.deepEqual(await codeActions(zh!, uri, 3, ['quickfix']), []);
    assert.deepEqual(await codeActions(zh!, uri, 1), [], 'a body line');
  });

  it('codeAction/resolve fills in the edit, versioned', async () => {
    const uri = await open(zh!, SPEECH);
    const demote = (await codeActions(zh!, uri, 5)).find((a) => a.title === '降级本节')!;
    const resolved = await zh!.request<CodeAction>('codeAction/resolve', demote);
    assert.equal(resolved.title, '降级本节');
    assert.equal(applied(SPEECH, editsFor(resolved.edit!, uri, 1)), await edited(SPEECH, 'demote', 5));
  });

  it('resolving after the document changed is refused as ContentModified, as for every code action of the server', async () => {
    const uri = await open(zh!, SPEECH);
    const up = (await codeActions(zh!, uri, 5))[0];
    await zh!.change(uri, 2, [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: '要' }]);
    const error = await failure(zh!.request('codeAction/resolve', up));
    assert.equal(error.code, CONTENT_MODIFIED);
  });

  it('a client that does not resolve gets each action with its edit, titled in English', async () => {
    const uri = await open(en!, SPEECH);
    const actions = await codeActions(en!, uri, 9);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Move Section Up', 'Demote Section', 'Insert Heading After', 'Insert Subheading', 'Delete Section'],
    );
    const up = actions.find((a) => a.title === 'Move Section Up')!;
    assert.equal(applied(SPEECH, editsFor(up.edit!, uri, undefined)).split('\n')[5], '二、保障措施');
  });
});

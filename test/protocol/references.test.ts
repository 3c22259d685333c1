// References between articles over the real protocol (docs/headings.md §9):
// definition, hover, documentLink, references and the reference.missing
// diagnostic, against node dist/server.js --stdio.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, DocumentLink, Hover, Location, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/engine';
import { LspClient, range, repoRoot } from './lspClient';

const INVALID_PARAMS = -32602;
const REGULATION = readFileSync(join(repoRoot(), 'seeds', 'references.txt'), 'utf8');
const LINES = REGULATION.split('\n');
const URI = 'file:///laws/%E7%89%A9%E4%B8%9A%E6%9D%A1%E4%BE%8B.txt';
/** Another law the regulation cites by name (行政复议法第十一条), opened in some tests. */
const REVIEW_URI = 'file:///laws/review.txt';
const REVIEW = ['中华人民共和国行政复议法（示例）', '', '第十条　甲。', '第十一条　有下列情形之一的，可以申请行政复议：', '（一）对行政处罚决定不服的；', '第十二条　依照本法第十一条申请。'].join('\n');
/** And one it cites by 《title》. */
const CODE_URI = 'file:///laws/code.txt';
const CODE = ['中华人民共和国民法典（示例）', '第九百三十七条　物业服务合同是物业服务人在物业服务区域内，为业主提供建筑物及其附属设施的维修养护等服务的合同。'].join('\n');

/** The column where `text` starts on a line of the regulation (the first occurrence). */
function col(line: number, text: string): number {
  const c = LINES[line].indexOf(text);
  assert.ok(c >= 0, `line ${line} has ${text}`);
  return c;
}

function textOf(lines: readonly string[], r: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  assert.equal(r.start.line, r.end.line, 'a one-line range');
  return lines[r.start.line].slice(r.start.character, r.end.character);
}

let server: LspClient | undefined;
const client = (): LspClient => server!;

before(async () => {
  server = await LspClient.start();
  await server.open(URI, REGULATION);
});

after(async () => {
  try {
    if (server?.isRunning) await server.shutdown();
  } finally {
    server?.kill();
  }
});

const definition = (uri: string, line: number, character: number) => client().request<Location | null>('textDocument/definition', { textDocument: { uri }, position: { line, character } });
const references = (uri: string, line: number, character: number, includeDeclaration = false) =>
  client().request<Location[]>('textDocument/references', { textDocument: { uri }, position: { line, character }, context: { includeDeclaration } });

describe('initialize', () => {
  it('advertises definition, hover, document links, references and pull diagnostics', () => {
    const caps = client().initializeResult!.capabilities;
    assert.equal(caps.definitionProvider, true);
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.documentLinkProvider, { resolveProvider: false });
    assert.equal(caps.referencesProvider, true);
    assert.deepEqual(caps.diagnosticProvider, { identifier: 'tigang', interFileDependencies: false, workspaceDiagnostics: false });
  });
});

describe('textDocument/definition', () => {
  it('goes to the most specific part: the 款 of 本条例第十条第二款', async () => {
    const loc = await definition(URI, 15, col(15, '第十条第二款') + 2);
    assert.equal(loc?.uri, URI);
    assert.deepEqual(loc?.range, range(37, 0, 37, LINES[37].length));
  });

  it('goes to the 项 of 前款第（三）项, the article of 前条, the chapter of 第三章', async () => {
    const item = await definition(URI, 25, col(25, '前款') + 1);
    assert.equal(textOf(LINES, item!.range), '（三）服务费用的标准和收取办法');
    const article = await definition(URI, 31, col(31, '前条'));
    assert.equal(article?.range.start.line, 27);
    assert.equal(textOf(LINES, article!.range), '第六条　物业服务人不得有下列行为');
    const chapter = await definition(URI, 34, col(34, '第三章') + 1);
    assert.equal(textOf(LINES, chapter!.range), '第三章　法律责任');
  });

  it('answers null off a reference, and for another law when no open document has its title', async () => {
    assert.equal(await definition(URI, 34, 2), null);
    assert.equal(await definition(URI, 46, col(46, '行政复议法') + 1), null);
  });

  it('goes to the other document named by a law’s name or a 《title》 once it is open', async () => {
    await client().open(REVIEW_URI, REVIEW);
    await client().open(CODE_URI, CODE);
    try {
      const review = await definition(URI, 46, col(46, '行政复议法') + 1);
      assert.equal(review?.uri, REVIEW_URI);
      assert.equal(review?.range.start.line, 3);
      const code = await definition(URI, 45, col(45, '第九百三十七条'));
      assert.equal(code?.uri, CODE_URI);
      assert.equal(code?.range.start.line, 1);
    } finally {
      await client().close(REVIEW_URI);
      await client().close(CODE_URI);
    }
    assert.equal(await definition(URI, 46, col(46, '行政复议法') + 1), null, 'closed again: nothing');
  });

  it('follows the text through edits: a reference typed into a line', async () => {
    const uri = 'file:///laws/edited.txt';
    await client().open(uri, REGULATION);
    const at = { line: 12, character: LINES[12].length };
    await client().change(uri, 2, [{ range: { start: at, end: at }, text: '依照本条例第四条。' }]);
    const loc = await definition(uri, 12, LINES[12].length + 3);
    assert.equal(loc?.range.start.line, 20);
    await client().change(uri, 3, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    assert.equal((await definition(uri, 13, LINES[12].length + 3))?.range.start.line, 21, 'a line inserted above moves both ends');
    await client().close(uri);
  });

  it('refuses params without a position with InvalidParams, and keeps serving', async () => {
    const response = await client().rawRequest('textDocument/definition', { textDocument: { uri: URI } });
    assert.equal(response.error?.code, INVALID_PARAMS);
    assert.ok(await definition(URI, 15, col(15, '第十条')));
  });
});

describe('textDocument/hover', () => {
  it('shows the referenced 款 as plain text, named first', async () => {
    const hover = await client().request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 15, character: col(15, '第十条') } });
    assert.deepEqual(hover?.contents, { kind: 'plaintext', value: `第十条第二款\n${LINES[37]}` });
    assert.equal(textOf(LINES, hover!.range!), '本条例第十条第二款');
  });

  it('shows an article’s whole text, its items too, and nothing off a reference', async () => {
    const hover = await client().request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 26, character: col(26, '第四条') } });
    const value = (hover?.contents as { value: string }).value;
    assert.ok(value.startsWith('第四条第一款\n第四条　物业服务合同应当包括下列内容：\n（一）服务事项；'), value);
    assert.ok(value.length <= 300 + '第四条第一款\n'.length + 1);
    assert.equal(await client().request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 12, character: 3 } }), null);
  });
});

describe('textDocument/documentLink', () => {
  it('makes every reference that lands somewhere clickable, with a file URI and a line fragment', async () => {
    const links = await client().request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: URI } });
    // 21 references; 《民法典》 and 行政复议法 are not open, so 19 land somewhere.
    assert.equal(links.length, 19);
    const first = links[0];
    assert.equal(textOf(LINES, first.range), '本条例第十条第二款');
    assert.equal(first.target, `${URI}#L38,1`);
    assert.equal(first.tooltip, 'Go to paragraph 2 of article 10');
    const texts = links.map((l) => textOf(LINES, l.range));
    assert.ok(texts.includes('前两款') && texts.includes('本条例第十条之一') && texts.includes('第十条'), texts.join(' | '));
    for (const l of links) assert.match(l.target!, /#L\d+,\d+$/);
  });
});

describe('textDocument/references', () => {
  it('on an article heading lists every place citing it: explicit, relative (前条), its 款 and 项', async () => {
    const found = await references(URI, 27, 1);
    assert.deepEqual(
      found.map((l) => `${l.range.start.line}: ${textOf(LINES, l.range)}`),
      ['30: 前款第一项', '30: 第二项', '31: 前条', '42: 本条例第六条第一款第（一）项', '47: 本条例第六条'],
    );
    assert.ok(found.every((l) => l.uri === URI));
  });

  it('includes the heading itself when asked, and a range that covers the article', async () => {
    const found = await references(URI, 35, 1, true);
    assert.deepEqual(
      found.map((l) => `${l.range.start.line}: ${textOf(LINES, l.range)}`),
      ['35: 第九条　物业服务收费实行政府指导价的，依照本节的规定执行', '44: 本条例第八条至第十条'],
    );
  });

  it('on a reference lists the other references to the same thing; on a 款’s line, the references to that 款', async () => {
    const onReference = await references(URI, 47, col(47, '第六条'));
    assert.deepEqual(onReference.map((l) => l.range.start.line), [30, 30, 31, 42, 47]);
    const onParagraph = await references(URI, 37, 2);
    assert.deepEqual(onParagraph.map((l) => `${l.range.start.line}: ${textOf(LINES, l.range)}`), ['15: 本条例第十条第二款']);
  });

  it('lists the references from other open documents that name it by title', async () => {
    await client().open(REVIEW_URI, REVIEW);
    try {
      const found = await references(REVIEW_URI, 3, 1);
      assert.deepEqual(
        found.map((l) => `${l.uri === URI ? 'regulation' : 'review'} ${l.range.start.line}`),
        ['review 5', 'regulation 46'],
      );
    } finally {
      await client().close(REVIEW_URI);
    }
  });
});

describe('重新编号条文 (source.renumberArticles.tigang)', () => {
  const action = (uri: string, only: string[] | undefined, triggerKind?: 1 | 2) =>
    client().request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: range(0, 0, 0, 0), context: { diagnostics: [], only, triggerKind } });

  it('is advertised, offered for a law only when asked for by kind, and renumbers the articles and the references to them in one edit', async () => {
    assert.ok((client().initializeResult!.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds.includes('source.renumberArticles.tigang'));
    const uri = 'file:///laws/gaps.txt';
    const text = ['第一章　总则', '第一条　为了规范管理，制定本办法。', '第三条　依照本办法第四条执行。', '第三条之一　除第三条至第四条另有规定外，适用本办法。', '第二章　附则', '第四条　本办法自公布之日起施行，第三条之一同时适用。'].join('\n');
    await client().open(uri, text);
    try {
      assert.deepEqual((await action(uri, undefined, 2)).filter((a) => a.kind?.startsWith('source')), [], 'a light bulb asks for no source action');
      // A user's unfiltered request (Neovim's code_action) is offered it, as the articles need renumbering.
      assert.deepEqual((await action(uri, undefined, 1)).filter((a) => a.kind === 'source.renumberArticles.tigang').length, 1);
      const [renumber] = await action(uri, ['source.renumberArticles.tigang']);
      assert.equal(renumber.title, 'Renumber the articles');
      assert.equal(renumber.kind, 'source.renumberArticles.tigang');
      // This client cannot resolve: the edit comes with the action, for this one document.
      const edits = renumber.edit!.changes![uri] as TextEdit[];
      assert.deepEqual(Object.keys(renumber.edit!.changes!), [uri]);
      const after = applyEdits(text, edits.map((e) => ({ line: e.range.start.line, start: e.range.start.character, endLine: e.range.end.line, end: e.range.end.character, newText: e.newText })));
      assert.equal(
        after,
        ['第一章　总则', '第一条　为了规范管理，制定本办法。', '第二条　依照本办法第四条执行。', '第三条　除第二条至第四条另有规定外，适用本办法。', '第二章　附则', '第四条　本办法自公布之日起施行，第三条同时适用。'].join('\n'),
      );
      const [fromSource] = await action(uri, ['source']);
      assert.ok(fromSource !== undefined, 'listed under source too (Source Action…)');
    } finally {
      await client().close(uri);
    }
    const speech = 'file:///speech.txt';
    await client().open(speech, ['一、总体要求', '三、重点任务'].join('\n'));
    assert.deepEqual(await action(speech, ['source.renumberArticles.tigang']), [], 'a document without articles is not offered it');
    await client().close(speech);
  });
});

describe('reference.missing (textDocument/diagnostic)', () => {
  it('warns of a reference to an article, 款 or 项 the law lacks, inside its range of articles only', async () => {
    const uri = 'file:///laws/missing.txt';
    const text = ['第一条　依照本法第四条和第一百零一条。', '第二条　依照第一条第二款。', '第三条　完。', '第五条　完。'].join('\n');
    await client().open(uri, text);
    const report = await client().request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    const lines = text.split('\n');
    assert.deepEqual(
      report.items.map((d) => [d.severity, d.code, d.source, d.message, textOf(lines, d.range)]),
      [
        [2, 'reference.missing', 'tigang', 'this law has no article 4', '本法第四条'],
        [2, 'reference.missing', 'tigang', 'article 1 has no paragraph 2', '第一条第二款'],
        // The same provider reports the numbering: 第四条 is missing from the articles too.
        [2, 'numbering.skipped', 'tigang', 'Numbering is not consecutive: expected 第四条', '第五条'],
      ],
    );
    await client().close(uri);
  });

  it('has nothing to say about a consistent law', async () => {
    const report = await client().request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: URI } });
    assert.deepEqual([report.kind, report.items], ['full', []]);
  });
});

// The writer's view over the real protocol: semantic tokens (full and delta)
// and inlay hints from node dist/server.js --stdio, and the settings that
// turn them off.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { LspClient, range, startClients, stopClients } from './lspClient';

const SPEECH = [
  '在全市工作会议上的讲话', // 0
  '', // 1
  '一、总体要求', // 2
  '　　一是加强组织领导。要……', // 3
  '二是完善经费保障。', // 4
  '', // 5
  '二、主要任务', // 6
  '（一）抓好落实', // 7
  '正文。', // 8
].join('\n');

// One server for a Chinese VS Code that takes refresh requests, one for an
// English client.
let zh: LspClient | undefined;
let en: LspClient | undefined;

before(async () => {
  [zh, en] = await startClients({ locale: 'zh-cn', refreshSupport: true }, { locale: 'en' });
});

after(() => stopClients(zh, en));

const legend = (): SemanticTokensLegend => (zh!.initializeResult!.capabilities.semanticTokensProvider as { legend: SemanticTokensLegend }).legend;

/** [text, line, start, modifiers] of each token. */
function decode(text: string, data: readonly number[]): [string, number, number, string][] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: [string, number, number, string][] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    start = data[i] === 0 ? start + data[i + 1] : data[i + 1];
    const modifiers = legend().tokenModifiers.filter((_, bit) => (data[i + 4] & (1 << bit)) !== 0);
    assert.equal(legend().tokenTypes[data[i + 3]], 'heading');
    out.push([lines[line].slice(start, start + data[i + 2]), line, start, modifiers.join(' ')]);
  }
  return out;
}

function applyEdits(data: readonly number[], delta: SemanticTokensDelta): number[] {
  const out = [...data];
  for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) out.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  return out;
}

describe('initialize (the writer’s view)', () => {
  it('advertises semantic tokens with deltas and a legend of one type and level modifiers, and inlay hints', () => {
    const caps = zh!.initializeResult!.capabilities;
    assert.deepEqual(caps.semanticTokensProvider, {
      legend: { tokenTypes: ['heading'], tokenModifiers: ['level1', 'level2', 'level3', 'level4', 'level5', 'level6', 'marker'] },
      full: { delta: true },
    });
    assert.deepEqual(caps.inlayHintProvider, { resolveProvider: false });
  });
});

describe('textDocument/semanticTokens', () => {
  const client = () => zh!;
  const uri = 'file:///tokens.txt';
  before(() => client().open(uri, SPEECH));

  it('full: marks each heading’s marker and title by level and nothing else', async () => {
    const tokens = await client().semanticTokens(uri);
    assert.equal(typeof tokens.resultId, 'string');
    assert.deepEqual(decode(SPEECH, tokens.data), [
      ['一、', 2, 0, 'level1 marker'],
      ['总体要求', 2, 2, 'level1'],
      ['一是', 3, 2, 'level2 marker'],
      ['加强组织领导', 3, 4, 'level2'],
      ['二是', 4, 0, 'level2 marker'],
      ['完善经费保障', 4, 2, 'level2'],
      ['二、', 6, 0, 'level1 marker'],
      ['主要任务', 6, 2, 'level1'],
      ['（一）', 7, 0, 'level2 marker'],
      ['抓好落实', 7, 3, 'level2'],
    ]);
  });

  it('delta: a line typed above the headings is one small edit, and applying it gives the new full result', async () => {
    const deltaUri = 'file:///delta.txt';
    await client().open(deltaUri, SPEECH);
    const full = await client().semanticTokens(deltaUri);
    await client().change(deltaUri, 2, [{ range: range(1, 0, 1, 0), text: '同志们：\n' }]);
    const delta = (await client().semanticTokensDelta(deltaUri, full.resultId!)) as SemanticTokensDelta;
    assert.ok(Array.isArray(delta.edits), `a delta, not ${JSON.stringify(delta).slice(0, 200)}`);
    assert.deepEqual(delta.edits, [{ start: 0, deleteCount: 1, data: [3] }], 'only the first token moves: one line down');
    const fresh = await client().semanticTokens(deltaUri);
    assert.deepEqual(applyEdits(full.data, delta), fresh.data);
    await client().close(deltaUri);
  });

  it('delta: any run of random edits, applied edit by edit, agrees with a full request and with a freshly opened document (property)', async () => {
    const fragments = ['一、', '二、', '（一）', '1.', '第一章　', '第一条 ', '一是', '二是', '目录\n', '正文。', '标题', '\n', '\r\n', '　　', '', '三、新的一节\n', '𠀀', '\u200b', '\u2060'];
    const editArb = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.oneof(fc.constant(0), fc.nat(6)), text: fc.array(fc.constantFrom(...fragments), { maxLength: 3 }) });
    let run = 0;
    let deltas = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(editArb, { minLength: 1, maxLength: 8 }), async (edits) => {
        const u = `file:///random-${++run}.txt`;
        let mirror = TextDocument.create(u, 'plaintext', 1, SPEECH);
        await client().open(u, SPEECH);
        try {
          let previous: SemanticTokens = await client().semanticTokens(u);
          for (const edit of edits) {
            const text = mirror.getText();
            const from = Math.floor(edit.at * (text.length + 1));
            const change = { range: { start: mirror.positionAt(from), end: mirror.positionAt(from + edit.length) }, text: edit.text.join('') };
            mirror = TextDocument.update(mirror, [change], mirror.version + 1);
            await client().change(u, mirror.version, [change]);
            const delta = await client().semanticTokensDelta(u, previous.resultId!);
            assert.ok('edits' in delta, 'the last result was named, so the answer is a delta');
            deltas++;
            const applied = applyEdits(previous.data, delta);
            const full = await client().semanticTokens(u);
            assert.deepEqual(applied, full.data, `after ${JSON.stringify(change)} on ${JSON.stringify(text)}`);
            previous = full;
          }
          const freshUri = `${u}.fresh`;
          await client().open(freshUri, mirror.getText());
          assert.deepEqual((await client().semanticTokens(freshUri)).data, previous.data, `edited and fresh agree on ${JSON.stringify(mirror.getText())}`);
          await client().close(freshUri);
        } finally {
          await client().close(u);
        }
      }),
      { numRuns: 25 },
    );
    assert.ok(deltas >= 25, `${deltas} deltas checked`);
  });

  it('delta: a result id from before the document was closed is answered in full', async () => {
    const u = 'file:///closed.txt';
    await client().open(u, SPEECH);
    const full = await client().semanticTokens(u);
    await client().close(u);
    await client().open(u, SPEECH);
    const again = await client().semanticTokensDelta(u, full.resultId!);
    assert.equal('edits' in again, false, 'closing dropped the previous result');
    assert.deepEqual((again as SemanticTokens).data, full.data);
    await client().close(u);
  });

  it('answers empty data for a document that is not open and InvalidParams without previousResultId', async () => {
    assert.deepEqual(await client().semanticTokens('file:///not-open.txt'), { data: [] });
    const bad = await client().rawRequest('textDocument/semanticTokens/full/delta', { textDocument: { uri } });
    assert.equal(bad.error?.code, -32602, JSON.stringify(bad));
  });
});

describe('textDocument/inlayHint', () => {
  const everything = range(0, 0, 100, 0);

  it('is off by default, and after tigang.inlayHints is turned on shows 字 and speaking time to a Chinese client', async () => {
    const c = zh!;
    const u = 'file:///hints-zh.txt';
    await c.open(u, SPEECH);
    assert.deepEqual(await c.inlayHints(u, everything), []);
    c.settingsFor.set(u, { inlayHints: true });
    const refreshesBefore = c.refreshes.length;
    await c.configurationChanged();
    const hints = await c.inlayHints(u, everything);
    assert.deepEqual(c.refreshes.slice(refreshesBefore).sort(), ['workspace/inlayHint/refresh', 'workspace/semanticTokens/refresh']);
    const count = '一、总体要求一是加强组织领导。要……二是完善经费保障。'.length;
    assert.deepEqual(hints[0], {
      position: { line: 2, character: '一、总体要求'.length },
      label: `${count} 字 · 0′07″`,
      tooltip: `本节 ${count} 字，按每分钟 220 字计，讲完约需 0′07″`,
      paddingLeft: true,
    });
    assert.deepEqual(hints.map((h) => h.position.line), [2, 3, 4, 6, 7]);
    assert.deepEqual((await c.inlayHints(u, range(3, 0, 4, 100))).map((h) => h.position.line), [3, 4]);
    c.settingsFor.delete(u);
    await c.configurationChanged();
    assert.deepEqual(await c.inlayHints(u, everything), [], 'off again');
    await c.close(u);
  });

  it('speaks English to an English client at its tigang.charactersPerMinute', async () => {
    const c = en!;
    const u = 'file:///hints-en.txt';
    c.settingsFor.set(u, { inlayHints: true, charactersPerMinute: 60 });
    await c.open(u, SPEECH);
    const hints = await c.inlayHints(u, everything);
    assert.deepEqual(hints.map((h) => h.label), ['27 chars · 0′27″', '12 chars · 0′12″', '9 chars · 0′09″', '16 chars · 0′16″', '10 chars · 0′10″']);
    assert.equal(en!.refreshes.length, 0, 'a client without refresh support is not asked to refresh');
    await c.close(u);
  });

  it('answers InvalidParams without a range', async () => {
    const bad = await zh!.rawRequest('textDocument/inlayHint', { textDocument: { uri: 'file:///x.txt' } });
    assert.equal(bad.error?.code, -32602, JSON.stringify(bad));
  });
});

describe('tigang.semanticHighlighting', () => {
  it('off: the client is asked to refresh and full and delta requests answer empty data; on again: tokens return', async () => {
    const c = zh!;
    const u = 'file:///switch.txt';
    await c.open(u, SPEECH);
    const on = await c.semanticTokens(u);
    assert.ok(on.data.length > 0);
    c.settingsFor.set(u, { semanticHighlighting: false });
    const refreshesBefore = c.refreshes.length;
    await c.configurationChanged();
    assert.deepEqual(await c.semanticTokens(u), { data: [] });
    assert.ok(c.refreshes.slice(refreshesBefore).includes('workspace/semanticTokens/refresh'));
    assert.deepEqual(await c.semanticTokensDelta(u, on.resultId!), { data: [] });
    c.settingsFor.delete(u);
    await c.configurationChanged();
    const back = await c.semanticTokensDelta(u, on.resultId!);
    assert.deepEqual((back as SemanticTokens).data, on.data, 'a full result: the one before was forgotten while off');
    await c.close(u);
  });
});

describe('a zero-width character or a wide space moved inside a heading line', () => {
  // The invisible characters and the spaces docs/headings.md §1 counts as
  // indentation fold away in a heading's name, so an edit that moves one
  // leaves names and markers as they were while the columns of the title
  // (and of a colon after the marker) move.
  const MOVED = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u3000', '\u00a0', '\u2002', '\u202f', '\t'];
  const everything = range(0, 0, 100, 0);
  /** Lines of the document, `#` where the moved character stands; each moves one column right, then back. */
  const LINES = [
    '第一章 #总则', // 0
    '第一条　为了规范管理，依照第二条的规定，制定本办法。', // 1
    '第二条　#适用范围', // 2
    '本办法适用于全市，第一章另有规定的除外。', // 3
    '第一篇#：在会议上的讲话', // 4
    '一、#总体要求', // 5
    '附件1：#名单', // 6
  ];

  /** Everything the server says of a document whose text is `text`, which must not depend on how the text came to be. */
  async function features(c: LspClient, u: string, text: string) {
    const tokens = await c.semanticTokens(u);
    const symbols = await c.documentSymbols(u);
    const selection = (s: (typeof symbols)[number]): unknown => [s.name, s.range, s.selectionRange, (s.children ?? []).map(selection)];
    const links = await c.request<{ range: unknown; target?: string }[]>('textDocument/documentLink', { textDocument: { uri: u } });
    const lines = text.split('\n');
    const definitions = await Promise.all(
      [1, 3].map((line) => c.request('textDocument/definition', { textDocument: { uri: u }, position: { line, character: lines[line].search(/第[一二]条的|第一章另/) + 1 } })),
    );
    return {
      tokens: decode(text, tokens.data),
      data: tokens.data,
      symbols: symbols.map(selection),
      folding: await c.folding(u),
      hints: (await c.inlayHints(u, everything)).map((h) => [h.position, h.label]),
      links: links.map((l) => [l.range, l.target?.replace(/^[^#]*/, '')]),
      definitions: definitions.map((d) => JSON.stringify(d).replaceAll(u, 'URI')),
    };
  }

  for (const moved of MOVED) {
    const name = `U+${moved.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    it(`${name}: after each move the tokens (full and delta), symbols, folding, inlay hints, links and definitions are a fresh open's`, async () => {
      const c = zh!;
      const u = `file:///moved-${name}.txt`;
      c.settingsFor.set(u, { inlayHints: true });
      let mirror = TextDocument.create(u, 'plaintext', 1, LINES.join('\n').replaceAll('#', moved));
      await c.open(u, mirror.getText());
      let previous = await c.semanticTokens(u);
      let fresh = 0;
      try {
        for (const [line, template] of LINES.entries()) {
          const at = template.indexOf('#');
          if (at < 0) continue;
          // Swap the character with the one after it, then back: one didChange each.
          for (const [from, text] of [[at, mirror.getText(range(line, at + 1, line, at + 2)) + moved], [at, moved + mirror.getText(range(line, at, line, at + 1))]] as const) {
            const change = { range: range(line, from, line, from + 2), text };
            mirror = TextDocument.update(mirror, [change], mirror.version + 1);
            await c.change(u, mirror.version, [change]);
            const delta = await c.semanticTokensDelta(u, previous.resultId!);
            assert.ok('edits' in delta, 'the last result was named, so the answer is a delta');
            const edited = await features(c, u, mirror.getText());
            assert.deepEqual(applyEdits(previous.data, delta), edited.data, `the delta after ${JSON.stringify(change)} gives the full result`);
            previous = await c.semanticTokens(u);
            const freshUri = `file:///moved-${name}-fresh-${++fresh}.txt`;
            c.settingsFor.set(freshUri, { inlayHints: true });
            await c.open(freshUri, mirror.getText());
            const opened = await features(c, freshUri, mirror.getText());
            await c.close(freshUri);
            c.settingsFor.delete(freshUri);
            assert.deepEqual(edited, opened, `edited and freshly opened agree on ${JSON.stringify(mirror.getText())}`);
            // Not agreeing on nothing: 第二条 and 第一章 are links that lead somewhere, and each heading line has its hint.
            assert.equal(edited.links.length, 2);
            assert.ok(edited.definitions.every((d) => d !== 'null'), edited.definitions.join());
            assert.equal(edited.hints.length, 6);
          }
        }
        assert.equal(fresh, 10, 'five heading lines, each moved there and back');
      } finally {
        await c.close(u);
        c.settingsFor.delete(u);
      }
    });
  }

  it('the title token starts after the invisible characters before it and the marker token ends after the colon, on a fresh open', async () => {
    const c = zh!;
    const u = 'file:///moved-decoded.txt';
    const text = ['第一章 \u200b总则', '第一章 总\u200b则', '第一篇\u200b：讲话', '第一篇：\u200b讲话', '第\u200b二章　附则'].join('\n');
    await c.open(u, text);
    assert.deepEqual(decode(text, (await c.semanticTokens(u)).data), [
      ['第一章', 0, 0, 'level1 marker'],
      ['总则', 0, 5, 'level1'],
      ['第一章', 1, 0, 'level1 marker'],
      ['总\u200b则', 1, 4, 'level1'],
      ['第一篇\u200b：', 2, 0, 'level1 marker'],
      ['讲话', 2, 5, 'level1'],
      ['第一篇：', 3, 0, 'level1 marker'],
      ['讲话', 3, 5, 'level1'],
      ['第\u200b二章', 4, 0, 'level2 marker'],
      ['附则', 4, 5, 'level2'],
    ]);
    await c.close(u);
  });
});

// The language server over the real protocol: node dist/server.js --stdio,
// spoken to with vscode-jsonrpc as an editor would.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import type { DocumentSymbol, FoldingRange, Position, Range, SymbolInformation, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { LspClient, TIMEOUT_MS, startClients, stopClients, chain, comparePositions, flatten, outlineText, range, rangeContains, rangeContainsPosition, repoRoot } from './lspClient';

// A notice in the GB/T 9704 style, with run-in headings and 一是 points.
const NOTICE = [
  '关于做好工作的通知', // 0
  '', // 1
  '一、总体要求', // 2
  '（一）强化联防联控，坚决守住防线。要坚持预防为主。', // 3
  '1.每季度召开一次会议', // 4
  '会议由办公室召集。', // 5
  '（二）完善工作机制', // 6
  '', // 7
  '二、保障措施', // 8
  '一是加强组织领导，把工作摆在突出位置。要明确责任。', // 9
  '二是完善经费保障。', // 10
  '', // 11
].join('\n');
const LINES = NOTICE.split('\n');
const len = (line: number): number => LINES[line].length;

// Two servers for the whole file, started side by side: one for an editor
// like VS Code (hierarchical symbols, pulls configuration) and one for a plain
// client (flat symbols, settings pushed in didChangeConfiguration).
let editor: LspClient | undefined;
let plain: LspClient | undefined;

before(async () => {
  [editor, plain] = await startClients({}, { hierarchical: false, configuration: false });
});

after(() => stopClients(editor, plain));

const editorClient = (): LspClient => editor!;
const plainClient = (): LspClient => plain!;

describe('initialize', () => {
  const client = editorClient;

  it('advertises incremental sync, document symbols, folding ranges and selection ranges', () => {
    const caps = client().initializeResult!.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.ok(caps.documentSymbolProvider, 'documentSymbolProvider');
    assert.equal(caps.foldingRangeProvider, true);
    assert.equal(caps.selectionRangeProvider, true);
    assert.equal(client().initializeResult!.serverInfo?.name, 'tigang');
  });

  it('registers for configuration changes after initialized when the client pulls configuration', async () => {
    // Any round trip after `initialized` orders the registration before its answer.
    await client().symbols('file:///nothing-open.txt');
    assert.ok(
      client().registrations.some((r) => r.method === 'workspace/didChangeConfiguration'),
      `registrations: ${JSON.stringify(client().registrations)}`,
    );
  });
});

describe('textDocument/documentSymbol', () => {
  const client = editorClient;
  const uri = 'file:///notice.txt';
  before(() => client().open(uri, NOTICE));

  it('returns the heading tree with sections as ranges and marker plus title as selection ranges', async () => {
    const symbols = await client().documentSymbols(uri);
    assert.equal(
      outlineText(symbols),
      [
        '一、总体要求',
        '  （一）强化联防联控，坚决守住防线',
        '    1.每季度召开一次会议',
        '  （二）完善工作机制',
        '二、保障措施',
        '  一是加强组织领导，把工作摆在突出位置',
        '  二是完善经费保障',
        '',
      ].join('\n'),
    );
    const [first, second] = symbols;
    assert.deepEqual(first.range, range(2, 0, 6, len(6)), 'the section of 一、 ends at its last non-blank line');
    assert.deepEqual(first.selectionRange, range(2, 0, 2, len(2)));
    const [paren1, paren2] = first.children!;
    assert.deepEqual(paren1.range, range(3, 0, 5, len(5)));
    assert.deepEqual(paren1.selectionRange, range(3, 0, 3, '（一）强化联防联控，坚决守住防线'.length), 'a run-in title stops before 。');
    assert.deepEqual(paren1.children![0].range, range(4, 0, 5, len(5)));
    assert.deepEqual(paren2.range, range(6, 0, 6, len(6)));
    assert.equal(paren2.children?.length ?? 0, 0, 'a leaf has no children');
    assert.deepEqual(second.range, range(8, 0, 10, len(10)), 'trailing blank lines are not part of the last section');
    assert.deepEqual(
      second.children!.map((s) => [s.range, s.selectionRange]),
      [
        [range(9, 0, 9, len(9)), range(9, 0, 9, '一是加强组织领导，把工作摆在突出位置'.length)],
        [range(10, 0, 10, len(10)), range(10, 0, 10, '二是完善经费保障'.length)],
      ],
    );
  });

  it('keeps every selectionRange inside its range and every child inside its parent', async () => {
    assertWellFormed(await client().documentSymbols(uri));
  });

  it('gives enumeration points and numbered headings different symbol kinds', async () => {
    const [, second] = await client().documentSymbols(uri);
    assert.notEqual(second.kind, second.children![0].kind);
  });
});

describe('textDocument/documentSymbol for a client without hierarchical symbol support', () => {
  const client = plainClient;
  const uri = 'file:///flat.txt';
  before(() => client().open(uri, NOTICE));

  it('returns flat SymbolInformation in document order with the parent as containerName', async () => {
    const symbols = (await client().symbols(uri)) as SymbolInformation[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.containerName]),
      [
        ['一、总体要求', undefined],
        ['（一）强化联防联控，坚决守住防线', '一、总体要求'],
        ['1.每季度召开一次会议', '（一）强化联防联控，坚决守住防线'],
        ['（二）完善工作机制', '一、总体要求'],
        ['二、保障措施', undefined],
        ['一是加强组织领导，把工作摆在突出位置', '二、保障措施'],
        ['二是完善经费保障', '二、保障措施'],
      ],
    );
    for (const s of symbols) {
      assert.equal(s.location.uri, uri);
      assert.equal('children' in s, false, 'flat symbols carry no children');
    }
    assert.deepEqual(symbols[0].location.range, range(2, 0, 6, len(6)));
    assert.deepEqual(symbols[2].location.range, range(4, 0, 5, len(5)));
  });
});

describe('textDocument/foldingRange', () => {
  const client = editorClient;
  const uri = 'file:///folding.txt';
  before(() => client().open(uri, NOTICE));

  it('folds every section of two or more lines from its heading to its last non-blank line', async () => {
    const ranges = await client().folding(uri);
    assert.deepEqual(
      ranges.map((r) => [r.startLine, r.endLine]),
      [
        [2, 6],
        [3, 5],
        [4, 5],
        [8, 10],
      ],
    );
  });

  it('keeps the outermost ranges when the client declares textDocument.foldingRange.rangeLimit', async () => {
    const lines = async (limit: number) => {
      const limited = await LspClient.start({ foldingRangeLimit: limit });
      try {
        await limited.open(uri, NOTICE);
        return (await limited.folding(uri)).map((r) => [r.startLine, r.endLine]);
      } finally {
        await limited.shutdown();
      }
    };
    assert.deepEqual(await lines(1), [[2, 6]]);
    assert.deepEqual(await lines(3), [
      [2, 6],
      [3, 5],
      [8, 10],
    ]);
    assert.deepEqual(await lines(0), []);
    assert.equal((await lines(100)).length, 4);
  });

  it('ignores a rangeLimit sent in the request params, which the protocol does not have', async () => {
    const ranges = await client().request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri }, rangeLimit: 1 });
    assert.equal(ranges.length, 4);
  });
});

describe('textDocument/selectionRange', () => {
  const client = editorClient;
  const uri = 'file:///selection.txt';
  before(() => client().open(uri, NOTICE));

  it('grows from the heading title to the heading line, its section, the parent section and the document', async () => {
    const position = { line: 3, character: 5 };
    const [selection] = await client().selection(uri, [position]);
    const ranges = chain(selection);
    assert.deepEqual(ranges, [
      range(3, 0, 3, '（一）强化联防联控，坚决守住防线'.length), // heading title
      range(3, 0, 3, len(3)), // heading line
      range(3, 0, 5, len(5)), // section （一）
      range(2, 0, 6, len(6)), // parent section 一、
      range(0, 0, 11, 0), // document
    ]);
    assertNested(ranges, position);
  });

  it('grows from a body line through the enclosing sections to the document', async () => {
    const position = { line: 5, character: 2 };
    const [selection] = await client().selection(uri, [position]);
    const ranges = chain(selection);
    assert.deepEqual(ranges, [range(5, 0, 5, len(5)), range(4, 0, 5, len(5)), range(3, 0, 5, len(5)), range(2, 0, 6, len(6)), range(0, 0, 11, 0)]);
    assertNested(ranges, position);
  });

  it('answers one chain per position, in order, and a line outside any section grows straight to the document', async () => {
    const positions = [
      { line: 0, character: 3 },
      { line: 9, character: 4 },
      { line: 8, character: 0 },
    ];
    const selections = await client().selection(uri, positions);
    assert.equal(selections.length, 3);
    assert.deepEqual(chain(selections[0]), [range(0, 0, 0, len(0)), range(0, 0, 11, 0)]);
    assert.deepEqual(chain(selections[1]).slice(0, 2), [range(9, 0, 9, '一是加强组织领导，把工作摆在突出位置'.length), range(9, 0, 9, len(9))]);
    selections.forEach((s, i) => assertNested(chain(s), positions[i]));
  });
});

describe('incremental textDocument/didChange', () => {
  const client = editorClient;
  let fresh = 0;

  /** Applies the changes on the server and locally; the outline must equal a freshly opened document's. */
  async function edit(doc: Mirror, changes: TextDocumentContentChangeEvent[]): Promise<Mirror> {
    const version = doc.version + 1;
    await client().change(doc.uri, version, changes);
    const next = doc.update(changes, version);
    await assertSameAsFresh(next);
    return next;
  }

  async function assertSameAsFresh(doc: Mirror): Promise<void> {
    const freshUri = `file:///fresh-${++fresh}.txt`;
    await client().open(freshUri, doc.getText());
    try {
      const [edited, opened] = await Promise.all([client().documentSymbols(doc.uri), client().documentSymbols(freshUri)]);
      assert.deepEqual(edited, opened, `outline after version ${doc.version} of ${JSON.stringify(doc.getText())}`);
      assert.deepEqual(await client().folding(doc.uri), await client().folding(freshUri));
      const positions = [...flatten(opened).map((s) => s.selectionRange.start), { line: doc.lineCount - 1, character: 0 }];
      assert.deepEqual(await client().selection(doc.uri, positions), await client().selection(freshUri, positions));
    } finally {
      await client().close(freshUri);
    }
  }

  async function opened(uri: string, text: string): Promise<Mirror> {
    await client().open(uri, text);
    const doc = new Mirror(uri, 1, text);
    await assertSameAsFresh(doc); // and the server has scanned it, so later edits patch its cache
    return doc;
  }

  const at = (line: number, character: number): Position => ({ line, character });
  const insert = (p: Position, text: string): TextDocumentContentChangeEvent => ({ range: { start: p, end: p }, text });
  const replace = (r: Range, text: string): TextDocumentContentChangeEvent => ({ range: r, text });

  it('inserting a heading line adds the heading', async () => {
    let doc = await opened('file:///insert.txt', NOTICE);
    doc = await edit(doc, [insert(at(8, 0), '三、新增一节\n说明文字。\n')]);
    assert.ok(outlineText(await client().documentSymbols(doc.uri)).includes('三、新增一节\n'));
  });

  it('deleting a heading line removes the heading', async () => {
    let doc = await opened('file:///delete.txt', NOTICE);
    doc = await edit(doc, [replace(range(6, 0, 7, 0), '')]);
    assert.equal(outlineText(await client().documentSymbols(doc.uri)).includes('（二）'), false);
    doc = await edit(doc, [replace(range(1, 0, 3, 0), '')]); // the blank line and 一、总体要求
    assert.equal(outlineText(await client().documentSymbols(doc.uri)).includes('一、总体要求'), false);
  });

  it('typing inside a heading, one character per change, renames it and typing a marker makes a heading', async () => {
    let doc = await opened('file:///typing.txt', NOTICE);
    for (const [i, ch] of [...'和目标'].entries()) doc = await edit(doc, [insert(at(2, len(2) + i), ch)]);
    assert.equal((await client().documentSymbols(doc.uri))[0].name, '一、总体要求和目标');
    doc = await edit(doc, [insert(at(5, 0), '2')]);
    doc = await edit(doc, [insert(at(5, 1), '.')]);
    assert.ok(outlineText(await client().documentSymbols(doc.uri)).includes('    2.会议由办公室召集\n'));
    doc = await edit(doc, [replace(range(2, 0, 2, 1), '')]); // 一、… loses its numeral
    assert.equal(outlineText(await client().documentSymbols(doc.uri)).includes('总体要求和目标'), false);
  });

  it('edits to a CRLF document, including ones that join or split line breaks, keep the outline right', async () => {
    let doc = await opened('file:///crlf.txt', NOTICE.replace(/\n/g, '\r\n'));
    doc = await edit(doc, [insert(at(8, 0), '三、新增一节\r\n')]);
    doc = await edit(doc, [replace(range(3, len(3), 4, 0), '')]); // join （一） with 1. on one line
    doc = await edit(doc, [insert(at(3, 5), '\r\n（三）拆出一行\r\n')]);
    doc = await edit(doc, [insert(at(2, len(2)), '\r')]); // \r\r\n: a lone \r adds a line
    doc = await edit(doc, [replace(range(2, len(2), 3, 0), '')]); // and away again
    const symbols = await client().documentSymbols(doc.uri);
    for (const s of flatten(symbols)) assert.equal(/[\r\n]/.test(s.name), false, `name ${JSON.stringify(s.name)}`);
  });

  it('a \\n typed right after a lone \\r joins them into one line break', async () => {
    let doc = await opened('file:///mixed.txt', '一、甲\r二、乙\n三、丙\r正文\n');
    doc = await edit(doc, [insert(at(1, 0), '\n')]);
    assert.equal(doc.lineCount, 5);
    doc = await edit(doc, [insert(at(3, 0), '\n')]);
    doc = await edit(doc, [replace(range(0, 0, 1, 0), '')]);
    assert.deepEqual((await client().documentSymbols(doc.uri)).map((s) => s.name), ['二、乙', '三、丙']);
  });

  it('several contentChanges in one notification are applied in order', async () => {
    let doc = await opened('file:///multi.txt', NOTICE);
    doc = await edit(doc, [
      insert(at(0, 0), '草稿\n'), // every line moves down by one
      replace(range(7, 0, 8, 0), ''), // （二）完善工作机制, now on line 7
      insert(at(3, len(2)), '（修订）'), // 一、总体要求 is on line 3
      replace(range(8, 0, 10, 0), '三、新的措施\n一是新的要点。\n'), // 二、… and 一是, now on lines 8 and 9
    ]);
    assert.equal(
      outlineText(await client().documentSymbols(doc.uri)),
      ['一、总体要求（修订）', '  （一）强化联防联控，坚决守住防线', '    1.每季度召开一次会议', '三、新的措施', '  一是新的要点', '  二是完善经费保障', ''].join('\n'),
    );
  });

  it('a full-text change replaces the document, and incremental edits after it still agree', async () => {
    let doc = await opened('file:///full.txt', NOTICE);
    doc = await edit(doc, [{ text: '第一章 总则\n第一条 目的\n\n第二章 分则\n第二条 范围\n' }]);
    assert.deepEqual((await client().documentSymbols(doc.uri)).map((s) => s.name), ['第一章 总则', '第二章 分则']);
    doc = await edit(doc, [insert(at(2, 0), '第三条 补充\n')]);
    doc = await edit(doc, [insert(at(0, 0), 'x'), { text: '一、只有一节\n' }, insert(at(1, 0), '二、又一节')]);
    assert.deepEqual((await client().documentSymbols(doc.uri)).map((s) => s.name), ['一、只有一节', '二、又一节']);
  });

  it('a seeded run of 60 random edits (headings, 目录, 一是 points, \\r, \\n, \\r\\n, deletions) never drifts from a fresh parse', async () => {
    const seed = 20240611;
    let state = seed;
    const random = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % n;
    };
    const fragments = ['一、', '二、', '（一）', '1.', '第一章 ', '第一条 ', '一是', '二是', '目录\n', '正文。', '标题', '\n', '\r\n', '\r', '', '三、新的一节\n', '\r\n（二）小节\r\n'];
    let doc = await opened('file:///random.txt', NOTICE.replace(/\n(?=（)/g, '\r\n'));
    for (let step = 0; step < 60; step++) {
      const line = random(doc.lineCount + 1);
      const start = { line, character: random(8) };
      const end = random(3) === 0 ? { line: line + random(3), character: random(8) } : start;
      const ordered = comparePositions(start, end) <= 0 ? { start, end } : { start: end, end: start };
      doc = await edit(doc, [{ range: ordered, text: fragments[random(fragments.length)] + (random(2) ? fragments[random(fragments.length)] : '') }]);
    }
  });

  it('punctuation typed on a 目录 entry re-decides the table of contents, as a fresh open of the same text does', async () => {
    // The case: the body line 第一章总则 stops repeating the entry 第一章　总则 once 。 is typed after it.
    let doc = await opened('file:///toc-entry.txt', '目录\n第一章　总则\n第一章总则');
    doc = await edit(doc, [insert(at(1, 6), '。')]);
    assert.deepEqual(((await client().documentSymbols(doc.uri)) as DocumentSymbol[]).map((s) => s.name), ['目录', '第一章 总则', '第一章总则']);
  });

  it('ranges past the end of the document are clamped as the text document does', async () => {
    let doc = await opened('file:///clamp.txt', NOTICE);
    doc = await edit(doc, [insert(at(500, 0), '\n三、末尾追加')]);
    doc = await edit(doc, [replace(range(9, 0, 400, 0), '')]);
    assert.ok(doc.getText().endsWith('二、保障措施\n'));
  });

  it('a range that starts past the last line and spans lines appends the text without a phantom line', async () => {
    // '一、甲\n正文' has lines 0–1; the range 2:0–3:0 lies wholly past the end.
    let doc = await opened('file:///past-end.txt', '一、甲\n正文');
    doc = await edit(doc, [replace(range(2, 0, 3, 0), '\n二、乙')]);
    assert.equal(doc.getText(), '一、甲\n正文\n二、乙');
    assert.deepEqual(
      ((await client().documentSymbols(doc.uri)) as DocumentSymbol[]).map((s) => [s.name, s.range]),
      [
        ['一、甲', range(0, 0, 1, 2)],
        ['二、乙', range(2, 0, 2, 3)],
      ],
    );
  });
});

describe('configuration pulled with workspace/configuration', () => {
  const client = editorClient;
  const uri = 'file:///settings.txt';
  const text = '一、总体要求\n一是加强组织领导。\n二是完善经费保障。\n（二）完善工作机制和管理办法，建立健全长效管理制度\n';
  before(() => client().open(uri, text));
  const settings = (value: Record<string, unknown>) => client().settingsFor.set(uri, value);

  const requestsFor = (u: string) => client().configurationRequests.filter((items) => JSON.stringify(items).includes(u)).length;

  it('asks for the tigang and files sections of the document once and uses the defaults for missing keys', async () => {
    assert.equal(
      outlineText(await client().documentSymbols(uri)),
      '一、总体要求\n  一是加强组织领导\n  二是完善经费保障\n  （二）完善工作机制和管理办法，建立健全长效管理制度\n',
    );
    await client().folding(uri);
    assert.equal(requestsFor(uri), 1, 'settings are cached per document');
    assert.deepEqual(
      client().configurationRequests.find((items) => JSON.stringify(items).includes(uri)),
      [
        { scopeUri: uri, section: 'tigang' },
        { scopeUri: uri, section: 'files' },
      ],
    );
  });

  it('after didChangeConfiguration pulls again: enumerations=false drops 一是 points, maxNameLength shortens names', async () => {
    await client().documentSymbols(uri);
    const before = requestsFor(uri);
    settings({ enumerations: false, maxNameLength: 20 });
    await client().configurationChanged();
    assert.equal(outlineText(await client().documentSymbols(uri)), '一、总体要求\n  （二）完善工作机制和管理办法…\n');
    assert.equal(requestsFor(uri), before + 1);

    settings({ enumerations: true, maxNameLength: 12 });
    await client().configurationChanged();
    const names = flatten(await client().documentSymbols(uri)).map((s) => s.name);
    assert.deepEqual(names, ['一、总体要求', '一是加强组织领导', '二是完善经费保障', '（二）完善工作机制和管理…']);
  });

  it('falls back to the defaults for malformed values', async () => {
    settings({ enumerations: 'no', maxNameLength: 'short' });
    await client().configurationChanged();
    const names = flatten(await client().documentSymbols(uri)).map((s) => s.name);
    assert.deepEqual(names, ['一、总体要求', '一是加强组织领导', '二是完善经费保障', '（二）完善工作机制和管理办法，建立健全长效管理制度']);
  });
});

describe('configuration pushed by a client without workspace/configuration', () => {
  const client = plainClient;
  after(() => client().configurationChanged({ tigang: {} })); // back to the defaults
  const uri = 'file:///pushed.txt';
  before(() => client().open(uri, '一、总体要求\n一是加强组织领导。\n二是完善经费保障。\n（二）完善工作机制和管理办法，建立健全长效管理制度\n'));

  const flatNames = async () => ((await client().symbols(uri)) as SymbolInformation[]).map((s) => [s.name, s.containerName ?? '']);

  it('uses the settings sent in didChangeConfiguration { settings: { tigang } } and never asks for configuration', async () => {
    assert.equal((await flatNames()).length, 4);
    await client().configurationChanged({ tigang: { enumerations: false, maxNameLength: 20 } });
    assert.deepEqual(await flatNames(), [
      ['一、总体要求', ''],
      ['（二）完善工作机制和管理办法…', '一、总体要求'],
    ]);
    await client().configurationChanged({ tigang: {} });
    assert.equal((await flatNames()).length, 4, 'an empty section restores the defaults');
    assert.equal(client().configurationRequests.length, 0);
    assert.equal(client().registrations.length, 0, 'no dynamic registration without workspace/configuration');
  });

  it('truncates containerName like the name', async () => {
    await client().open('file:///container.txt', '一、完善工作机制和管理办法，建立健全长效管理制度\n（一）细则\n');
    await client().configurationChanged({ tigang: { maxNameLength: 20 } });
    const [, child] = (await client().symbols('file:///container.txt')) as SymbolInformation[];
    assert.equal(child.containerName, '一、完善工作机制和管理办法…');
  });
});

// ------------------------------------------------------------ real documents

interface CliHeading {
  name: string;
  line: number;
  endLine: number;
  children: CliHeading[];
}

const shared = resolve(repoRoot(), '..', 'shared');
const realFiles = ['seeds', 'corpus'].flatMap((folder) => {
  const dir = join(shared, folder);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => join(dir, f)) : [];
});

describe('real documents from ../shared', () => {
  const client = editorClient;
  const symbolsOf = new Map<string, DocumentSymbol[]>();
  const texts = new Map<string, string>();
  const uriOf = (file: string) => `file://${file}`;

  before(async () => {
    for (const file of realFiles) {
      texts.set(file, readFileSync(file, 'utf8'));
      await client().open(uriOf(file), texts.get(file)!);
    }
  });

  /** The symbols of the real document whose path ends with `name`, or undefined when it is absent. */
  const symbols = async (name: string): Promise<DocumentSymbol[] | undefined> => {
    const file = realFiles.find((f) => f.endsWith(`/${name}`) || f === name);
    if (file === undefined) return undefined;
    if (!symbolsOf.has(file)) symbolsOf.set(file, await client().documentSymbols(uriOf(file)));
    return symbolsOf.get(file);
  };

  test('every seed and corpus document has a well-formed outline, folding ranges and selection ranges', async (t) => {
    if (realFiles.length === 0) return t.skip(`${shared} not found`);
    for (const file of realFiles) {
      const text = texts.get(file)!;
      const lineCount = text.split(/\r\n|\r|\n/).length;
      const tree = (await symbols(file))!;
      const all = flatten(tree);
      assert.ok(all.length > 0, `${file} has headings`);
      assertWellFormed(tree, file);
      for (const s of all) assert.ok(s.range.end.line < lineCount, `${file}: ${s.name} ends inside the document`);
      for (const r of await client().folding(uriOf(file))) assert.ok(r.startLine < r.endLine && r.endLine < lineCount, `${file}: folding ${JSON.stringify(r)}`);
      const positions = all.map((s) => s.selectionRange.start);
      const selections = await client().selection(uriOf(file), positions);
      assert.equal(selections.length, positions.length);
      selections.forEach((s, i) => assertNested(chain(s), positions[i]));
    }
  });

  test('the CLI prints the same headings, lines and section ends as the server for every real document', async (t) => {
    if (realFiles.length === 0) return t.skip(`${shared} not found`);
    const cli = spawnSync(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), 'outline', '--json', ...realFiles], { encoding: 'utf8', timeout: TIMEOUT_MS });
    assert.equal(cli.status, 0, cli.stderr);
    const results: { file: string; outline: CliHeading[] }[] = JSON.parse(cli.stdout);
    assert.deepEqual(
      results.map((r) => r.file),
      realFiles,
    );
    const fromCli = (items: CliHeading[]): unknown[] => items.map((h) => [h.name, h.line, h.endLine, fromCli(h.children)]);
    const fromServer = (items: DocumentSymbol[]): unknown[] => items.map((s) => [s.name, s.range.start.line + 1, s.range.end.line + 1, fromServer(s.children ?? [])]);
    for (const [i, file] of realFiles.entries()) assert.deepEqual(fromCli(results[i].outline), fromServer((await symbols(file))!), file);
  });

  test('the personal information protection law: 目录 entries are not repeated as chapters; eight chapters follow it', async (t) => {
    const law = await symbols('npc_pipl_2021.txt');
    if (law === undefined) return t.skip(`${shared}/corpus/npc_pipl_2021.txt not found`);
    const toc = law.findIndex((s) => s.name.replace(/\s/g, '') === '目录');
    assert.ok(toc >= 0, `a 目录 heading at top level: ${law.map((s) => s.name).join(' | ')}`);
    const chapters = law.filter((s) => /^第.+章/.test(s.name));
    assert.deepEqual(
      chapters.map((s) => s.name.match(/^第(.+?)章/)![1]),
      ['一', '二', '三', '四', '五', '六', '七', '八'],
      'exactly one top-level heading per chapter',
    );
    for (const chapter of chapters) assert.ok(comparePositions(law[toc].range.end, chapter.range.start) < 0, `${chapter.name} starts after the 目录 section`);
    const nested = flatten(law).filter((s) => !law.includes(s) && /^第.+章/.test(s.name));
    assert.deepEqual(nested, [], 'no chapter appears again as a nested heading');
    assert.ok(flatten(chapters).some((s) => /^第.+条/.test(s.name)), 'articles 第…条 are nested in the chapters');
  });

  test('《阿Q正传》: nine chapters, the prose 第二， is not a heading, CRLF line breaks stay out of ranges and names', async (t) => {
    const novel = await symbols('lu_xun_a_q_zhengzhuan.txt');
    if (novel === undefined) return t.skip(`${shared}/corpus/lu_xun_a_q_zhengzhuan.txt not found`);
    const all = flatten(novel);
    assert.equal(all.filter((s) => /^第.+章/.test(s.name)).length, 9);
    assert.deepEqual(
      novel.map((s) => s.name.match(/^第(.+?)章/)?.[1]),
      ['一', '二', '三', '四', '五', '六', '七', '八', '九'],
    );
    assert.deepEqual(all.filter((s) => s.name.startsWith('第二，')), []);
    const file = realFiles.find((f) => f.endsWith('lu_xun_a_q_zhengzhuan.txt'))!;
    const lines = texts.get(file)!.split(/\r\n|\r|\n/);
    assert.ok(texts.get(file)!.includes('\r\n'), 'the corpus copy still has CRLF line breaks');
    for (const s of all) {
      assert.equal(/[\r\n]/.test(s.name), false);
      assert.ok(s.range.end.character <= lines[s.range.end.line].length, `${s.name}: the range ends before the line break`);
      assert.ok(s.selectionRange.end.character <= lines[s.selectionRange.end.line].length);
    }
  });
});

describe('after all of the above', () => {
  it('neither server has logged an error or a warning', () => {
    for (const client of [editorClient(), plainClient()]) {
      assert.deepEqual(
        client.logs.filter((log) => log.type <= 2),
        [],
      );
      assert.equal(client.stderr, '');
    }
  });
});

// ------------------------------------------------------------ the client's copy

/**
 * The client's copy of a document, edited as LSP defines it but without the
 * text-document library the server uses, so the oracle does not share its bugs.
 */
class Mirror {
  constructor(
    readonly uri: string,
    readonly version: number,
    private readonly text: string,
  ) {}

  getText(): string {
    return this.text;
  }

  get lineCount(): number {
    return lineStarts(this.text).length;
  }

  /** Changes apply one after another; positions past a line's end or the document's end are clamped. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): Mirror {
    let text = this.text;
    for (const change of changes) {
      if (!('range' in change)) {
        text = change.text;
        continue;
      }
      const starts = lineStarts(text);
      const a = offsetAt(text, starts, change.range.start);
      const b = offsetAt(text, starts, change.range.end);
      text = text.slice(0, Math.min(a, b)) + change.text + text.slice(Math.max(a, b));
    }
    return new Mirror(this.uri, version, text);
  }
}

/** Offsets where lines start; \n, \r\n and a lone \r each end a line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return starts;
}

function offsetAt(text: string, starts: readonly number[], p: Position): number {
  if (p.line >= starts.length) return text.length;
  if (p.line < 0) return 0;
  const start = starts[p.line];
  let end = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return start + Math.min(Math.max(0, p.character), end - start);
}

// ------------------------------------------------------------ invariants

/** Ranges from innermost to outermost: each contains the previous one and the position. */
function assertNested(ranges: readonly Range[], position: Position): void {
  assert.ok(ranges.length > 0);
  for (let i = 0; i < ranges.length; i++) {
    assert.ok(rangeContainsPosition(ranges[i], position), `range ${i} ${JSON.stringify(ranges[i])} contains ${JSON.stringify(position)}`);
    if (i > 0) {
      assert.ok(rangeContains(ranges[i], ranges[i - 1]), `range ${i} contains range ${i - 1}: ${JSON.stringify(ranges)}`);
      assert.notDeepEqual(ranges[i], ranges[i - 1], 'each step grows');
    }
  }
}

/** selectionRange inside range, children inside their parent, siblings disjoint and in order. */
function assertWellFormed(symbols: readonly DocumentSymbol[], where = ''): void {
  for (let i = 0; i < symbols.length; i++) {
    const s = symbols[i];
    assert.ok(rangeContains(s.range, s.selectionRange), `${where} ${s.name}: selectionRange inside range`);
    assert.ok(s.name.length > 0, `${where}: a symbol has a name`);
    if (i > 0) assert.ok(comparePositions(symbols[i - 1].range.end, s.range.start) < 0, `${where} ${symbols[i - 1].name} ends before ${s.name} starts`);
    for (const child of s.children ?? []) assert.ok(rangeContains(s.range, child.range), `${where} ${child.name} lies inside ${s.name}`);
    assertWellFormed(s.children ?? [], where);
  }
}

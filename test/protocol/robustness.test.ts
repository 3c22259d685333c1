// The server over the real protocol when the client or the text misbehaves:
// it answers every request, reports bad params as JSON-RPC errors, and never dies.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc/node';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { LspClient, SERVER_JS, chain, flatten, outlineText, rangeContainsPosition, within } from './lspClient';
import { RawServer } from './rawServer';

const INVALID_PARAMS = -32602;
const METHOD_NOT_FOUND = -32601;
const REQUEST_CANCELLED = -32800;

const SAMPLE = '一、总体要求\n（一）加强领导\n正文。\n二、保障措施\n';

/** A lone (unpaired) UTF-16 surrogate anywhere in the string. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// One server takes all the abuse below; the last test shuts it down and
// expects a clean exit.
let server: LspClient | undefined;
before(async () => {
  server = await LspClient.start();
});
after(() => server?.kill());
const sharedServer = (): LspClient => server!;

describe('the server with a client that misbehaves', () => {
  const client = sharedServer;
  const uri = 'file:///sample.txt';
  before(() => client().open(uri, SAMPLE));

  /** The server is alive and still answers correctly. */
  async function assertStillServing(): Promise<void> {
    const symbols = (await client().symbols(uri)) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['一、总体要求', '二、保障措施'],
    );
  }

  it('answers an empty array, not an error, for a document that was never opened', async () => {
    const never = 'file:///never-opened.txt';
    assert.deepEqual(await client().symbols(never), []);
    assert.deepEqual(await client().folding(never), []);
    assert.deepEqual(await client().selection(never, [{ line: 0, character: 0 }]), []);
  });

  for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/selectionRange']) {
    it(`rejects ${method} without a textDocument with InvalidParams and keeps serving`, async () => {
      const response = await client().rawRequest(method, { positions: [] });
      assert.equal(response.error?.code, INVALID_PARAMS, JSON.stringify(response));
      await assertStillServing();
    });

    it(`rejects ${method} with params null with InvalidParams and keeps serving`, async () => {
      const response = await client().rawRequest(method, null);
      assert.equal(response.error?.code, INVALID_PARAMS, JSON.stringify(response));
      await assertStillServing();
    });

    it(`rejects ${method} without params with InvalidParams and keeps serving`, async () => {
      const response = await client().rawRequest(method, undefined, true);
      assert.equal(response.error?.code, INVALID_PARAMS, JSON.stringify(response));
      await assertStillServing();
    });

    it(`rejects ${method} with a uri that is not a string with InvalidParams`, async () => {
      const response = await client().rawRequest(method, { textDocument: { uri: 42 }, positions: [] });
      assert.equal(response.error?.code, INVALID_PARAMS, JSON.stringify(response));
      await assertStillServing();
    });
  }

  it('rejects selectionRange whose positions are not an array, or not positions, with InvalidParams', async () => {
    for (const positions of ['0:0', null, { line: 0, character: 0 }, [{ line: '0', character: 0 }], [{ line: 0 }], [null]]) {
      const response = await client().rawRequest('textDocument/selectionRange', { textDocument: { uri }, positions });
      assert.equal(response.error?.code, INVALID_PARAMS, `positions ${JSON.stringify(positions)}: ${JSON.stringify(response)}`);
    }
    await assertStillServing();
  });

  it('clamps positions outside the document instead of failing', async () => {
    const positions = [
      { line: -3, character: -1 },
      { line: 1_000_000, character: 5 },
      { line: 1, character: 1_000_000 },
    ];
    const selections = await client().selection(uri, positions);
    assert.equal(selections.length, 3);
    for (const s of selections) assert.ok(chain(s).length >= 1);
    assert.deepEqual(chain(selections[2])[0], { start: { line: 1, character: 0 }, end: { line: 1, character: '（一）加强领导'.length } });
  });

  it('answers MethodNotFound for an unknown request and keeps serving', async () => {
    await assert.rejects(client().request('tigang/noSuchMethod', { x: 1 }), (e: unknown) => e instanceof ResponseError && e.code === METHOD_NOT_FOUND);
    await client().notify('tigang/noSuchNotification', { x: 1 });
    await client().notify('$/noSuchNotification', {});
    await assertStillServing();
  });

  it('ignores a didChange for a document it never opened', async () => {
    await client().change('file:///not-open.txt', 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '一、新\n' }]);
    assert.deepEqual(await client().symbols('file:///not-open.txt'), []);
    await assertStillServing();
  });

  it('forgets a document on didClose: the next requests answer empty arrays', async () => {
    const closing = 'file:///closing.txt';
    await client().open(closing, SAMPLE);
    assert.equal(((await client().symbols(closing)) as DocumentSymbol[]).length, 2);
    await client().close(closing);
    assert.deepEqual(await client().symbols(closing), []);
    assert.deepEqual(await client().folding(closing), []);
    assert.deepEqual(await client().selection(closing, [{ line: 0, character: 0 }]), []);
    await client().open(closing, '三、重新打开\n');
    assert.deepEqual(((await client().symbols(closing)) as DocumentSymbol[]).map((s) => s.name), ['三、重新打开'], 'reopening starts afresh');
  });

  it('replaces a document on a second didOpen of its URI, even at the same version, and serves the new text', async () => {
    const reopened = 'file:///reopened.txt';
    const items = async (uri: string) => ((await client().request('tigang/outline', { textDocument: { uri } })) as { items: unknown[] }).items;
    await client().open(reopened, '一、旧标题\n正文。\n正文。\n', 1);
    assert.deepEqual(((await client().symbols(reopened)) as DocumentSymbol[]).map((s) => s.name), ['一、旧标题']);
    assert.deepEqual(await client().folding(reopened), [{ startLine: 0, endLine: 2 }]);
    await items(reopened);
    const text = '第一章　新\n一、甲\n正文正文正文正文正文。\n';
    await client().open(reopened, text, 1);
    assert.deepEqual(outlineText((await client().symbols(reopened)) as DocumentSymbol[]), '第一章 新\n  一、甲\n');
    assert.deepEqual(await client().folding(reopened), [
      { startLine: 0, endLine: 2 },
      { startLine: 1, endLine: 2 },
    ]);
    await client().open('file:///fresh.txt', text, 1);
    assert.deepEqual(await items(reopened), await items('file:///fresh.txt'), 'the 提纲 view gets the new text\'s tree and statistics');
    // Edits apply to the new text.
    await client().change(reopened, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '二、乙\n' }]);
    assert.deepEqual(outlineText((await client().symbols(reopened)) as DocumentSymbol[]), '第一章 新\n  一、甲\n  二、乙\n');
    await assertStillServing();
  });

  /** The warnings logged since `from` that name the method and the URI. */
  function warningsAbout(from: number, method: string, uri: string): string[] {
    return client()
      .logs.slice(from)
      .filter((log) => log.type === 2 && log.message.includes(method) && log.message.includes(uri))
      .map((log) => log.message);
  }

  /** Every request on the URI answers as for a document never opened. */
  async function assertUnknown(uri: string): Promise<void> {
    assert.deepEqual(await client().symbols(uri), []);
    assert.deepEqual(await client().folding(uri), []);
    assert.deepEqual(await client().selection(uri, [{ line: 0, character: 0 }]), []);
    assert.equal(await client().request('tigang/outline', { textDocument: { uri } }), null);
  }

  for (const [what, text] of [
    ['a number', 42],
    ['null', null],
    ['an array', ['一、甲']],
    ['missing', undefined],
  ] as const) {
    it(`ignores a didOpen whose text is ${what}, says so in the log, and answers for the URI as for a document never opened`, async () => {
      const uri = `file:///bad-open-${what.replace(/ /g, '-')}.txt`;
      const from = client().logs.length;
      await client().notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
      await assertUnknown(uri);
      assert.equal(warningsAbout(from, 'textDocument/didOpen', uri).length, 1, JSON.stringify(client().logs.slice(from)));
      await client().open(uri, '一、好的文本\n');
      assert.deepEqual(((await client().symbols(uri)) as DocumentSymbol[]).map((s) => s.name), ['一、好的文本'], 'a later good didOpen is served');
      await assertStillServing();
    });
  }

  it('forgets an open document when a didOpen of its URI is malformed, instead of serving the old text', async () => {
    const uri = 'file:///bad-reopen.txt';
    await client().open(uri, '一、旧\n');
    assert.equal(((await client().symbols(uri)) as DocumentSymbol[]).length, 1);
    const from = client().logs.length;
    await client().notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 2, text: { value: '二、新' } } });
    await assertUnknown(uri);
    assert.match(warningsAbout(from, 'textDocument/didOpen', uri).join('\n'), /text is not a string.*forgets the document/);
  });

  const goodRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const [what, params] of [
    ['a range whose line is a string', (uri: string) => ({ textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: '0', character: 0 }, end: { line: 0, character: 0 } }, text: '二、' }] })],
    ['a range whose character is a fraction', (uri: string) => ({ textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0.5 }, end: { line: 0, character: 1 } }, text: '二、' }] })],
    ['a range without an end', (uri: string) => ({ textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 } }, text: '二、' }] })],
    ['a range that is null', (uri: string) => ({ textDocument: { uri, version: 2 }, contentChanges: [{ range: null, text: '二、' }] })],
    ['a negative line', (uri: string) => ({ textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }, text: '二、' }] })],
    ['text that is a number', (uri: string) => ({ textDocument: { uri, version: 2 }, contentChanges: [{ range: goodRange, text: 7 }] })],
    ['a whole-text change whose text is missing', (uri: string) => ({ textDocument: { uri, version: 2 }, contentChanges: [{}] })],
    ['no version', (uri: string) => ({ textDocument: { uri }, contentChanges: [{ range: goodRange, text: '二、' }] })],
    ['a version that is a string', (uri: string) => ({ textDocument: { uri, version: '2' }, contentChanges: [{ range: goodRange, text: '二、' }] })],
    ['contentChanges that are not an array', (uri: string) => ({ textDocument: { uri, version: 2 }, contentChanges: { range: goodRange, text: '二、' } })],
    ['a good change followed by a bad one', (uri: string) => ({ textDocument: { uri, version: 2 }, contentChanges: [{ range: goodRange, text: '（一）甲\n' }, { range: goodRange, text: null }] })],
  ] as const) {
    it(`ignores a didChange with ${what}, says so in the log, and forgets the document until it is opened again`, async () => {
      const uri = `file:///bad-change-${what.replace(/ /g, '-')}.txt`;
      await client().open(uri, '一、甲\n正文。\n');
      assert.equal(((await client().symbols(uri)) as DocumentSymbol[]).length, 1);
      const from = client().logs.length;
      await client().notify('textDocument/didChange', params(uri));
      await assertUnknown(uri);
      assert.equal(warningsAbout(from, 'textDocument/didChange', uri).length, 1, JSON.stringify(client().logs.slice(from)));
      // Later changes for the forgotten URI are ignored like any for a document not open; a didOpen starts afresh.
      await client().change(uri, 3, [{ range: goodRange, text: '三、' }]);
      await assertUnknown(uri);
      await client().open(uri, '四、重新打开\n', 4);
      assert.deepEqual(((await client().symbols(uri)) as DocumentSymbol[]).map((s) => s.name), ['四、重新打开']);
      await assertStillServing();
    });
  }

  it('ignores a didChange or didClose without a textDocument, says so in the log, and keeps serving', async () => {
    const from = client().logs.length;
    await client().notify('textDocument/didChange', { contentChanges: [{ text: '一、' }] });
    await client().notify('textDocument/didClose', {});
    await client().notify('textDocument/didOpen', null);
    await assertStillServing();
    const warnings = client().logs.slice(from).filter((log) => log.type === 2).map((log) => log.message);
    for (const method of ['textDocument/didChange', 'textDocument/didClose', 'textDocument/didOpen']) {
      assert.equal(warnings.filter((w) => w.includes(method)).length, 1, `${method}: ${JSON.stringify(warnings)}`);
    }
  });

  it('answers or reports RequestCancelled for requests cancelled right after they are sent, and keeps serving', async () => {
    const big = 'file:///cancel.txt';
    await client().open(big, Array.from({ length: 3000 }, (_, i) => (i % 10 === 0 ? `${i / 10 + 1}.标题\n` : '正文。\n')).join(''));
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, async () => {
        try {
          const result = await client().requestAndCancel<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: big } });
          assert.ok(Array.isArray(result), `a cancelled request answers an array: ${JSON.stringify(result)}`);
          return 'answered';
        } catch (e) {
          assert.ok(e instanceof ResponseError, String(e));
          assert.equal(e.code, REQUEST_CANCELLED, e.message);
          return 'cancelled';
        }
      }),
    );
    assert.equal(outcomes.length, 20);
    assert.equal(((await client().symbols(big)) as DocumentSymbol[]).length, 300, 'an uncancelled request still gets the full outline');
    await assertStillServing();
  });
});

describe('the server with text that is not what it expects', () => {
  const client = sharedServer;

  async function answersAll(uri: string, text: string): Promise<DocumentSymbol[]> {
    await client().open(uri, text);
    const symbols = (await client().symbols(uri)) as DocumentSymbol[];
    assert.ok(Array.isArray(symbols));
    assert.ok(Array.isArray(await client().folding(uri)));
    const positions = [
      { line: 0, character: 0 },
      { line: 0, character: 3 },
      { line: 1, character: 1 },
    ];
    const selections = await client().selection(uri, positions);
    assert.equal(selections.length, positions.length);
    if (!LONE_SURROGATE.test(text)) {
      for (const s of flatten(symbols)) assert.equal(LONE_SURROGATE.test(s.name), false, `${JSON.stringify(s.name)} has no lone surrogate the text did not have`);
    }
    return symbols;
  }

  it('handles NUL characters', async () => {
    const symbols = await answersAll('file:///nul.txt', '一、甲\u0000乙\n\u0000\u0000\u0000\n二、丙\n\u0000');
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['一、甲\u0000乙', '二、丙'],
    );
  });

  it('handles lone surrogates, and never cuts a surrogate pair when shortening a name', async () => {
    await answersAll('file:///surrogates.txt', '一、\uD800标题\n\uDC00（一）\uDBFF\n二、\uDFFF\uD800\n');
    const astral = '一、' + '𠀀'.repeat(50) + '\n正文。\n';
    const [symbol] = await answersAll('file:///astral.txt', astral);
    assert.equal(symbol.name, '一、' + '𠀀'.repeat(38) + '…', 'forty characters (code points), then …');
  });

  it('handles a 1 MB single line', async () => {
    const line = '一、' + '很'.repeat(1_000_000);
    const symbols = await answersAll('file:///long-line.txt', line + '\n正文。\n');
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].name, '一、' + '很'.repeat(38) + '…');
    assert.deepEqual(symbols[0].range.end, { line: 1, character: 3 });
    const [selection] = await client().selection('file:///long-line.txt', [{ line: 0, character: 500_000 }]);
    assert.ok(chain(selection).every((r) => rangeContainsPosition(r, { line: 0, character: 500_000 })));
    assert.deepEqual(chain(selection)[0].end, { line: 0, character: line.length });
  });

  it('handles 100,000 short lines', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => (i % 1000 === 0 ? `${i / 1000 + 1}.第${i / 1000 + 1}部分` : '正文。'));
    const uri = 'file:///many-lines.txt';
    const symbols = await answersAll(uri, lines.join('\n'));
    assert.equal(symbols.length, 100);
    assert.deepEqual(symbols[99].range, { start: { line: 99_000, character: 0 }, end: { line: 99_999, character: 3 } });
    assert.equal((await client().folding(uri)).length, 100);
    await client().change(uri, 2, [{ range: { start: { line: 50_001, character: 0 }, end: { line: 50_001, character: 0 } }, text: '（1）插入的小标题\n' }]);
    const edited = (await client().symbols(uri)) as DocumentSymbol[];
    assert.equal(edited[50].children?.[0]?.name, '（1）插入的小标题');
    assert.deepEqual(edited[99].range.start, { line: 99_001, character: 0 });
  });

  it('handles GBK bytes shown as mojibake (read as Latin-1 or as UTF-8)', async () => {
    // 一、总则 / 第二章 in GBK: D2BB A1A2 D7DC D4F2 / B5DA B6FE D5C2
    const gbk = Buffer.from([0xd2, 0xbb, 0xa1, 0xa2, 0xd7, 0xdc, 0xd4, 0xf2, 0x0a, 0xb5, 0xda, 0xb6, 0xfe, 0xd5, 0xc2, 0x0a]);
    assert.equal(new TextDecoder('gb18030').decode(gbk), '一、总则\n第二章\n');
    assert.deepEqual(await answersAll('file:///latin1.txt', gbk.toString('latin1').repeat(50)), [], 'mojibake has no headings');
    assert.deepEqual(await answersAll('file:///replacement.txt', gbk.toString('utf8').repeat(50)), []);
  });

  it('is still alive after all of that', async () => {
    assert.equal(client().isRunning, true);
    await client().open('file:///after.txt', '一、还在\n');
    assert.deepEqual(((await client().symbols('file:///after.txt')) as DocumentSymbol[]).map((s) => s.name), ['一、还在']);
  });
});

describe('the server reading a broken message stream', { concurrency: true }, () => {
  const PARSE_ERROR = -32700;
  const INVALID_REQUEST = -32600;
  /** A shutdown request, 44 bytes. */
  const SHORT = '{"jsonrpc":"2.0","id":9,"method":"shutdown"}';

  function start(t: { after(fn: () => void): void }): RawServer {
    const server = RawServer.start();
    t.after(() => server.kill());
    return server;
  }

  // After a header it cannot read, the server cannot know where the next
  // message starts: it says why on stderr and exits non-zero, so that the
  // client starts it again, rather than stay alive and deaf.
  for (const [what, bytes, reason] of [
    ['Content-Length: abc', 'Content-Length: abc\r\n\r\n{"jsonrpc":"2.0","id":9,"method":"shutdown"}', /Content-Length/],
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{"jsonrpc":"2.0","id":9,"method":"shutdown"}', /Content-Length/],
    ['a Content-Length of 1e3', 'Content-Length: 1e3\r\n\r\n{"jsonrpc":"2.0","id":9,"method":"shutdown"}', /Content-Length/],
    ['no Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","id":9,"method":"shutdown"}', /Content-Length/],
    ['a header line without a colon', 'Hello there\r\n\r\n', /header/i],
    ['body bytes where a header should be', '{"jsonrpc":"2.0","id":9,"method":"shutdown"}\r\n\r\n', /header/i],
  ] as const) {
    it(`exits with a non-zero code and says why on stderr after a header with ${what}`, async (t) => {
      const server = start(t);
      await server.initialize();
      server.write(bytes);
      server.notify('textDocument/didOpen', { textDocument: { uri: 'file:///a.txt', languageId: 'plaintext', version: 1, text: '一、甲' } });
      const { code, signal } = await server.exit();
      assert.equal(signal, null);
      assert.notEqual(code, 0, 'a non-zero code makes the client restart the server');
      assert.match(server.stderr, reason);
      assert.match(server.stderr, /tigang/i);
    });
  }

  it('exits with a non-zero code and says why on stderr when the stream ends inside a message', async (t) => {
    const server = start(t);
    await server.initialize();
    server.write('Content-Length: 100\r\n\r\n{"jsonrpc":"2.0","id":9,');
    server.process.stdin!.end();
    const { code } = await server.exit();
    assert.notEqual(code, 0);
    assert.match(server.stderr, /ended/);
    assert.match(server.stderr, /100/);
  });

  // A length longer than its body, with the stream left open: nothing tells
  // the server until more bytes come, and when the next message's header
  // lands inside the body it exits at once, saying so, rather than answer a
  // ParseError for a message that lost its id and read on out of step.
  for (const [what, write] of [
    ['the next message written after it', (server: RawServer) => {
      server.write(`Content-Length: 100\r\n\r\n${SHORT}`);
      server.notify('textDocument/didOpen', { textDocument: { uri: 'file:///a.txt', languageId: 'plaintext', version: 1, text: '一、甲' } });
      server.send({ jsonrpc: '2.0', id: 10, method: 'textDocument/documentSymbol', params: { textDocument: { uri: 'file:///a.txt' } } });
    }],
    ['the next message in the same write, the declared length ending inside its body', (server: RawServer) => {
      const next = JSON.stringify({ jsonrpc: '2.0', id: 10, method: 'textDocument/documentSymbol', params: { textDocument: { uri: 'file:///a.txt' } } });
      server.write(`Content-Length: 100\r\n\r\n${SHORT}Content-Length: ${next.length}\r\n\r\n${next}`);
    }],
  ] as const) {
    it(`exits with a non-zero code and says why on stderr after a Content-Length longer than its body, the stream left open, with ${what}`, async (t) => {
      const server = start(t);
      await server.initialize();
      write(server);
      const { code, signal } = await server.exit();
      assert.equal(signal, null);
      assert.equal(code, 1, 'a non-zero code makes the client restart the server');
      assert.match(server.stderr, /Content-Length 100 is longer than its body: after 44 bytes comes the next message's header "Content-Length: \d+"/);
      assert.deepEqual(server.received.filter((m) => m.method === undefined && m.id !== 1), [], 'no ParseError for the message framed wrong, and no answer after it (1 is initialize)');
      assert.equal(server.process.stdin!.writableEnded, false, 'the stream was left open: the server ended on its own');
    });
  }

  it('waits for the rest of a body that is still short with nothing after it, and reads it as one message when it comes', async (t) => {
    const server = start(t);
    await server.initialize();
    const body = JSON.stringify({ jsonrpc: '2.0', id: 12, method: 'textDocument/documentSymbol', params: { textDocument: { uri: 'file:///none.txt' } } });
    server.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`);
    await new Promise((resolve) => setImmediate(resolve)); // the first part on its way on its own
    server.write(body.slice(20));
    assert.deepEqual((await server.response(12)).result, []);
    assert.equal(server.running, true);
  });

  it('answers a body that is not JSON with ParseError (-32700) and id null, and keeps serving', async (t) => {
    const server = start(t);
    await server.initialize();
    server.sendBody('{"jsonrpc":"2.0","id":5,"method":');
    const response = await server.response(null);
    assert.equal(response.error?.code, PARSE_ERROR, JSON.stringify(response));
    server.sendBody('一、不是 JSON');
    const symbols = await server.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///none.txt' } });
    assert.deepEqual(symbols.result, []);
    assert.equal(server.received.filter((m) => m.error?.code === PARSE_ERROR).length, 2);
    assert.equal(server.running, true);
  });

  it('answers JSON that is not a JSON-RPC message with InvalidRequest (-32600), with its id when it has one, and keeps serving', async (t) => {
    const server = start(t);
    await server.initialize();
    for (const [body, id] of [
      ['42', null],
      ['[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]', null],
      ['{"jsonrpc":"2.0","id":7}', 7],
      ['{"jsonrpc":"2.0","id":"eight","method":5}', 'eight'],
      ['null', null],
    ] as const) {
      server.received.length = 0; // each body's answer on its own
      server.sendBody(body);
      const response = await server.next((m) => m.id === id && m.error !== undefined, `the error for ${body}`);
      assert.equal(response.error?.code, INVALID_REQUEST, `${body}: ${JSON.stringify(response)}`);
    }
    const symbols = await server.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///none.txt' } });
    assert.deepEqual(symbols.result, [], 'the shutdown inside the batch was not run');
    server.notify('exit');
    assert.equal((await server.exit()).code, 1, 'no shutdown was received');
  });
});

describe('the server process', { concurrency: true }, () => {
  it('exits with 0 after shutdown and exit, even after all of the above', async () => {
    assert.equal(server!.isRunning, true);
    await server!.shutdown(); // asserts exit code 0
    assert.equal(server!.isRunning, false);
  });

  it('exits with 1 on exit without shutdown, as the protocol says', async (t) => {
    const client = await LspClient.start();
    t.after(() => client.kill());
    await client.notify('exit');
    assert.deepEqual(await within(client.exited, 'exit'), { code: 1, signal: null });
  });

  it('exits when the client closes its end of the pipe', async (t) => {
    const client = await LspClient.start();
    t.after(() => client.kill());
    client.process.stdin!.end();
    const { signal } = await within(client.exited, 'exit after stdin closed');
    assert.equal(signal, null, 'it ended by itself');
  });

  it('without a transport argument prints how to start it and exits with 1', async (t) => {
    const child = spawn(process.execPath, [SERVER_JS()], { stdio: ['ignore', 'pipe', 'pipe'] });
    t.after(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const code = await within(new Promise<number | null>((resolve) => child.once('close', resolve)), 'server without transport');
    assert.equal(code, 1);
    assert.match(stderr, /--stdio/);
    assert.match(stderr, /transport/);
  });
});

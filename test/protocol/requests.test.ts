// How requests end when they cannot simply be answered: a cancellation, a
// request too large to answer at once, and registrations the client never
// offered — against the real server over stdio.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { DocumentSymbol, SelectionRange } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';

const REQUEST_CANCELLED = -32800;
const INVALID_PARAMS = -32602;

/** A document of n headings 一、 … each with a line of text. */
function headings(n: number): string {
  return Array.from({ length: n }, (_, i) => `第${i + 1}章　第${i + 1}部分\n正文${i}。`).join('\n');
}

describe('a request cancelled before it finished', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(() => client.shutdown());

  it('answers RequestCancelled (-32800), not an empty result that reads as "no headings"', async () => {
    const uri = 'file:///cancelled.txt';
    await client.open(uri, headings(50));
    // The server asks for this document's settings first; holding the answer
    // keeps the request unfinished until the cancellation has arrived.
    let release!: () => void;
    client.configurationGate = new Promise((resolve) => (release = resolve));
    const answer = client.requestAndCancel<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }).then(
      (result) => ({ result }),
      (error: { code?: number }) => ({ code: error.code }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    client.configurationGate = undefined;
    assert.deepEqual(await answer, { code: REQUEST_CANCELLED });
    assert.equal(((await client.symbols(uri)) as DocumentSymbol[]).length, 50, 'the next request gets the whole outline');
  });
});

describe('textDocument/selectionRange with many positions', () => {
  let client: LspClient;
  const uri = 'file:///many-positions.txt';
  before(async () => {
    client = await LspClient.start();
    await client.open(uri, headings(2000));
  });
  after(() => client.shutdown());

  it('answers every one of 10,000 positions, and other requests are answered while it works', async () => {
    const positions = Array.from({ length: 10_000 }, (_, i) => ({ line: i % 4000, character: 0 }));
    const order: string[] = [];
    const ranges = client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions }).then((r) => {
      order.push('selectionRange');
      return r;
    });
    // Sent after the big request: answered between its slices, not after it.
    const symbols = client.symbols(uri).then((s) => {
      order.push('documentSymbol');
      return s;
    });
    const [r, s] = await Promise.all([ranges, symbols]);
    assert.equal(r.length, 10_000);
    assert.deepEqual(r[4001].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
    assert.equal(s.length, 2000);
    assert.deepEqual(order, ['documentSymbol', 'selectionRange']);
  });

  it('refuses more than 10,000 positions with InvalidParams, saying so, and keeps serving', async () => {
    const positions = Array.from({ length: 10_001 }, () => ({ line: 0, character: 0 }));
    const response = await client.rawRequest('textDocument/selectionRange', { textDocument: { uri }, positions });
    assert.equal(response.error?.code, INVALID_PARAMS);
    assert.match(response.error!.message, /at most 10000 positions/);
    assert.equal((await client.symbols(uri)).length, 2000);
  });
});

describe('registrations', () => {
  it('registers workspace/didChangeConfiguration only with a client that offers dynamic registration for it', async () => {
    const offered = await LspClient.start({ configurationRegistration: true });
    const notOffered = await LspClient.start({ configurationRegistration: false });
    try {
      // A request round trip: initialized was handled before its answer.
      await offered.symbols('file:///none.txt');
      await notOffered.symbols('file:///none.txt');
      assert.ok(offered.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
      assert.deepEqual(
        notOffered.registrations.filter((r) => r.method === 'workspace/didChangeConfiguration'),
        [],
      );
    } finally {
      await offered.shutdown();
      await notOffered.shutdown();
    }
  });
});

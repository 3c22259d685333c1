// The server's lifecycle as LSP 3.17 states it: nothing is served before
// initialize, initialize comes once, nothing is served after shutdown, and
// exit ends the process (0 after shutdown, 1 otherwise).

import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { LspClient, SERVER_JS, unprivilegedUser, within } from './lspClient';
import { RawServer, WireMessage } from './rawServer';

const SERVER_NOT_INITIALIZED = -32002;
const INVALID_REQUEST = -32600;

const uri = 'file:///lifecycle.txt';
const open = (server: RawServer, text: string) => server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
const symbolsOf = (server: RawServer) => server.request('textDocument/documentSymbol', { textDocument: { uri } });
const names = (response: WireMessage) => (response.result as { name: string }[]).map((s) => s.name);

function start(t: { after(fn: () => void): void }): RawServer {
  const server = RawServer.start();
  t.after(() => server.kill());
  return server;
}

describe('the server before initialize', { concurrency: true }, () => {
  it('answers every request with ServerNotInitialized (-32002), then initializes as usual', async (t) => {
    const server = start(t);
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'workspace/symbol', 'tigang/outline', 'shutdown', 'tigang/noSuchMethod']) {
      const response = await server.request(method, { textDocument: { uri }, query: '' });
      assert.equal(response.error?.code, SERVER_NOT_INITIALIZED, `${method}: ${JSON.stringify(response)}`);
      assert.equal(response.result, undefined);
    }
    const initialized = await server.initialize();
    assert.ok((initialized.result as { capabilities?: unknown }).capabilities, JSON.stringify(initialized));
    open(server, '一、甲\n');
    assert.deepEqual(names(await symbolsOf(server)), ['一、甲']);
  });

  it('drops notifications: a document opened before initialize is not open after it', async (t) => {
    const server = start(t);
    open(server, '一、早到的\n');
    await server.initialize();
    assert.deepEqual((await symbolsOf(server)).result, []);
    open(server, '一、按时的\n');
    assert.deepEqual(names(await symbolsOf(server)), ['一、按时的']);
  });

  it('ends on exit before initialize with code 1', async (t) => {
    const server = start(t);
    server.notify('exit');
    assert.deepEqual(await server.exit(), { code: 1, signal: null });
  });
});

describe('the server after initialize', { concurrency: true }, () => {
  it('answers a second initialize with an error and keeps serving as the first set it up', async (t) => {
    const server = start(t);
    const first = await server.initialize();
    open(server, '一、甲\n');
    const second = await server.request('initialize', { processId: null, rootUri: null, capabilities: {} });
    assert.equal(second.error?.code, INVALID_REQUEST, JSON.stringify(second));
    assert.match(second.error!.message, /initialize/);
    assert.ok(first.result);
    assert.deepEqual(names(await symbolsOf(server)), ['一、甲'], 'the document opened before the second initialize is still served');
  });

  it('lets initialize be sent again when it failed', async (t) => {
    const server = start(t);
    const failed = await server.request('initialize', null);
    assert.ok(failed.error, `initialize without params fails: ${JSON.stringify(failed)}`);
    const response = await server.initialize();
    assert.ok((response.result as { capabilities?: unknown }).capabilities, JSON.stringify(response));
    open(server, '一、甲\n');
    assert.deepEqual(names(await symbolsOf(server)), ['一、甲']);
  });
});

describe('the server after shutdown', { concurrency: true }, () => {
  it('answers every request with InvalidRequest (-32600), a second shutdown too, and exits with 0 on exit', async (t) => {
    const server = start(t);
    await server.initialize();
    open(server, '一、甲\n');
    assert.deepEqual(names(await symbolsOf(server)), ['一、甲']);
    const shutdown = await server.request('shutdown');
    assert.equal(shutdown.error, undefined, JSON.stringify(shutdown));
    assert.equal(shutdown.result, null);
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'shutdown', 'initialize']) {
      const response = await server.request(method, { textDocument: { uri } });
      assert.equal(response.error?.code, INVALID_REQUEST, `${method}: ${JSON.stringify(response)}`);
    }
    open(server, '二、乙\n'); // dropped
    server.notify('exit');
    assert.deepEqual(await server.exit(), { code: 0, signal: null });
  });

  it('exits with 1 on exit without shutdown', async (t) => {
    const server = start(t);
    await server.initialize();
    server.notify('exit');
    assert.deepEqual(await server.exit(), { code: 1, signal: null });
  });

  it('exits with 0 when the client closes the stream after shutdown, and with 1 without', async (t) => {
    const polite = start(t);
    await polite.initialize();
    await polite.request('shutdown');
    polite.process.stdin!.end();
    const rude = start(t);
    await rude.initialize();
    rude.process.stdin!.end();
    assert.deepEqual(await polite.exit(), { code: 0, signal: null });
    assert.deepEqual(await rude.exit(), { code: 1, signal: null });
  });
});

describe('the lifecycle over --node-ipc', () => {
  it('is the same: ServerNotInitialized before initialize, InvalidRequest after shutdown, exit code 0', async (t) => {
    const child = fork(SERVER_JS(), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    t.after(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const responses = new Map<number, (m: WireMessage) => void>();
    child.on('message', (m: WireMessage) => {
      if (typeof m.id === 'number' && m.method === undefined) responses.get(m.id)?.(m);
      else if (m.method !== undefined && m.id !== undefined) child.send({ jsonrpc: '2.0', id: m.id, result: null });
    });
    let id = 0;
    const request = (method: string, params?: unknown) =>
      within(
        new Promise<WireMessage>((resolve) => {
          responses.set(++id, resolve);
          child.send({ jsonrpc: '2.0', id, method, params });
        }),
        `${method} over node-ipc`,
      );
    assert.equal((await request('textDocument/documentSymbol', { textDocument: { uri } })).error?.code, SERVER_NOT_INITIALIZED);
    assert.ok((await request('initialize', { processId: null, rootUri: null, capabilities: {} })).result);
    child.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    assert.equal((await request('shutdown')).error, undefined);
    assert.equal((await request('textDocument/documentSymbol', { textDocument: { uri } })).error?.code, INVALID_REQUEST);
    child.send({ jsonrpc: '2.0', method: 'exit' });
    assert.equal(await within(exited, 'exit over node-ipc'), 0);
  });
});

describe('the client process named by initialize', { concurrency: true }, () => {
  it('keeps serving a client whose process it may not signal (EPERM: another user\'s process, not a gone one)', async () => {
    // As root the server runs as nobody and watches root's process 1; otherwise the test's user watches process 1 (root's): EPERM either way.
    const client = await LspClient.start({ user: unprivilegedUser(), processId: 1 });
    await new Promise((resolve) => setTimeout(resolve, 7_000)); // two of the server's checks, 3 s apart
    await client.open('file:///watched.txt', '一、甲\n二、乙');
    assert.deepEqual((await client.symbols('file:///watched.txt')).map((s) => s.name), ['一、甲', '二、乙']);
    await client.shutdown();
  });

  it('exits with 1 once the client process is gone', async () => {
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    const client = await LspClient.start({ processId: gone.pid! });
    assert.deepEqual(await within(client.exited, 'the server to notice its client gone'), { code: 1, signal: null });
  });
});

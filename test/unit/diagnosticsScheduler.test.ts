// When published diagnostics go out (server/src/diagnostics.ts), on a clock
// the test moves itself: one check a moment after the last change, for the
// newest version only, nothing for a check the document overtook, an empty
// list on close, and nothing scheduled for a client that pulls.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { Emitter } from 'vscode-languageserver';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsScheduler, PUBLISH_DELAY_MS, Timers } from '../../server/src/diagnostics';

/** Timers that run only when the test says time has passed. */
class ManualClock implements Timers {
  private now = 0;
  private readonly pending = new Map<number, { at: number; run: () => void }>();
  private nextId = 0;
  set(run: () => void, ms: number): number {
    this.pending.set(++this.nextId, { at: this.now + ms, run });
    return this.nextId;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** How many timers wait. */
  get waiting(): number {
    return this.pending.size;
  }
  /** Moves time on, running each timer that falls due, in order. */
  pass(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.pending].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.now) break;
      this.pending.delete(id);
      timer.run();
    }
  }
}

/** A check the test finishes when it likes. */
interface Check {
  version: number;
  text: string;
  finish(diagnostics?: Diagnostic[]): void;
}

/** A scheduler with its documents, its clock and the checks it started; publishes are recorded. */
function setUp(pullDiagnostics = false) {
  const clock = new ManualClock();
  const changed = new Emitter<{ document: TextDocument }>();
  const closed = new Emitter<{ document: TextDocument }>();
  const open = new Map<string, TextDocument>();
  const published: PublishDiagnosticsParams[] = [];
  const checks: Check[] = [];
  const connection = {
    sendDiagnostics: (params: PublishDiagnosticsParams) => {
      published.push(params);
      return Promise.resolve();
    },
    sendRequest: () => Promise.resolve(null),
    console: { error: (message: string) => assert.fail(message) },
  };
  const documents = { onDidChangeContent: changed.event, onDidClose: closed.event, get: (uri: string) => open.get(uri), all: () => [...open.values()] };
  const service = {
    getDiagnostics: (doc: TextDocument) =>
      new Promise<Diagnostic[]>((resolve) => checks.push({ version: doc.version, text: doc.getText(), finish: (d = []) => resolve(d) })),
  };
  const scheduler = new DiagnosticsScheduler(connection as never, documents as never, service as never, () => ({ pullDiagnostics, diagnosticRefresh: false }), clock);
  /** Opens or changes a document as the library does: one TextDocument, updated in place. */
  const edit = (uri: string, text: string) => {
    const doc = open.get(uri);
    if (doc === undefined) open.set(uri, TextDocument.create(uri, 'plaintext', 1, text));
    else TextDocument.update(doc, [{ text }], doc.version + 1);
    changed.fire({ document: open.get(uri)! });
  };
  const close = (uri: string) => {
    const doc = open.get(uri)!;
    open.delete(uri);
    closed.fire({ document: doc });
  };
  return { clock, scheduler, published, checks, edit, close };
}

/** Lets the promises of finished checks settle. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

const A = 'file:///a.txt';

suite('Published diagnostics (DiagnosticsScheduler)', () => {
  test('A burst of changes is checked once, a moment after the last, at the newest version', async () => {
    const { clock, published, checks, edit } = setUp();
    edit(A, '一、甲');
    for (let i = 0; i < 9; i++) {
      clock.pass(PUBLISH_DELAY_MS - 1);
      edit(A, `一、甲${'，'.repeat(i + 1)}`);
    }
    assert.equal(checks.length, 0, 'no check while the changes come faster than the delay');
    clock.pass(PUBLISH_DELAY_MS - 1);
    assert.equal(checks.length, 0);
    clock.pass(1);
    assert.deepEqual(checks.map((c) => [c.version, c.text]), [[10, '一、甲，，，，，，，，，']]);
    checks[0].finish();
    await settled();
    assert.deepEqual(published, [{ uri: A, version: 10, diagnostics: [] }]);
  });

  test('A check the document overtook is not published; the newer version’s is, once', async () => {
    const { clock, published, checks, edit } = setUp();
    edit(A, '一、甲');
    clock.pass(PUBLISH_DELAY_MS);
    assert.deepEqual(checks.map((c) => c.version), [1]);
    edit(A, '一、乙'); // while version 1 is being checked
    checks[0].finish();
    await settled();
    assert.deepEqual(published, [], 'version 1 is no longer the document’s');
    clock.pass(PUBLISH_DELAY_MS);
    assert.deepEqual(checks.map((c) => c.version), [1, 2]);
    checks[1].finish();
    await settled();
    assert.deepEqual(published, [{ uri: A, version: 2, diagnostics: [] }]);
  });

  test('Closing a document drops its pending check and publishes an empty list', async () => {
    const { clock, published, checks, edit, close } = setUp();
    edit(A, '一、甲');
    close(A);
    assert.equal(clock.waiting, 0);
    clock.pass(PUBLISH_DELAY_MS);
    await settled();
    assert.deepEqual(checks, []);
    assert.deepEqual(published, [{ uri: A, diagnostics: [] }]);
  });

  test('New settings check every open document again, a moment later', async () => {
    const { clock, scheduler, published, checks, edit } = setUp();
    edit(A, '一、甲');
    edit('file:///b.txt', '一、乙');
    clock.pass(PUBLISH_DELAY_MS);
    for (const c of checks.splice(0)) c.finish();
    await settled();
    published.length = 0;
    scheduler.settingsChanged();
    clock.pass(PUBLISH_DELAY_MS);
    assert.deepEqual(checks.map((c) => c.text), ['一、甲', '一、乙']);
    for (const c of checks) c.finish();
    await settled();
    assert.deepEqual(published.map((p) => [p.uri, p.version]), [[A, 1], ['file:///b.txt', 1]]);
  });

  test('Nothing is scheduled or published for a client that pulls', async () => {
    const { clock, published, edit, close } = setUp(true);
    edit(A, '一、甲');
    edit(A, '一、乙');
    assert.equal(clock.waiting, 0);
    close(A);
    await settled();
    assert.deepEqual(published, []);
  });
});

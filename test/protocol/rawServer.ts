// The server on stdio with nothing in between: tests write raw bytes (a bad
// header, half a message) and read what comes back, message by message. No
// initialize is sent unless the test sends it.

import { ChildProcess, spawn } from 'node:child_process';
import { SERVER_JS, within } from './lspClient';

export interface WireMessage {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export class RawServer {
  /** Every message the server wrote, in order. */
  readonly received: WireMessage[] = [];
  stderr = '';
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private pending = Buffer.alloc(0);
  private waiters: { match: (m: WireMessage) => boolean; resolve: (m: WireMessage) => void }[] = [];
  private nextId = 0;

  private constructor(readonly process: ChildProcess) {
    // 'close', not 'exit': by then stderr has been read to its end (the framing tests read why the server stopped).
    this.exited = new Promise((resolve) => process.once('close', (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal })));
    process.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    process.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
  }

  static start(): RawServer {
    return new RawServer(spawn(process.execPath, [SERVER_JS(), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Bytes exactly as given. */
  write(bytes: string | Buffer): void {
    this.process.stdin!.write(bytes);
  }

  /** A message framed as the protocol says. */
  send(message: WireMessage | unknown): void {
    this.sendBody(JSON.stringify(message));
  }

  /** A body framed with its right Content-Length, whatever it holds. */
  sendBody(body: string): void {
    this.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  notify(method: string, params?: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Sends a request and waits for the response with its id. */
  request(method: string, params?: unknown): Promise<WireMessage> {
    const id = ++this.nextId;
    this.send({ jsonrpc: '2.0', id, method, params });
    return this.response(id);
  }

  response(id: number | string | null): Promise<WireMessage> {
    return this.next((m) => m.id === id && m.method === undefined, `the response to ${id}`);
  }

  /** The first message (already received or still to come) that matches. */
  next(match: (m: WireMessage) => boolean, what: string): Promise<WireMessage> {
    const seen = this.received.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return within(new Promise((resolve) => this.waiters.push({ match, resolve })), `${what}; stderr: ${this.stderr}`);
  }

  /** initialize with no capabilities, then initialized. */
  async initialize(): Promise<WireMessage> {
    const response = await this.request('initialize', { processId: null, rootUri: null, capabilities: {} });
    this.notify('initialized', {});
    return response;
  }

  /** Waits for the process to end; rejects after the protocol tests' timeout. */
  exit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return within(this.exited, `the server to exit; stderr: ${this.stderr}`);
  }

  kill(): void {
    if (this.running) this.process.kill('SIGKILL');
  }

  private read(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    for (;;) {
      const headerEnd = this.pending.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.pending.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.pending.length < headerEnd + 4 + length) return;
      const body = this.pending.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.pending = this.pending.subarray(headerEnd + 4 + length);
      const message = JSON.parse(body) as WireMessage;
      this.received.push(message);
      // The server may ask the client things (configuration, registrations); answer them all with null.
      if (message.method !== undefined && message.id !== undefined) this.send({ jsonrpc: '2.0', id: message.id, result: null });
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(message)) return true;
        w.resolve(message);
        return false;
      });
    }
  }
}

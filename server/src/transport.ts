// The wire under the language server, in front of vscode-languageserver's
// connection, which leaves two things undone (serverMain.ts puts these in):
//
// Framing. FramedMessageReader reads Content-Length framed messages and is
// strict about headers. After a header it cannot read there is no knowing
// where the next message starts, so it reports a FramingError, and the server
// says why on stderr and exits non-zero for the client to start it again (the
// library's reader stays alive instead, out of step with the stream, and never
// answers again). A body framed right that is not JSON costs only itself: it
// is answered with ParseError (-32700).
//
// A Content-Length longer than its body shows only when more bytes come: the
// next message's header lands inside the body being read. Such a body is
// never JSON (a raw CR is whitespace outside strings in JSON, so the digits
// before it would be a number after `Content-Length:` outside a string, and
// JSON has no token ending in `h`), so a header line seen in a body is a
// FramingError too, at once, rather than a ParseError for the lost message
// followed by a bad header somewhere in the next one. The message framed
// wrong cannot be answered (its id is in the bytes cut off), and a client
// whose framing is wrong once cannot be trusted with the next: exiting lets
// the client fail what it is waiting for and start the server again. A body
// still short with nothing after it waits for its bytes, as a slow client's
// large message does.
//
// Lifecycle (LSP 3.17, "Server lifecycle"). LifecycleGuard stands between the
// reader and the connection: before initialize, requests are answered with
// ServerNotInitialized and notifications dropped; initialize comes once;
// after shutdown, requests are answered with InvalidRequest and notifications
// dropped. exit always goes through: the library ends the process with 0
// after shutdown and 1 otherwise. Messages that are not JSON-RPC messages
// (a number, a batch array, a request whose method is not a string) are
// answered with InvalidRequest.

import {
  AbstractMessageReader,
  DataCallback,
  Disposable,
  ErrorCodes,
  Message,
  MessageReader,
  MessageWriter,
  ResponseMessage,
} from 'vscode-languageserver/node';

/** The stream cannot be read any further: the server must end. */
export class FramingError extends Error {}

/** One message's body is not JSON; its framing was right, so the stream reads on. */
export class MessageParseError extends Error {}

const HEADER_END = Buffer.from('\r\n\r\n');
/** A header block longer than this is not one: real ones are under 100 bytes. */
const MAX_HEADER_BYTES = 8 * 1024;
/** The largest body read (a 50 MB document is about 150 MB of JSON). */
export const MAX_MESSAGE_BYTES = 1024 * 1024 * 1024;
const CRLF = Buffer.from('\r\n');
/** A Content-Length header line up to its CR LF, as the end of the text before a CR LF. */
const HEADER_LINE = /content-length:[ \t]*[0-9]+$/i;
/** How far before a CR LF a header line may start ("Content-Length:", blanks, ten digits). */
const HEADER_LINE_BYTES = 64;

/** Reads Content-Length framed JSON-RPC messages from a byte stream (stdin, a socket). */
export class FramedMessageReader extends AbstractMessageReader implements MessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Length of the body being read; -1 while reading a header. */
  private bodyLength = -1;
  private callback: DataCallback | undefined;
  private done = false;
  /** The last bytes of the body being read that were looked at for a header line (one may straddle two chunks). */
  private bodyTail: Buffer = Buffer.alloc(0);
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly readable: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer | string) => this.onData(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    const onEnd = () => this.onEnd();
    const onError = (error: Error) => this.fireError(new FramingError(`cannot read the message stream: ${error.message}`));
    this.readable.on('data', onData);
    this.readable.on('end', onEnd);
    this.readable.on('close', onEnd);
    this.readable.on('error', onError);
    return Disposable.create(() => {
      this.readable.off('data', onData);
      this.readable.off('end', onEnd);
      this.readable.off('close', onEnd);
      this.readable.off('error', onError);
    });
  }

  private onData(chunk: Buffer): void {
    if (this.done) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.bodyLength < 0) {
        const head = this.joined();
        const end = head.subarray(0, MAX_HEADER_BYTES + HEADER_END.length).indexOf(HEADER_END);
        if (end < 0) {
          if (this.buffered > MAX_HEADER_BYTES) this.fail(`no end of a message header in ${MAX_HEADER_BYTES} bytes: ${quote(head.subarray(0, 60))}`);
          return;
        }
        const length = contentLength(head.subarray(0, end).toString('latin1'));
        if (typeof length === 'string') {
          this.fail(length);
          return;
        }
        this.consume(end + HEADER_END.length);
        this.bodyLength = length;
        this.bodyTail = Buffer.alloc(0);
      }
      if (this.buffered < this.bodyLength) {
        this.lookForHeader();
        return;
      }
      const body = this.joined().subarray(0, this.bodyLength);
      this.consume(this.bodyLength);
      this.bodyLength = -1;
      this.deliver(body);
      if (this.done) return;
    }
  }

  /**
   * The body being read is still short: fails if the bytes that came since
   * it was last looked at (the last chunk, or the rest of the header's)
   * hold a header line, with the tail of the bytes before for a line cut
   * between two chunks.
   */
  private lookForHeader(): void {
    const fresh = this.chunks[this.chunks.length - 1];
    if (fresh === undefined) return; // the header ended its chunk
    const before = this.buffered - fresh.length;
    const keep = HEADER_LINE_BYTES + CRLF.length;
    const across = headerLineIn(Buffer.concat([this.bodyTail, fresh.subarray(0, keep)]));
    if (across !== undefined) return this.failTooLong(this.bodyLength, before - this.bodyTail.length + across.start, across.text);
    const inside = headerLineIn(fresh);
    if (inside !== undefined) return this.failTooLong(this.bodyLength, before + inside.start, inside.text);
    this.bodyTail = fresh.length >= keep ? fresh.subarray(fresh.length - keep) : Buffer.concat([this.bodyTail, fresh]).subarray(-keep);
  }

  private failTooLong(length: number, at: number, header: string): void {
    this.fail(`Content-Length ${length} is longer than its body: after ${at} bytes comes the next message's header ${JSON.stringify(header)}`);
  }

  private deliver(body: Buffer): void {
    let message: unknown;
    try {
      message = JSON.parse(this.decoder.decode(body));
    } catch (error) {
      const header = headerLineIn(body);
      if (header !== undefined) {
        this.failTooLong(body.length, header.start, header.text); // the body came whole with what followed it
        return;
      }
      this.fireError(new MessageParseError(`a message body is not JSON: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    this.callback?.(message as Message);
  }

  private onEnd(): void {
    if (this.done) return;
    this.done = true;
    if (this.bodyLength >= 0) {
      this.fireError(new FramingError(`the stream ended inside a message: ${this.buffered} of its ${this.bodyLength} bytes came`));
    } else if (this.buffered > 0) {
      this.fireError(new FramingError(`the stream ended inside a message header: ${quote(this.joined().subarray(0, 60))}`));
    }
    this.chunks = [];
    this.fireClose();
  }

  private fail(reason: string): void {
    this.done = true;
    this.chunks = [];
    this.buffered = 0;
    this.fireError(new FramingError(reason));
  }

  /** The buffered bytes as one buffer. */
  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private consume(bytes: number): void {
    const rest = this.joined().subarray(bytes);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
  }
}

/** The first `Content-Length: N` line ending in CR LF in the bytes: where it starts, and its text. */
function headerLineIn(bytes: Buffer): { start: number; text: string } | undefined {
  for (let crlf = bytes.indexOf(CRLF); crlf >= 0; crlf = bytes.indexOf(CRLF, crlf + 1)) {
    const from = Math.max(0, crlf - HEADER_LINE_BYTES);
    const line = HEADER_LINE.exec(bytes.subarray(from, crlf).toString('latin1'));
    if (line !== null) return { start: from + line.index, text: line[0] };
  }
  return undefined;
}

/** The body length a header block gives, or what is wrong with the block. */
function contentLength(block: string): number | string {
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    const field = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (field === null) return `a message header line is not "Name: value": ${quote(Buffer.from(line, 'latin1').subarray(0, 60))}`;
    const name = field[1].toLowerCase();
    const value = field[2];
    if (name === 'content-length') {
      if (!/^[0-9]{1,10}$/.test(value)) return `Content-Length is not a byte count: ${quote(Buffer.from(value, 'latin1').subarray(0, 30))}`;
      const n = Number(value);
      if (n > MAX_MESSAGE_BYTES) return `Content-Length ${n} is more than the server reads (${MAX_MESSAGE_BYTES} bytes)`;
      if (length !== undefined && length !== n) return `two Content-Length headers disagree: ${length} and ${n}`;
      length = n;
    } else if (name === 'content-type') {
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(value)?.[1].toLowerCase();
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return `the server reads utf-8 only, not charset ${charset}`;
    }
  }
  return length ?? `a message header has no Content-Length: ${quote(Buffer.from(block, 'latin1').subarray(0, 60))}`;
}

function quote(bytes: Buffer): string {
  return JSON.stringify(bytes.toString('utf8'));
}

type Phase = 'uninitialized' | 'running' | 'shutDown';

/**
 * The lifecycle rules in front of a connection: give `reader` and `writer`
 * to createConnection in place of the transport's own. Errors that end the
 * stream go to `fatal`.
 */
export class LifecycleGuard {
  readonly reader: MessageReader;
  readonly writer: MessageWriter;
  private phase: Phase = 'uninitialized';
  /** The id of the initialize request until it is answered. */
  private initializeId: number | string | undefined;

  /**
   * `clientProcess` is told initialize's processId, which the guard takes out
   * of the params before the library sees them: the library's own watchdog
   * reads process.kill(pid, 0)'s EPERM — a client running as another user — as
   * the client gone and exits; serverMain.ts watches the client instead.
   */
  constructor(
    private readonly transport: { reader: MessageReader; writer: MessageWriter },
    fatal: (error: Error) => void,
    private readonly clientProcess: (pid: number) => void = () => undefined,
  ) {
    const inner = transport.reader;
    inner.onError((error) => {
      if (error instanceof MessageParseError) this.refuse(null, ErrorCodes.ParseError, error.message);
      else fatal(error);
    });
    this.reader = {
      onError: inner.onError,
      onClose: inner.onClose,
      onPartialMessage: inner.onPartialMessage,
      listen: (callback) => inner.listen((message) => this.accept(message, callback)),
      dispose: () => inner.dispose(),
    };
    const writer = transport.writer;
    this.writer = {
      onError: writer.onError,
      onClose: writer.onClose,
      write: (message) => {
        this.answered(message);
        return writer.write(message);
      },
      end: () => writer.end(),
      dispose: () => writer.dispose(),
    };
  }

  /** Whether shutdown was received: exit (and the end of the stream) then ends the process with 0. */
  get shutdownReceived(): boolean {
    return this.phase === 'shutDown';
  }

  private accept(message: unknown, forward: DataCallback): void {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.refuse(null, ErrorCodes.InvalidRequest, `a message must be a JSON object, not ${Array.isArray(message) ? 'an array (batches are not part of LSP)' : JSON.stringify(message)}`);
      return;
    }
    const m = message as Message & { id?: unknown; method?: unknown };
    const { id, method } = m;
    const validId = typeof id === 'number' || typeof id === 'string' ? id : null;
    if (typeof method === 'string') {
      if (id === undefined) this.notification(method, m, forward);
      else if (validId !== null) this.request(validId, method, m, forward);
      else this.refuse(null, ErrorCodes.InvalidRequest, `the id of a request must be a number or a string: ${method}`);
      return;
    }
    const isResponse = method === undefined && ('result' in m || 'error' in m) && (validId !== null || id === null);
    if (isResponse) forward(m);
    else this.refuse(validId, ErrorCodes.InvalidRequest, 'a message must be a request or notification (a string method) or a response (a result or an error)');
  }

  private request(id: number | string, method: string, message: Message, forward: DataCallback): void {
    switch (this.phase) {
      case 'uninitialized':
        if (method !== 'initialize') {
          this.refuse(id, ErrorCodes.ServerNotInitialized, `the server is not initialized: send initialize before ${method}`);
          return;
        }
        this.phase = 'running';
        this.initializeId = id;
        this.takeProcessId(message);
        break;
      case 'running':
        if (method === 'initialize') {
          this.refuse(id, ErrorCodes.InvalidRequest, 'initialize may be sent only once, and the server is already initialized');
          return;
        }
        if (method === 'shutdown') this.phase = 'shutDown';
        break;
      case 'shutDown':
        this.refuse(id, ErrorCodes.InvalidRequest, `the server is shutting down: ${method} after shutdown`);
        return;
    }
    forward(message);
  }

  private notification(method: string, message: Message, forward: DataCallback): void {
    if (method === 'exit' || this.phase === 'running') forward(message);
  }

  private takeProcessId(message: Message): void {
    const params = (message as { params?: unknown }).params as { processId?: unknown } | null | undefined;
    if (typeof params !== 'object' || params === null || !('processId' in params)) return;
    const pid = params.processId;
    params.processId = null;
    if (typeof pid === 'number' && Number.isInteger(pid) && pid > 0) this.clientProcess(pid);
  }

  /** Watches the server's answer to initialize: a failed one may be sent again. */
  private answered(message: Message): void {
    if (this.initializeId === undefined) return;
    const response = message as ResponseMessage;
    if ((response as { method?: unknown }).method !== undefined || response.id !== this.initializeId) return;
    this.initializeId = undefined;
    if (response.error !== undefined && this.phase === 'running') this.phase = 'uninitialized';
  }

  private refuse(id: number | string | null, code: number, message: string): void {
    const response: ResponseMessage = { jsonrpc: '2.0', id, error: { code, message } };
    this.transport.writer.write(response).catch(() => undefined);
  }
}

// The server's message reader (server/src/transport.ts) fed bytes cut at
// every place: a Content-Length longer than its body is caught where the next
// header shows, and JSON that only looks like a header is read as it is.

import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { suite, test } from 'node:test';
import { FramedMessageReader, FramingError } from '../../server/src/transport';

/** What the reader makes of the chunks, given one after another: messages, errors, and whether it ended. */
function read(chunks: readonly Buffer[], end = false): { messages: unknown[]; errors: string[] } {
  const stream = new EventEmitter();
  const reader = new FramedMessageReader(stream as unknown as NodeJS.ReadableStream);
  const messages: unknown[] = [];
  const errors: string[] = [];
  reader.onError((e) => errors.push(`${e instanceof FramingError ? 'FramingError' : e.constructor.name}: ${e.message}`));
  reader.listen((m) => messages.push(m));
  for (const chunk of chunks) stream.emit('data', chunk);
  if (end) stream.emit('end');
  return { messages, errors };
}

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** The bytes cut at each place in two, and one byte at a time. */
function cuts(bytes: Buffer): Buffer[][] {
  const halves = Array.from({ length: bytes.length - 1 }, (_, i) => [bytes.subarray(0, i + 1), bytes.subarray(i + 1)]);
  return [[bytes], ...halves, [...bytes].map((b) => Buffer.from([b]))];
}

const SHUTDOWN = '{"jsonrpc":"2.0","id":9,"method":"shutdown"}'; // 44 bytes
const NEXT = { jsonrpc: '2.0', id: 10, method: 'textDocument/documentSymbol', params: { textDocument: { uri: 'file:///a.txt' } } };

suite('Reading framed messages', () => {
  test('A Content-Length longer than its body is a framing error where the next header begins, wherever the bytes are cut, whether or not they reach the length', () => {
    for (const length of [100, 1000]) {
      const bytes = Buffer.from(`Content-Length: ${length}\r\n\r\n${SHUTDOWN}${frame(JSON.stringify(NEXT))}`);
      for (const chunks of cuts(bytes)) {
        assert.deepEqual(read(chunks), {
          messages: [],
          errors: [`FramingError: Content-Length ${length} is longer than its body: after 44 bytes comes the next message's header "Content-Length: ${JSON.stringify(NEXT).length}"`],
        }, `cut into ${chunks.map((c) => c.length).join('+')} bytes`);
      }
    }
  });

  test('A length reaching past the next header into its body is caught the same way, with the header written in lower case', () => {
    const bytes = Buffer.from(`Content-Length: 80\r\n\r\n${SHUTDOWN}content-length: 120\r\n\r\n${JSON.stringify(NEXT)}`);
    for (const chunks of cuts(bytes)) assert.match(read(chunks).errors.join(), /^FramingError: Content-Length 80 is longer than its body: after 44 bytes comes the next message's header "content-length: 120"$/);
  });

  test('JSON that only looks like a header (in a string, as a key, with CR LF between tokens) is read as it is, wherever the bytes are cut', () => {
    const bodies = [
      JSON.stringify({ jsonrpc: '2.0', method: 'a', params: { text: 'Content-Length: 5\r\n\r\n{}' } }),
      '{"jsonrpc":"2.0","method":"b",\r\n"params":{"Content-Length":\r\n 12\r\n}}',
      '{"jsonrpc":"2.0","method":"c","params":["Content-Length: 12"\r\n,\r\n12]}\r\n',
    ];
    const bytes = Buffer.from(bodies.map(frame).join(''));
    for (const chunks of cuts(bytes)) assert.deepEqual(read(chunks), { messages: bodies.map((b) => JSON.parse(b) as unknown), errors: [] });
  });

  test('A body still short with nothing after it waits for its bytes; the stream ending there is a framing error', () => {
    const bytes = Buffer.from(`Content-Length: 100\r\n\r\n${SHUTDOWN}`);
    assert.deepEqual(read([bytes]), { messages: [], errors: [] });
    assert.deepEqual(read([bytes], true), { messages: [], errors: ['FramingError: the stream ended inside a message: 44 of its 100 bytes came'] });
  });

  test('A body that is not JSON and holds no header costs only itself', () => {
    const bytes = Buffer.from(frame('{"jsonrpc":"2.0","id":5,"method":') + frame(JSON.stringify(NEXT)));
    for (const chunks of cuts(bytes)) {
      const { messages, errors } = read(chunks);
      assert.deepEqual(messages, [NEXT]);
      assert.match(errors.join(), /^MessageParseError: a message body is not JSON/);
    }
  });
});

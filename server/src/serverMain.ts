// Entry of dist/server.js: `node dist/server.js --stdio` (or --node-ipc,
// --socket=N, --pipe=NAME). The transport is opened here rather than by the
// library so that the framing and lifecycle guards of transport.ts stand in
// front of the connection.
import { createConnection as connectTo } from 'node:net';
import { format } from 'node:util';
import { IPCMessageReader, IPCMessageWriter, MessageReader, MessageWriter, ProposedFeatures, RemoteConsole, SocketMessageWriter, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';
import { FramedMessageReader, LifecycleGuard } from './transport';

/** How often the client's process is checked, as the library does. */
const CLIENT_CHECK_MS = 3000;

interface Transport {
  reader: MessageReader;
  writer: MessageWriter;
  kind: 'stdio' | 'node-ipc' | 'socket';
}

/** The transport the command line asks for, read as vscode-languageserver reads it; undefined when it names none. */
function openTransport(argv: readonly string[]): Transport | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--stdio') return { reader: new FramedMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), kind: 'stdio' };
    if (arg === '--node-ipc') return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), kind: 'node-ipc' };
    const [name, value = argv[i + 1]] = arg.split('=', 2);
    if (name !== '--socket' && name !== '--pipe') continue;
    const port = Number(value);
    if (name === '--socket' && !(Number.isInteger(port) && port > 0)) return undefined;
    const socket = name === '--socket' ? connectTo(port, '127.0.0.1') : connectTo(value ?? '');
    return { reader: new FramedMessageReader(socket), writer: new SocketMessageWriter(socket), kind: 'socket' };
  }
  return undefined;
}

/** console.* as window/logMessage, as the library does on stdio: a stray console.log would corrupt the stream. */
function routeConsoleTo(remote: RemoteConsole): void {
  console.log = console.info = console.debug = (...args: unknown[]) => remote.log(format(...args));
  console.warn = (...args: unknown[]) => remote.warn(format(...args));
  console.error = (...args: unknown[]) => remote.error(format(...args));
}

const transport = openTransport(process.argv.slice(2));
if (transport === undefined) {
  process.stderr.write('tigang language server: choose a transport: node dist/server.js --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n');
  process.exit(1);
}
let clientWatch: NodeJS.Timeout | undefined;
const guard = new LifecycleGuard(
  transport,
  (error) => {
    process.stderr.write(`tigang language server: ${error.message}; exiting so that the client can start the server again\n`);
    process.exit(1);
  },
  watchClient,
);

/**
 * Exits when the client whose process id initialize named is gone, as the
 * library's watchdog does, except that EPERM means the process lives under
 * another user (a server started through sudo or in a container), not that
 * it is gone.
 */
function watchClient(pid: number): void {
  // An initialize that failed may be sent again: one watch, of the latest client named.
  clearInterval(clientWatch);
  clientWatch = setInterval(() => {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPERM') return;
      process.exit(guard.shutdownReceived ? 0 : 1);
    }
  }, CLIENT_CHECK_MS).unref();
}
// The library ends the process on exit; the end of the stream (the client
// gone) ends it too, with the code exit would give.
const end = () => process.exit(guard.shutdownReceived ? 0 : 1);
guard.reader.onClose(end);
if (transport.kind === 'node-ipc') process.once('disconnect', end); // the parent closed the channel
const connection = createConnection(ProposedFeatures.all, guard.reader, guard.writer);
// stdout carries the protocol on stdio: console output must not go there.
if (transport.kind === 'stdio') routeConsoleTo(connection.console);
startServer(connection);

// Entry of dist/server.js: `node dist/server.js --stdio` (or --node-ipc, --socket=N).
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

const transports = ['--stdio', '--node-ipc', '--socket=', '--pipe='];
if (!process.argv.some((arg) => transports.some((t) => arg.startsWith(t)))) {
  process.stderr.write('tigang language server: choose a transport: node dist/server.js --stdio | --node-ipc | --socket=PORT\n');
  process.exit(1);
}
startServer(createConnection(ProposedFeatures.all));

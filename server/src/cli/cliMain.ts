#!/usr/bin/env node
// Entry of dist/cli.js, the `tigang` command.
import { runCli } from './cli';

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0); // `tigang outline … | head` is fine
  throw err;
});
process.exitCode = runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});

#!/usr/bin/env node
// npm run test:e2e: the same suite in desktop VS Code, downloaded by
// @vscode/test-electron (needs network access to VS Code's update service; on
// this project's CI machines use npm run test:vscode instead). Runs on a copy
// of test/e2e/fixtures/workspace with every other extension disabled.
//
//   node test/e2e/suite/runElectron.mjs [--version 1.100.3|stable]
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// The oldest version package.json's engines.vscode allows: the one we promise.
const { values: opts } = parseArgs({ options: { version: { type: 'string', default: '1.100.3' } } });
const work = mkdtempSync(join(tmpdir(), 'tigang-electron-'));
const folder = join(work, 'workspace');
cpSync(join(repo, 'test/e2e/fixtures/workspace'), folder, { recursive: true });
let code = 0;
try {
  await runTests({
    version: opts.version,
    extensionDevelopmentPath: repo,
    extensionTestsPath: join(repo, 'out/e2e/suite/index.js'),
    launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${join(work, 'user-data')}`],
  });
} catch (error) {
  console.error(`test-electron: ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(code);

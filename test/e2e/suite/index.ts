// Entry of the VS Code suite (bundled by `node esbuild.mjs --e2e` into
// out/e2e/suite/index.js, mocha included). The extension host loads it as
// extensionTestsPath and calls run(): in code-server through
// test/e2e/runInCodeServer.mjs (npm run test:vscode), in desktop VS Code
// through @vscode/test-electron (npm run test:e2e).

import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import { commandTests } from './commands.test';
import { manifestTests } from './manifest.test';
import { numberingTests } from './numbering.test';
import { referenceTests } from './references.test';
import { restrictedChineseTests } from './restricted.test';
import { ruleTests } from './rules.test';
import { screenshotTests } from './screenshots.test';
import { serverTests } from './server.test';
import { structureTests } from './structure.test';
import { symbolTests } from './symbols.test';
import { viewTests } from './view.test';
import { workspaceTests } from './workspace.test';
import { writerTests } from './writer.test';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec', grep: process.env.TIGANG_E2E_GREP || undefined });
  // Define describe/it/before… as globals for the test modules, as `mocha` does for files it loads.
  mocha.suite.emit('pre-require', globalThis, 'tigang-e2e', mocha);
  if (process.env.TIGANG_E2E_RESTRICTED === '1') {
    // The second run: Restricted Mode, Chinese UI (runCodeServer.mjs --restricted).
    restrictedChineseTests();
  } else {
    // First, before other tests leave status bar messages behind.
    screenshotTests();
    symbolTests();
    viewTests();
    commandTests();
    workspaceTests();
    writerTests();
    referenceTests();
    numberingTests();
    structureTests();
    manifestTests();
    ruleTests();
    // Last: it restarts and kills the server.
    serverTests();
  }

  const started = Date.now();
  const result = await new Promise<{ failures: number; passes: number; pending: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ failures: runner.stats?.failures ?? 0, passes: runner.stats?.passes ?? 0, pending: runner.stats?.pending ?? 0 }));
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`vscode suite: ${result.passes} passed, ${result.failures} failed, ${result.pending} skipped in ${seconds} s`);
  if (process.env.TIGANG_E2E_RESULTS) writeFileSync(process.env.TIGANG_E2E_RESULTS, JSON.stringify({ ...result, seconds: Number(seconds) }));
  if (result.failures > 0) throw new Error(`${result.failures} VS Code test(s) failed`);
}

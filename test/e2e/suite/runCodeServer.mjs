#!/usr/bin/env node
// npm run test:vscode: runs the bundled suite (out/e2e/suite/index.js) inside
// code-server + headless Chromium through test/e2e/runInCodeServer.mjs, on a
// fresh copy of test/e2e/fixtures/workspace (the suite edits documents and
// settings; the copy keeps the repository clean). Screenshots go to
// out/e2e/screenshots/. Prints "vscode: N passed, N failed" at the end, and
// exits 1 unless the suite's results show at least one test passed and none failed.
//
//   node test/e2e/suite/runCodeServer.mjs [--timeout SEC] [--grep PATTERN] [--vsix FILE] [--restricted]
//   needs: bash .ci/install-e2e.sh (once), node esbuild.mjs && node esbuild.mjs --e2e
//
// --vsix FILE runs the suite against the packaged extension instead of the
// repository: code-server's CLI installs the .vsix (code --install-extension),
// and the folder it installed is the extension under test (minified bundles,
// only the files .vscodeignore lets in). Tests that read the sources are
// skipped then (TIGANG_E2E_PACKAGED=1).
//
// --restricted runs the second, short suite (restricted.test.ts): VS Code in
// Chinese (--locale zh-cn) with workspace trust on and the folder untrusted.
// VS Code only takes a display language it has a language pack for, and the
// Marketplace's is out of reach here: test/e2e/fixtures/zh-cn-language-pack
// (translating nothing of VS Code itself) is packed and installed instead.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { values: opts } = parseArgs({ options: { timeout: { type: 'string', default: '900' }, grep: { type: 'string' }, vsix: { type: 'string' }, restricted: { type: 'boolean', default: false } } });
const suite = join(repo, 'out/e2e/suite/index.js');
for (const [what, path] of [['the bundled suite (node esbuild.mjs --e2e)', suite], ['dist/extension.js (node esbuild.mjs)', join(repo, 'dist/extension.js')], ['dist/server.js (node esbuild.mjs)', join(repo, 'dist/server.js')]]) {
  if (!existsSync(path)) {
    console.error(`runCodeServer: ${what} is missing: ${path}`);
    process.exit(2);
  }
}

const work = mkdtempSync(join(tmpdir(), 'tigang-vscode-'));
const folder = join(work, 'workspace');
cpSync(join(repo, 'test/e2e/fixtures/workspace'), folder, { recursive: true });
const results = join(work, 'results.json');
let extension = repo;
const installs = [];
if (opts.vsix) {
  // --vsix package: the file `npm run package` writes (<name>-<version>.vsix in the repository).
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const file = opts.vsix === 'package' ? join(repo, `${pkg.name}-${pkg.version}.vsix`) : resolve(opts.vsix);
  if (!existsSync(file)) {
    console.error(`runCodeServer: ${file} does not exist (npm run package)`);
    process.exit(2);
  }
  // Installed as a user installs it, then tested where it was installed.
  installs.push(file);
  extension = `installed:${pkg.publisher}.${pkg.name}`;
  // The packaged extension has no seeds/: the screenshot test falls back to the fixtures.
}
if (opts.restricted) {
  const { createVSIX } = await import('@vscode/vsce');
  const packagePath = join(work, 'zh-cn-language-pack.vsix');
  await createVSIX({ cwd: join(repo, 'test/e2e/fixtures/zh-cn-language-pack'), packagePath, dependencies: false, allowMissingRepository: true, skipLicense: true });
  installs.push(packagePath);
}
const screenshots = join(repo, opts.restricted ? 'out/e2e/screenshots-restricted' : opts.vsix ? 'out/e2e/screenshots-vsix' : 'out/e2e/screenshots');
rmSync(screenshots, { recursive: true, force: true });

const env = { ...process.env, TIGANG_E2E_RESULTS: results };
if (opts.grep) env.TIGANG_E2E_GREP = opts.grep;
if (opts.vsix) env.TIGANG_E2E_PACKAGED = '1';
const started = Date.now();
const child = spawn(process.execPath, [
  join(repo, 'test/e2e/runInCodeServer.mjs'),
  '--extension', extension,
  '--tests', suite,
  '--folder', folder,
  '--screenshots', screenshots,
  '--timeout', opts.timeout,
  ...(opts.restricted ? ['--restricted', '--locale', 'zh-cn'] : []),
  ...installs.flatMap((vsix) => ['--install-extension', vsix]),
], { env, stdio: 'inherit' });
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => {
  let summary = 'vscode: 0 passed, 1 failed';
  // A run counts as passed only when the suite wrote its results, with no
  // failure and at least one test passed: the runner's exit code alone can be
  // 0 although no test ran (a suite that never loaded, a --grep matching nothing).
  let ok = false;
  try {
    const r = JSON.parse(readFileSync(results, 'utf8'));
    summary = `vscode${opts.restricted ? ' (Restricted Mode, zh-cn)' : ''}: ${r.passes} passed, ${r.failures} failed` + (r.pending ? `, ${r.pending} skipped` : '');
    if (!(r.passes > 0)) console.error('runCodeServer: no test passed (did any run?)');
    ok = r.passes > 0 && r.failures === 0;
  } catch {
    console.error('runCodeServer: the suite wrote no results (it did not run to the end)');
  }
  console.log(`(whole run ${((Date.now() - started) / 1000).toFixed(1)} s, screenshots in ${screenshots})`);
  console.log(summary);
  rmSync(work, { recursive: true, force: true });
  // The runner's own code when it failed (124 = timeout); 1 when it claims success the results do not back.
  process.exit(code !== 0 && code !== null ? code : signal || !ok ? 1 : 0);
});

#!/usr/bin/env node
// Runs a mocha suite inside a real VS Code extension host: code-server (VS Code
// server + web workbench, from npm) driven by headless Debian Chromium through
// playwright-core. Both live in the e2e cache folder (.ci/install-e2e.sh).
//
//   node test/e2e/runInCodeServer.mjs --extension <abs repo | installed:publisher.name> --tests <abs suite/index.js>
//        --folder <abs workspace folder> [--screenshots <dir>] [--timeout <sec>]
//        [--settings <settings.json to merge>] [--locale <vscode display language>]
//        [--restricted]   workspace trust on and the folder not trusted (Restricted Mode)
//        [--install-extension <file.vsix>]…   installed with code-server's own CLI first;
//        --extension installed:publisher.name then tests the folder it was installed to
//
// How the pieces talk:
// - The suite runs in the *remote* extension host, a Node process that
//   code-server forks on this machine. The workbench in the page gets its exit
//   code over VS Code's RPC (ExtHost -> MainThreadExtensionService) and then
//   calls window.codeAutomationExit(code, logs), which we expose with
//   page.exposeFunction. The extension host's console (console.* and
//   process.stdout/stderr) is forwarded over the same RPC to the workbench log
//   service, which hands each line to window.codeAutomationLog(type, args):
//   that is what we print (minus some workbench chatter). Raw page console
//   messages and code-server's own output are printed with
//   TIGANG_E2E_VERBOSE=1; the last 40 lines of code-server output are printed
//   on failure anyway.
// - A crashed extension host (or one that calls process.exit) makes the
//   workbench call codeAutomationExit(0). We cross-check with code-server's log
//   line "Extension Host Process exited with code: C, signal: S" and fail then.
// - A function exposed on the page is NOT reachable from the suite (different
//   process, different machine in principle). Screenshots therefore use the
//   console channel: the suite logs a line `TIGANG_SCREENSHOT <name>`; we see it
//   in codeAutomationLog, write <dir>/<name>.png (to a temp name, then rename,
//   so it appears atomically), and the suite polls until that file exists. The
//   suite finds the directory in process.env.TIGANG_E2E_SCREENSHOT_DIR (code-
//   server's environment is inherited by the extension host). Names are limited
//   to [A-Za-z0-9._-]. Without --screenshots the variable is unset and the
//   suite should skip screenshots. Key presses use the same channel: a line
//   `TIGANG_KEYS Control+Alt+KeyJ` makes the page press those keys
//   (TIGANG_E2E_KEYS=1 tells the suite that someone will), and
//   `TIGANG_IME compose <text>` / `TIGANG_IME commit <text>` drive an input
//   method through Chromium's DevTools protocol (Input.imeSetComposition, then
//   Input.insertText), as a pinyin IME does: text shown while composing, then
//   replaced by what the user picked; `TIGANG_PASTE <JSON string>` puts the
//   text on the browser's clipboard and pastes it with Ctrl+V;
//   `TIGANG_DRAG <JSON {view, from, to, screenshot?}>` drags the row whose
//   label starts with `from` onto the row whose label starts with `to` in the
//   tree view of that id, with the mouse (press, move in steps, release), so
//   VS Code's own HTML drag and drop runs; with `screenshot`, the picture of
//   the drag over its target is taken before the release;
//   `TIGANG_MENU <JSON {file}>` right-clicks in the active editor, as a user
//   opens its context menu, writes the menu's item labels (JSON, with
//   whether each is enabled) to that file and closes the menu with Escape: a
//   when clause is seen the way a user sees it.
// - Everything is bounded: server start (60 s), browser launch, the whole run
//   (--timeout, default 300 s). On timeout/crash we take failure.png (if
//   --screenshots), kill the code-server process group and the browser, and
//   exit non-zero. Exit code: the suite's code, 1 on any failure of our own,
//   124 on timeout, 130/143 on SIGINT/SIGTERM.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format, parseArgs } from 'node:util';

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const say = (msg) => console.log(`[e2e ${elapsed()}] ${msg}`);
const verbose = process.env.TIGANG_E2E_VERBOSE === '1';

// ---------------------------------------------------------------- arguments
let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      folder: { type: 'string' },
      screenshots: { type: 'string' },
      timeout: { type: 'string', default: '300' },
      settings: { type: 'string' },
      locale: { type: 'string' },
      restricted: { type: 'boolean', default: false },
      'install-extension': { type: 'string', multiple: true, default: [] },
    },
    strict: true,
  }));
  for (const k of ['extension', 'tests', 'folder']) {
    if (!opts[k]) throw new Error(`--${k} is required`);
    if (k === 'extension' && opts[k].startsWith('installed:')) continue; // found after --install-extension
    opts[k] = resolve(opts[k]);
    if (!existsSync(opts[k])) throw new Error(`--${k} ${opts[k]} does not exist`);
  }
  if (opts.screenshots) opts.screenshots = resolve(opts.screenshots);
  opts.timeoutMs = Number(opts.timeout) * 1000;
  if (!(opts.timeoutMs > 0)) throw new Error(`--timeout must be a positive number of seconds`);
} catch (e) {
  console.error(`runInCodeServer: ${e.message}\nusage: node test/e2e/runInCodeServer.mjs --extension <abs repo> --tests <abs suite index.js> --folder <abs workspace> [--screenshots <dir>] [--timeout <sec>] [--settings <json>] [--locale <lang>] [--restricted] [--install-extension <vsix>]…`);
  process.exit(2);
}

// code-server's native modules were built for Node 20 and it runs on process.execPath.
if (process.versions.node.split('.')[0] !== '20') {
  console.error(`runInCodeServer: needs Node 20 (code-server 4.100 and its native modules), this is ${process.version}`);
  process.exit(2);
}
const cacheDir = process.env.TIGANG_E2E_CACHE || join(homedir(), '.cache', 'tigang-e2e');
const chromiumPath = process.env.TIGANG_E2E_CHROMIUM || '/usr/bin/chromium';
const codeServerEntry = join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
for (const [what, path] of [['code-server', codeServerEntry], ['chromium', chromiumPath], ['playwright-core', join(cacheDir, 'node_modules', 'playwright-core')]]) {
  if (!existsSync(path)) {
    console.error(`runInCodeServer: ${what} not found at ${path}; run .ci/install-e2e.sh (cache: TIGANG_E2E_CACHE=${cacheDir})`);
    process.exit(2);
  }
}
const { chromium } = createRequire(join(cacheDir, 'package.json'))('playwright-core');

// ---------------------------------------------------------------- state + cleanup
const work = mkdtempSync(join(tmpdir(), 'tigang-e2e-'));
let server; // code-server ChildProcess (leader of its own process group)
let browser;
let finishing = false;
const serverLog = []; // last lines of code-server output, dumped on failure

function killServer(signal) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  try { process.kill(-server.pid, signal); } catch { /* already gone */ }
}

async function withTimeout(promise, ms) {
  let timer;
  return Promise.race([promise, new Promise((r) => { timer = setTimeout(r, ms); })]).finally(() => clearTimeout(timer));
}

async function finish(code, reason) {
  if (finishing) return;
  finishing = true;
  if (reason) say(reason);
  if (code !== 0 && serverLog.length && !verbose) {
    console.log('[e2e] last code-server output:\n' + serverLog.map((l) => `  ${l}`).join('\n'));
  }
  if (browser) await withTimeout(browser.close().catch(() => {}), 5000);
  killServer('SIGTERM');
  if (server && server.exitCode === null && server.signalCode === null) {
    await withTimeout(once(server, 'exit'), 3000);
    killServer('SIGKILL');
  }
  if (process.env.TIGANG_E2E_KEEP === '1') say(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
  say(`exit ${code}`);
  process.exit(code);
}

process.on('SIGINT', () => finish(130, 'interrupted'));
process.on('SIGTERM', () => finish(143, 'terminated'));
process.on('uncaughtException', (e) => finish(1, `runner error: ${e.stack || e}`));
process.on('unhandledRejection', (e) => finish(1, `runner error: ${e?.stack || e}`));
let timedOut = () => finish(124, `TIMEOUT after ${opts.timeout}s`); // replaced once the page exists
const overall = setTimeout(() => timedOut(), opts.timeoutMs);

// ---------------------------------------------------------------- helpers
function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  });
}

async function waitForHttp(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`code-server exited (${server.exitCode ?? server.signalCode}) before answering`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url} within ${ms / 1000}s`);
}

/**
 * Writes <user-data>/languagepacks.json for the language packs installed in
 * the extensions folder, in the form VS Code's language pack service gives it.
 * That service writes it too, but only once the server runs, after the first
 * page has chosen its display language: without this, --locale falls back to
 * English on the first (and only) load.
 */
function registerLanguagePacks() {
  const packs = {};
  for (const dir of readdirSync(extensionsDir, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const root = join(extensionsDir, dir.name);
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    const id = `${manifest.publisher}.${manifest.name}`;
    for (const l of manifest.contributes?.localizations ?? []) {
      const pack = (packs[l.languageId] ??= { hash: '', extensions: [], translations: {}, label: l.localizedLanguageName ?? l.languageName });
      pack.extensions.push({ extensionIdentifier: { id }, version: manifest.version });
      for (const t of l.translations) pack.translations[t.id] = join(root, t.path);
      pack.hash = createHash('md5').update(`${id}@${manifest.version}`).digest('hex');
    }
  }
  if (Object.keys(packs).length > 0) writeFileSync(join(userData, 'languagepacks.json'), JSON.stringify(packs));
}

function pipeLines(stream, onLine) {
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) { onLine(buf.slice(0, i)); buf = buf.slice(i + 1); }
  });
  stream.on('end', () => { if (buf) onLine(buf); });
}

// ---------------------------------------------------------------- code-server
const userData = join(work, 'user-data');
const extensionsDir = join(work, 'extensions');
mkdirSync(join(userData, 'User'), { recursive: true });
mkdirSync(extensionsDir, { recursive: true });
const settings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  // Restricted Mode: trust on, no prompt at startup, so the folder stays untrusted.
  'security.workspace.trust.enabled': opts.restricted,
  'security.workspace.trust.startupPrompt': 'never',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'chat.commandCenter.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  ...(opts.settings ? JSON.parse(readFileSync(opts.settings, 'utf8')) : {}),
};
writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
// code-server writes a config.yaml (with a password) and logs under XDG dirs and
// keeps its IPC socket in XDG_RUNTIME_DIR, VS Code a device id under
// XDG_CACHE_HOME, Chromium crash-report settings under XDG_CONFIG_HOME: point
// all of them into the temp dir so nothing lands in $HOME and parallel runs do
// not share a socket.
const configFile = join(work, 'config.yaml');
writeFileSync(configFile, 'auth: none\ncert: false\n');
const xdg = {
  XDG_DATA_HOME: join(work, 'xdg-data'),
  XDG_CONFIG_HOME: join(work, 'xdg-config'),
  XDG_CACHE_HOME: join(work, 'xdg-cache'),
  XDG_RUNTIME_DIR: join(work, 'xdg-runtime'),
};
for (const d of Object.values(xdg)) mkdirSync(d, { mode: 0o700 });
if (opts.screenshots) mkdirSync(opts.screenshots, { recursive: true });

const port = await freePort();
const env = {
  ...process.env,
  ...xdg,
  // No extension gallery (code-server defaults to open-vsx.org): nothing to
  // install, and it avoids a failing network query at startup.
  EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}',
  TIGANG_E2E: '1',
};
if (opts.restricted) env.TIGANG_E2E_RESTRICTED = '1';
else delete env.TIGANG_E2E_RESTRICTED;
env.TIGANG_E2E_KEYS = '1'; // this runner presses keys for the suite (TIGANG_KEYS lines)
if (opts.screenshots) env.TIGANG_E2E_SCREENSHOT_DIR = opts.screenshots;
else delete env.TIGANG_E2E_SCREENSHOT_DIR;

for (const vsix of opts['install-extension']) {
  // As a user installs one: code-server's CLI, which also registers language packs.
  say(`installing ${vsix}`);
  const install = spawn(process.execPath, [codeServerEntry, '--user-data-dir', userData, '--extensions-dir', extensionsDir, '--install-extension', resolve(vsix)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  for (const s of [install.stdout, install.stderr]) pipeLines(s, (l) => output.push(l));
  const [code] = await once(install, 'exit');
  if (code !== 0) {
    console.error(output.join('\n'));
    throw new Error(`code-server --install-extension ${vsix} exited with ${code}`);
  }
}
if (opts['install-extension'].length > 0) registerLanguagePacks();
if (opts.extension.startsWith('installed:')) {
  const id = opts.extension.slice('installed:'.length).toLowerCase();
  const found = readdirSync(extensionsDir).find((d) => d.toLowerCase().startsWith(`${id}-`));
  if (found === undefined) throw new Error(`${id} is not installed in ${extensionsDir}`);
  opts.extension = join(extensionsDir, found);
  say(`testing the installed extension ${opts.extension}`);
}
say(`starting code-server on 127.0.0.1:${port} (temp ${work})`);
server = spawn(process.execPath, [
  codeServerEntry,
  '--config', configFile,
  '--auth', 'none',
  '--bind-addr', `127.0.0.1:${port}`,
  '--disable-telemetry',
  '--disable-update-check',
  ...(opts.restricted ? [] : ['--disable-workspace-trust']),
  ...(opts.locale ? ['--locale', opts.locale] : []),
  '--user-data-dir', userData,
  '--extensions-dir', extensionsDir,
  opts.folder,
], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
// The server logs "<pid> Extension Host Process exited with code: C, signal: S."
// We need it because a *crashed* extension host makes the workbench call
// codeAutomationExit(0) (it only sees the socket close), which would pass.
let extHostExit; // { code, signal } once seen
let onExtHostExit = () => {};
for (const s of [server.stdout, server.stderr]) {
  pipeLines(s, (l) => {
    if (verbose) console.log(`[code-server] ${l}`);
    serverLog.push(l);
    if (serverLog.length > 40) serverLog.shift();
    const m = /Extension Host Process exited with code: (\S+), signal: (\S+?)\.?$/.exec(l);
    if (m) { extHostExit = { code: m[1], signal: m[2] }; onExtHostExit(); }
  });
}
server.on('exit', (code, sig) => {
  if (!finishing) finish(1, `code-server exited unexpectedly (${code ?? sig})`);
});

const base = `http://127.0.0.1:${port}`;
await waitForHttp(`${base}/healthz`, 60_000);
say('code-server is up');

// ---------------------------------------------------------------- browser
browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  timeout: 60_000,
  env: { ...process.env, ...xdg },
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
// TIGANG_PASTE writes the browser's clipboard for Ctrl+V to read, as a user's copy does.
await context.grantPermissions(['clipboard-read', 'clipboard-write']);
const page = await context.newPage();
say(`chromium ${browser.version()} launched`);

let screenshotQueue = Promise.resolve();
async function screenshot(name) {
  if (!opts.screenshots) return;
  const file = join(opts.screenshots, `${name}.png`);
  const tmp = join(opts.screenshots, `.${name}.tmp.png`);
  try {
    await page.screenshot({ path: tmp, type: 'png', timeout: 15_000 });
    renameSync(tmp, file);
    say(`screenshot ${file}`);
  } catch (e) {
    say(`screenshot ${name} failed: ${e.message}`);
  }
}

let cdp;
/** An input method's two steps: composition text shown (and selected at its end), then committed. */
async function imeInput(step, text) {
  cdp ??= await context.newCDPSession(page);
  if (step === 'compose') await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  else await cdp.send('Input.insertText', { text });
}

/**
 * A user's paste: the text goes to the browser's clipboard (the extension
 * host's vscode.env.clipboard may only reach VS Code's in-memory fallback
 * while the page has no focus), then Ctrl+V as the browser sees it from a
 * keyboard: the key event carries Chromium's native "paste" editing command,
 * which fires a paste event with the clipboard's contents in the focused
 * element, as in desktop VS Code. (Playwright's key presses carry no editing
 * commands on Linux, so a plain Control+KeyV pastes nothing.)
 */
async function paste(text) {
  cdp ??= await context.newCDPSession(page);
  await page.evaluate((t) => globalThis.navigator.clipboard.writeText(t), text); // runs in the page
  const key = { key: 'v', code: 'KeyV', windowsVirtualKeyCode: 86, modifiers: 2 };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key, commands: ['paste'] });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
}

/** A user's drag in a tree view: the rows are found by their accessible labels, the mouse does the rest. */
async function drag({ view, from, to, screenshot: shot }) {
  // No element of the workbench carries the view's id (code-server 4.100): the pane is the one whose list holds the dragged row.
  const quoted = (label) => label.replace(/"/g, '\\"');
  const pane = page.locator('.pane').filter({ has: page.locator(`.monaco-list-row[aria-label^="${quoted(from)}"]`) }).first();
  const row = (label) => pane.locator(`.monaco-list-row[aria-label^="${quoted(label)}"]`).first();
  const source = await row(from).boundingBox({ timeout: 10_000 });
  const target = await row(to).boundingBox({ timeout: 10_000 });
  if (source === null || target === null) throw new Error(`no row ${source === null ? from : to} in ${view}`);
  await page.mouse.move(source.x + source.width / 3, source.y + source.height / 2);
  await page.mouse.down();
  // Several moves: the list starts a drag only after the pointer travels, and shows its drop target as it goes.
  await page.mouse.move(source.x + source.width / 3, source.y + source.height / 2 + 8, { steps: 4 });
  await page.mouse.move(target.x + target.width / 3, target.y + target.height / 2, { steps: 12 });
  if (shot !== undefined) {
    // The drop target's feedback is drawn on the next frames: a moment, then the picture of the drag in progress.
    await page.waitForTimeout(300);
    await screenshot(shot);
  }
  await page.mouse.up();
}

/** A user's right-click in the active editor: what its context menu offers, written to `file` (atomically). */
async function contextMenu({ file }) {
  const lines = page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first();
  const box = await lines.boundingBox({ timeout: 10_000 });
  if (box === null) throw new Error('no active editor to right-click');
  // On the cursor's line is not needed: VS Code moves the cursor to the click, so the suite asks for line 1.
  await page.mouse.click(box.x + 40, box.y + 8, { button: 'right' });
  const items = page.locator('.context-view .monaco-menu .action-item');
  await items.first().waitFor({ timeout: 10_000 });
  const labels = await items.evaluateAll((els) => els.map((el) => ({
    label: (el.querySelector('.action-label')?.textContent ?? '').trim(),
    enabled: !el.classList.contains('disabled'),
  })).filter((item) => item.label !== ''));
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(labels));
  renameSync(tmp, file);
  await page.keyboard.press('Escape');
}

let resolveExit;
const exitCode = new Promise((res) => { resolveExit = res; });
await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code) || 0));
// Workbench chatter that also reaches codeAutomationLog (shown with TIGANG_E2E_VERBOSE=1).
const noise = /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|\[Service Worker\]|ChatSessionStore:|Creation of workbench contribution)/;
await page.exposeFunction('codeAutomationLog', (type, args) => {
  // args are the console call's arguments (mocha logs '%s%s', indent, title): format them like Node does.
  const text = format(...(Array.isArray(args) ? args : [args]));
  const m = /TIGANG_SCREENSHOT ([A-Za-z0-9._-]+)/.exec(text);
  if (m) screenshotQueue = screenshotQueue.then(() => screenshot(m[1]));
  // Real key presses, as a user types them: the suite logs `TIGANG_KEYS <keys>`
  // (Playwright's names, e.g. Control+Alt+BracketRight) and watches the effect.
  const k = /TIGANG_KEYS ([A-Za-z0-9+]+)/.exec(text);
  if (k) screenshotQueue = screenshotQueue.then(() => page.keyboard.press(k[1])).catch((e) => say(`key ${k[1]} failed: ${e.message}`));
  const p = /TIGANG_PASTE (.*)$/.exec(text);
  if (p) screenshotQueue = screenshotQueue.then(() => paste(JSON.parse(p[1]))).catch((e) => say(`paste failed: ${e.message}`));
  const d = /TIGANG_DRAG (.*)$/.exec(text);
  if (d) screenshotQueue = screenshotQueue.then(() => drag(JSON.parse(d[1]))).catch((e) => say(`drag failed: ${e.message}`));
  const menu = /TIGANG_MENU (.*)$/.exec(text);
  if (menu) screenshotQueue = screenshotQueue.then(() => contextMenu(JSON.parse(menu[1]))).catch((e) => say(`context menu failed: ${e.message}`));
  const ime = /TIGANG_IME (compose|commit) (.*)$/.exec(text);
  if (ime) screenshotQueue = screenshotQueue.then(() => imeInput(ime[1], ime[2])).catch((e) => say(`IME ${ime[1]} failed: ${e.message}`));
  // Extension host lines arrive without any prefix (MainThreadConsole in test mode).
  if (verbose || !noise.test(text)) console.log(text);
});
page.on('console', (msg) => {
  if (verbose) console.log(`[browser ${msg.type()}] ${msg.text()}`);
});
page.on('pageerror', (e) => console.log(`[browser pageerror] ${e.message}`));
page.on('crash', () => finish(1, 'browser page crashed'));

timedOut = async () => {
  if (finishing) return;
  await withTimeout(screenshot('failure'), 15_000);
  finish(124, `TIMEOUT after ${opts.timeout}s: no exit code from the extension host`);
};

const remote = (p) => `vscode-remote://127.0.0.1:${port}${p.split('/').map(encodeURIComponent).join('/')}`;
const payload = [
  ['extensionDevelopmentPath', remote(opts.extension)],
  ['extensionTestsPath', remote(opts.tests)],
  ['skipWelcome', 'true'],
];
const url = `${base}/?folder=${encodeURIComponent(opts.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
say(`opening ${url}`);
await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

let code = await exitCode;
clearTimeout(overall);
await withTimeout(screenshotQueue, 20_000);
say(`extension host reported exit code ${code}`);
// Cross-check with the server's view of the extension host process (see above).
if (!extHostExit && code === 0) await withTimeout(new Promise((r) => { onExtHostExit = r; }), 5000);
if (!extHostExit) {
  if (code === 0) say('note: code-server did not log the extension host exit within 5s');
} else if (extHostExit.signal !== 'null' || extHostExit.code !== '0') {
  say(`extension host process died (code ${extHostExit.code}, signal ${extHostExit.signal}): treating as failure`);
  if (code === 0) code = Number(extHostExit.code) || 1;
}
if (code !== 0) await withTimeout(screenshot('failure'), 15_000);
await finish(code, code === 0 ? 'suite passed' : 'suite FAILED');

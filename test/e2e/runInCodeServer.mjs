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
//   when clause is seen the way a user sees it;
//   `TIGANG_UI <JSON {part, file, text?}>` reads one part of the workbench as
//   rendered (the Problems panel's rows, the active editor's squiggles, the
//   light bulb, the code action menu, where the keyboard focus is) or clicks a
//   Problems row, and writes the answer to that file (readUi below).
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

/** Writes what the runner read to `file` for the suite, atomically (the suite polls until it exists). */
function answer(file, value) {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, file);
}

/** Two animation frames: what the workbench renders for an event (a scroll) is in the DOM after them. */
const frames = () => page.evaluate(() => new Promise((done) => globalThis.requestAnimationFrame(() => globalThis.requestAnimationFrame(() => done(undefined))))); // runs in the page

/**
 * The Problems panel's rows as the panel renders them (it must be open): the
 * tree is virtual, so the list is scrolled with the mouse wheel from the top
 * until no new row appears, and back to the top. The rows the tree's sticky
 * scroll pins over the top (a file, an entry with related items) are copies
 * outside .monaco-list-rows and left out. Each row: its index, tree
 * level, whether it has the keyboard focus, the texts a user reads (file name
 * and count badge, or the entry's icon, message, source, code and
 * "[Ln L, Col C]").
 */
async function problemsRows() {
  const list = page.locator('.markers-panel-container .monaco-list').first();
  await list.locator('.monaco-list-rows > .monaco-list-row').first().waitFor({ timeout: 10_000 });
  const box = await list.boundingBox();
  if (box === null) throw new Error('the Problems panel shows no list');
  const rows = new Map();
  const read = () => list.locator('.monaco-list-rows > .monaco-list-row').evaluateAll((els) => els.map((el) => {
    const text = (selector) => {
      const found = el.querySelector(selector);
      return found === null ? undefined : (found.textContent ?? '').trim();
    };
    const icon = el.querySelector('.marker-icon');
    return {
      index: Number(el.getAttribute('data-index')),
      level: Number(el.getAttribute('aria-level')),
      focused: el.classList.contains('focused'),
      label: el.getAttribute('aria-label') ?? '',
      resource: text('.resource-label-container .label-name'),
      count: text('.monaco-count-badge'),
      // The icon's class names its severity (marker-icon warning; inside it, codicon-warning draws the sign).
      severity: icon === null ? undefined : [...icon.classList].find((c) => /^(error|warning|info)$/.test(c)),
      sign: icon === null ? undefined : [...icon.querySelectorAll('.codicon')].flatMap((c) => [...c.classList]).find((c) => /^codicon-./.test(c)),
      message: el.querySelector('.marker-message') === null ? undefined : [...el.querySelectorAll('.marker-message')].map((m) => (m.textContent ?? '').trim()).join('\n'),
      source: text('.marker-source'),
      code: text('.marker-code'),
      at: text('.marker-line'),
      related: text('.related-info-resource'),
      description: text('.marker-description'),
    };
  }));
  const scroll = (deltaY) => page.mouse.wheel(0, deltaY);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 50; i++) {
    await scroll(-10_000);
    await frames();
    if ((await read()).some((r) => r.index === 0)) break;
  }
  for (let stale = 0; stale < 2 && rows.size < 10_000;) {
    const before = rows.size;
    for (const row of await read()) rows.set(row.index, row);
    stale = rows.size === before ? stale + 1 : 0;
    await scroll(Math.max(40, box.height - 44));
    await frames();
  }
  for (let i = 0; i < 50 && !(await read()).some((r) => r.index === 0); i++) {
    await scroll(-10_000);
    await frames();
  }
  return [...rows.values()].sort((a, b) => a.index - b.index);
}

/**
 * The squiggles the active editor renders over the lines it shows: each
 * squiggle's class (squiggly-warning, squiggly-info…), the line number its
 * gutter shows beside it, and the characters under it (found by where each
 * character of that line is drawn).
 */
function squiggles() {
  return page.evaluate(() => {
    const { document, NodeFilter } = globalThis; // runs in the page
    const editor = document.querySelector('.part.editor .editor-group-container.active .monaco-editor');
    if (editor === null) throw new Error('no active editor');
    const middle = (r) => r.top + r.height / 2;
    const within = (r, y) => r.top <= y && y < r.bottom;
    const lines = [...editor.querySelectorAll('.lines-content .view-lines .view-line')];
    const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')];
    return [...editor.querySelectorAll('.lines-content .view-overlays [class*="squiggly-"]')].map((el) => {
      const box = el.getBoundingClientRect();
      const y = middle(box);
      const line = lines.find((l) => within(l.getBoundingClientRect(), y));
      const number = numbers.find((n) => within(n.getBoundingClientRect(), y));
      let covered = '';
      if (line !== undefined) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
          for (let i = 0; i < node.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const r = range.getBoundingClientRect();
            const x = r.left + r.width / 2;
            if (r.width > 0 && box.left <= x && x <= box.right) covered += node.data[i];
          }
        }
      }
      return {
        kind: [...el.classList].find((c) => c.startsWith('squiggly-')),
        line: number === undefined ? undefined : Number((number.textContent ?? '').trim()),
        lineText: line === undefined ? undefined : (line.textContent ?? '').replace(/\u00a0/g, ' '),
        text: covered.replace(/\u00a0/g, ' '),
      };
    });
  });
}

/** The light bulb of the active editor if it is shown: its icon and the gutter's line number level with it. */
function lightBulb() {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis; // runs in the page
    const editor = document.querySelector('.part.editor .editor-group-container.active .monaco-editor');
    if (editor === null) throw new Error('no active editor');
    const bulb = [...editor.querySelectorAll('.lightBulbWidget')].find((el) => el.getBoundingClientRect().height > 0 && getComputedStyle(el).visibility !== 'hidden');
    if (bulb === undefined) return null;
    const y = bulb.getBoundingClientRect().top + bulb.getBoundingClientRect().height / 2;
    const number = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find((n) => n.getBoundingClientRect().top <= y && y < n.getBoundingClientRect().bottom);
    return {
      icon: [...bulb.classList, ...[...bulb.querySelectorAll('*')].flatMap((el) => [...el.classList])].find((c) => /^codicon-(lightbulb|sparkle)/.test(c)),
      line: number === undefined ? undefined : Number((number.textContent ?? '').trim()),
    };
  });
}

/** The code action menu (the light bulb's, Ctrl+.) once it is open: its rows, headers and actions, as rendered. */
async function codeActionMenu() {
  const rows = page.locator('.action-widget .monaco-list-row');
  await rows.first().waitFor({ timeout: 10_000 });
  return rows.evaluateAll((els) => els.map((el) => ({
    header: el.classList.contains('group-header'),
    label: (el.querySelector('.title') ?? el).textContent?.trim() ?? '',
    focused: el.classList.contains('focused'),
    disabled: el.classList.contains('option-disabled'),
  })));
}

/** A user's click on the Problems panel's row whose text includes `text`, scrolled to with the mouse wheel as a user scrolls to it. */
async function clickProblem(text) {
  const list = page.locator('.markers-panel-container .monaco-list').first();
  const box = await list.boundingBox({ timeout: 10_000 });
  if (box === null) throw new Error('the Problems panel shows no list');
  const row = list.locator('.monaco-list-rows > .monaco-list-row').filter({ hasText: text }).first();
  const inView = async () => {
    const r = (await row.count()) > 0 ? await row.boundingBox() : null;
    return r !== null && r.y >= box.y && r.y + r.height <= box.y + box.height;
  };
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const top = list.locator('.monaco-list-rows > .monaco-list-row[data-index="0"]');
  for (let i = 0; i < 50 && (await top.count()) === 0; i++) {
    await page.mouse.wheel(0, -10_000);
    await frames();
  }
  for (let i = 0; i < 200 && !(await inView()); i++) {
    await page.mouse.wheel(0, 22);
    await frames();
  }
  await row.click({ timeout: 10_000 });
}

/** Clicks the tree row of a side-bar view whose accessible label begins with `label`, as a user clicks a section in the 提纲 view. */
async function clickRow(label) {
  const row = page.locator(`.part.sidebar .pane .monaco-list-row[aria-label^="${label.replace(/"/g, '\\"')}"]`).first();
  await row.click({ timeout: 10_000 });
}

/** Where the keyboard focus is, as the page has it: the Problems panel, an editor's text, a side-bar view's tree, or elsewhere (the element's tag and classes). */
function focusIn() {
  return page.evaluate(() => {
    const el = globalThis.document.activeElement; // runs in the page
    if (el === null || el === globalThis.document.body) return 'nothing';
    if (el.closest('.markers-panel-container') !== null) return 'problems';
    if (el.closest('.part.editor .monaco-editor') !== null) return 'editor';
    if (el.closest('.part.sidebar .pane') !== null && el.closest('.monaco-list') !== null) return 'view';
    return `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`;
  });
}

/** `TIGANG_UI <JSON {part, file, text?}>`: reads one part of the workbench as rendered (or clicks a Problems row) and answers in `file`. */
async function readUi({ part, file, text }) {
  let value;
  try {
    if (part === 'problems') value = await problemsRows();
    else if (part === 'squiggles') value = await squiggles();
    else if (part === 'lightBulb') value = await lightBulb();
    else if (part === 'codeActions') value = await codeActionMenu();
    else if (part === 'focus') value = await focusIn();
    else if (part === 'clickProblem') value = await clickProblem(text) ?? true;
    else if (part === 'clickRow') value = await clickRow(text) ?? true;
    else throw new Error(`no part ${part}`);
  } catch (e) {
    value = { error: e.message };
  }
  answer(file, { value });
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
  const ui = /TIGANG_UI (.*)$/.exec(text);
  if (ui) screenshotQueue = screenshotQueue.then(() => readUi(JSON.parse(ui[1]))).catch((e) => say(`UI read failed: ${e.message}`));
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

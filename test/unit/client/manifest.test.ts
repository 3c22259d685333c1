// The manifest's strings without VS Code: a key or a translation missing
// fails here, in npm test. (test/e2e/suite/manifest.test.ts checks what needs
// VS Code: keybindings against its defaults, every command registered.)

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite, test } from 'node:test';
import { readRepoFile, readRepoJson, repoRoot } from './helpers';

type Strings = Record<string, string>;

const en = readRepoJson<Strings>('package.nls.json');
const zh = readRepoJson<Strings>('package.nls.zh-cn.json');
const bundle = readRepoJson<Strings>('l10n/bundle.l10n.zh-cn.json');

/** Every string the client passes to vscode.l10n.t, with its file. */
function runtimeStrings(): Map<string, string> {
  const dir = join(repoRoot(), 'client', 'src');
  const used = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readRepoFile(join('client', 'src', file));
    for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.set(m[1].replace(/\\'/g, "'").replace(/\\"/g, '"'), file);
    // A call whose first argument is not a literal would escape this check.
    for (const m of text.matchAll(/l10n\.t\(\s*([^'\s])/g)) assert.fail(`${file}: vscode.l10n.t( takes a string literal first, not ${m[1]}…`);
  }
  return used;
}

const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort().join();

suite('The manifest and the UI strings', () => {
  test('Every %key% of package.json is in package.nls.json and package.nls.zh-cn.json, and the two have the same keys', () => {
    const keys = new Set([...readRepoFile('package.json').matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));
    assert.ok(keys.size > 20, `found ${keys.size} keys`);
    for (const key of keys) {
      assert.ok(en[key], `package.nls.json has ${key}`);
      assert.ok(zh[key], `package.nls.zh-cn.json has ${key}`);
    }
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    for (const key of Object.keys(en)) assert.ok(keys.has(key), `package.json uses ${key}`);
  });

  test('Every runtime string has a zh-cn translation with the same placeholders, and the bundle holds nothing else', () => {
    const used = runtimeStrings();
    assert.ok(used.size > 20, `found ${used.size} strings`);
    for (const [s, file] of used) {
      assert.ok(bundle[s], `l10n/bundle.l10n.zh-cn.json translates ${JSON.stringify(s)} (${file})`);
      assert.equal(placeholders(bundle[s]), placeholders(s), `placeholders of ${JSON.stringify(s)}`);
    }
    for (const key of Object.keys(bundle)) assert.ok(used.has(key), `the bundle's ${JSON.stringify(key)} is used`);
  });

  test('The README lists every command of the command palette by its Chinese title, and every key as it is bound', () => {
    const pkg = readRepoJson<{ contributes: { commands: { command: string; title: string }[]; menus: { commandPalette: { command: string; when?: string }[] }; keybindings: { command: string; key: string }[] } }>('package.json');
    const readme = readRepoFile('README.md');
    const hidden = new Set(pkg.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command));
    for (const c of pkg.contributes.commands) {
      if (hidden.has(c.command)) continue;
      const title = zh[c.title.replace(/^%|%$/g, '')];
      assert.ok(readme.includes(title), `README lists ${c.command} as ${title}`);
    }
    // As the README writes keys: Ctrl+Shift+Alt+Enter, Alt+Shift+PageUp.
    const NAMES: Record<string, string> = { ctrl: 'Ctrl', shift: 'Shift', alt: 'Alt', cmd: 'Cmd', pageup: 'PageUp', pagedown: 'PageDown', home: 'Home', end: 'End', enter: 'Enter' };
    const written = (key: string) => key.split('+').map((k) => NAMES[k] ?? k.toUpperCase()).join('+');
    for (const k of pkg.contributes.keybindings) assert.ok(readme.includes(`\`${written(k.key)}\``), `README shows ${k.command}'s key ${written(k.key)}`);
  });

  test('Links in the welcome texts run commands the manifest contributes', () => {
    const commands = new Set(readRepoJson<{ contributes: { commands: { command: string }[] } }>('package.json').contributes.commands.map((c) => c.command));
    for (const strings of [en, zh]) {
      for (const [key, value] of Object.entries(strings)) {
        for (const m of value.matchAll(/\]\(command:([\w.]+)/g)) {
          if (m[1].startsWith('workbench.')) continue;
          assert.ok(commands.has(m[1]), `${key} links to ${m[1]}`);
        }
      }
    }
  });
});

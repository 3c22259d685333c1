// The manifest against the VS Code that runs it: keybindings that clash with
// nothing built in, every string translated, every command registered.

import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, api } from './helpers';

interface Keybinding {
  key: string;
  mac?: string;
  command: string;
  when?: string;
}

function extensionPath(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  return ext.extensionPath;
}

function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(join(extensionPath(), relative), 'utf8')) as T;
}

/** The default keybindings of this VS Code (platform of the machine, built-in extensions included). */
async function defaultKeybindings(): Promise<Keybinding[]> {
  await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
  const doc = vscode.window.activeTextEditor?.document;
  assert.ok(doc && doc.uri.scheme === 'vscode', 'the default keybindings document');
  const text = doc.getText();
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  const list: Keybinding[] = [];
  // Entries look like { "key": "ctrl+alt+o", "command": "...", "when": "..." }.
  const entry = /\{\s*"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"(?:,\s*"when":\s*"((?:[^"\\]|\\.)*)")?/g;
  for (let m = entry.exec(text); m !== null; m = entry.exec(text)) list.push({ key: m[1], command: m[2], when: m[3] });
  return list;
}

export function manifestTests(): void {
  describe('the manifest', () => {
    it('keybindings clash with no default keybinding of this VS Code', async () => {
      await api();
      const ours = readJson<{ contributes: { keybindings: Keybinding[] } }>('package.json').contributes.keybindings;
      assert.ok(ours.length >= 7);
      const defaults = (await defaultKeybindings()).filter((k) => !k.command.startsWith('tigang.'));
      assert.ok(defaults.length > 500, `read ${defaults.length} default keybindings`);
      const norm = (key: string) => key.split(' ').map((chord) => chord.split('+').sort().join('+')).join(' ');
      const taken = new Map(defaults.map((k) => [norm(k.key), k.command]));
      const platformKey = (k: Keybinding) => (process.platform === 'darwin' && k.mac ? k.mac : k.key);
      for (const k of ours) {
        const key = norm(platformKey(k));
        assert.equal(taken.get(key), undefined, `${k.command} on ${platformKey(k)} clashes with ${taken.get(key)}`);
        // A chord must not start with a key that is itself bound.
        assert.ok(!key.includes(' ') || !taken.has(key.split(' ')[0]), `${k.command}: first chord of ${platformKey(k)} is bound`);
      }
    });

    it('every command of the manifest is registered, every view command has an icon', async () => {
      await api();
      const pkg = readJson<{ contributes: { commands: { command: string; icon?: string }[]; menus: Record<string, { command: string }[]> } }>('package.json');
      const registered = new Set(await vscode.commands.getCommands(true));
      for (const c of pkg.contributes.commands) assert.ok(registered.has(c.command), `${c.command} is registered`);
      for (const m of pkg.contributes.menus['view/title'].filter((m) => (m as { group?: string }).group?.startsWith('navigation'))) {
        assert.ok(pkg.contributes.commands.find((c) => c.command === m.command)?.icon, `${m.command} has an icon for the view title`);
      }
    });

    it('manifest strings exist in English and Chinese', () => {
      const pkgText = readFileSync(join(extensionPath(), 'package.json'), 'utf8');
      const keys = new Set([...pkgText.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));
      const en = readJson<Record<string, string>>('package.nls.json');
      const zh = readJson<Record<string, string>>('package.nls.zh-cn.json');
      for (const key of keys) {
        assert.ok(en[key], `package.nls.json has ${key}`);
        assert.ok(zh[key], `package.nls.zh-cn.json has ${key}`);
      }
      assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    });

    it('every runtime string has a zh-cn translation with the same placeholders', function () {
      if (process.env.TIGANG_E2E_PACKAGED === '1') this.skip(); // reads client/src
      const dir = join(extensionPath(), 'client', 'src');
      const bundle = readJson<Record<string, string>>('l10n/bundle.l10n.zh-cn.json');
      const used = new Set<string>();
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
        const text = readFileSync(join(dir, file), 'utf8');
        for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) used.add(m[1].replace(/\\'/g, "'").replace(/\\"/g, '"'));
      }
      assert.ok(used.size > 20, `found ${used.size} strings`);
      const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort().join();
      for (const s of used) {
        assert.ok(bundle[s], `l10n/bundle.l10n.zh-cn.json translates ${JSON.stringify(s)}`);
        assert.equal(placeholders(bundle[s]), placeholders(s), `placeholders of ${JSON.stringify(s)}`);
      }
      for (const key of Object.keys(bundle)) assert.ok(used.has(key), `the bundle's ${JSON.stringify(key)} is used`);
    });
  });
}

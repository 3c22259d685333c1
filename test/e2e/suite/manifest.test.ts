// The manifest against the VS Code that runs it: keybindings that clash with
// nothing built in, every command registered. Its strings and their
// translations need no VS Code: test/unit/client/manifest.test.ts (npm test).

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
      const pkg = readJson<{ contributes: { commands: { command: string; icon?: string }[]; menus: Record<string, { command?: string; submenu?: string }[]>; submenus?: { id: string; icon?: string }[] } }>('package.json');
      const registered = new Set(await vscode.commands.getCommands(true));
      for (const c of pkg.contributes.commands) assert.ok(registered.has(c.command), `${c.command} is registered`);
      for (const m of pkg.contributes.menus['view/title'].filter((m) => (m as { group?: string }).group?.startsWith('navigation'))) {
        const icon = m.submenu !== undefined ? pkg.contributes.submenus?.find((s) => s.id === m.submenu)?.icon : pkg.contributes.commands.find((c) => c.command === m.command)?.icon;
        assert.ok(icon, `${m.command ?? m.submenu} has an icon for the view title`);
      }
    });
  });
}

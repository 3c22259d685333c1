// User-defined rules (docs/headings.md §10), as a user meets them: a rule
// added in the settings makes headings in the 提纲 view, symbols and folding
// without a touch to the document; a rule that cannot be used is told in a
// notification whose button opens the setting.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, documentSymbols, fixture, openFixture, screenshot, setSetting, waitFor } from './helpers';

/** 讲话稿.txt's salutation `同志们：` as a heading of rank 1, above the speech's 一、 二、 三、. */
const SALUTATION = { pattern: '同志们：$', rank: 1 };

/** 讲话稿.txt's top-level headings without any rule of the user's. */
const SPEECH_ROOTS = ['一、提高政治站位，统一思想认识', '二、突出工作重点，推动高质量发展', '三、加强组织领导，狠抓工作落实'];

export function ruleTests(): void {
  describe('user-defined rules', () => {
    afterEach(async () => {
      await setSetting('tigang.customRules', undefined);
      await setSetting('tigang.notHeadings', undefined);
      // The settings are written at once but reach the server, and come back as a new outline of the same version,
      // later: a test after this one would see the speech's headings still under 同志们.
      const tigang = await api();
      if (tigang.view.provider.uri === fixture('讲话稿.txt').toString()) await waitFor(() => tigang.view.provider.roots.map((n) => n.heading.name).join() === SPEECH_ROOTS.join(), () => `the view back to the speech's headings without the rules, not ${tigang.view.provider.roots.map((n) => n.heading.name).join()}`);
    });
    after(closeAll);

    it('a rule added in the settings shows its heading in the 提纲 view, in symbols and folding, without touching the document', async () => {
      const tigang = await api();
      const { editor } = await openFixture('讲话稿.txt');
      const uri = editor.document.uri;
      const version = editor.document.version;
      const roots = () => tigang.view.provider.roots.map((n) => n.heading.name);
      assert.deepEqual(roots(), SPEECH_ROOTS);

      await setSetting('tigang.customRules', [SALUTATION]);
      await waitFor(() => roots().length === 1 && roots()[0] === '同志们', () => `the view with 同志们 on top, not ${JSON.stringify(roots())}`);
      assert.deepEqual(tigang.view.provider.roots[0].children.map((n) => n.heading.name.slice(0, 2)), ['一、', '二、', '三、']);
      const symbols = await waitFor(async () => {
        const found = await documentSymbols(uri);
        return found.length === 1 ? found : undefined;
      }, 'document symbols with 同志们 on top');
      assert.equal(symbols[0].name, '同志们');
      assert.deepEqual(symbols[0].children.map((s) => s.name.slice(0, 2)), ['一、', '二、', '三、']);
      const folding = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
      assert.ok(folding.some((r) => r.start === 3), 'a folding range from the 同志们 line');
      await screenshot('rules-view');

      await setSetting('tigang.notHeadings', ['三、']);
      await waitFor(() => tigang.view.provider.roots[0]?.children.length === 2, 'the view without 三、');
      assert.equal(editor.document.version, version, 'the document was not touched');
    });

    it('a rule that cannot be used is told in a notification whose button opens the setting; the other rules still apply', async () => {
      const tigang = await api();
      const notices = tigang.server.ruleNotices!;
      const before = notices.length;
      await openFixture('讲话稿.txt');
      // Earlier suites' toasts (a deleted section's Undo) would stand in the picture and could take the button press.
      await vscode.commands.executeCommand('notifications.clearAll');
      await setSetting('tigang.customRules', [{ pattern: '第[', rank: 3 }, SALUTATION]);
      const notice = await waitFor(() => notices[before], 'the notification of the rule left out');
      assert.match(notice.message, /^Tigang: 1 user-defined rule\(s\) cannot be used and are left out\. tigang\.customRules, rule 1 \(第\[\): not a valid regular expression/);
      assert.deepEqual(notice.actions, ['Open Settings']);
      assert.equal(notice.setting, 'tigang.customRules');
      await waitFor(() => tigang.view.provider.roots[0]?.heading.name === '同志们', 'the good rule applies');
      await screenshot('rules-notification');

      // The button, as a person presses it: focus the notification, take its primary action. The focus finds only a
      // toast already drawn, so press again while the Settings editor has not come (a pressed toast is gone: no second press lands).
      let presses = 0;
      await waitFor(async () => {
        if (vscode.window.tabGroups.activeTabGroup.activeTab?.label === 'Settings') return true;
        if (presses++ % 25 === 0) {
          await vscode.commands.executeCommand('notifications.focusToasts');
          await vscode.commands.executeCommand('notification.acceptPrimaryAction');
        }
        return false;
      }, () => `the Settings editor, not ${vscode.window.tabGroups.activeTabGroup.activeTab?.label}`);
      await screenshot('rules-settings');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      assert.equal(notices.length, before + 1, 'told once');
    });
  });
}

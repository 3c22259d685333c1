// Screenshots of the workbench for the README and for a look before a UI
// change is called done (taken by the runner on request, see
// test/e2e/README.md): the Explorer as a new user first sees it, the 提纲 view
// open on a sample document, and the jump QuickPick whole, filtered by
// pinyin, and matching nothing. Skipped when the runner takes none.

import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, api, closeAll, delay, fixture, screenshot, setCursor, showAndWait, waitFor } from './helpers';

/** The sample document shown: the lead's speech collection if it is there, else our fixture. */
async function sample(): Promise<vscode.TextDocument> {
  const seed = vscode.Uri.file(join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'seeds', 'speeches.txt'));
  const uri = existsSync(seed.fsPath) ? seed : fixture('讲话稿.txt');
  return vscode.workspace.openTextDocument(uri);
}

/** Views of the Explorer hidden while the screenshots are taken. */
const HIDDEN = ['outline', 'timeline'];

export function screenshotTests(): void {
  describe('screenshots', function () {
    before(function () {
      if (!process.env.TIGANG_E2E_SCREENSHOT_DIR) this.skip();
    });
    let hidden = false;
    after(async () => {
      if (hidden) {
        for (const view of HIDDEN) await vscode.commands.executeCommand(`${view}.toggleVisibility`).then(undefined, () => undefined);
        await vscode.commands.executeCommand('vscode.moveViews', { viewIds: ['workbench.explorer.fileView'], destinationId: 'workbench.view.explorer' }).then(undefined, () => undefined);
      }
      await closeAll();
    });

    it('the first document with headings: the view opens by itself, at the default width', async function () {
      this.timeout(60_000);
      const tigang = await api();
      await closeAll();
      // As on a first day, whatever ran before: the view not yet opened for the user.
      await tigang.view.forgetShownOnce();
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
      const { editor, headings } = await showAndWait(await sample());
      await waitFor(() => tigang.view.treeView.visible, 'the 提纲 view opened for the first document with headings');
      const target = headings.all.find((s) => s.depth === 1) ?? headings.all[0];
      setCursor(editor, target.line, target.start);
      await waitFor(() => tigang.view.treeView.selection[0]?.heading.line === target.line, 'the selection in the view');
      await delay(700); // let the workbench paint
      await screenshot('first-run');
    });

    it('the 提纲 view beside a sample document', async function () {
      this.timeout(60_000);
      const tigang = await api();
      await closeAll();
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
      const doc = await sample();
      const { editor, headings } = await showAndWait(doc);
      assert.ok(headings.all.length > 0);
      // The Explorer with the 提纲 view alone, so the view has the height (put back in after()).
      await vscode.commands.executeCommand('workbench.view.explorer');
      for (const view of HIDDEN) await vscode.commands.executeCommand(`${view}.toggleVisibility`);
      // The file tree would keep most of the height: lend it to the Search container meanwhile.
      await vscode.commands.executeCommand('vscode.moveViews', { viewIds: ['workbench.explorer.fileView'], destinationId: 'workbench.view.search' });
      await vscode.commands.executeCommand('workbench.view.explorer');
      hidden = true;
      // Make room: shrink the editor (focused), which widens the side bar.
      // (Focus moves asynchronously in the workbench: give it a moment before resizing what has it.)
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      await delay(300);
      for (let i = 0; i < 2; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
      await vscode.commands.executeCommand('tigang.outline.focus');
      await waitFor(() => tigang.view.treeView.visible, 'the view');
      const target = headings.all.find((s) => s.depth === 1) ?? headings.all[0];
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      setCursor(editor, target.line, target.start);
      editor.revealRange(new vscode.Range(Math.max(0, target.line - 2), 0, Math.max(0, target.line - 2), 0), vscode.TextEditorRevealType.AtTop);
      await vscode.commands.executeCommand('tigang.outline.expandAll');
      await waitFor(() => tigang.view.treeView.selection[0]?.heading.line === target.line, 'the selection in the view');
      await delay(700); // let the workbench paint
      await screenshot('outline-view');
    });

    it('the jump QuickPick filtered by pinyin initials', async function () {
      this.timeout(60_000);
      const tigang = await api();
      const doc = await sample();
      await showAndWait(doc);
      const headings = tigang.view.provider.headings;
      assert.ok(headings);
      void vscode.commands.executeCommand('tigang.jumpToSection');
      const picker = await waitFor(() => tigang.jump.current, 'the QuickPick');
      await waitFor(() => picker.quickPick.items.length > 0 || undefined, 'items');
      const all = picker.quickPick.items.length;
      await delay(700);
      await screenshot('jump-quickpick');
      picker.quickPick.value = 'zz';
      // Setting value from the API fires no onDidChangeValue: the workbench echoes it. Wait for our filter.
      await waitFor(() => (picker.quickPick.items.length > 0 && picker.quickPick.items.length < all) || undefined, 'the items filtered for zz');
      await delay(200); // let the workbench paint them
      await screenshot('jump-quickpick-pinyin');
      picker.quickPick.value = 'xyz';
      await waitFor(() => (picker.quickPick.items.length === 1 && picker.quickPick.items[0].heading === undefined) || undefined, 'the item saying nothing matched');
      await delay(200);
      await screenshot('jump-no-match');
      picker.quickPick.hide();
    });
  });
}

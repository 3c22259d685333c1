// The second run of the suite (npm run test:vscode runs it after the first):
// VS Code in Chinese, with workspace trust on and the fixture folder not
// trusted, i.e. Restricted Mode. Tigang only reads text, so everything must
// work there; and a Chinese user must see Chinese strings, in the manifest
// (package.nls.zh-cn.json) and at run time (l10n/bundle.l10n.zh-cn.json).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SPEECH_TREE } from './symbols.test';
import { EXTENSION_ID, api, closeAll, documentSymbols, fixture, openFixture, screenshot, symbolTree, waitFor } from './helpers';

export function restrictedChineseTests(): void {
  describe('in Restricted Mode, in Chinese', () => {
    after(closeAll);

    it('runs in an untrusted workspace with the display language zh-cn', () => {
      assert.equal(vscode.workspace.isTrusted, false, 'the fixture folder is not trusted');
      assert.equal(vscode.env.language, 'zh-cn');
    });

    it('outlines a speech there: symbols, folding and the 提纲 view', async () => {
      const tigang = await api();
      await openFixture('讲话稿.txt');
      assert.deepEqual(symbolTree(await documentSymbols(fixture('讲话稿.txt'))), SPEECH_TREE);
      const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', fixture('讲话稿.txt'));
      assert.ok(folds.length >= 10, `${folds.length} folding ranges`);
      await waitFor(() => tigang.view.provider.nodes().length > 0, 'the view has the outline');
    });

    it('shows the manifest in Chinese', () => {
      // VS Code gives localised command titles as { value, original }.
      type Localized = string | { value: string; original: string };
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string; title: Localized }[]; views: Record<string, { id: string; name: string }[]> } };
      const title = (id: string) => {
        const t = manifest.contributes.commands.find((c) => c.command === id)?.title;
        return typeof t === 'object' ? t.value : t;
      };
      assert.equal(title('tigang.jumpToSection'), '跳转到章节…');
      assert.equal(title('tigang.copyOutline'), '复制提纲');
      assert.equal(manifest.contributes.views.explorer.find((v) => v.id === 'tigang.outline')?.name, '提纲');
    });

    it('shows the view and the jump picker in Chinese', async () => {
      const tigang = await api();
      await openFixture('讲话稿.txt');
      const node = tigang.view.provider.nodes()[0];
      const item = tigang.view.provider.getTreeItem(node);
      assert.match(String(item.description), /^\d[\d,]* 字 · /, `the statistics: ${String(item.description)}`);

      await vscode.commands.executeCommand('workbench.view.explorer');
      const jumping = vscode.commands.executeCommand('tigang.jumpToSection', { query: 'zzzw' });
      const picker = await waitFor(() => tigang.jump.current, 'the QuickPick open');
      assert.equal(picker.quickPick.title, '跳转到章节');
      await waitFor(() => picker.quickPick.activeItems.length > 0, 'a match for zzzw');
      await screenshot('restricted-zh-cn');
      picker.quickPick.hide();
      assert.equal(await jumping, undefined, 'Esc (hide) jumps nowhere');
    });
  });
}

// The second run of the suite (npm run test:vscode runs it after the first):
// VS Code in Chinese, with workspace trust on and the fixture folder not
// trusted, i.e. Restricted Mode. Tigang only reads text, so everything must
// work there; and a Chinese user must see Chinese strings, in the manifest
// (package.nls.zh-cn.json) and at run time (l10n/bundle.l10n.zh-cn.json).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SLIPS_FILE, diagnosticsOf } from './numbering.test';
import { SPEECH_TREE } from './symbols.test';
import { sameDurationsInStatusBarAndView } from './writer.test';
import { CAN_PRESS_KEYS, EXTENSION_ID, ProblemsRow, api, closeAll, documentSymbols, fixture, openFixture, pressKeys, primes, readUi, screenshot, setCursor, setCursorAndFollow, symbolTree, waitFor } from './helpers';

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
      assert.equal(title('tigang.renumberDocument'), '重新编号全文');
      assert.equal(title('tigang.renumberArticles'), '重新编号条文');
      // Named for what they act on: the view's tree, the editor's folding.
      assert.equal(title('tigang.outline.expandAll'), '展开视图中的全部标题');
      assert.equal(title('tigang.unfoldAll'), '展开编辑器中所有折叠的章节');
      assert.equal(manifest.contributes.views.explorer.find((v) => v.id === 'tigang.outline')?.name, '提纲');
    });

    it('says in the 提纲 view\'s tooltip how many places cite an article: 被引用 5 处', async () => {
      const tigang = await api();
      await openFixture('条文引用.txt');
      const provider = tigang.view.provider;
      const line = await waitFor(() => {
        const node = provider.nodes().find((n) => n.heading.name.startsWith('第六条'));
        return node && (provider.getTreeItem(node).tooltip as vscode.MarkdownString).value.split('\n\n').find((l) => l.startsWith('被引用'));
      }, 'the count in 第六条\'s tooltip');
      assert.equal(line, '被引用 5 处');
    });

    it('says what is wrong with the numbering in Chinese: the squiggle\'s message, the quick fix, the 提纲 view\'s tooltip', async () => {
      const tigang = await api();
      await openFixture(SLIPS_FILE);
      const found = await diagnosticsOf(fixture(SLIPS_FILE), (codes) => codes.includes('36:numbering.skipped'), 'the skipped 四、');
      assert.equal(found.find((d) => d.range.start.line === 35)?.message, '序号不连续：应为 三、');
      assert.equal(found.find((d) => d.range.start.line === 40)?.message, '序号重复：应为 （三）');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', fixture(SLIPS_FILE), new vscode.Range(35, 0, 35, 2), vscode.CodeActionKind.QuickFix.value);
      assert.ok(actions.some((a) => a.title === '本组序号从 一、 起重新编号'), actions.map((a) => a.title).join(' | '));
      const node = tigang.view.provider.nodes().find((n) => n.heading.line === 35);
      assert.ok(node);
      await waitFor(() => (tigang.view.provider.getTreeItem(node).tooltip as vscode.MarkdownString).value.includes('序号不连续：应为 三、'), 'the message in the view\'s tooltip');
    });

    it('the Problems panel (Ctrl+Shift+M) and the Ctrl+. menu, as rendered, say it in Chinese: 序号不连续：应为 三、, 本组序号从 一、 起重新编号', async function () {
      if (!CAN_PRESS_KEYS) this.skip(); // test-electron reads no page
      this.timeout(60_000);
      const { editor } = await openFixture(SLIPS_FILE);
      const found = await diagnosticsOf(fixture(SLIPS_FILE), (codes) => codes.includes('36:numbering.skipped'), 'the skipped 四、');
      await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      try {
        pressKeys('Control+Shift+KeyM');
        let rows: ProblemsRow[] = [];
        const entries = () => rows.filter((r) => r.level === 2);
        await waitFor(async () => {
          rows = await readUi('problems');
          return rows.some((r) => r.level === 1 && r.resource === SLIPS_FILE) && entries().length === found.length;
        }, () => `the Problems panel to list ${found.length} entries (it shows ${JSON.stringify(rows.map((r) => r.label))})`, 20_000);
        const shown = new Set(entries().map((r) => `${r.code} ${r.message}`));
        for (const d of found) assert.ok(shown.has(`${String(d.code)} ${d.message}`), `${String(d.code)} ${d.message} in the panel`);
        assert.equal(entries().find((r) => r.code === 'numbering.skipped' && r.message === '序号不连续：应为 三、')?.severity, 'warning');
        assert.ok(entries().some((r) => r.message === '序号重复：应为 （三）'), 'the repeated （二）');
      } finally {
        await vscode.commands.executeCommand('workbench.action.closePanel');
      }
      await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      setCursor(editor, 35, 1);
      editor.revealRange(new vscode.Range(35, 0, 35, 2), vscode.TextEditorRevealType.InCenter);
      pressKeys('Control+Period');
      try {
        const menu = await waitFor(() => readUi('codeActions'), 'the code action menu');
        const labels = menu.filter((r) => !r.header).map((r) => r.label);
        assert.equal(labels[0], '本组序号从 一、 起重新编号', labels.join(' | '));
        assert.equal(menu.find((r) => r.focused)?.label, '本组序号从 一、 起重新编号', 'the preferred fix has the focus');
      } finally {
        pressKeys('Escape');
      }
      await waitFor(async () => (await readUi('focus')) === 'editor', 'the menu closed, the keyboard back in the editor');
      assert.equal(editor.document.isDirty, false);
    });

    it('names the section commands in Chinese, in the palette and the 提纲 view’s menu, and a refusal says why in Chinese', async () => {
      type Localized = string | { value: string; original: string };
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string; title: Localized }[] } };
      const title = (id: string) => {
        const t = manifest.contributes.commands.find((c) => c.command === id)?.title;
        return typeof t === 'object' ? t.value : t;
      };
      const ids = ['moveSectionUp', 'moveSectionDown', 'promoteSection', 'demoteSection', 'insertHeadingAfter', 'insertSubheading', 'deleteSection', 'selectSection', 'copySectionText'];
      assert.deepEqual(ids.map((id) => title(`tigang.${id}`)), ['上移本节', '下移本节', '升级本节', '降级本节', '插入同级标题', '插入下级标题', '删除本节', '选中本节', '复制本节全文']);
      const { editor } = await openFixture('讲话稿.txt');
      editor.selection = new vscode.Selection(7, 0, 7, 0);
      const version = editor.document.version;
      const refused = await vscode.commands.executeCommand<{ applied: boolean; message?: string }>('tigang.moveSectionUp');
      assert.deepEqual(refused, { applied: false, message: '这是同级的第一节，不能上移。', reason: 'firstSibling' });
      assert.equal(editor.document.version, version);
      // The palette as a user opens it, filtered to the section commands.
      await vscode.commands.executeCommand('workbench.action.quickOpen', '>本节');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await screenshot('structure-palette-zh-cn');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      // The 提纲 view's context menu on an item, opened from the keyboard as a user may.
      const tigang = await api();
      await vscode.commands.executeCommand('tigang.outline.focus');
      // The view's follow of the cursor (on 一、) lands now, not on top of the item selected below.
      await setCursorAndFollow(editor, 7, 0);
      const node = await waitFor(() => tigang.view.provider.nodes().find((n) => n.heading.name === '二、突出工作重点，推动高质量发展'), 'the item 二、');
      await tigang.view.treeView.reveal(node, { select: true, focus: true });
      if (CAN_PRESS_KEYS) {
        pressKeys('Shift+F10');
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await screenshot('structure-context-menu-zh-cn');
        pressKeys('Escape');
      }
    });

    it('writes a section’s speaking time the same way in the status bar and the 提纲 view, in Chinese', async () => {
      const tigang = await api();
      const { editor, headings } = await openFixture('讲话稿.txt');
      const first = headings.all.find((s) => s.name.startsWith('一、'));
      assert.ok(first);
      const spoken = Math.round((first.characters / 220) * 60);
      await sameDurationsInStatusBarAndView(editor, first, [primes(spoken)]);
      // The cursor is back on the heading (the status bar follows it after a short pause).
      const text = `$(list-tree) ${first.name} · ${primes(spoken)}`;
      await waitFor(() => tigang.statusBar.section.text === text, () => `${text} in the status bar, not ${tigang.statusBar.section.text}`);
      assert.equal(String(tigang.view.provider.getTreeItem(tigang.view.provider.nodes().find((n) => n.heading.line === first.line)!).description), `${first.characters} 字 · ${primes(spoken)}`);
      await waitFor(() => /^全文 [\d,]+ 字 · \d+′\d\d″$/.test(tigang.statusBar.length.text), () => `the document's length in Chinese, not ${tigang.statusBar.length.text}`);
    });

    it('shows the view and the jump picker in Chinese', async () => {
      const tigang = await api();
      await openFixture('讲话稿.txt');
      const node = tigang.view.provider.nodes()[0];
      const item = tigang.view.provider.getTreeItem(node);
      assert.match(String(item.description), /^\d[\d,]* 字 · \d+′\d\d″$/, `the statistics: ${String(item.description)}`);
      const tooltip = (item.tooltip as vscode.MarkdownString).value.split('\n\n').map((line) => line.replace(/\\(.)/g, '$1').replace(/&nbsp;/g, ' '));
      const characters = node.heading.characters;
      const seconds = Math.round((characters / 220) * 60);
      assert.deepEqual(tooltip, ['一、提高政治站位，统一思想认识', '第 8\u2060–\u206013 行', `${characters} 字 · 按每分钟 220 字计，讲完约需 ${Math.floor(seconds / 60)}′${String(seconds % 60).padStart(2, '0')}″`]);

      await vscode.commands.executeCommand('workbench.view.explorer');
      const jumping = vscode.commands.executeCommand('tigang.jumpToSection', { query: 'zzzw' });
      const picker = await waitFor(() => tigang.jump.current, 'the QuickPick open');
      assert.equal(picker.quickPick.title, '跳转到章节');
      await waitFor(() => picker.quickPick.activeItems.length > 0, 'a match for zzzw');
      await screenshot('restricted-zh-cn');
      picker.quickPick.value = 'xyz';
      const message = await waitFor(() => (picker.quickPick.items[0]?.heading === undefined ? picker.quickPick.items[0] : undefined), 'the item saying nothing matched');
      assert.equal(message.label, '$(info) 没有与“xyz”匹配的标题');
      assert.equal(message.detail, '可以输入标题中的汉字（冷链）、全拼（lenglian）或拼音首字母（ll）');
      picker.quickPick.hide();
      assert.equal(await jumping, undefined, 'Esc (hide) jumps nowhere');
    });
  });
}

// Issue 4 in VS Code: workspace symbols from every .txt of the folder, open or
// not, GBK included; tigang.searchSections with pinyin, preview and Enter.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SearchHit } from '../../../client/src/search';
import { CAN_PRESS_KEYS, api, closeAll, fixture, openFixture, pressKeys, setCursor, waitFor } from './helpers';

async function workspaceSymbols(query: string, until: (s: vscode.SymbolInformation[]) => boolean, what: string | (() => string)): Promise<vscode.SymbolInformation[]> {
  return waitFor(async () => {
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', query);
    return symbols !== undefined && until(symbols) ? symbols : undefined;
  }, what, 20_000, 100);
}

const file = (s: { location: vscode.Location } | SearchHit) => ('location' in s ? vscode.workspace.asRelativePath(s.location.uri, false) : s.file);

export function workspaceTests(): void {
  describe('workspace search (issue 4)', () => {
    after(closeAll);

    it('executeWorkspaceSymbolProvider finds headings of files that are not open, GBK included', async () => {
      await api();
      await closeAll();
      const cold = await workspaceSymbols('冷链', (s) => s.some((x) => file(x) === '报告/冷链调研.txt'), 'a heading of the closed file 报告/冷链调研.txt');
      const names = cold.map((s) => `${file(s)}#${s.name}`);
      assert.ok(names.includes('报告/冷链调研.txt#（一）冷链设施布局不均'), names.join('\n'));
      assert.ok(names.includes('讲话稿.txt#（一）发展冷链物流'), names.join('\n'));
      const withParent = cold.find((s) => s.name === '（一）冷链设施布局不均');
      assert.equal(withParent?.containerName, '二、存在问题');
      const gbk = await workspaceSymbols('全面排查隐患', (s) => s.length > 0, 'the heading of the GBK file');
      assert.deepEqual(gbk.map((s) => `${file(s)}#${s.name}#${s.location.range.start.line}`), ['通知-gbk.txt#（一）全面排查隐患#6']);
    });

    it('tigang.searchSections answers pinyin queries that Go to Symbol would drop', async () => {
      await api();
      const hits = await waitFor(async () => {
        const found = (await vscode.commands.executeCommand<SearchHit[]>('tigang.searchSections', { query: 'qmpc', noUi: true })) ?? [];
        return found.length > 0 ? found : undefined;
      }, 'hits for qmpc', 20_000, 100);
      assert.equal(hits[0].name, '（一）全面排查隐患');
      assert.equal(file(hits[0]), '通知-gbk.txt');
    });

    describe("VS Code's file watcher keeps the index current", () => {
      // Files written through VS Code's file system API: VS Code's watcher
      // reports them to the server (workspace/didChangeWatchedFiles), which
      // then does not watch the folder itself.
      const query = '文件监视标题';
      const created = '监视测试.txt';
      const renamed = '报告/监视测试-改名.txt';
      after(async () => {
        for (const rel of [created, renamed]) await vscode.workspace.fs.delete(fixture(rel), { useTrash: false }).then(undefined, () => undefined);
      });

      /** Waits until the query finds the heading in exactly these files. */
      async function foundIn(files: string[], what: string): Promise<void> {
        let seen: string[] = [];
        await workspaceSymbols(query, (symbols) => {
          seen = symbols.filter((s) => s.name === '一、文件监视标题').map(file);
          return JSON.stringify(seen) === JSON.stringify(files);
        }, () => `${what}: ${JSON.stringify(files)}, last seen ${JSON.stringify(seen)}`);
      }

      it('finds a file created, then under its new name only once renamed, and no more once deleted', async () => {
        await api();
        await foundIn([], 'nothing before the file exists');
        await vscode.workspace.fs.writeFile(fixture(created), new TextEncoder().encode('第一章　总则\n一、文件监视标题\n　　正文。\n'));
        await foundIn([created], 'the new file');
        await vscode.workspace.fs.rename(fixture(created), fixture(renamed));
        await foundIn([renamed], 'the file under its new name only');
        await vscode.workspace.fs.delete(fixture(renamed), { useTrash: false });
        await foundIn([], 'the deleted file gone');
      });
    });

    it('the QuickPick shows file and parent, previews, and Enter opens the file at the heading', async () => {
      const tigang = await api();
      await closeAll();
      const done = vscode.commands.executeCommand<SearchHit | undefined>('tigang.searchSections', { query: 'lenglian' });
      const picker = await waitFor(() => tigang.search.current, 'the search QuickPick');
      await picker.settled();
      const qp = picker.quickPick;
      const item = qp.items.find((i) => i.hit?.name === '（二）冷链标准执行不严');
      assert.ok(item, qp.items.map((i) => i.label).join(', '));
      assert.equal(item.description, '二、存在问题');
      assert.match(item.detail ?? '', /^报告\/冷链调研\.txt · line 8$/);
      qp.activeItems = [item];
      await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === fixture('报告/冷链调研.txt').toString(), 'the preview of the file');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const hit = await done;
      assert.equal(hit?.name, '（二）冷链标准执行不严');
      const editor = await waitFor(() => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.toString() === fixture('报告/冷链调研.txt').toString() && e.selection.active.line === 7 ? e : undefined;
      }, 'the file open at the heading');
      assert.equal(editor.selection.active.character, 0);
    });

    /** The text editors' tabs: group, file, whether a preview tab. */
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.flatMap((t) => (t.input instanceof vscode.TabInputText ? [`${g.viewColumn} ${vscode.workspace.asRelativePath(t.input.uri, false)}${t.isPreview ? ' (preview)' : ''}`] : [])));

    it('Esc puts back exactly the editors open before, after previews of other files', async function () {
      if (!CAN_PRESS_KEYS) this.skip();
      const tigang = await api();
      await closeAll();
      const { editor } = await openFixture('讲话稿.txt');
      // A file opened with one click: a preview tab, which a preview of another file would replace.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture('条例.txt')), { viewColumn: vscode.ViewColumn.One, preview: true });
      await vscode.window.showTextDocument(editor.document, { viewColumn: vscode.ViewColumn.One });
      setCursor(editor, 17, 2);
      const before = tabs();
      assert.deepEqual(before, ['1 讲话稿.txt', '1 条例.txt (preview)']);
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      pressKeys('Control+Shift+Alt+KeyJ');
      const picker = await waitFor(() => tigang.search.current, 'Search Sections open');
      for (const key of ['KeyL', 'KeyE', 'KeyN', 'KeyG', 'KeyL', 'KeyI', 'KeyA', 'KeyN']) pressKeys(key);
      await waitFor(() => picker.quickPick.value === 'lenglian' || undefined, 'lenglian typed');
      await picker.settled();
      const other = picker.quickPick.items.find((i) => i.hit?.file === '报告/冷链调研.txt');
      assert.ok(other, 'a hit in another file');
      picker.quickPick.activeItems = [other];
      await waitFor(() => tabs().some((t) => t.includes('冷链调研.txt')), () => `the preview of 报告/冷链调研.txt among ${JSON.stringify(tabs())}`);
      pressKeys('Escape');
      assert.equal(await picker.done, undefined);
      assert.deepEqual(tabs(), before, 'the same tabs as before');
      assert.equal(vscode.window.activeTextEditor?.document, editor.document, 'the document is active again');
      assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [17, 2], 'with its cursor');
    });

    it('when nothing matches, says so and what can be typed', async () => {
      const tigang = await api();
      const done = vscode.commands.executeCommand<SearchHit | undefined>('tigang.searchSections', { query: 'xyzxyz' });
      const picker = await waitFor(() => tigang.search.current, 'the search QuickPick');
      await picker.settled();
      assert.deepEqual(picker.quickPick.items.map((i) => [i.label, i.detail, i.hit]), [['$(info) No heading matches "xyzxyz"', 'Type part of a heading in Chinese (冷链), its full pinyin (lenglian) or its initials (ll)', undefined]]);
      picker.quickPick.hide();
      assert.equal(await done, undefined);
    });
  });
}

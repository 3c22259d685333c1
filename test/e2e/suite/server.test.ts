// The language client's life: parsing settings take effect everywhere,
// tigang.languages restarts the client, a killed server comes back.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, documentSymbols, openFixture, screenshot, setCursor, setSetting, symbolTree, waitFor } from './helpers';

export function serverTests(): void {
  describe('the language server', () => {
    afterEach(async () => {
      await setSetting('tigang.enumerations', undefined);
      await setSetting('tigang.maxNameLength', undefined);
      await setSetting('tigang.languages', undefined);
    });
    after(closeAll);

    it('a parsing setting takes effect in the view, in symbols and folding, without touching the document', async () => {
      const tigang = await api();
      const { editor } = await openFixture('讲话稿.txt');
      const uri = editor.document.uri;
      const version = editor.document.version;
      const third = () => tigang.view.provider.roots[2]?.children.map((n) => n.heading.name) ?? [];
      assert.deepEqual(third(), ['一要压实责任', '二要强化督查', '三要严肃问责']);
      const asked = { ...tigang.requests };

      await setSetting('tigang.enumerations', false);
      await waitFor(() => third().length === 0, 'the view without 一要/二要/三要');
      // VS Code asked again by itself (Outline, breadcrumbs, sticky scroll, folding): the providers were re-registered.
      await waitFor(() => tigang.requests.documentSymbol > asked.documentSymbol, 'VS Code to ask for document symbols again');
      await waitFor(() => tigang.requests.foldingRange > asked.foldingRange, 'VS Code to ask for folding ranges again');
      const symbols = await documentSymbols(uri);
      assert.deepEqual(symbolTree(symbols)[2], '三、加强组织领导，狠抓工作落实');
      const folding = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
      assert.ok(!folding.some((r) => r.start === 26), 'no folding range for 三要严肃问责');
      assert.equal(editor.document.version, version, 'the document was not touched');

      await setSetting('tigang.maxNameLength', 10);
      await waitFor(() => tigang.view.provider.roots[0]?.heading.name === '一、提高政治站位，统…', `a shortened name, not ${tigang.view.provider.roots[0]?.heading.name}`);
      const shortened = await documentSymbols(uri);
      assert.equal(shortened[0].name, '一、提高政治站位，统…');

      await setSetting('tigang.enumerations', undefined);
      await setSetting('tigang.maxNameLength', undefined);
      await waitFor(() => third().length === 3, 'the points back in the view');
      await waitFor(() => tigang.view.provider.roots[0]?.heading.name === '一、提高政治站位，统一思想认识', 'the full name back');
    });

    it('tigang.languages decides which documents are outlined; changing it restarts the client', async () => {
      const tigang = await api();
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '一、总体要求\n正文。\n二、主要任务\n正文。\n' });
      await vscode.window.showTextDocument(doc);
      assert.equal(await tigang.getHeadings(doc), undefined, 'markdown is not served by default');
      const pid = tigang.pid();
      await setSetting('tigang.languages', ['plaintext', 'markdown']);
      await waitFor(() => tigang.server.isRunning() && tigang.pid() !== pid && tigang.server.languages.includes('markdown'), 'a new client for plaintext and markdown');
      const headings = await waitFor(() => tigang.getHeadings(doc), 'the outline of the markdown document');
      assert.deepEqual(headings.all.map((s) => s.name), ['一、总体要求', '二、主要任务']);
      const symbols = await documentSymbols(doc.uri);
      assert.deepEqual(symbolTree(symbols), ['一、总体要求', '二、主要任务']);

      await setSetting('tigang.languages', undefined);
      await waitFor(() => tigang.server.isRunning() && !tigang.server.languages.includes('markdown'), 'the client back to plaintext only');
      assert.equal(await tigang.getHeadings(doc), undefined);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      // Plain text still works after the restarts.
      const { headings: speech } = await openFixture('讲话稿.txt');
      assert.equal(speech.roots.length, 3);
    });

    it('a killed server is restarted and the outline comes back', async function () {
      this.timeout(60_000);
      const tigang = await api();
      const { editor } = await openFixture('讲话稿.txt');
      const pid = tigang.pid();
      assert.ok(pid, 'the server has a process');
      process.kill(pid, 'SIGKILL');
      await waitFor(() => {
        try {
          process.kill(pid, 0);
          return false;
        } catch {
          return true;
        }
      }, 'the old server to be gone');
      const newPid = await waitFor(() => (tigang.server.isRunning() && tigang.pid() !== pid ? tigang.pid() : undefined), 'a new server process', 30_000);
      assert.notEqual(newPid, pid);
      const symbols = await documentSymbols(editor.document.uri);
      assert.equal(symbols.length, 3);
      await waitFor(() => tigang.view.provider.roots.length === 3 && tigang.view.provider.headings?.version === editor.document.version, 'the 提纲 view back');
      // Edits after the restart reach the new server.
      await editor.edit((b) => b.insert(new vscode.Position(28, 0), '四、新的一节\n'));
      await waitFor(() => tigang.view.provider.roots.length === 4, 'the new heading from the new server');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('a server that keeps crashing is given up: the view and the commands say so, and Restart brings it back', async function () {
      this.timeout(120_000);
      const tigang = await api();
      const { editor } = await openFixture('讲话稿.txt');
      // vscode-languageclient restarts a crashed server; after too many crashes in 3 minutes ServerManager stops asking it to.
      while (!tigang.server.isDown) {
        const pid = await waitFor(() => (tigang.server.isRunning() ? tigang.pid() : undefined), 'a running server', 30_000);
        process.kill(pid, 'SIGKILL');
        await waitFor(() => {
          // A kill while the client writes can make vscode-languageclient shut down (its error
          // handler) instead of restarting; the next request starts it again, as a user's would.
          if (!tigang.server.isDown && !tigang.server.isRunning()) void tigang.server.ready();
          return tigang.server.isDown || (tigang.server.isRunning() && tigang.pid() !== pid);
        }, 'a restart, or the client giving up', 30_000, 100);
      }
      await waitFor(() => tigang.view.provider.state === 'serverDown' && tigang.view.provider.roots.length === 0, () => `the view to say the server is down (state ${tigang.view.provider.state})`);
      await vscode.commands.executeCommand('tigang.outline.focus');
      await screenshot('server-down');
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      setCursor(editor, 0);
      // Says so (a warning with Restart and Show Log) and does not wait for a server.
      assert.equal(await vscode.commands.executeCommand('tigang.nextSection'), undefined);
      assert.equal(editor.selection.active.line, 0);
      assert.ok(!tigang.server.isRunning(), 'no server started by the command');
      // Commands that need no server still work.
      assert.equal(await vscode.commands.executeCommand('tigang.revealSection', editor.document.uri, 9, 0), true);
      assert.equal(editor.selection.active.line, 9);

      await vscode.commands.executeCommand('tigang.restartServer');
      await waitFor(() => tigang.server.isRunning() && !tigang.server.isDown, 'the server running again');
      setCursor(editor, 0);
      const next = await waitFor(() => vscode.commands.executeCommand<{ name: string } | undefined>('tigang.nextSection'), 'the next heading from the new server');
      assert.equal(next.name, '一、提高政治站位，统一思想认识');
      await waitFor(() => tigang.view.provider.state === 'ready' && tigang.view.provider.roots.length === 3, 'the view back');
    });
  });
}

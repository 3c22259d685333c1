// VS Code's own features through the server: document symbols (Outline,
// breadcrumbs, Go to Symbol), folding; documents without headings; untitled
// documents; the editor settings Tigang contributes for Chinese text.

import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CAN_PRESS_KEYS, Tree, api, closeAll, documentSymbols, fixture, openFixture, pressKeys, symbolTree, waitFor } from './helpers';

/** docs/headings.md §2–§5 applied to test/e2e/fixtures/workspace/讲话稿.txt. */
export const SPEECH_TREE: Tree = [
  ['一、提高政治站位，统一思想认识', ['（一）准确把握形势', '（二）切实增强责任感']],
  ['二、突出工作重点，推动高质量发展', [['（一）发展冷链物流', ['1.完善冷链基础设施', '2.培育冷链龙头企业']], '（二）优化营商环境']],
  ['三、加强组织领导，狠抓工作落实', ['一要压实责任', '二要强化督查', '三要严肃问责']],
];

/** A draft as a speechwriter pastes it (our own text): VS Code's language detection takes it for Ini. */
const DRAFT = [
  '关于做好春季农业生产工作的意见',
  '',
  '一、总体要求',
  '　　坚持稳中求进，全面落实各项部署。',
  '二、主要任务',
  '（一）抓好粮食生产',
  '　　稳定播种面积，提高单产水平。',
  '（二）抓好农资供应',
  '　　确保化肥、种子、农药供应充足。',
  '三、保障措施',
  '　　各地要加强组织领导，压实工作责任。',
  '',
].join('\n');

/** The same for 条例.txt: the table of contents (§3) lists chapters that must not appear twice. */
const REGULATION_TREE: Tree = [
  '目 录',
  ['第一章 总则', ['第一条 为了培育和践行社会主义核心价值观，制定本条例', '第二条 本条例适用于本市行政区域内文明行为的促进工作']],
  ['第二章 文明行为规范', [['第三条 公民应当自觉遵守下列公共秩序', ['（一）排队礼让', '（二）文明出行']], '第四条 公民应当爱护公共环境']],
  ['第三章 附则', ['第五条 本条例自公布之日起施行']],
];

export function symbolTests(): void {
  describe('document symbols and folding (VS Code API → language server)', () => {
    after(closeAll);

    it('the extension activates and its server runs', async () => {
      const tigang = await api();
      await openFixture('讲话稿.txt');
      assert.ok(tigang.server.isRunning());
      assert.equal(typeof tigang.pid(), 'number');
    });

    it('executeDocumentSymbolProvider gives the headings of a speech, nested as the spec says', async () => {
      const symbols = await documentSymbols(fixture('讲话稿.txt'));
      assert.deepEqual(symbolTree(symbols), SPEECH_TREE);
      const first = symbols[0];
      assert.equal(first.selectionRange.start.line, 7);
      assert.equal(first.range.start.line, 7);
      assert.equal(first.range.end.line, 12);
      const check = (list: readonly vscode.DocumentSymbol[], parent?: vscode.DocumentSymbol) => {
        for (let i = 0; i < list.length; i++) {
          const s = list[i];
          assert.ok(s.range.contains(s.selectionRange), `selectionRange inside range for ${s.name}`);
          if (parent !== undefined) assert.ok(parent.range.contains(s.range), `${s.name} inside ${parent.name}`);
          if (i > 0) assert.ok(list[i - 1].range.end.isBefore(s.range.start), `${list[i - 1].name} ends before ${s.name}`);
          check(s.children, s);
        }
      };
      check(symbols);
    });

    it('a law with a table of contents lists every chapter once', async () => {
      const symbols = await documentSymbols(fixture('条例.txt'));
      assert.deepEqual(symbolTree(symbols), REGULATION_TREE);
    });

    it('executeFoldingRangeProvider folds every section of two or more lines to its last non-blank line', async () => {
      const ranges = await waitFor(
        () => vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', fixture('讲话稿.txt')).then((r) => (r && r.length > 0 ? r : undefined)),
        'folding ranges',
      );
      const got = ranges.map((r) => [r.start, r.end]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      assert.deepEqual(got, [
        [7, 12], [9, 10], [11, 12],
        [14, 21], [15, 19], [16, 17], [18, 19], [20, 21],
        [23, 28], [26, 28],
      ]);
    });

    it('a document without headings has no symbols and the view shows its welcome text', async () => {
      const tigang = await api();
      const doc = await vscode.workspace.openTextDocument(fixture('随笔.txt'));
      await vscode.window.showTextDocument(doc);
      const headings = await waitFor(() => tigang.getHeadings(doc), 'outline of 随笔.txt');
      assert.equal(headings.all.length, 0);
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      assert.equal(symbols?.length ?? 0, 0);
      await waitFor(() => tigang.view.provider.state === 'empty', 'the view to be empty');
      assert.equal(tigang.view.provider.getChildren().length, 0);
    });

    it('untitled plain-text documents are outlined too', async () => {
      const tigang = await api();
      const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '第一章　起步\n正文。\n第二章　远行\n正文。\n' });
      await vscode.window.showTextDocument(doc);
      const headings = await waitFor(() => tigang.getHeadings(doc), 'outline of an untitled document');
      assert.deepEqual(headings.all.map((s) => s.name), ['第一章 起步', '第二章 远行']);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('documents of other languages are left alone', async () => {
      const tigang = await api();
      const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: '// 一、不是标题\nconst a = 1;\n' });
      await vscode.window.showTextDocument(doc);
      assert.equal(await tigang.getHeadings(doc), undefined);
      await waitFor(() => tigang.view.provider.state === 'unsupported', 'the view to say the editor is not served');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('plain text wraps, shows no Unicode boxes or banner, and GBK files open decoded', async () => {
      const editorConfig = vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' });
      assert.equal(editorConfig.get('wordWrap'), 'on');
      assert.equal(editorConfig.get('unicodeHighlight.ambiguousCharacters'), false);
      assert.equal(editorConfig.get('unicodeHighlight.nonBasicASCII'), false);
      // Other languages keep VS Code's defaults.
      const jsConfig = vscode.workspace.getConfiguration('editor', { languageId: 'javascript' });
      assert.equal(jsConfig.get('wordWrap'), 'off');
      assert.notEqual(jsConfig.get('unicodeHighlight.nonBasicASCII'), false);
      const tigang = await api();
      const doc = await vscode.workspace.openTextDocument(fixture('通知-gbk.txt'));
      await vscode.window.showTextDocument(doc);
      await waitFor(() => doc.getText().includes('一、检查范围'), 'the GBK file reopened as GB18030');
      assert.equal(doc.encoding, 'gb18030');
      assert.ok(!doc.isDirty);
      await waitFor(async () => (await tigang.getHeadings(doc))?.roots.length === 2, 'the outline of the GBK file');
      assert.deepEqual((await tigang.getHeadings(doc))?.roots.map((s) => s.name), ['一、检查范围', '二、检查要求']);
      await waitFor(() => tigang.view.provider.roots.length === 2, 'the GBK outline in the view');
    });

    it('CRLF documents have the same lines as LF ones', async () => {
      const { headings } = await openFixture('纪要-crlf.txt');
      assert.deepEqual(headings.all.map((s) => [s.name, s.line, s.endLine]), [
        ['一、会议议定事项', 2, 3],
        ['二、下一步工作', 4, 5],
      ]);
    });

    it('a Chinese draft pasted into a new untitled editor keeps its outline when VS Code guesses another language', async function () {
      if (!CAN_PRESS_KEYS) this.skip();
      this.timeout(60_000);
      const tigang = await api();
      const guessed: string[] = [];
      const sub = vscode.workspace.onDidOpenTextDocument((d) => {
        if (d.isUntitled && d.languageId !== 'plaintext') guessed.push(d.languageId);
      });
      try {
        await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
        const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.isUntitled ? vscode.window.activeTextEditor : undefined), 'a new untitled editor');
        const doc = editor.document;
        assert.equal(doc.languageId, 'plaintext');
        console.log(`TIGANG_PASTE ${JSON.stringify(DRAFT)}`);
        await waitFor(() => doc.getText() === DRAFT, () => `the draft pasted (the editor holds ${JSON.stringify(doc.getText().slice(0, 20))})`);
        // VS Code's language detection guesses within a second or two…
        await waitFor(() => guessed.length > 0, 'VS Code to guess another language', 20_000, 100);
        // …and Tigang sets the draft back to plain text: outline, symbols and the view keep working.
        await waitFor(() => doc.languageId === 'plaintext', () => `the draft back to plain text, not ${doc.languageId}`);
        assert.ok(guessed.every((l) => l === guessed[0]), `one guess: ${guessed.join(', ')}`);
        const headings = await waitFor(() => tigang.getHeadings(doc), 'the headings of the draft');
        assert.deepEqual(headings.roots.map((h) => h.name), ['一、总体要求', '二、主要任务', '三、保障措施']);
        await waitFor(() => tigang.view.provider.uri === doc.uri.toString() && tigang.view.provider.roots.length === 3, 'the draft in the 提纲 view');
        assert.deepEqual(symbolTree(await documentSymbols(doc.uri)), ['一、总体要求', ['二、主要任务', ['（一）抓好粮食生产', '（二）抓好农资供应']], '三、保障措施']);
      } finally {
        sub.dispose();
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
    });

    it('after a GBK file is reopened decoded, its cursor is at the top where the editor shows, and typing lands there', async function () {
      if (!CAN_PRESS_KEYS) this.skip();
      await api();
      // A copy never opened before, so the reopen happens in front of us; outside the workspace, whose index would keep the open document.
      const uri = vscode.Uri.file(join(tmpdir(), `tigang-e2e-${process.pid}-通知-gbk.txt`));
      await vscode.workspace.fs.copy(fixture('通知-gbk.txt'), uri, { overwrite: true });
      try {
        const doc = await vscode.workspace.openTextDocument(uri);
        const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
        await waitFor(() => doc.encoding === 'gb18030' && doc.getText().includes('一、检查范围'), 'the GBK file reopened as GB18030');
        await waitFor(() => editor.selection.active.line === 0 && editor.selection.active.character === 0, () => `the cursor at the top, not at ${JSON.stringify(editor.selection.active)}`);
        assert.equal(editor.visibleRanges[0]?.start.line, 0, 'the editor shows the top');
        await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
        pressKeys('KeyX');
        await waitFor(() => doc.lineAt(0).text.startsWith('x'), () => `the key typed at the top: line 0 is ${JSON.stringify(doc.lineAt(0).text)}, the cursor at ${JSON.stringify(editor.selection.active)}`);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      } finally {
        await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
      }
    });
  });
}

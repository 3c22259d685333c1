// VS Code's own features through the server: document symbols (Outline,
// breadcrumbs, Go to Symbol), folding; documents without headings; untitled
// documents; the editor settings Tigang contributes for Chinese text.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Tree, api, closeAll, documentSymbols, fixture, openFixture, symbolTree, waitFor } from './helpers';

/** docs/headings.md §2–§5 applied to test/e2e/fixtures/workspace/讲话稿.txt. */
export const SPEECH_TREE: Tree = [
  ['一、提高政治站位，统一思想认识', ['（一）准确把握形势', '（二）切实增强责任感']],
  ['二、突出工作重点，推动高质量发展', [['（一）发展冷链物流', ['1.完善冷链基础设施', '2.培育冷链龙头企业']], '（二）优化营商环境']],
  ['三、加强组织领导，狠抓工作落实', ['一要压实责任', '二要强化督查', '三要严肃问责']],
];

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
      assert.equal(typeof tigang.server.pid, 'number');
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
      const outline = await waitFor(() => tigang.getOutline(doc), 'outline of 随笔.txt');
      assert.equal(outline.sections.length, 0);
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
      assert.equal(symbols?.length ?? 0, 0);
      await waitFor(() => tigang.view.provider.state === 'empty', 'the view to be empty');
      assert.equal(tigang.view.provider.getChildren().length, 0);
    });

    it('untitled plain-text documents are outlined too', async () => {
      const tigang = await api();
      const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '第一章　起步\n正文。\n第二章　远行\n正文。\n' });
      await vscode.window.showTextDocument(doc);
      const outline = await waitFor(() => tigang.getOutline(doc), 'outline of an untitled document');
      assert.deepEqual(outline.sections.map((s) => s.name), ['第一章 起步', '第二章 远行']);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('documents of other languages are left alone', async () => {
      const tigang = await api();
      const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: '// 一、不是标题\nconst a = 1;\n' });
      await vscode.window.showTextDocument(doc);
      assert.equal(await tigang.getOutline(doc), undefined);
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
      await waitFor(async () => (await tigang.getOutline(doc))?.roots.length === 2, 'the outline of the GBK file');
      assert.deepEqual((await tigang.getOutline(doc))?.roots.map((s) => s.name), ['一、检查范围', '二、检查要求']);
      await waitFor(() => tigang.view.provider.roots.length === 2, 'the GBK outline in the view');
    });

    it('CRLF documents have the same lines as LF ones', async () => {
      const { outline } = await openFixture('纪要-crlf.txt');
      assert.deepEqual(outline.sections.map((s) => [s.name, s.line, s.endLine]), [
        ['一、会议议定事项', 2, 3],
        ['二、下一步工作', 4, 5],
      ]);
    });
  });
}

// References between articles in VS Code (docs/headings.md §9): F12 and
// Ctrl+click land on the article, hover shows it, Shift+F12 lists who cites
// it, the Problems panel shows reference.missing, the 提纲 view's tooltip says
// how often an article is cited, 重新编号条文 renumbers articles and references
// in one undo step — through the language server, on
// test/e2e/fixtures/workspace/条文引用.txt (a copy of seeds/references.txt).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CAN_PRESS_KEYS, api, closeAll, editorContextMenu, fixture, lineOf, openFixture, pressKeys, setCursor, waitFor } from './helpers';

const FILE = '条文引用.txt';

/** The cursor on the first occurrence of `text` on the line starting with `lineStart` (one character in). */
function cursorOn(editor: vscode.TextEditor, lineStart: string, text: string): vscode.Position {
  const line = lineOf(editor.document, lineStart);
  const character = editor.document.lineAt(line).text.indexOf(text);
  assert.ok(character >= 0, `${text} on the line ${lineStart}…`);
  setCursor(editor, line, character + 1);
  return new vscode.Position(line, character + 1);
}

function landedOn(editor: vscode.TextEditor, line: number): boolean {
  return vscode.window.activeTextEditor?.document.uri.toString() === editor.document.uri.toString() && vscode.window.activeTextEditor.selection.active.line === line;
}

export function referenceTests(): void {
  describe('references between articles', () => {
    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    });
    after(closeAll);

    it('Go to Definition (F12) on 本条例第六条 lands on the article 第六条', async () => {
      const { editor } = await openFixture(FILE);
      const target = lineOf(editor.document, '第六条');
      cursorOn(editor, '第十六条', '第六条');
      await vscode.commands.executeCommand('editor.action.revealDefinition');
      await waitFor(() => landedOn(editor, target), () => `F12 to land on line ${target}, at ${vscode.window.activeTextEditor?.selection.active.line}`);
      assert.equal(vscode.window.activeTextEditor!.selection.active.character, 0);
    });

    it('pressing F12 does the same, and lands on the 款 of 本条例第十条第二款', async function () {
      if (!CAN_PRESS_KEYS) this.skip();
      const { editor } = await openFixture(FILE);
      const target = lineOf(editor.document, '业主逾期不交纳');
      cursorOn(editor, '区人民政府确定的部门', '第十条第二款');
      await vscode.window.showTextDocument(editor.document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false, selection: editor.selection });
      pressKeys('F12');
      await waitFor(() => landedOn(editor, target), () => `F12 to land on line ${target}, at ${vscode.window.activeTextEditor?.selection.active.line}`);
    });

    it('a reference is a link (Ctrl+click, Open Link) to its article’s line', async () => {
      const { editor } = await openFixture(FILE);
      const links = await waitFor(
        async () => {
          const found = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
          return found.length > 0 ? found : undefined;
        },
        'document links',
      );
      assert.equal(links.length, 19);
      const target = lineOf(editor.document, '第四条');
      cursorOn(editor, '第五条', '第四条第一款');
      await vscode.commands.executeCommand('editor.action.openLink');
      await waitFor(() => landedOn(editor, target), () => `the link to open line ${target}, at ${vscode.window.activeTextEditor?.selection.active.line}`);
    });

    it('hover shows the referenced text; Find All References lists who cites an article', async () => {
      const { editor } = await openFixture(FILE);
      const at = cursorOn(editor, '区人民政府确定的部门', '第十条第二款');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /业主逾期不交纳物业服务费用的/);
      const article6 = lineOf(editor.document, '第六条');
      const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, new vscode.Position(article6, 1));
      const lines = refs.filter((r) => r.uri.toString() === editor.document.uri.toString()).map((r) => r.range.start.line);
      assert.deepEqual(lines, [article6, article6 + 3, article6 + 3, article6 + 4, lineOf(editor.document, '第十一条'), lineOf(editor.document, '第十六条')]);
    });

    it('the 提纲 view’s tooltip says how many places cite an article; an article no one cites says nothing of it', async () => {
      const tigang = await api();
      await openFixture(FILE);
      const provider = tigang.view.provider;
      const tooltipOf = (name: string) => {
        const node = provider.nodes().find((n) => n.heading.name.startsWith(name));
        return node === undefined ? undefined : (provider.getTreeItem(node).tooltip as vscode.MarkdownString).value.split('\n\n');
      };
      // 第六条: 前款第一项 and 第二项 (its 项), 前条, 本条例第六条第一款第（一）项, 本条例第六条 — as Shift+F12 lists them.
      const sixth = await waitFor(() => tooltipOf('第六条')?.find((line) => line.startsWith('Cited')), 'the count in 第六条’s tooltip');
      assert.equal(sixth, 'Cited 5 times');
      assert.equal(tooltipOf('第十条之一')?.at(-1), 'Cited once');
      assert.ok(!tooltipOf('第十七条')!.some((line) => line.startsWith('Cited')), tooltipOf('第十七条')!.join(' | '));
    });

    it('重新编号条文 (tigang.renumberArticles) numbers 第十条之一 and every article after it on, with the references to them, in one undo step', async () => {
      const { editor } = await openFixture(FILE);
      const doc = editor.document;
      const before = doc.getText();
      const text = (startsWith: string) => doc.lineAt(lineOf(doc, startsWith)).text;
      assert.equal(await vscode.commands.executeCommand('tigang.renumberArticles'), true);
      assert.equal(text('第十一条　物业服务人应当公示'), '第十一条　物业服务人应当公示收费项目和标准，接受业主监督。');
      assert.equal(text('第十二条'), '第十二条　违反本条例第六条第一款第（一）项规定的，由主管部门责令限期改正。');
      assert.equal(text('第十三条'), '第十三条　违反本条例第十一条规定的，由主管部门责令改正，给予警告。');
      assert.equal(text('第十四条'), '第十四条　违反本条例第八条至第十条规定，情节严重的，依照本章和本条例第十七条处理。');
      assert.equal(text('有前款第一项'), '有前款第一项、第二项行为的，依照本条例第十七条处理。');
      assert.ok(text('第十八条').startsWith('第十八条　本条例第二章第二节的规定'));
      // Nothing else: the text with the article numbers taken out is the same.
      const skeleton = (t: string) => t.replace(/第[一二三四五六七八九十]+条(之一)?/g, '第#条');
      assert.equal(skeleton(doc.getText()), skeleton(before));
      await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn });
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), before, 'one undo restores the text exactly');
    });

    it('tigang.renumberArticles leaves a law numbered in order, and a speech, as they are', async () => {
      for (const file of ['条例.txt', '讲话稿.txt']) {
        const { editor } = await openFixture(file);
        const version = editor.document.version;
        assert.equal(await vscode.commands.executeCommand('tigang.renumberArticles'), false, file);
        assert.equal(editor.document.version, version, file);
      }
    });

    it('the editor’s context menu offers Renumber Articles in a law and not in a speech, following the editor shown', async function () {
      if (!CAN_PRESS_KEYS) this.skip(); // test-electron drives no mouse
      const offers = async (file: string, expected: boolean) => {
        await openFixture(file);
        // The context key follows the outline of the editor shown, a moment after it is shown: look again until then.
        let seen: string[] = [];
        await waitFor(async () => {
          const items = await editorContextMenu();
          seen = items.map((i) => i.label);
          assert.ok(seen.includes('Cut'), `the editor's own menu: ${seen.join(', ')}`);
          return seen.includes('Renumber Articles') === expected;
        }, () => `${file}: Renumber Articles ${expected ? '' : 'not '}in the menu (${seen.join(', ')})`);
      };
      await offers(FILE, true); // a law
      await offers('讲话稿.txt', false); // a speech
      await offers('条例.txt', true); // a law again
    });

    it('the Problems panel shows reference.missing for a 款 the article lacks', async () => {
      const { editor } = await openFixture(FILE);
      const line = lineOf(editor.document, '第八条');
      await editor.edit((b) => b.insert(editor.document.lineAt(line).range.end, '依照本条例第九条第五款。'));
      const found = await waitFor(
        () => vscode.languages.getDiagnostics(fixture(FILE)).find((d) => d.code === 'reference.missing'),
        'reference.missing in the Problems panel',
      );
      assert.equal(found.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(found.range.start.line, line);
      assert.match(found.message, /article 9 has no paragraph 5|第九条没有第五款/);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitFor(() => !vscode.languages.getDiagnostics(fixture(FILE)).some((d) => d.code === 'reference.missing'), 'the warning to go with the edit');
    });
  });
}

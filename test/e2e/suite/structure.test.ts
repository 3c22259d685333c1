// Editing the structure in VS Code (client/src/structure.ts): the section
// commands from the keys, the palette and the 提纲 view's context menu, drag
// and drop through the view's controller with a real DataTransfer, each
// change one undo step, the cursor and the view following the section, a
// refusal that says why and changes nothing, CRLF, and a law with a 目录.
// The fixtures are copies (runCodeServer.mjs); each test puts its document
// back as it was on disk.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HeadingTreeNode } from '../../../client/src/headingTree';
import type { StructureOutcome } from '../../../client/src/structure';
import { CAN_PRESS_KEYS, api, closeAll, delay, dragInView, openFixture, pressKeys, screenshot, setCursor, setCursorAndFollow, waitFor } from './helpers';

const SPEECH = '讲话稿.txt';

/**
 * Reverts every document the test changed (fixtures on disk are never saved
 * here), and waits until each is clean: the revert acts on the active editor,
 * and a document left dirty would be what the next test opens.
 */
async function revertAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.isUntitled) continue;
    await waitFor(async () => {
      if (!doc.isDirty) return true;
      await vscode.window.showTextDocument(doc);
      if (vscode.window.activeTextEditor?.document === doc) await vscode.commands.executeCommand('workbench.action.files.revert');
      return !doc.isDirty;
    }, `${doc.uri.path} reverted`);
  }
}

async function nodeNamed(name: string): Promise<HeadingTreeNode> {
  const tigang = await api();
  return waitFor(() => tigang.view.provider.nodes().find((n) => n.heading.name === name), `a 提纲 view item named ${name}`);
}

/** The document's lines [from, to] (0-based, inclusive). */
function linesOf(doc: vscode.TextDocument, from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(doc.lineAt(i).text);
  return out;
}

/** Focuses the editor and undoes once, as Ctrl+Z does. */
async function undoOnce(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  await vscode.commands.executeCommand('undo');
}

export function structureTests(): void {
  describe('editing the structure', () => {
    before(async () => {
      await openFixture(SPEECH);
      await vscode.commands.executeCommand('tigang.outline.focus');
      const tigang = await api();
      await waitFor(() => tigang.view.treeView.visible, 'the 提纲 view to be visible');
    });
    afterEach(async () => {
      await revertAll();
      // A refusal's warning and a deletion's toast with its Undo button would stay up over the next tests and their pictures.
      await vscode.commands.executeCommand('notifications.clearAll');
    });
    after(closeAll);

    it('Move Section Down on its key swaps 一、 and 二、 with all they hold, renumbers both, keeps the blank line, and the cursor follows', async () => {
      const tigang = await api();
      const { editor } = await openFixture(SPEECH);
      const doc = editor.document;
      const before = doc.getText();
      const lines = before.split('\n');
      setCursor(editor, 8, 3); // in 一、's own paragraph
      const version = doc.version;
      if (CAN_PRESS_KEYS) {
        // Focus in the editor, then the key as a user presses it.
        await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, preserveFocus: false });
        pressKeys('Alt+Shift+PageDown');
        await waitFor(() => doc.version !== version, 'the key to move the section');
      } else {
        await vscode.commands.executeCommand('tigang.moveSectionDown');
      }
      // 二、 (lines 14–21) now stands where 一、 did; the blank line between them stays; 一、 (7–12) follows it.
      const expected = [...lines.slice(0, 7), lines[14].replace('二、', '一、'), ...lines.slice(15, 22), '', lines[7].replace('一、', '二、'), ...lines.slice(8, 13), ...lines.slice(22)];
      assert.equal(doc.getText(), expected.join('\n'));
      // The cursor stays in 一、's paragraph, now on line 17.
      await waitFor(() => editor.selection.active.line === 17 && editor.selection.active.character === 3, () => `the cursor on line 17 (it is on ${editor.selection.active.line})`);
      assert.equal(doc.lineAt(17).text, lines[8]);
      await waitFor(() => tigang.view.treeView.selection[0]?.heading.name === '二、提高政治站位，统一思想认识', 'the view to select the moved section');
      await undoOnce(editor);
      assert.equal(doc.getText(), before, 'one undo restores the text exactly');
    });

    it('Move Section Up from the view’s context menu (the item as argument) moves that section, and the view keeps its item', async () => {
      const tigang = await api();
      const { editor } = await openFixture(SPEECH);
      const doc = editor.document;
      const before = doc.getText();
      // The cursor elsewhere, in 三、's 二要强化督查, and the view following it there first.
      assert.equal((await setCursorAndFollow(editor, 25, 4)).heading.name, '二要强化督查');
      const node = await nodeNamed('（二）切实增强责任感');
      const id = node.id;
      const outcome = await vscode.commands.executeCommand<StructureOutcome>('tigang.moveSectionUp', node);
      assert.equal(outcome.applied, true);
      assert.deepEqual(linesOf(doc, 9, 12), ['（一）切实增强责任感', '　　各级领导干部要扛起责任，以钉钉子精神抓好各项工作。', '（二）准确把握形势', '　　当前外部环境复杂严峻，我们要保持战略定力，既要看到困难，也要看到有利条件。']);
      assert.equal(outcome.line, 9);
      // The moved section's item is the same item (same id: VS Code keeps its expansion and selection), now named （一）.
      const moved = await waitFor(() => tigang.view.provider.nodes().find((n) => n.heading.name === '（一）切实增强责任感'), 'the renumbered item');
      assert.equal(moved.id, id);
      await waitFor(() => tigang.view.treeView.selection[0] === moved, 'the moved item selected');
      await undoOnce(editor);
      assert.equal(doc.getText(), before);
    });

    it('in the 提纲 view, the key moves the selected item’s section', async function () {
      if (!CAN_PRESS_KEYS) this.skip(); // test-electron presses no keys
      const tigang = await api();
      const { editor } = await openFixture(SPEECH);
      const doc = editor.document;
      const before = doc.getText();
      // The cursor elsewhere, and the view following it there first: a follow landing after the reveal below would
      // select the cursor's section instead of the item the key is meant for.
      await vscode.commands.executeCommand('tigang.outline.focus');
      assert.equal((await setCursorAndFollow(editor, 25, 4)).heading.name, '二要强化督查');
      const node = await nodeNamed('（一）准确把握形势');
      await tigang.view.treeView.reveal(node, { select: true, focus: true });
      await waitFor(() => tigang.view.treeView.selection[0] === node, 'the item selected');
      const version = doc.version;
      pressKeys('Alt+Shift+PageDown');
      await waitFor(() => doc.version !== version, 'the key to move the section');
      assert.deepEqual(linesOf(doc, 9, 12), ['（一）切实增强责任感', '　　各级领导干部要扛起责任，以钉钉子精神抓好各项工作。', '（二）准确把握形势', '　　当前外部环境复杂严峻，我们要保持战略定力，既要看到困难，也要看到有利条件。']);
      await waitFor(() => tigang.view.treeView.selection[0]?.heading.name === '（二）准确把握形势', 'the view to select the moved section');
      await undoOnce(editor);
      assert.equal(doc.getText(), before);
    });

    it('a refused operation says why (the server’s message) and changes nothing', async () => {
      const { editor } = await openFixture(SPEECH);
      const doc = editor.document;
      const version = doc.version;
      setCursor(editor, 7, 0); // 一、, the first section of its level
      const up = await vscode.commands.executeCommand<StructureOutcome>('tigang.moveSectionUp');
      assert.deepEqual(up, { applied: false, message: 'This is the first section of its level; it cannot move up.', reason: 'firstSibling' });
      setCursor(editor, 24, 4); // 一要压实责任: a run-in point
      const demote = await vscode.commands.executeCommand<StructureOutcome>('tigang.demoteSection');
      assert.equal(demote.reason, 'runInPoint');
      assert.match(demote.message ?? '', /Run-in points/);
      assert.equal(doc.version, version, 'nothing changed');
      assert.equal(doc.isDirty, false);
    });

    it('Demote makes 二、 the last subsection of 一、 with its own subsections a level deeper; Promote gives the text back', async () => {
      const { editor } = await openFixture(SPEECH);
      const doc = editor.document;
      const before = doc.getText();
      setCursor(editor, 14, 0);
      assert.equal((await vscode.commands.executeCommand<StructureOutcome>('tigang.demoteSection')).applied, true);
      assert.deepEqual(linesOf(doc, 14, 18), ['（三）突出工作重点，推动高质量发展', '1.发展冷链物流', '（1）完善冷链基础设施', '　　新建冷库十座，改造冷藏车五百辆。', '（2）培育冷链龙头企业']);
      assert.equal(doc.lineAt(23).text, '二、加强组织领导，狠抓工作落实', 'the list after it renumbered');
      assert.equal(editor.selection.active.line, 14, 'the cursor stays on the section');
      assert.equal((await vscode.commands.executeCommand<StructureOutcome>('tigang.promoteSection')).applied, true);
      assert.equal(doc.getText(), before);
    });

    it('Insert Heading After writes the next number and puts the cursor where the title is typed; Insert Subheading under 一、', async () => {
      const { editor } = await openFixture(SPEECH);
      const doc = editor.document;
      const before = doc.getText();
      setCursor(editor, 10, 5); // in （一）准确把握形势's body
      assert.equal((await vscode.commands.executeCommand<StructureOutcome>('tigang.insertHeadingAfter')).applied, true);
      assert.deepEqual(linesOf(doc, 11, 12), ['（二）', '（三）切实增强责任感']);
      assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [11, 3]);
      await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn });
      await vscode.commands.executeCommand('type', { text: '加强学习' });
      assert.equal(doc.lineAt(11).text, '（二）加强学习');
      await revertAll();
      assert.equal(doc.getText(), before);

      setCursor(editor, 7, 0);
      assert.equal((await vscode.commands.executeCommand<StructureOutcome>('tigang.insertSubheading')).applied, true);
      assert.deepEqual(linesOf(doc, 12, 14), ['　　各级领导干部要扛起责任，以钉钉子精神抓好各项工作。', '（三）', '']);
      assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [13, 3]);
      await undoOnce(editor);
      assert.equal(doc.getText(), before, 'one undo takes the new heading away');
    });

    it('Delete Section from the view removes the section and what it holds, says what went, and one undo brings it back', async () => {
      const { editor } = await openFixture(SPEECH);
      const doc = editor.document;
      const before = doc.getText();
      const node = await nodeNamed('（一）发展冷链物流');
      const outcome = await vscode.commands.executeCommand<StructureOutcome>('tigang.deleteSection', node);
      assert.equal(outcome.applied, true);
      assert.deepEqual(linesOf(doc, 14, 17), ['二、突出工作重点，推动高质量发展', '（一）优化营商环境', '　　持续深化“放管服”改革，让企业办事更便利。', '']);
      assert.ok(!doc.getText().includes('冷链'));
      await undoOnce(editor);
      assert.equal(doc.getText(), before);
    });

    it('Select Section selects the heading line through the end of its last line; Copy Section Text puts exactly that on the clipboard', async () => {
      const { editor } = await openFixture(SPEECH);
      const doc = editor.document;
      setCursor(editor, 17, 2); // in 1.完善冷链基础设施
      const range = await vscode.commands.executeCommand<vscode.Range>('tigang.selectSection');
      assert.deepEqual([editor.selection.start.line, editor.selection.start.character, editor.selection.end.line, editor.selection.end.character], [16, 0, 17, doc.lineAt(17).text.length]);
      assert.ok(range.isEqual(editor.selection));
      // From the view: the item's section, with its subsections, wherever the cursor is.
      await vscode.env.clipboard.writeText('');
      const copied = await vscode.commands.executeCommand<string>('tigang.copySectionText', await nodeNamed('二、突出工作重点，推动高质量发展'));
      assert.equal(copied, linesOf(doc, 14, 21).join('\n'));
      assert.equal(await vscode.env.clipboard.readText(), copied);
      assert.equal(doc.isDirty, false);
    });

    it('drag and drop in the 提纲 view: 三、 dropped on 一、 becomes 二、 after it, selected; dropped into itself, nothing moves', async () => {
      const tigang = await api();
      const { editor } = await openFixture(SPEECH);
      const doc = editor.document;
      const before = doc.getText();
      const dnd = tigang.view.dragAndDrop;
      assert.deepEqual([...dnd.dragMimeTypes], ['application/vnd.code.tree.tigang.outline']);
      const version = doc.version;
      let id: string;
      if (CAN_PRESS_KEYS) {
        // With the mouse, as a user drags it, so that VS Code's own drag and drop calls our controller; both rows on
        // screen: the view focused and showing the top level only, through its level control (显示 1 级), which gives
        // every item a new id, collapsed, that VS Code takes as it is. (Collapse All would act on the rows drawn and
        // tell us by events, which the extension host drops for rows a refresh in flight has not fetched again.)
        setCursor(editor, 7, 0); // on 一、's heading, which the folding to level 1 leaves in sight
        assert.equal(await vscode.commands.executeCommand('tigang.showLevel1'), 1);
        await vscode.commands.executeCommand('tigang.unfoldAll'); // the editor's folds only: the view stays at the top level
        await vscode.commands.executeCommand('tigang.outline.focus');
        // The follow's reveal waits until the view has drawn that refresh: the rows the mouse looks for are the new ones.
        await setCursorAndFollow(editor, 7, 0);
        assert.deepEqual(tigang.view.provider.roots.filter((n) => n.expanded).map((n) => n.heading.name), [], 'the top level only');
        id = (await nodeNamed('三、加强组织领导，狠抓工作落实')).id;
        dragInView('tigang.outline', '三、加强组织领导', '一、提高政治站位', 'structure-drag');
      } else {
        const source = await nodeNamed('三、加强组织领导，狠抓工作落实');
        id = source.id;
        const transfer = new vscode.DataTransfer();
        await dnd.handleDrag([source], transfer, new vscode.CancellationTokenSource().token);
        await dnd.handleDrop(await nodeNamed('一、提高政治站位，统一思想认识'), transfer, new vscode.CancellationTokenSource().token);
      }
      await waitFor(() => doc.version !== version, 'the drop to move the section');
      assert.equal(doc.lineAt(14).text, '二、加强组织领导，狠抓工作落实');
      assert.equal(doc.lineAt(21).text, '三、突出工作重点，推动高质量发展');
      const selected = () => tigang.view.treeView.selection[0];
      const moved = await waitFor(() => (selected()?.heading.name === '二、加强组织领导，狠抓工作落实' ? selected() : undefined), () => `the view to select the moved section (it selects ${selected()?.heading.name})`);
      assert.equal(moved.id, id, 'the same item, so its expansion state stays');
      if (CAN_PRESS_KEYS) {
        // The picture once the editor has the heading colours of the moved text: until they come, VS Code shows the
        // old colours shifted by the edit (二、 coloured, its title and points not).
        await waitFor(() => tigang.requests.semanticTokensVersion.get(doc.uri.toString()) === doc.version, 'the heading colours of the moved text');
        await delay(300); // let the editor paint them
        await screenshot('structure-dropped');
      }
      await undoOnce(editor);
      assert.equal(doc.getText(), before);

      // 二、 onto its own （一）, through the controller with a real DataTransfer: the server refuses; nothing changes.
      const own = new vscode.DataTransfer();
      await dnd.handleDrag([await nodeNamed('二、突出工作重点，推动高质量发展')], own, new vscode.CancellationTokenSource().token);
      assert.ok(own.get('application/vnd.code.tree.tigang.outline'), 'the drag carries our mime type');
      const refused = await tigang.structure.moveTo(doc.uri.toString(), doc.version, 14, 15);
      assert.deepEqual(refused, { applied: false, message: 'A section cannot move into itself.', reason: 'intoItself' });
      const unchanged = doc.version;
      await dnd.handleDrop(await nodeNamed('（一）发展冷链物流'), own, new vscode.CancellationTokenSource().token);
      assert.equal(doc.version, unchanged);
      assert.equal(doc.getText(), before);
    });

    it('a CRLF document keeps its line breaks through a move, and one undo restores it', async () => {
      const { editor } = await openFixture('纪要-crlf.txt');
      const doc = editor.document;
      assert.equal(doc.eol, vscode.EndOfLine.CRLF);
      const before = doc.getText();
      setCursor(editor, 2, 0);
      assert.equal((await vscode.commands.executeCommand<StructureOutcome>('tigang.moveSectionDown')).applied, true);
      const text = doc.getText();
      assert.ok(text.startsWith('会议纪要\r\n\r\n一、下一步工作\r\n'), JSON.stringify(text.slice(0, 40)));
      assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'no lone LF');
      assert.equal(text.length, before.length);
      await undoOnce(editor);
      assert.equal(doc.getText(), before);
    });

    it('a law with a 目录: moving 第一章 down renumbers chapters and articles, and the 目录 entries stay entries', async () => {
      const tigang = await api();
      const { editor } = await openFixture('条例.txt');
      const doc = editor.document;
      const before = doc.getText();
      const chapter = doc.getText().split('\n').findIndex((l, i) => i > 6 && l.startsWith('第一章'));
      setCursor(editor, chapter, 0);
      assert.equal((await vscode.commands.executeCommand<StructureOutcome>('tigang.moveSectionDown')).applied, true);
      await waitFor(() => tigang.view.provider.headings?.version === doc.version, 'the view to show the new outline');
      const roots = tigang.view.provider.roots.map((n) => n.heading.name);
      assert.deepEqual(roots, ['目 录', '第一章 文明行为规范', '第二章 总则', '第三章 附则']);
      assert.equal(tigang.view.provider.roots[0].children.length, 0, 'the 目录 holds no chapters');
      assert.equal(doc.lineAt(chapter + 1).text.slice(0, 3), '第一条');
      await undoOnce(editor);
      assert.equal(doc.getText(), before);
    });
  });
}

// The commands: jump (by argument and through the real QuickPick), section
// navigation, folding by level, copying the outline.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HeadingEntry } from '../../../client/src/headings';
import { CAN_PRESS_KEYS, api, closeAll, isAtTop, openFixture, pressKeys, readUi, setCursor, setSetting, waitFor } from './helpers';

function cursorLine(editor: vscode.TextEditor): number {
  return editor.selection.active.line;
}

async function run(command: string, editor: vscode.TextEditor, fromLine: number): Promise<HeadingEntry | undefined> {
  setCursor(editor, fromLine, 1);
  return vscode.commands.executeCommand<HeadingEntry | undefined>(command);
}

/** Lines of the editor that are shown (not inside a folded region), up to a limit. */
function visibleLines(editor: vscode.TextEditor): Set<number> {
  const lines = new Set<number>();
  for (const r of editor.visibleRanges) for (let l = r.start.line; l <= r.end.line; l++) lines.add(l);
  return lines;
}

export function commandTests(): void {
  describe('commands', () => {
    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    });
    after(closeAll);

    describe('tigang.jumpToSection', () => {
      it('jumps by line or by name without UI', async () => {
        const { editor } = await openFixture('讲话稿.txt');
        setCursor(editor, 0);
        const byLine = await vscode.commands.executeCommand<HeadingEntry>('tigang.jumpToSection', { line: 16 });
        assert.equal(byLine?.name, '1.完善冷链基础设施');
        assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [16, 0]);
        const byName = await vscode.commands.executeCommand<HeadingEntry>('tigang.jumpToSection', { name: 'zzzw' });
        assert.equal(byName?.name, '一、提高政治站位，统一思想认识');
        assert.equal(cursorLine(editor), 7);
        await waitFor(() => isAtTop(editor, 7), 'the section at the top');
      });

      it('lists every section indented by depth, filters by Chinese, full pinyin and initials', async () => {
        const tigang = await api();
        const { editor, headings } = await openFixture('讲话稿.txt');
        setCursor(editor, 17);
        const done = vscode.commands.executeCommand<HeadingEntry | undefined>('tigang.jumpToSection');
        const picker = await waitFor(() => tigang.jump.current, 'the QuickPick');
        const qp = picker.quickPick;
        assert.equal(qp.items.length, headings.all.length);
        assert.equal(qp.items[0].label, '一、提高政治站位，统一思想认识');
        assert.equal(qp.items[1].label, '\u2003\u2003（一）准确把握形势');
        assert.equal(qp.items[5].label, '\u2003\u2003\u2003\u20031.完善冷链基础设施');
        assert.match(qp.items[0].description ?? '', /^line 8 · \d+ chars · /);
        assert.equal(qp.activeItems[0]?.heading?.name, '1.完善冷链基础设施', 'the current section is active');
        const names = () => qp.items.flatMap((i) => (i.heading !== undefined ? [i.heading.name] : []));
        for (const [query, expected] of [
          ['zzzw', ['一、提高政治站位，统一思想认识']],
          ['zhengzhizhanwei', ['一、提高政治站位，统一思想认识']],
          ['lenglian', ['（一）发展冷链物流', '1.完善冷链基础设施', '2.培育冷链龙头企业']],
          ['ll', ['（一）发展冷链物流', '1.完善冷链基础设施', '2.培育冷链龙头企业']],
          ['冷链', ['（一）发展冷链物流', '1.完善冷链基础设施', '2.培育冷链龙头企业']],
          ['yhys', ['（二）优化营商环境']],
          ['yao', ['一要压实责任', '二要强化督查', '三要严肃问责']],
          ['xyz', []],
        ] as const) {
          qp.value = query;
          // Setting value from the API fires no onDidChangeValue: the workbench echoes it. Wait for our filter.
          await waitFor(() => JSON.stringify(names()) === JSON.stringify(expected) || undefined, `items for ${query}: ${JSON.stringify(names())}`, 3000);
        }
        qp.hide();
        assert.equal(await done, undefined);
      });

      it('a filtered list shows under which headings each result is, the whole list by indentation', async () => {
        const tigang = await api();
        await openFixture('讲话稿.txt');
        const done = vscode.commands.executeCommand<HeadingEntry | undefined>('tigang.jumpToSection', { query: 'lenglian' });
        const picker = await waitFor(() => tigang.jump.current, 'the QuickPick');
        const qp = picker.quickPick;
        await waitFor(() => qp.items.length === 3 || undefined, 'three items for lenglian');
        assert.deepEqual(
          qp.items.map((i) => [i.label, i.detail]),
          [
            ['（一）发展冷链物流', '二、突出工作重点，推动高质量发展'],
            ['1.完善冷链基础设施', '二、突出工作重点，推动高质量发展 › （一）发展冷链物流'],
            ['2.培育冷链龙头企业', '二、突出工作重点，推动高质量发展 › （一）发展冷链物流'],
          ],
        );
        assert.match(qp.items[1].description ?? '', /^line 17 · \d+ chars · \d+′\d\d″$/);
        qp.value = '';
        await waitFor(() => qp.items.length > 3 || undefined, 'the whole list again');
        assert.equal(qp.items[5].label, '\u2003\u2003\u2003\u20031.完善冷链基础设施');
        assert.equal(qp.items[5].detail, undefined, 'the whole list shows the tree by indentation');
        qp.hide();
        assert.equal(await done, undefined);
      });

      it('when nothing matches, says so and what can be typed: Chinese, full pinyin or initials', async function () {
        if (!CAN_PRESS_KEYS) this.skip();
        const tigang = await api();
        const { editor } = await openFixture('讲话稿.txt');
        setCursor(editor, 17);
        await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
        pressKeys('Control+Alt+KeyJ');
        const picker = await waitFor(() => tigang.jump.current, 'Jump to Section open');
        for (const key of ['KeyX', 'KeyY', 'KeyZ']) pressKeys(key);
        const qp = picker.quickPick;
        await waitFor(() => qp.value === 'xyz' || undefined, () => `xyz typed (the input is ${JSON.stringify(qp.value)})`);
        const item = await waitFor(() => (qp.items.length === 1 && qp.items[0].heading === undefined ? qp.items[0] : undefined), () => `one item saying nothing matched: ${JSON.stringify(qp.items.map((i) => i.label))}`);
        assert.equal(item.label, '$(info) No heading matches "xyz"');
        assert.equal(item.detail, 'Type part of a heading in Chinese (冷链), its full pinyin (lenglian) or its initials (ll)');
        pressKeys('Enter');
        pressKeys('Escape');
        assert.equal(await picker.done, undefined, 'Enter on the message jumps nowhere');
        assert.equal(cursorLine(editor), 17);
      });

      it('moving through the list previews the section; Esc returns to where the cursor was', async () => {
        const tigang = await api();
        const { editor } = await openFixture('讲话稿.txt');
        setCursor(editor, 5, 2);
        editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
        await waitFor(() => editor.visibleRanges[0]?.start.line === 0, 'the top of the document');
        const done = vscode.commands.executeCommand<HeadingEntry | undefined>('tigang.jumpToSection', { query: 'zeren' });
        const picker = await waitFor(() => tigang.jump.current, 'the QuickPick');
        await waitFor(() => picker.quickPick.items.length === 2 || undefined, 'two items for zeren');
        await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
        const previewed = await waitFor(() => picker.quickPick.activeItems[0]?.heading, 'an active item');
        await waitFor(() => isAtTop(editor, previewed.line), () => `the preview of ${previewed.name} (line ${previewed.line}) at the top: visible ${JSON.stringify(editor.visibleRanges)}, active ${picker.quickPick.activeItems[0]?.heading?.name}`);
        assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [5, 2], 'the cursor stays while previewing');
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        assert.equal(await done, undefined);
        assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [5, 2]);
        await waitFor(() => editor.visibleRanges[0]?.start.line === 0, 'the old scroll position');
      });

      it('Enter jumps to the active section', async () => {
        const tigang = await api();
        const { editor } = await openFixture('讲话稿.txt');
        setCursor(editor, 0);
        const done = vscode.commands.executeCommand<HeadingEntry | undefined>('tigang.jumpToSection', { query: '严肃' });
        const picker = await waitFor(() => tigang.jump.current, 'the QuickPick');
        await waitFor(() => picker.quickPick.items.length === 1 || undefined, 'one item for 严肃');
        await waitFor(() => picker.quickPick.activeItems.length === 1 || undefined, 'an active item');
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        const section = await done;
        assert.equal(section?.name, '三要严肃问责');
        assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [26, 2]);
        await waitFor(() => isAtTop(editor, 26), 'the section at the top');
      });
    });

    describe('section navigation', () => {
      it('next and previous heading, at any depth', async () => {
        const { editor } = await openFixture('讲话稿.txt');
        assert.equal((await run('tigang.nextSection', editor, 0))?.name, '一、提高政治站位，统一思想认识');
        assert.equal(cursorLine(editor), 7);
        assert.equal((await run('tigang.nextSection', editor, 7))?.name, '（一）准确把握形势');
        assert.equal((await run('tigang.nextSection', editor, 12))?.name, '二、突出工作重点，推动高质量发展');
        assert.equal((await run('tigang.nextSection', editor, 17))?.name, '2.培育冷链龙头企业');
        assert.equal(await run('tigang.nextSection', editor, 26), undefined);
        assert.equal(cursorLine(editor), 26, 'the cursor stays when there is nothing below');
        assert.equal((await run('tigang.previousSection', editor, 17))?.name, '1.完善冷链基础设施', 'from the body: its own heading');
        assert.equal((await run('tigang.previousSection', editor, 16))?.name, '（一）发展冷链物流');
        assert.equal((await run('tigang.previousSection', editor, 14))?.name, '（二）切实增强责任感');
        assert.equal(await run('tigang.previousSection', editor, 7), undefined);
      });

      it('next and previous sibling, and the parent', async () => {
        const { editor } = await openFixture('讲话稿.txt');
        assert.equal((await run('tigang.nextSibling', editor, 0))?.name, '一、提高政治站位，统一思想认识', 'before the first heading: the first');
        assert.equal((await run('tigang.nextSibling', editor, 8))?.name, '二、突出工作重点，推动高质量发展', 'from the body of 一、 (before its first child)');
        assert.equal((await run('tigang.nextSibling', editor, 10))?.name, '（二）切实增强责任感');
        assert.equal((await run('tigang.nextSibling', editor, 15))?.name, '（二）优化营商环境', 'skips the children');
        assert.equal(await run('tigang.nextSibling', editor, 21), undefined, 'last child');
        assert.equal((await run('tigang.previousSibling', editor, 25))?.name, '一要压实责任');
        assert.equal((await run('tigang.previousSibling', editor, 23))?.name, '二、突出工作重点，推动高质量发展');
        assert.equal(await run('tigang.previousSibling', editor, 9), undefined, 'first child');
        assert.equal((await run('tigang.gotoParent', editor, 17))?.name, '（一）发展冷链物流');
        assert.equal((await run('tigang.gotoParent', editor, 15))?.name, '二、突出工作重点，推动高质量发展');
        assert.equal((await run('tigang.gotoParent', editor, 28))?.name, '三、加强组织领导，狠抓工作落实', 'the closing paragraph belongs to 三要…');
        assert.equal(await run('tigang.gotoParent', editor, 7), undefined, 'top level');
      });
    });

    describe('default keybindings, pressed in the browser', () => {
      before(function () {
        if (!CAN_PRESS_KEYS) this.skip(); // test-electron: nobody to press them
      });

      /** Presses keys in the editor and waits for the cursor to reach a line. */
      async function press(editor: vscode.TextEditor, keys: string, line: number): Promise<void> {
        pressKeys(keys);
        await waitFor(() => cursorLine(editor) === line, () => `${keys} to move the cursor to line ${line} (it is on ${cursorLine(editor)})`, 5000);
      }

      it('Ctrl+Alt+] [ move between headings, Ctrl+Alt+U to the parent, Ctrl+Shift+Alt+] to the next sibling', async () => {
        const { editor } = await openFixture('讲话稿.txt');
        await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
        setCursor(editor, 16); // 1.完善冷链基础设施
        await press(editor, 'Control+Alt+BracketRight', 18); // 2.培育冷链龙头企业
        await press(editor, 'Control+Alt+BracketLeft', 16);
        await press(editor, 'Control+Alt+KeyU', 15); // （一）发展冷链物流
        await press(editor, 'Control+Shift+Alt+BracketRight', 20); // （二）优化营商环境
        await press(editor, 'Control+Shift+Alt+BracketLeft', 15);
      });

      it('Ctrl+Alt+J opens Jump to Section and Ctrl+Shift+Alt+J Search Sections in Workspace', async () => {
        const tigang = await api();
        const { editor } = await openFixture('讲话稿.txt');
        await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
        setCursor(editor, 3);
        pressKeys('Control+Alt+KeyJ');
        await waitFor(() => tigang.jump.current, 'Jump to Section to open on Ctrl+Alt+J', 5000);
        pressKeys('Escape');
        await waitFor(() => tigang.jump.current === undefined, 'Esc to close it', 5000);
        assert.equal(cursorLine(editor), 3, 'Esc leaves the cursor where it was');
        await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
        pressKeys('Control+Shift+Alt+KeyJ');
        const search = await waitFor(() => tigang.search.current, 'Search Sections to open on Ctrl+Shift+Alt+J', 5000);
        pressKeys('Escape');
        assert.equal(await search.done, undefined, 'Esc opens nothing');
        assert.equal(vscode.window.activeTextEditor?.document, editor.document, 'Esc returns to the document');
        assert.equal(cursorLine(editor), 3);
      });

      it('the same keys work after a click in the 提纲 view, while it has the focus', async () => {
        const tigang = await api();
        const { editor } = await openFixture('讲话稿.txt');
        await vscode.commands.executeCommand('tigang.outline.focus');
        await waitFor(() => tigang.view.treeView.visible, 'the 提纲 view');
        await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
        // The view follows the cursor to the row (revealed, its parents expanded), then the cursor leaves for the text above the headings.
        setCursor(editor, 16);
        await waitFor(() => tigang.view.treeView.selection[0]?.heading.name === '1.完善冷链基础设施', 'the row of 1.完善冷链基础设施 shown in the view');
        setCursor(editor, 3);
        await waitFor(() => tigang.view.treeView.selection.length === 0, 'the view to select nothing above the first heading');
        await waitFor(async () => (await readUi('focus')) === 'editor', 'the focus back in the editor');
        // As a user does: a click on the section's row, which shows the section and keeps the focus in the view.
        await readUi('clickRow', '1.完善冷链基础设施');
        await waitFor(() => cursorLine(editor) === 16, 'the click to show 1.完善冷链基础设施');
        assert.equal(await readUi('focus'), 'view', 'the click leaves the focus in the view');
        await press(editor, 'Control+Alt+BracketRight', 18); // 2.培育冷链龙头企业
        await press(editor, 'Control+Alt+BracketLeft', 16); // back to 1.完善冷链基础设施
        await press(editor, 'Control+Shift+Alt+BracketRight', 18); // its next sibling, 2.培育冷链龙头企业
        await press(editor, 'Control+Alt+KeyU', 15); // （一）发展冷链物流
        assert.equal(await readUi('focus'), 'view', 'moving between sections leaves the focus in the view');
        pressKeys('Control+Alt+KeyJ');
        const picker = await waitFor(() => tigang.jump.current, 'Jump to Section to open on Ctrl+Alt+J from the view', 5000);
        pressKeys('Escape');
        assert.equal(await picker.done, undefined);
        assert.equal(cursorLine(editor), 15);
      });
    });

    describe('folding', () => {
      it('foldToLevel 1 shows only the top-level headings; unfoldAll shows everything', async () => {
        const { editor } = await openFixture('讲话稿.txt');
        await waitFor(
          () => vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', editor.document.uri).then((r) => (r?.length ?? 0) > 0),
          'folding ranges',
        );
        setCursor(editor, 0);
        editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
        const level = await vscode.commands.executeCommand<number>('tigang.foldToLevel', { level: 1 });
        assert.equal(level, 1);
        await waitFor(() => {
          const shown = visibleLines(editor);
          return [7, 14, 23].every((l) => shown.has(l)) && ![8, 9, 15, 16, 24, 28].some((l) => shown.has(l));
        }, 'only the level-1 headings visible');

        await vscode.commands.executeCommand('tigang.foldToLevel', 2);
        await waitFor(() => {
          const shown = visibleLines(editor);
          return [7, 9, 11, 14, 15, 20, 23, 24, 25, 26].every((l) => shown.has(l)) && ![10, 16, 17, 21, 27, 28].some((l) => shown.has(l));
        }, 'levels 1 and 2 visible');

        await vscode.commands.executeCommand('tigang.unfoldAll');
        await waitFor(() => visibleLines(editor).size === editor.document.lineCount, 'every line visible');
      });
    });

    describe('tigang.copyOutline', () => {
      after(() => setSetting('tigang.outlineFormat', undefined));

      it('copies the outline as indented text at once', async () => {
        await openFixture('讲话稿.txt');
        await vscode.env.clipboard.writeText('');
        const text = await vscode.commands.executeCommand<string>('tigang.copyOutline');
        const expected = [
          '一、提高政治站位，统一思想认识',
          '  （一）准确把握形势',
          '  （二）切实增强责任感',
          '二、突出工作重点，推动高质量发展',
          '  （一）发展冷链物流',
          '    1.完善冷链基础设施',
          '    2.培育冷链龙头企业',
          '  （二）优化营商环境',
          '三、加强组织领导，狠抓工作落实',
          '  一要压实责任',
          '  二要强化督查',
          '  三要严肃问责',
          '',
        ].join('\n');
        assert.equal(text, expected);
        assert.equal(await vscode.env.clipboard.readText(), expected);
      });

      it('or as a Markdown list, with the document\'s line endings', async () => {
        await setSetting('tigang.outlineFormat', 'markdown');
        await openFixture('纪要-crlf.txt');
        const text = await vscode.commands.executeCommand<string>('tigang.copyOutline');
        assert.equal(text, '- 一、会议议定事项\r\n- 二、下一步工作\r\n');
        assert.equal(await vscode.env.clipboard.readText(), text);
        await openFixture('讲话稿.txt');
        const md = await vscode.commands.executeCommand<string>('tigang.copyOutline');
        assert.ok(md.includes('\n    - 1\\.完善冷链基础设施\n'), md);
      });
    });
  });
}

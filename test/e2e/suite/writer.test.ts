// The writer's view in a real VS Code: the status bar's length and section,
// a time limit set and shown as over (status bar, 提纲 view, the workspace
// file), Focus on Section and back, the view's level control, Copy Outline as
// a table, and the server's semantic tokens and inlay hints reaching the
// editor. Screenshots of each for the README when the runner takes them.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HeadingEntry } from '../../../client/src/headings';
import { LIMITS_FILE } from '../../../client/src/timeLimits';
import { api, closeAll, delay, durationsIn, fixture, lineOf, openFixture, otherDurationForms, primes, screenshot, setCursor, setSetting, showAndWait, tooltipText, waitFor } from './helpers';

/** Non-whitespace code points, counted here independently of the client's textCount.ts. */
function characters(text: string): number {
  return Array.from(text).filter((ch) => !/^[\s\u3000\uFEFF]$/u.test(ch)).length;
}

/** Whether the editor shows the line (not folded away; the fixtures fit on one screen). */
function shows(editor: vscode.TextEditor, line: number): boolean {
  return editor.visibleRanges.some((r) => r.start.line <= line && line <= r.end.line);
}

/** Gives the 提纲 view the Explorer's height for a screenshot (the file tree lent to the Search container); the function returned puts it back. */
async function roomForView(editor: vscode.TextEditor): Promise<() => Promise<void>> {
  await vscode.commands.executeCommand('vscode.moveViews', { viewIds: ['workbench.explorer.fileView'], destinationId: 'workbench.view.search' });
  for (const view of ['outline', 'timeline']) await vscode.commands.executeCommand(`${view}.toggleVisibility`).then(undefined, () => undefined);
  await vscode.commands.executeCommand('workbench.view.explorer');
  await vscode.commands.executeCommand('tigang.outline.focus');
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  return async () => {
    for (const view of ['outline', 'timeline']) await vscode.commands.executeCommand(`${view}.toggleVisibility`).then(undefined, () => undefined);
    await vscode.commands.executeCommand('vscode.moveViews', { viewIds: ['workbench.explorer.fileView'], destinationId: 'workbench.view.explorer' }).then(undefined, () => undefined);
  };
}

async function removeLimitsFile(): Promise<void> {
  await vscode.workspace.fs.delete(fixture(LIMITS_FILE)).then(undefined, () => undefined);
}

/**
 * The section as the status bar and the 提纲 view show it, with the cursor on its heading: the durations of the status
 * bar's text and tooltip, and of the view's description and tooltip, are `expected` (the speaking time, then a limit's),
 * and none of them writes a duration another way. Then a selection of the whole section: the status bar's length says
 * the same speaking time. Returns the screen reader's words of both.
 */
export async function sameDurationsInStatusBarAndView(editor: vscode.TextEditor, section: HeadingEntry, expected: string[]): Promise<{ statusBar: string; view: string }> {
  const tigang = await api();
  const same = (texts: string[], want: string[]) => JSON.stringify(texts) === JSON.stringify(want);
  setCursor(editor, section.line, 0);
  const status = await waitFor(() => {
    const item = tigang.statusBar.section;
    return item.text.includes(section.name.slice(0, 6)) && same(durationsIn(item.text), expected) ? item : undefined;
  }, () => `the status bar to show ${expected.join(' / ')} for ${section.name}, not ${tigang.statusBar.section.text}`);
  const node = await waitFor(() => tigang.view.provider.nodes().find((n) => n.heading.line === section.line), 'the section in the 提纲 view');
  const item = await waitFor(() => {
    const it = tigang.view.provider.getTreeItem(node);
    return same(durationsIn(String(it.description)), expected) ? it : undefined;
  }, () => `the 提纲 view to show ${expected.join(' / ')} for ${section.name}, not ${String(tigang.view.provider.getTreeItem(node).description)}`);
  const shown = {
    'the status bar': status.text,
    'the status bar\'s tooltip': tooltipText(status.tooltip),
    'the 提纲 view\'s description': String(item.description),
    'the 提纲 view\'s tooltip': tooltipText(item.tooltip as vscode.MarkdownString),
  };
  for (const [place, text] of Object.entries(shown)) assert.deepEqual(otherDurationForms(text), [], `${place} writes a duration another way: ${text}`);
  assert.deepEqual(durationsIn(shown['the status bar\'s tooltip']), expected, shown['the status bar\'s tooltip']);
  // The view's tooltip tells the speaking time (the limit is in its description only).
  assert.deepEqual(durationsIn(shown['the 提纲 view\'s tooltip']), expected.slice(0, 1), shown['the 提纲 view\'s tooltip']);
  const words = { statusBar: status.accessibilityInformation?.label ?? '', view: item.accessibilityInformation?.label ?? '' };
  for (const label of Object.values(words)) assert.deepEqual(otherDurationForms(label), [], label);
  // The whole section selected: the status bar counts it as the view does, and writes its time so.
  const end = section.endLine;
  editor.selection = new vscode.Selection(section.line, 0, end, editor.document.lineAt(end).text.length);
  await waitFor(() => {
    const text = tigang.statusBar.length.text;
    return same(durationsIn(text), expected.slice(0, 1)) && otherDurationForms(text).length === 0;
  }, () => `the selection's length to say ${expected[0]}, not ${tigang.statusBar.length.text}`);
  setCursor(editor, section.line, 0);
  return words;
}

export function writerTests(): void {
  describe('the writer’s view', function () {
    this.timeout(60_000);
    before(async () => {
      await closeAll();
      await removeLimitsFile();
    });
    after(async () => {
      await vscode.commands.executeCommand('tigang.unfocusSection');
      await setSetting('tigang.inlayHints', undefined);
      await setSetting('tigang.outlineFormat', undefined);
      await removeLimitsFile();
      await closeAll();
    });

    it('the status bar shows the document’s length, a selection’s, and the section under the cursor', async () => {
      const tigang = await api();
      const { editor } = await openFixture('讲话稿.txt');
      const doc = editor.document;
      const total = characters(doc.getText());
      const seconds = Math.round((total / 220) * 60);
      await waitFor(() => tigang.statusBar.length.text === `Total ${total.toLocaleString('en')} chars · ${primes(seconds)}`, () => `the total in the status bar, not ${tigang.statusBar.length.text}`);
      const line = lineOf(doc, '（一）发展冷链物流');
      setCursor(editor, line, 1);
      await waitFor(() => tigang.statusBar.section.text.includes('（一）发展冷链物流'), () => `the section in the status bar, not ${tigang.statusBar.section.text}`);
      const selection = new vscode.Selection(line + 1, 0, line + 4, 3);
      editor.selection = selection;
      const n = characters(doc.getText(selection));
      await waitFor(() => tigang.statusBar.length.text.startsWith(`Selected ${n} chars · `), () => `the selection in the status bar, not ${tigang.statusBar.length.text}`);
      assert.equal(tigang.statusBar.length.command, 'tigang.jumpToSection');
      await delay(500);
      await screenshot('writer-status-bar');
      setCursor(editor, line + 2, 1);
    });

    it('a time limit is kept in the workspace file and shown as over in the status bar and the 提纲 view', async () => {
      const tigang = await api();
      const { editor, headings: outline } = await openFixture('讲话稿.txt');
      const first = outline.all.find((s) => s.name.startsWith('一、'));
      assert.ok(first);
      // 6 seconds for a section of ~100 characters (~27 s to speak): over.
      const set = await vscode.commands.executeCommand<number | undefined>('tigang.setTimeLimit', { line: first.line, minutes: 0.1 });
      assert.equal(set, 0.1);
      const stored = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture(LIMITS_FILE)))) as { files: Record<string, { sections: { path: string[]; minutes: number }[] }> };
      assert.deepEqual(stored.files['讲话稿.txt'].sections.map((s) => [s.path, s.minutes]), [[['#、提高政治站位，统一思想认识'], 0.1]]);
      setCursor(editor, first.line + 1, 0);
      await waitFor(() => / \d+′\d\d″ \/ 0′06″ over$/.test(tigang.statusBar.section.text), () => `the limit in the status bar, not ${tigang.statusBar.section.text}`);
      assert.ok(tigang.statusBar.section.backgroundColor instanceof vscode.ThemeColor);
      assert.match(tigang.statusBar.section.accessibilityInformation?.label ?? '', /over the limit of 0′06″ by \d+′\d\d″$/);
      const node = await waitFor(() => tigang.view.provider.nodes().find((x) => x.heading.line === first.line), 'the node');
      // The view shows the limit once it has the document's headings again (they follow the file being read and the cursor's moves).
      const item = await waitFor(() => {
        const it = tigang.view.provider.getTreeItem(node);
        // The limit takes the place of the speaking time: the time is said once.
        return /^\d+ chars · \d+′\d\d″ \/ 0′06″ over$/.test(String(it.description)) ? it : undefined;
      }, () => `the limit in the view, not ${String(tigang.view.provider.getTreeItem(node).description)}`);
      assert.ok(item.iconPath instanceof vscode.ThemeIcon && item.iconPath.color instanceof vscode.ThemeColor && item.iconPath.color.id === 'tigang.overTime');
      // A subsection without a limit of its own shows its share, by characters.
      const child = tigang.view.provider.nodes().find((x) => x.heading.parent?.line === first.line);
      assert.ok(child);
      assert.match(String(tigang.view.provider.getTreeItem(child).description), /^\d+ chars · \d+′\d\d″ \/ 0′0\d″ \(share\)( over)?$/);
      // The document's limit: the status bar's total compares against it.
      await vscode.commands.executeCommand('tigang.setTimeLimit', { document: true, minutes: 10 });
      editor.selection = new vscode.Selection(first.line + 1, 0, first.line + 1, 0);
      await waitFor(() => tigang.statusBar.length.text.endsWith(' / 10′00″'), () => `the document's limit, not ${tigang.statusBar.length.text}`);
      const restore = await roomForView(editor);
      await waitFor(() => tigang.view.treeView.visible, 'the view');
      await delay(700);
      await screenshot('writer-time-limit');
      await restore();
    });

    it('on save, a renamed heading’s limit follows it into the file, and a deleted section’s leaves it', async () => {
      const tigang = await api();
      const uri = fixture('限时草稿.txt');
      const text = ['一、总体要求', '正文甲。', '二、重点任务', '正文乙。', '三、保障措施', '正文丙。', ''].join('\n');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      try {
        const doc = await vscode.workspace.openTextDocument(uri);
        const { editor } = await showAndWait(doc);
        await vscode.commands.executeCommand('tigang.setTimeLimit', { line: lineOf(doc, '二、'), minutes: 3 });
        await vscode.commands.executeCommand('tigang.setTimeLimit', { line: lineOf(doc, '三、'), minutes: 2 });
        const stored = async () => {
          const file = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture(LIMITS_FILE)))) as { files: Record<string, { sections: { path: string[]; minutes: number }[] }> };
          return JSON.stringify(file.files['限时草稿.txt']?.sections.map((s) => [s.path.join('/'), s.minutes]));
        };
        assert.equal(await stored(), JSON.stringify([['#、重点任务', 3], ['#、保障措施', 2]]));
        // Rename 重点任务 → 主要任务 and save.
        const two = lineOf(doc, '二、');
        await editor.edit((e) => e.replace(new vscode.Range(two, 2, two, doc.lineAt(two).text.length), '主要任务'));
        await doc.save();
        let last = '';
        await waitFor(async () => (last = await stored()) === JSON.stringify([['#、主要任务', 3], ['#、保障措施', 2]]), () => `the renamed path, not ${last}`);
        // Delete 三、保障措施 with its text and save: its limit leaves.
        const three = lineOf(doc, '三、');
        await editor.edit((e) => e.delete(new vscode.Range(three, 0, three + 2, 0)));
        await doc.save();
        await waitFor(async () => (last = await stored()) === JSON.stringify([['#、主要任务', 3]]), () => `the deleted section's limit gone, not ${last}`);
        setCursor(editor, lineOf(doc, '二、') + 1);
        await waitFor(() => tigang.statusBar.section.text.includes(' / 3′00″'), () => `the limit in the status bar, not ${tigang.statusBar.section.text}`);
      } finally {
        await closeAll();
        await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      }
    });

    it('Focus on Section folds every other section; Unfocus unfolds them and leaves the user’s own folds', async () => {
      const tigang = await api();
      await vscode.commands.executeCommand('tigang.unfoldAll');
      const { editor, headings: outline } = await openFixture('讲话稿.txt');
      await vscode.commands.executeCommand('tigang.unfoldAll');
      const doc = editor.document;
      const one = lineOf(doc, '一、');
      const two = lineOf(doc, '二、');
      const three = lineOf(doc, '三、');
      const target = lineOf(doc, '（二）优化营商环境');
      const sibling = lineOf(doc, '（一）发展冷链物流');
      // The user folded 三、 before focusing.
      await vscode.commands.executeCommand('editor.fold', { levels: 1, direction: 'down', selectionLines: [three] });
      await waitFor(() => !shows(editor, three + 1) || undefined, 'the user’s fold of 三、');
      setCursor(editor, target + 1, 2);
      const name = await vscode.commands.executeCommand<string>('tigang.focusSection');
      assert.equal(name, '（二）优化营商环境');
      await waitFor(() => !shows(editor, one + 1) || undefined, 'section 一 folded');
      assert.ok(shows(editor, one) && shows(editor, two) && shows(editor, sibling) && shows(editor, target) && shows(editor, target + 1), 'the headings above and the section shown');
      assert.ok(!shows(editor, sibling + 1), 'the sibling folded');
      assert.deepEqual(tigang.focus.current?.folded, [one, sibling], 'focus folded 一 and （一）, not 三 (folded already)');
      const restore = await roomForView(editor);
      await delay(700);
      await screenshot('writer-focus');
      await restore();
      assert.equal(await vscode.commands.executeCommand('tigang.unfocusSection'), true);
      await waitFor(() => (shows(editor, one + 1) && shows(editor, sibling + 1)) || undefined, 'the sections unfolded again');
      assert.ok(!shows(editor, three + 1), '三、 stays folded as the user left it');
      assert.equal(tigang.focus.current, undefined);
      assert.ok(outline.all.length > 0);
      await vscode.commands.executeCommand('tigang.unfoldAll');
    });

    it('the level control folds the editor and collapses the 提纲 view together', async () => {
      const tigang = await api();
      const { editor } = await openFixture('讲话稿.txt');
      const doc = editor.document;
      await vscode.commands.executeCommand('tigang.outline.expandAll');
      const state = () => tigang.view.provider.nodes().map((n) => [n.heading.depth, tigang.view.provider.getTreeItem(n).collapsibleState]);
      const C = vscode.TreeItemCollapsibleState;
      assert.equal(await vscode.commands.executeCommand('tigang.showLevel1'), 1);
      await waitFor(() => !shows(editor, lineOf(doc, '一、') + 1) || undefined, 'the editor folded to level 1');
      assert.ok(state().every(([, s]) => s !== C.Expanded), `every node collapsed: ${JSON.stringify(state())}`);
      assert.equal(await vscode.commands.executeCommand('tigang.showLevel2'), 2);
      const sub = lineOf(doc, '（一）发展冷链物流');
      await waitFor(() => (shows(editor, sub) && !shows(editor, sub + 1)) || undefined, 'the editor folded to level 2');
      for (const [depth, s] of state()) assert.ok(depth === 0 ? s === C.Expanded : s !== C.Expanded, `level 1 expanded, level 2 collapsed: ${JSON.stringify(state())}`);
      const restore = await roomForView(editor);
      await waitFor(() => tigang.view.treeView.visible, 'the view');
      await delay(700);
      await screenshot('writer-levels');
      await restore();
      await vscode.commands.executeCommand('tigang.unfoldAll');
    });

    it('the 提纲 view filters by pinyin initials, and shows the whole tree again when cleared', async () => {
      const tigang = await api();
      const { editor } = await openFixture('讲话稿.txt');
      const roots = tigang.view.provider.getChildren().length;
      assert.equal(roots, 3);
      // 提高政治站位 and 突出工作重点: tgzzzw, tcgzzd — zz is in both, zzzw in one.
      assert.equal(await vscode.commands.executeCommand('tigang.outline.filter', 'zzzw'), 1);
      assert.deepEqual(tigang.view.provider.getChildren().map((n) => n.heading.name), ['一、提高政治站位，统一思想认识']);
      assert.match(tigang.view.treeView.message ?? '', /zzzw/);
      const shown = await vscode.commands.executeCommand<number>('tigang.outline.filter', 'lenglian');
      const names = tigang.view.provider.nodes().filter((n) => tigang.view.provider.getChildren(n.parent).includes(n)).map((n) => n.heading.name);
      assert.ok(names.includes('（一）发展冷链物流') && names.includes('二、突出工作重点，推动高质量发展'), `a match and its parent: ${names.join(', ')}`);
      assert.ok(!names.includes('一、提高政治站位，统一思想认识'));
      assert.equal(shown, names.length);
      const restore = await roomForView(editor);
      await delay(700);
      await screenshot('writer-filter');
      await restore();
      assert.equal(await vscode.commands.executeCommand('tigang.outline.clearFilter'), undefined);
      assert.equal(tigang.view.provider.getChildren().length, roots);
      assert.equal(tigang.view.treeView.message, undefined);
    });

    it('Copy Outline as a table lists level, heading, characters, time and limit', async () => {
      await setSetting('tigang.outlineFormat', 'table');
      const { headings: outline } = await openFixture('讲话稿.txt');
      const first = outline.all.find((s) => s.name.startsWith('一、'))!;
      assert.equal(await vscode.commands.executeCommand('tigang.setTimeLimit', { line: first.line, minutes: 0.1 }), 0.1); // its own limit, whatever ran before
      const text = await vscode.commands.executeCommand<string>('tigang.copyOutline');
      const rows = text.trimEnd().split('\n');
      assert.equal(rows[0], '| Level | Heading | Chars | Duration | Limit |');
      assert.equal(rows.length, 2 + outline.all.length);
      assert.equal(rows[2 + first.index], `| 1 | ${first.name} | ${first.characters} | ${primes(Math.round((first.characters / 220) * 60))} | 0′06″ |`);
    });

    it('the status bar and the 提纲 view write a section’s speaking time the same way, with a limit and without', async () => {
      await removeLimitsFile();
      const { editor, headings } = await openFixture('讲话稿.txt');
      const first = headings.all.find((s) => s.name.startsWith('一、'));
      assert.ok(first);
      const spoken = Math.round((first.characters / 220) * 60);
      await sameDurationsInStatusBarAndView(editor, first, [primes(spoken)]);
      // 6 seconds: over, by the same time in both.
      assert.equal(await vscode.commands.executeCommand('tigang.setTimeLimit', { line: first.line, minutes: 0.1 }), 0.1);
      try {
        const words = await sameDurationsInStatusBarAndView(editor, first, [primes(spoken), '0′06″']);
        const over = `over the limit of 0′06″ by ${primes(spoken - 6)}`;
        assert.ok(words.statusBar.endsWith(over), words.statusBar);
        assert.ok(words.view.endsWith(over), words.view);
      } finally {
        await vscode.commands.executeCommand('tigang.setTimeLimit', { line: first.line, minutes: 0 });
      }
    });

    it('semantic tokens of the headings reach the editor', async () => {
      const { editor } = await openFixture('讲话稿.txt');
      const doc = editor.document;
      const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', doc.uri);
      assert.ok(legend.tokenTypes.includes('heading'));
      const tokens = await waitFor(() => vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', doc.uri), 'semantic tokens');
      const lines = new Map<number, string[]>();
      let line = 0;
      let start = 0;
      for (let i = 0; i < tokens.data.length; i += 5) {
        line += tokens.data[i];
        start = tokens.data[i] === 0 ? start + tokens.data[i + 1] : tokens.data[i + 1];
        const modifiers = legend.tokenModifiers.filter((_, bit) => (tokens.data[i + 4] >> bit) & 1);
        lines.set(line, [...(lines.get(line) ?? []), `${legend.tokenTypes[tokens.data[i + 3]]}.${modifiers.join('.')}`]);
      }
      assert.deepEqual(lines.get(lineOf(doc, '一、')), ['heading.level1.marker', 'heading.level1']);
      assert.deepEqual(lines.get(lineOf(doc, '（一）准确把握形势')), ['heading.level2.marker', 'heading.level2']);
      assert.equal(lines.get(lineOf(doc, '同志们：')), undefined, 'nothing on a line of text');
    });

    it('inlay hints appear at the end of heading lines when tigang.inlayHints is on', async () => {
      const { editor } = await openFixture('讲话稿.txt');
      const doc = editor.document;
      const range = new vscode.Range(0, 0, doc.lineCount, 0);
      const hints = () => vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, range);
      assert.deepEqual(await hints(), [], 'off by default');
      await setSetting('tigang.inlayHints', true);
      const shown = await waitFor(async () => {
        const list = await hints();
        return list.length > 0 ? list : undefined;
      }, 'inlay hints');
      const one = lineOf(doc, '一、');
      const hint = shown.find((h) => h.position.line === one);
      assert.ok(hint, 'a hint on the heading line');
      assert.equal(hint.position.character, doc.lineAt(one).text.length);
      const label = typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join('');
      assert.match(label, /^\d+ chars · \d+′\d\d″$/);
      await setSetting('tigang.inlayHints', undefined);
      await waitFor(async () => (await hints()).length === 0 || undefined, 'no hints once off again');
    });
  });
}

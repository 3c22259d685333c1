// Numbering that checks itself, in VS Code: squiggles and Problems entries
// from the server's pulled diagnostics, a quick fix applied and undone as a
// user does, fix-all on save through editor.codeActionsOnSave, the
// tigang.renumberDocument command, and the 提纲 view's mark on a section whose
// number is wrong. The fixture is a copy of seeds/numbering-slips.txt, which
// has one of each slip. Where the runner reads the page (readUi in helpers.ts),
// the Problems panel, the squiggles, the light bulb and the Ctrl+. menu are
// checked as rendered, driven with real keys and the mouse; the API-level
// tests check the ranges and messages precisely.

import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CAN_PRESS_KEYS, CodeActionMenuRow, EXTENSION_ID, ProblemsRow, api, closeAll, delay, fixture, openFixture, pressKeys, readUi, screenshot, setCursor, setSetting, waitFor } from './helpers';

export const SLIPS_FILE = '序号校对.txt';

/** `line:code` (1-based lines) of every tigang diagnostic, in document order. */
export function codesOf(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => d.source === 'tigang')
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((d) => `${d.range.start.line + 1}:${String(d.code)}`);
}

/** What seeds/numbering-slips.txt gets (test/protocol/diagnostics.test.ts asserts the same list against the server alone). */
export const SLIP_CODES = [
  '3:docnumber.form', '10:toc.mismatch', '13:toc.mismatch', '15:numbering.order', '18:numbering.gbt9704', '22:numbering.form',
  '28:numbering.form', '34:numbering.skipped', '36:numbering.skipped', '41:numbering.repeated', '43:numbering.start', '57:attachment.mismatch', '60:date.form',
];

/** Waits until VS Code holds the document's tigang diagnostics and they satisfy `ok`. */
export async function diagnosticsOf(uri: vscode.Uri, ok: (codes: string[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tigang');
    return ok(codesOf(found)) ? found : undefined;
  }, () => `${what} (now ${codesOf(vscode.languages.getDiagnostics(uri)).join(' ')})`, 15_000);
}

const sameCodes = (expected: readonly string[]) => (codes: string[]) => codes.join(' ') === expected.join(' ');

/** seeds/numbering-slips.txt beside the extension; undefined in the packaged .vsix, which ships no seeds. */
function seedText(): string | undefined {
  const path = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'seeds', 'numbering-slips.txt');
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** The fixture as it is on disk before any test here edits it. */
let original: string | undefined;

/** Puts the fixture back as it was, on disk and in the editor. */
async function restore(doc: vscode.TextDocument): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), original!);
  await vscode.workspace.applyEdit(edit);
  await doc.save();
}

export function numberingTests(): void {
  describe('numbering checks', () => {
    const uri = () => fixture(SLIPS_FILE);
    /** The sample opened with its slips reported, and the preferred quick fix at 四、 with its edit (the API hands back no diagnostics with the actions: only title, kind, edit, isPreferred). */
    async function preferredFixAtFour() {
      const { editor } = await openFixture(SLIPS_FILE);
      const doc = editor.document;
      const before = doc.getText();
      await diagnosticsOf(uri(), sameCodes(SLIP_CODES), 'every slip of the sample');
      const marker = new vscode.Range(35, 0, 35, 2);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri(), marker, vscode.CodeActionKind.QuickFix.value, 10);
      const fix = actions.find((a) => a.isPreferred && a.kind?.value === 'quickfix');
      assert.ok(fix?.edit, `a preferred quick fix with its edit among ${actions.map((a) => a.title).join(' | ')}`);
      return { editor, doc, before, fix: fix as vscode.CodeAction & { edit: vscode.WorkspaceEdit }, marker, actions };
    }
    before(() => {
      original = readFileSync(uri().fsPath, 'utf8');
    });
    after(async () => {
      await setSetting('editor.codeActionsOnSave', undefined);
      await closeAll();
    });

    it('the fixture is our sample', function () {
      const seed = seedText();
      if (seed === undefined) this.skip(); // the packaged .vsix ships no seeds/
      assert.equal(original, seed);
    });

    it('opening the document gives squiggles on the markers, with source tigang, the codes and English messages', async () => {
      const { editor } = await openFixture(SLIPS_FILE);
      const found = await diagnosticsOf(uri(), sameCodes(SLIP_CODES), 'every slip of the sample');
      const at = (line: number) => found.find((d) => d.range.start.line === line - 1)!;
      const skipped = at(36);
      assert.equal(editor.document.getText(skipped.range), '四、');
      assert.equal(skipped.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(skipped.message, 'Numbering is not consecutive: expected 三、');
      assert.equal(skipped.relatedInformation?.[0]?.location.range.start.line, 24, 'compared with 二、重点任务');
      assert.equal(editor.document.getText(at(41).range), '（二）');
      assert.equal(at(41).message, 'Number repeated: expected （三）');
      assert.equal(editor.document.getText(at(22).range), '(三)');
      assert.equal(editor.document.getText(at(34).range), '四是');
      assert.equal(at(3).message, 'Document number not in the standard form: expected 县政发〔2024〕3号');
      assert.equal(at(60).message, 'Date not in the standard form: expected 2024年3月5日');
      // Advice, not a slip: Information.
      assert.equal(at(18).severity, vscode.DiagnosticSeverity.Information);
    });

    it('a quick fix at 四、 applied as VS Code applies it writes 三、, the warning goes, and one undo restores the text', async () => {
      const { editor, doc, before, fix } = await preferredFixAtFour();
      assert.equal(fix.title, 'Renumber this list from 一、');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(doc.lineAt(35).text, '三、保障措施');
      // Only the marker changed.
      assert.equal(doc.getText(), before.replace('\n四、保障措施', '\n三、保障措施'));
      await diagnosticsOf(uri(), (codes) => !codes.includes('36:numbering.skipped'), 'the skipped warning to go');
      await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, preserveFocus: false });
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), before, 'one undo restores the text exactly');
      await diagnosticsOf(uri(), sameCodes(SLIP_CODES), 'the slips back after the undo');
      assert.equal(doc.isDirty, false);
    });

    it('Ctrl+Shift+M shows the Problems panel listing the file with every entry the server reports, as rendered; a click and Enter on an entry put the cursor on its marker', async function () {
      if (!CAN_PRESS_KEYS) this.skip(); // test-electron reads no page
      this.timeout(60_000);
      const { editor } = await openFixture(SLIPS_FILE);
      const found = await diagnosticsOf(uri(), sameCodes(SLIP_CODES), 'every slip of the sample');
      await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      try {
        pressKeys('Control+Shift+KeyM');
        // The file's row, then its entries (level 2), each followed by the item it was compared with (level 3).
        let rows: ProblemsRow[] = [];
        const ofFile = () => {
          const start = rows.findIndex((r) => r.level === 1 && r.resource === SLIPS_FILE);
          if (start < 0) return [];
          const end = rows.findIndex((r, i) => i > start && r.level === 1);
          return rows.slice(start + 1, end < 0 ? undefined : end);
        };
        const entries = () => ofFile().filter((r) => r.level === 2);
        await waitFor(async () => {
          rows = await readUi('problems');
          return entries().length === found.length;
        }, () => `the Problems panel to list ${found.length} entries under ${SLIPS_FILE} (it shows ${JSON.stringify(rows.map((r) => `${r.index}/${r.level} ${r.at} ${r.label.slice(0, 30)}`))})`, 20_000);
        const file = rows.find((r) => r.level === 1 && r.resource === SLIPS_FILE)!;
        assert.equal(file.count, String(found.length), 'the count badge of the file row');
        // Each entry as the user reads it, against what VS Code holds from the server.
        const seen = (r: ProblemsRow) => `${r.at} ${r.severity} ${r.source} ${r.code} ${r.message}`;
        const severity = (d: vscode.Diagnostic) => (d.severity === vscode.DiagnosticSeverity.Warning ? 'warning' : d.severity === vscode.DiagnosticSeverity.Information ? 'info' : 'error');
        const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
        const held = (d: vscode.Diagnostic) => `[Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}] ${severity(d)} ${d.source} ${code(d)} ${d.message}`;
        assert.deepEqual(entries().map(seen).sort(), found.map(held).sort());
        const skipped = entries().find((r) => r.at === '[Ln 36, Col 1]');
        assert.ok(skipped, 'an entry at 四、');
        assert.equal(skipped.message, 'Numbering is not consecutive: expected 三、');
        assert.equal(skipped.code, 'numbering.skipped');
        assert.equal(skipped.severity, 'warning');
        assert.equal(skipped.sign, 'codicon-warning');
        // Under it, what it was compared with: 二、重点任务 on line 25.
        const compared = ofFile()[ofFile().indexOf(skipped) + 1];
        assert.equal(compared?.level, 3, `a related row under the 四、 entry: ${JSON.stringify(compared)}`);
        assert.equal(compared.at, '[Ln 25, Col 1]');
        assert.equal(compared.description, found.find((d) => d.range.start.line === 35)!.relatedInformation![0]!.message);
        assert.equal(entries().find((r) => r.at === '[Ln 18, Col 1]')?.severity, 'info', 'numbering.gbt9704 is advice');

        // A click on the （二） entry: the editor shows the document with its marker selected; the panel keeps the focus.
        const repeated = found.find((d) => d.range.start.line === 40)!;
        const four = found.find((d) => d.range.start.line === 35)!;
        const onMarker = (d: vscode.Diagnostic) => {
          const active = vscode.window.activeTextEditor;
          return active?.document.uri.toString() === uri().toString() && active.selection.isEqual(new vscode.Selection(d.range.start, d.range.end));
        };
        const where = () => `the cursor at ${JSON.stringify(vscode.window.activeTextEditor?.selection)}`;
        setCursor(editor, 0);
        await readUi('clickProblem', 'Number repeated: expected （三）');
        await waitFor(() => onMarker(repeated), () => `the click to select （二） on line 41 (${where()})`);
        assert.equal(await readUi('focus'), 'problems');
        // Arrow keys to the 四、 entry: the panel reveals each entry it moves to (problems.autoReveal).
        rows = await readUi('problems');
        const from = rows.find((r) => r.focused);
        assert.equal(from?.at, '[Ln 41, Col 1]', 'the clicked entry has the focus');
        const to = rows.find((r) => r.level === 2 && r.at === '[Ln 36, Col 1]' && ofFile().includes(r))!;
        for (let i = from.index; i !== to.index; i += Math.sign(to.index - from.index)) pressKeys(to.index > from.index ? 'ArrowDown' : 'ArrowUp');
        await waitFor(async () => (await readUi('problems')).find((r) => r.focused)?.index === to.index, 'the focus on the 四、 entry');
        await waitFor(() => onMarker(four), () => `the 四、 entry revealed (${where()})`);
        // Enter opens it: the cursor back on 四、 (moved away meanwhile), and the keyboard in the editor.
        setCursor(editor, 0);
        pressKeys('Enter');
        await waitFor(() => onMarker(four), () => `Enter to select 四、 on line 36 (${where()})`);
        await waitFor(async () => (await readUi('focus')) === 'editor', 'the keyboard focus in the editor');
        assert.equal(vscode.window.activeTextEditor!.document.getText(vscode.window.activeTextEditor!.selection), '四、');
        // The keys went to the panel, not into the text (the focus answer above came after the Enter was handled).
        assert.equal(editor.document.getText(), original);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closePanel');
        if (editor.document.isDirty) await restore(editor.document);
      }
    });

    it('the editor draws a squiggle under each marker it shows, of its severity: a warning squiggle under 四、', async function () {
      if (!CAN_PRESS_KEYS) this.skip(); // test-electron reads no page
      const { editor } = await openFixture(SLIPS_FILE);
      const found = await diagnosticsOf(uri(), sameCodes(SLIP_CODES), 'every slip of the sample');
      await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
      editor.revealRange(new vscode.Range(35, 0, 35, 0), vscode.TextEditorRevealType.InCenter);
      const kind = (d: vscode.Diagnostic) => (d.severity === vscode.DiagnosticSeverity.Warning ? 'squiggly-warning' : d.severity === vscode.DiagnosticSeverity.Information ? 'squiggly-info' : 'squiggly-error');
      // The markers on lines the editor shows whole (the first visible one may be half under sticky scroll: left out).
      const shown = (line: number) => editor.visibleRanges.some((r) => r.start.line < line && line < r.end.line);
      const expected = () => found.filter((d) => shown(d.range.start.line)).map((d) => `${d.range.start.line + 1} ${kind(d)} ${editor.document.getText(d.range)}`).sort();
      let drawn: string[] = [];
      await waitFor(async () => {
        const squiggles = await readUi('squiggles');
        drawn = squiggles.filter((s) => s.line !== undefined && shown(s.line - 1)).map((s) => `${s.line} ${s.kind} ${s.text}`).sort();
        return shown(35) && drawn.join('\n') === expected().join('\n');
      }, () => `the squiggles drawn on the lines shown (${JSON.stringify(editor.visibleRanges)}) to be the markers': drawn ${JSON.stringify(drawn)}, expected ${JSON.stringify(expected())}`);
      assert.ok(drawn.includes('36 squiggly-warning 四、'), drawn.join(' | '));
      assert.ok(expected().length >= 3, `several markers shown: ${expected().join(' | ')}`);
    });

    it('Ctrl+. on 四、 opens the light bulb menu with Renumber this list from 一、 first; Enter applies exactly that fix, and Ctrl+Z takes it back', async function () {
      if (!CAN_PRESS_KEYS) this.skip(); // test-electron presses no keys
      this.timeout(60_000);
      // What the fix says it does: its title and its edit, from the code action provider.
      const { editor, doc, before, fix, marker, actions } = await preferredFixAtFour();
      let fixed = before;
      const edits = fix.edit.get(uri()).slice().sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
      for (const e of edits) fixed = fixed.slice(0, doc.offsetAt(e.range.start)) + e.newText + fixed.slice(doc.offsetAt(e.range.end));
      assert.equal(fixed, before.replace('\n四、保障措施', '\n三、保障措施'), 'the fix writes 三、 and nothing else');

      await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn, preserveFocus: false });
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      setCursor(editor, 35, 1);
      editor.revealRange(marker, vscode.TextEditorRevealType.InCenter);
      // The light bulb shows by the cursor (on its line, or the empty line above when the marker starts the line).
      const bulb = await waitFor(() => readUi('lightBulb'), 'the light bulb');
      assert.equal(bulb.icon, 'codicon-lightbulb-autofix', 'the light bulb of a preferred fix');
      assert.ok(bulb.line === 35 || bulb.line === 36, `the light bulb by line 36, not on line ${bulb.line}`);
      let menu: CodeActionMenuRow[] = [];
      try {
        pressKeys('Control+Period');
        menu = await waitFor(() => readUi('codeActions'), 'the code action menu');
        // Its Quick Fix group: the provider's quick fixes at 四、, the preferred one first.
        const group = menu.findIndex((r) => r.header && r.label === 'Quick Fix');
        assert.ok(group >= 0, `a Quick Fix group in ${JSON.stringify(menu.map((r) => r.label))}`);
        const next = menu.findIndex((r, i) => i > group && r.header);
        const fixes = menu.slice(group + 1, next < 0 ? undefined : next).map((r) => r.label);
        assert.deepEqual(fixes.slice().sort(), actions.filter((a) => a.kind?.value === 'quickfix').map((a) => a.title).sort());
        assert.equal(fix.title, 'Renumber this list from 一、');
        assert.equal(fixes[0], fix.title, 'the preferred fix comes first');
        const target = menu.findIndex((r) => r.label === fix.title);
        const from = menu.findIndex((r) => r.focused);
        assert.ok(from >= 0, `a focused row in ${JSON.stringify(menu)}`);
        for (let i = from; i !== target; i += Math.sign(target - from)) pressKeys(target > from ? 'ArrowDown' : 'ArrowUp');
        await waitFor(async () => (await readUi('codeActions')).find((r) => r.focused)?.label === fix.title, `the focus on ${fix.title}`);
        pressKeys('Enter');
        await waitFor(() => doc.getText() === fixed, () => `the fix applied (line 36 is ${JSON.stringify(doc.lineAt(35).text)})`);
        menu = [];
      } finally {
        if (menu.length > 0) pressKeys('Escape');
      }
      await diagnosticsOf(uri(), (codes) => !codes.includes('36:numbering.skipped'), 'the skipped warning to go');
      pressKeys('Control+KeyZ');
      await waitFor(() => doc.getText() === before, () => `one Ctrl+Z to restore the text (line 36 is ${JSON.stringify(doc.lineAt(35).text)})`);
      assert.equal(doc.isDirty, false);
      await diagnosticsOf(uri(), sameCodes(SLIP_CODES), 'the slips back after the undo');
    });

    it('the 提纲 view marks a section whose number is wrong, with the message as tooltip, and unmarks it when fixed', async () => {
      const tigang = await api();
      const { editor } = await openFixture(SLIPS_FILE);
      await diagnosticsOf(uri(), sameCodes(SLIP_CODES), 'every slip of the sample');
      const provider = tigang.view.provider;
      const itemAt = (line: number) => {
        const node = provider.nodes().find((n) => n.heading.line === line - 1);
        assert.ok(node, `a node for line ${line}`);
        return provider.getTreeItem(node);
      };
      const icon = (item: vscode.TreeItem) => (item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined);
      const marked = await waitFor(() => (icon(itemAt(36))?.id === 'warning' ? itemAt(36) : undefined), 'the warning icon on 四、保障措施');
      assert.equal((icon(marked)!.color as vscode.ThemeColor).id, 'list.warningForeground');
      const tooltip = (marked.tooltip as vscode.MarkdownString).value;
      assert.ok(tooltip.includes('Numbering is not consecutive: expected 三、'), tooltip);
      assert.ok(tooltip.includes('四、保障措施'), `the heading's own tooltip stays: ${tooltip}`);
      assert.equal(icon(itemAt(41))?.id, 'warning', '（二）队伍保障');
      // No mark where there is no slip, nor for Information-level advice (1、思想到位 is numbering.gbt9704).
      assert.equal(itemAt(25).iconPath, undefined, '二、重点任务');
      assert.equal(itemAt(18).iconPath, undefined, '1、思想到位');

      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri(), new vscode.Range(35, 0, 35, 2), '三、');
      await vscode.workspace.applyEdit(edit);
      await waitFor(() => itemAt(36).iconPath === undefined, 'the mark to go once the number is right');
      await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn });
      await vscode.commands.executeCommand('undo');
      await waitFor(() => icon(itemAt(36))?.id === 'warning', 'the mark back after the undo');
    });

    it('tigang.renumberDocument renumbers every list as one edit, and one undo takes it back', async () => {
      const { editor } = await openFixture(SLIPS_FILE);
      const doc = editor.document;
      const before = doc.getText();
      assert.equal(await vscode.commands.executeCommand('tigang.renumberDocument'), true);
      assert.equal(doc.lineAt(35).text, '三、保障措施');
      assert.equal(doc.lineAt(40).text, '（三）队伍保障');
      assert.equal(doc.lineAt(21).text, '（三）加强督查');
      assert.equal(doc.lineAt(33).text, '三是夜间巡查到位。');
      await diagnosticsOf(uri(), (codes) => !codes.some((c) => /:numbering\.(skipped|repeated|start|form)$/.test(c)), 'no numbering slip left');
      await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn });
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), before, 'one undo restores the text exactly');
    });

    it('tigang.renumberDocument leaves a document whose numbering is right as it is', async () => {
      const { editor } = await openFixture('讲话稿.txt');
      const version = editor.document.version;
      assert.equal(await vscode.commands.executeCommand('tigang.renumberDocument'), false);
      assert.equal(editor.document.version, version);
      assert.equal(editor.document.isDirty, false);
    });

    it('fix-all on save (editor.codeActionsOnSave source.fixAll.tigang) leaves only the slips no fix can mend', async function () {
      this.timeout(60_000);
      const { editor } = await openFixture(SLIPS_FILE);
      const doc = editor.document;
      await diagnosticsOf(uri(), sameCodes(SLIP_CODES), 'every slip of the sample');
      await setSetting('editor.codeActionsOnSave', { 'source.fixAll.tigang': 'explicit' });
      try {
        // A save the user makes (the save command, as Ctrl+S), of a document with a change: a line added at the end.
        assert.ok(await editor.edit((b) => b.insert(doc.lineAt(doc.lineCount - 1).range.end, '\n')));
        assert.ok(doc.isDirty);
        await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn });
        await vscode.commands.executeCommand('workbench.action.files.save');
        await waitFor(() => !doc.isDirty, 'the save');
        const left = await diagnosticsOf(uri(), (codes) => codes.every((c) => /:(numbering\.order|attachment\.mismatch)$/.test(c)), 'only numbering.order and attachment.mismatch left');
        assert.deepEqual(codesOf(left), ['15:numbering.order', '57:attachment.mismatch']);
        assert.equal(readFileSync(uri().fsPath, 'utf8'), doc.getText(), 'the fixed text is what was saved');
        assert.ok(doc.getText().includes('县政发〔2024〕3号') && doc.getText().includes('2024年3月5日'));
      } finally {
        await setSetting('editor.codeActionsOnSave', undefined);
        await restore(doc);
      }
    });

    it('screenshots: the Problems panel and a quick fix menu', async function () {
      if (!process.env.TIGANG_E2E_SCREENSHOT_DIR) this.skip();
      this.timeout(60_000);
      const { editor } = await openFixture(SLIPS_FILE);
      await diagnosticsOf(uri(), sameCodes(SLIP_CODES), 'every slip of the sample');
      await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn });
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      setCursor(editor, 35, 1);
      editor.revealRange(new vscode.Range(20, 0, 20, 0), vscode.TextEditorRevealType.AtTop);
      await delay(1000);
      await screenshot('numbering-problems');
      await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn });
      setCursor(editor, 35, 1);
      await vscode.commands.executeCommand('editor.action.quickFix');
      await delay(1500);
      await screenshot('numbering-quickfix');
      await vscode.commands.executeCommand('hideCodeActionWidget').then(undefined, () => undefined);
      await vscode.commands.executeCommand('workbench.action.closePanel');
    });
  });
}

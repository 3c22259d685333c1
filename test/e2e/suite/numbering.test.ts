// Numbering that checks itself, in VS Code: squiggles and Problems entries
// from the server's pulled diagnostics, a quick fix applied and undone as a
// user does, fix-all on save through editor.codeActionsOnSave, the
// tigang.renumberDocument command, and the 提纲 view's mark on a section whose
// number is wrong. The fixture is a copy of seeds/numbering-slips.txt, which
// has one of each slip.

import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, api, closeAll, delay, fixture, openFixture, screenshot, setCursor, setSetting, waitFor } from './helpers';

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
      const { editor } = await openFixture(SLIPS_FILE);
      const doc = editor.document;
      const before = doc.getText();
      await diagnosticsOf(uri(), sameCodes(SLIP_CODES), 'every slip of the sample');
      const marker = new vscode.Range(35, 0, 35, 2);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri(), marker, vscode.CodeActionKind.QuickFix.value, 10);
      // (The API command hands back no diagnostics with the actions: only title, kind, edit, isPreferred.)
      const fix = actions.find((a) => a.isPreferred && a.kind?.value === 'quickfix');
      assert.ok(fix, `a preferred quick fix among ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(fix.title, 'Renumber this list from 一、');
      assert.ok(fix.edit, 'resolved with its edit');
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

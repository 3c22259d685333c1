// The VS Code side of the numbering checks (server/src/providers/diagnostics.ts
// and codeActions.ts): the tigang.renumberDocument command, which runs the
// server's 重新编号全文 source action, and the 提纲 view's mark on a section
// whose number is wrong, read from the diagnostics VS Code already holds.

import * as vscode from 'vscode';
import { activeEditor, flash } from './editorUtil';
import { escapeMarkdown } from './format';

/** The server's source action (server/src/providers/codeActions.ts RENUMBER_DOCUMENT_KIND). */
export const RENUMBER_DOCUMENT_KIND = vscode.CodeActionKind.Source.append('renumberDocument').append('tigang');
const DIAGNOSTIC_SOURCE = 'tigang';

/**
 * Renumbers every list of the active document and normalises its forms: the
 * server's edit applied as one WorkspaceEdit, so one Ctrl+Z takes it back.
 * Resolves with whether the text changed.
 */
export async function renumberDocument(serves: (doc: vscode.TextDocument) => boolean): Promise<boolean> {
  const editor = activeEditor(serves);
  if (editor === undefined) return false;
  const doc = editor.document;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  // The last argument makes VS Code resolve the (lazily listed) action's edit.
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>('vscode.executeCodeActionProvider', doc.uri, whole, RENUMBER_DOCUMENT_KIND.value, 1);
  const action = actions?.find((a) => a.kind !== undefined && RENUMBER_DOCUMENT_KIND.contains(a.kind));
  const edit = action?.edit;
  if (edit === undefined || edit.size === 0 || edit.entries().every(([, edits]) => edits.length === 0)) {
    flash(vscode.l10n.t('Tigang: the numbering needs no change'));
    return false;
  }
  const version = doc.version;
  const applied = await vscode.workspace.applyEdit(edit);
  return applied && doc.version !== version;
}

/**
 * The numbering warnings VS Code holds for the headings of one document, by
 * line, read once per change of its diagnostics rather than once per item.
 * Information-level advice (numbering.gbt9704) does not mark a section.
 */
export class SectionWarnings {
  private byLine: { uri: string; lines: Map<number, vscode.Diagnostic[]> } | undefined;

  at(uri: vscode.Uri, line: number): readonly vscode.Diagnostic[] {
    const key = uri.toString();
    if (this.byLine?.uri !== key) {
      const lines = new Map<number, vscode.Diagnostic[]>();
      for (const d of vscode.languages.getDiagnostics(uri)) {
        if (d.source !== DIAGNOSTIC_SOURCE || d.severity !== vscode.DiagnosticSeverity.Warning) continue;
        const list = lines.get(d.range.start.line);
        if (list === undefined) lines.set(d.range.start.line, [d]);
        else list.push(d);
      }
      this.byLine = { uri: key, lines };
    }
    return this.byLine.lines.get(line) ?? [];
  }

  /** The diagnostics changed: read them again on the next `at`. */
  invalidate(): void {
    this.byLine = undefined;
  }
}

/** What an item shows of its warnings, to tell whether it must be refreshed. */
export function warningsKey(warnings: readonly vscode.Diagnostic[]): string {
  return warnings.map((w) => w.message).join('\n');
}

/** Marks a 提纲 view item whose heading has warnings: the warning icon, and the messages first in its tooltip. */
export function markWarnings(item: vscode.TreeItem, warnings: readonly vscode.Diagnostic[], tooltip: vscode.MarkdownString): void {
  if (warnings.length === 0) return;
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  const messages = new vscode.MarkdownString();
  messages.supportThemeIcons = true;
  for (const w of warnings) {
    messages.appendMarkdown(`$(warning) ${escapeMarkdown(w.message)}\n\n`);
  }
  messages.appendMarkdown(tooltip.value);
  item.tooltip = messages;
}

/** Fires when the diagnostics of the document `uri()` names change. */
export function onDidChangeWarnings(uri: () => string | undefined, listener: () => void): vscode.Disposable {
  return vscode.languages.onDidChangeDiagnostics((e) => {
    const shown = uri();
    if (shown !== undefined && e.uris.some((u) => u.toString() === shown)) listener();
  });
}

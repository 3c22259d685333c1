// The VS Code side of the numbering checks (server/src/providers/diagnostics.ts
// and codeActions.ts): the tigang.renumberDocument and tigang.renumberArticles
// commands, which run the server's 重新编号全文 and 重新编号条文 source actions,
// and the 提纲 view's mark on a section whose number is wrong, read from the
// diagnostics VS Code already holds.

import * as vscode from 'vscode';
import { activeEditor, flash } from './editorUtil';
import { escapeMarkdown } from './format';
import { OutlineService, trackContextKey } from './outlineService';

/** The server's source actions (server/src/providers/codeActions.ts RENUMBER_DOCUMENT_KIND, RENUMBER_ARTICLES_KIND). */
export const RENUMBER_DOCUMENT_KIND = vscode.CodeActionKind.Source.append('renumberDocument').append('tigang');
export const RENUMBER_ARTICLES_KIND = vscode.CodeActionKind.Source.append('renumberArticles').append('tigang');
const DIAGNOSTIC_SOURCE = 'tigang';

/**
 * Renumbers every list of the active document and normalises its forms: the
 * server's edit applied as one WorkspaceEdit, so one Ctrl+Z takes it back.
 * Resolves with whether the text changed.
 */
export function renumberDocument(serves: (doc: vscode.TextDocument) => boolean): Promise<boolean> {
  return runSourceAction(serves, RENUMBER_DOCUMENT_KIND, () => vscode.l10n.t('Tigang: the numbering needs no change'));
}

/**
 * 重新编号条文: numbers the law's articles on from its first and rewrites
 * every reference to them, in one WorkspaceEdit (one undo step). Resolves
 * with whether the text changed.
 */
export function renumberArticles(serves: (doc: vscode.TextDocument) => boolean): Promise<boolean> {
  return runSourceAction(serves, RENUMBER_ARTICLES_KIND, () => vscode.l10n.t('Tigang: the articles are numbered in order already'));
}

/** Applies the server's source action of `kind` to the active document; says `unchanged` in the status bar when it has nothing to do. */
async function runSourceAction(serves: (doc: vscode.TextDocument) => boolean, kind: vscode.CodeActionKind, unchanged: () => string): Promise<boolean> {
  const editor = activeEditor(serves);
  if (editor === undefined) return false;
  const doc = editor.document;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  // The last argument makes VS Code resolve the (lazily listed) action's edit.
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>('vscode.executeCodeActionProvider', doc.uri, whole, kind.value, 1);
  const action = actions?.find((a) => a.kind !== undefined && kind.contains(a.kind));
  const edit = action?.edit;
  if (edit === undefined || edit.size === 0 || edit.entries().every(([, edits]) => edits.length === 0)) {
    flash(unchanged());
    return false;
  }
  const version = doc.version;
  const applied = await vscode.workspace.applyEdit(edit);
  return applied && doc.version !== version;
}

/**
 * Keeps the context key tigang.hasArticles (the active document has law
 * articles), which shows 重新编号条文 in the editor's context menu and the
 * command palette for laws only.
 */
export function trackArticles(outlines: OutlineService): vscode.Disposable {
  return trackContextKey(outlines, 'tigang.hasArticles', (headings) => (headings?.articles ?? 0) > 0);
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

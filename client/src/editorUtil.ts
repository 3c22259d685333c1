// Moving the cursor to a heading, putting editors back after a picker's
// previews, and short status messages.

import * as vscode from 'vscode';

/** Where a heading is: its line and the column of its marker. */
export interface HeadingPlace {
  readonly line: number;
  readonly start: number;
}

/** Puts the cursor at the start of the heading and scrolls its section to the top of the editor. */
export function revealHeading(editor: vscode.TextEditor, heading: HeadingPlace): void {
  const line = Math.min(heading.line, editor.document.lineCount - 1);
  const position = new vscode.Position(line, heading.start);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
}

/** Scrolls the heading's section to the top and highlights its line, without moving the cursor (QuickPick preview). */
export function previewHeading(editor: vscode.TextEditor, heading: Pick<HeadingPlace, 'line'>): void {
  const line = Math.min(heading.line, editor.document.lineCount - 1);
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  editor.setDecorations(previewDecoration, [new vscode.Range(line, 0, line, 0)]);
}

/** Remembers the cursor and the scroll position; the function returned puts them back (Esc in a QuickPick, a reopened document). */
export function rememberView(editor: vscode.TextEditor): (editor: vscode.TextEditor) => void {
  const selections = editor.selections;
  const top = editor.visibleRanges[0]?.start.line ?? 0;
  return (target) => {
    const last = target.document.lineAt(target.document.lineCount - 1).range.end;
    target.selections = selections.map((s) => new vscode.Selection(target.document.validatePosition(s.anchor), target.document.validatePosition(s.active)));
    const line = Math.min(top, last.line);
    target.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  };
}

interface RememberedTab {
  readonly uri: string;
  readonly viewColumn: vscode.ViewColumn;
  readonly isPreview: boolean;
}

function textTabs(): { tab: vscode.Tab; uri: string; viewColumn: vscode.ViewColumn }[] {
  return vscode.window.tabGroups.all.flatMap((group) =>
    group.tabs.flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [{ tab, uri: tab.input.uri.toString(), viewColumn: group.viewColumn }] : [])),
  );
}

/**
 * Remembers the editors open now and the active one; the function returned
 * puts them back as they were after a picker's previews: it closes the tabs
 * the previews opened, reopens a preview tab of the user's that a preview
 * replaced, and shows the active editor again with its cursor and scroll
 * position.
 */
export function rememberEditors(): () => Promise<void> {
  const tabs: RememberedTab[] = textTabs().map(({ tab, uri, viewColumn }) => ({ uri, viewColumn, isPreview: tab.isPreview }));
  const key = (uri: string, column: vscode.ViewColumn) => `${column}\u0000${uri}`;
  const known = new Set(tabs.map((t) => key(t.uri, t.viewColumn)));
  const origin = vscode.window.activeTextEditor;
  const originWasPreview = origin !== undefined && tabs.some((t) => t.uri === origin.document.uri.toString() && t.viewColumn === origin.viewColumn && t.isPreview);
  const restoreView = origin !== undefined ? rememberView(origin) : undefined;
  return async () => {
    const opened = textTabs().filter((t) => !known.has(key(t.uri, t.viewColumn)) && !t.tab.isDirty);
    if (opened.length > 0) await vscode.window.tabGroups.close(opened.map((t) => t.tab), true);
    const present = new Set(textTabs().map((t) => key(t.uri, t.viewColumn)));
    for (const t of tabs) {
      if (present.has(key(t.uri, t.viewColumn)) || (origin !== undefined && t.uri === origin.document.uri.toString())) continue;
      await vscode.window.showTextDocument(vscode.Uri.parse(t.uri), { viewColumn: t.viewColumn, preview: t.isPreview, preserveFocus: true });
    }
    if (origin !== undefined) {
      // A preview tab replaced by a preview has closed its document: open it again by its uri.
      const options: vscode.TextDocumentShowOptions = { viewColumn: origin.viewColumn, preview: originWasPreview };
      const editor = origin.document.isClosed ? await vscode.window.showTextDocument(origin.document.uri, options) : await vscode.window.showTextDocument(origin.document, options);
      restoreView?.(editor);
    }
  };
}

/** The active editor if Tigang serves its document. */
export function activeEditor(serves: (doc: vscode.TextDocument) => boolean): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor !== undefined && serves(editor.document) ? editor : undefined;
}

/** A message in the status bar for a few seconds: for "nothing to do" outcomes that need no dialog. */
export function flash(message: string, ms = 2500): void {
  vscode.window.setStatusBarMessage(message, ms);
}

/** Highlights a heading line while a QuickPick previews it. */
export const previewDecoration = vscode.window.createTextEditorDecorationType({
  isWholeLine: true,
  backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
  overviewRulerColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
  overviewRulerLane: vscode.OverviewRulerLane.Full,
});

/** Puts text on the clipboard; on failure logs why, tells the user, and resolves false. */
export async function writeClipboard(text: string, log: vscode.LogOutputChannel): Promise<boolean> {
  try {
    await vscode.env.clipboard.writeText(text);
    return true;
  } catch (error) {
    log.error(`clipboard: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Tigang: could not write to the clipboard'));
    return false;
  }
}

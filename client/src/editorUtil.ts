// Moving the cursor to a heading and showing short status messages.

import * as vscode from 'vscode';
import type { Section } from './outline';

/** Puts the cursor at the start of the heading and scrolls its section to the top of the editor. */
export function revealHeading(editor: vscode.TextEditor, section: Pick<Section, 'line' | 'start'>): void {
  const line = Math.min(section.line, editor.document.lineCount - 1);
  const position = new vscode.Position(line, section.start);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
}

/** Scrolls the heading's section to the top and highlights its line, without moving the cursor (QuickPick preview). */
export function previewHeading(editor: vscode.TextEditor, section: Pick<Section, 'line'>): void {
  const line = Math.min(section.line, editor.document.lineCount - 1);
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  editor.setDecorations(previewDecoration, [new vscode.Range(line, 0, line, 0)]);
}

/** Remembers the cursor and the scroll position; the function returned puts them back (Esc in a QuickPick). */
export function rememberView(editor: vscode.TextEditor): (editor: vscode.TextEditor) => void {
  const selections = editor.selections;
  const top = editor.visibleRanges[0]?.start.line ?? 0;
  return (target) => {
    target.selections = selections;
    target.revealRange(new vscode.Range(top, 0, top, 0), vscode.TextEditorRevealType.AtTop);
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

// 只看本节 Focus on HeadingEntry and 取消聚焦 Unfocus: fold every section but the
// one under the cursor and its ancestors, so that only the section's text
// and the heading lines above it stay in view; unfocusing unfolds what
// focusing folded.
//
// VS Code gives an extension no way to read which ranges are folded, so what
// "as it was" can mean is limited to what this command knows: it folds only
// sections that it sees unfolded (their heading visible and the line below
// it not, in the editor's visible ranges, means folded already — only for the
// part of the document on screen), and unfolds exactly those again. Sections
// the user had folded off screen are unfolded by 取消聚焦 too; the section in
// focus and its ancestors are unfolded to show it, and stay so. Text before
// the first heading and an ancestor's own text before its first subsection
// have no folding range of their own and stay visible.

import * as vscode from 'vscode';
import { DocumentHeadings, HeadingEntry, headingAt } from './headings';
import { OutlineService } from './outlineService';

interface Focus {
  readonly uri: string;
  readonly section: string;
  /** Heading lines and names of the sections folded, to unfold them again (found by name if the document changed). */
  readonly folded: { line: number; name: string }[];
  readonly version: number;
}

export class SectionFocus implements vscode.Disposable {
  private focus: Focus | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly outlines: OutlineService) {
    this.disposables.push(
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (this.focus?.uri === doc.uri.toString()) void this.setFocus(undefined);
      }),
    );
    void this.setFocus(undefined);
  }

  /** The section in focus and what was folded, for tests. */
  get current(): { section: string; folded: readonly number[] } | undefined {
    return this.focus !== undefined ? { section: this.focus.section, folded: this.focus.folded.map((f) => f.line) } : undefined;
  }

  private async setFocus(focus: Focus | undefined): Promise<void> {
    this.focus = focus;
    await vscode.commands.executeCommand('setContext', 'tigang.sectionFocused', focus !== undefined);
  }

  /** Focuses the section at `line` (default: the cursor's). Returns its name. */
  async focusSection(line?: number): Promise<string | undefined> {
    const found = await this.outlines.active({ withHeadings: true });
    if (found === undefined) return undefined;
    const { editor } = found;
    if (this.focus !== undefined) await this.unfocus();
    const outline = (await this.outlines.get(editor.document)) ?? found.headings;
    const section = headingAt(outline, line ?? editor.selection.active.line);
    if (section === undefined) return undefined;
    if (vscode.window.activeTextEditor !== editor) await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    // Show the section: unfold it and its ancestors (one level each, so what is folded inside it stays so).
    const chain: HeadingEntry[] = [];
    for (let s: HeadingEntry | undefined = section; s !== undefined; s = s.parent) chain.unshift(s);
    await vscode.commands.executeCommand('editor.unfold', { levels: 1, direction: 'down', selectionLines: chain.map((s) => s.line) });
    const toFold = this.siblingsToFold(outline, chain).filter((s) => !foldedOnScreen(editor, s));
    if (toFold.length > 0) await vscode.commands.executeCommand('editor.fold', { levels: 1, direction: 'down', selectionLines: toFold.map((s) => s.line) });
    await this.setFocus({ uri: editor.document.uri.toString(), section: section.name, folded: toFold.map((s) => ({ line: s.line, name: s.name })), version: editor.document.version });
    const position = editor.selection.active.line >= section.line && editor.selection.active.line <= section.endLine ? editor.selection.active : new vscode.Position(section.line, section.start);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(section.line, 0, section.line, 0), vscode.TextEditorRevealType.AtTop);
    return section.name;
  }

  /** Every sibling of the section and of each ancestor that has a body to fold. */
  private siblingsToFold(outline: DocumentHeadings, chain: readonly HeadingEntry[]): HeadingEntry[] {
    const result: HeadingEntry[] = [];
    chain.forEach((s) => {
      const siblings = s.parent?.children ?? outline.roots;
      for (const other of siblings) if (other !== s && other.endLine > other.line) result.push(other);
    });
    return result.sort((a, b) => a.line - b.line);
  }

  /** Unfolds what focusing folded. Returns whether there was a focus. */
  async unfocus(): Promise<boolean> {
    const focus = this.focus;
    if (focus === undefined) return false;
    await this.setFocus(undefined);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === focus.uri);
    if (editor === undefined) return true;
    if (vscode.window.activeTextEditor !== editor) await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    let lines = focus.folded.map((f) => f.line);
    if (editor.document.version !== focus.version) {
      // Edited meanwhile: find each folded heading by name, the nearest to where it was.
      const outline = await this.outlines.get(editor.document);
      if (outline !== undefined) {
        lines = focus.folded.flatMap((f) => {
          const same = outline.all.filter((s) => s.name === f.name);
          if (same.length === 0) return [];
          return [same.reduce((a, b) => (Math.abs(b.line - f.line) < Math.abs(a.line - f.line) ? b : a)).line];
        });
      }
    }
    if (lines.length > 0) await vscode.commands.executeCommand('editor.unfold', { levels: 1, direction: 'down', selectionLines: lines });
    editor.revealRange(new vscode.Range(editor.selection.active, editor.selection.active), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * Whether the section is folded as far as the screen shows: its heading line
 * is visible and the line below it is not, although the screen goes on (a
 * later visible range), or the heading ends the last visible range (which
 * may also be a heading at the very bottom of the screen: then it is taken
 * as folded, left alone by focusing and by unfocusing).
 */
function foldedOnScreen(editor: vscode.TextEditor, section: HeadingEntry): boolean {
  const ranges = editor.visibleRanges;
  const at = ranges.findIndex((r) => r.start.line <= section.line && section.line <= r.end.line);
  if (at < 0 || section.line + 1 >= editor.document.lineCount) return false;
  return ranges[at].end.line === section.line;
}

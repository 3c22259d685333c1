// Section navigation, folding by level, copying the outline, and the view's
// own commands. Every command works on the active editor and returns what it
// did (the section moved to, the copied text), so tests and other extensions
// can drive it without a human.

import * as vscode from 'vscode';
import * as config from './config';
import { activeEditor, flash, revealHeading } from './editorUtil';
import { formatCount } from './format';
import { Outline, Section, countByLevel, maxLevel, nextSection, nextSibling, outlineText, parentSection, previousSection, previousSibling } from './outline';
import { OutlineService } from './outlineService';
import { OutlineView } from './outlineView';
import { ServerManager } from './server';

type Navigate = (outline: Outline, line: number) => Section | undefined;

export interface FoldToLevelArgs {
  level?: number;
}

export function registerCommands(context: vscode.ExtensionContext, server: ServerManager, outlines: OutlineService, view: OutlineView, log: vscode.LogOutputChannel): void {
  const serves = (doc: vscode.TextDocument) => outlines.serves(doc);

  const currentOutline = () => outlines.active();
  const outlineWithHeadings = () => outlines.active({ withHeadings: true });

  function navigation(id: string, navigate: Navigate, none: () => string): vscode.Disposable {
    return vscode.commands.registerCommand(id, async (): Promise<Section | undefined> => {
      const found = await currentOutline();
      if (found === undefined) return undefined;
      const { editor, outline } = found;
      const target = navigate(outline, editor.selection.active.line);
      if (target === undefined) {
        flash(outline.sections.length === 0 ? vscode.l10n.t('Tigang: this document has no headings') : none());
        return undefined;
      }
      revealHeading(editor, target);
      return target;
    });
  }

  context.subscriptions.push(
    navigation('tigang.nextSection', nextSection, () => vscode.l10n.t('Tigang: no heading below the cursor')),
    navigation('tigang.previousSection', previousSection, () => vscode.l10n.t('Tigang: no heading above the cursor')),
    navigation('tigang.nextSibling', nextSibling, () => vscode.l10n.t('Tigang: no next section at this level')),
    navigation('tigang.previousSibling', previousSibling, () => vscode.l10n.t('Tigang: no previous section at this level')),
    navigation('tigang.gotoParent', parentSection, () => vscode.l10n.t('Tigang: this section is at the top level')),

    vscode.commands.registerCommand('tigang.revealSection', async (uri?: string | vscode.Uri, line?: number, start?: number): Promise<boolean> => {
      if (uri === undefined || typeof line !== 'number') return false;
      const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
      const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString());
      const options: vscode.TextDocumentShowOptions = { viewColumn: visible?.viewColumn, preserveFocus: true, preview: visible === undefined };
      const editor = visible !== undefined ? await vscode.window.showTextDocument(visible.document, options) : await vscode.window.showTextDocument(target, options);
      revealHeading(editor, { line, start: start ?? 0 });
      return true;
    }),

    vscode.commands.registerCommand('tigang.foldToLevel', async (args?: FoldToLevelArgs | number): Promise<number | undefined> => {
      const found = await outlineWithHeadings();
      if (found === undefined) return undefined;
      const { editor, outline } = found;
      let level = typeof args === 'number' ? args : args?.level;
      if (level === undefined) level = await pickLevel(outline);
      if (level === undefined) return undefined;
      level = Math.max(1, Math.min(Math.floor(level), maxLevel(outline)));
      await foldToLevel(editor, outline, level);
      return level;
    }),

    vscode.commands.registerCommand('tigang.unfoldAll', async (): Promise<void> => {
      const editor = activeEditor(serves);
      if (editor === undefined) return;
      await focusEditor(editor);
      await vscode.commands.executeCommand('editor.unfoldAll');
    }),

    vscode.commands.registerCommand('tigang.copyOutline', async (): Promise<string | undefined> => {
      const found = await outlineWithHeadings();
      if (found === undefined) return undefined;
      const { editor, outline } = found;
      const format = config.outlineFormat(editor.document.uri);
      const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      const text = outlineText(outline, format, eol);
      try {
        await vscode.env.clipboard.writeText(text);
      } catch (error) {
        log.error(`clipboard: ${error instanceof Error ? error.message : String(error)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Tigang: could not write to the clipboard'));
        return text;
      }
      flash(
        format === 'markdown'
          ? vscode.l10n.t('Tigang: copied the outline ({0} headings) as a Markdown list', formatCount(outline.sections.length))
          : vscode.l10n.t('Tigang: copied the outline ({0} headings)', formatCount(outline.sections.length)),
        4000,
      );
      return text;
    }),

    vscode.commands.registerCommand('tigang.outline.expandAll', () => view.expandAll()),

    vscode.commands.registerCommand('tigang.restartServer', () => server.restart('requested by the user')),

    vscode.commands.registerCommand('tigang.showLog', () => log.show(true)),
  );
}

async function focusEditor(editor: vscode.TextEditor): Promise<void> {
  if (vscode.window.activeTextEditor !== editor) await vscode.window.showTextDocument(editor.document, editor.viewColumn);
}

/**
 * Shows only the headings of levels 1..level: every section of that level is
 * folded (its body and subsections hidden), every section above it unfolded.
 */
export async function foldToLevel(editor: vscode.TextEditor, outline: Outline, level: number): Promise<void> {
  await focusEditor(editor);
  await vscode.commands.executeCommand('editor.unfoldAll');
  // A section folds only if it has lines after its heading (the server gives
  // no range otherwise, and folding at its line would fold its parent).
  const lines = outline.sections.filter((s) => s.depth === level - 1 && s.endLine > s.line).map((s) => s.line);
  if (lines.length > 0) await vscode.commands.executeCommand('editor.fold', { levels: 1, direction: 'down', selectionLines: lines });
  // Keep the cursor visible: if it was inside a folded section, VS Code moved it to the heading.
  editor.revealRange(new vscode.Range(editor.selection.active, editor.selection.active), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

async function pickLevel(outline: Outline): Promise<number | undefined> {
  const counts = countByLevel(outline);
  const items = counts.map((count, i) => {
    const level = i + 1;
    const label = level === 1 ? vscode.l10n.t('Level 1 headings only') : vscode.l10n.t('Levels 1 to {0}', level);
    const example = outline.sections.find((s) => s.depth === i)?.name ?? '';
    return {
      label,
      description: vscode.l10n.t('{0} headings at level {1}', formatCount(count), level),
      detail: example,
      level,
    };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Tigang: fold to level'),
    placeHolder: vscode.l10n.t('Show the headings down to which level?'),
  });
  return picked?.level;
}

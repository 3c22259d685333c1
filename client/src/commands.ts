// Every command of the extension in one table: id → what it does, and what
// it does while the language server is down (as rust-analyzer's
// createCommands). Handlers return what they did (the heading moved to, the
// copied text), so tests and other extensions can drive them without a human.

import * as vscode from 'vscode';
import { Config } from './config';
import { activeEditor, flash, revealHeading, writeClipboard } from './editorUtil';
import { formatCount } from './format';
import { DocumentHeadings, HeadingEntry, countByLevel, maxLevel, nextHeading, nextSibling, outlineText, parentHeading, previousHeading, previousSibling } from './headings';
import { JumpArgs, JumpToSection } from './jump';
import { renumberArticles, renumberDocument } from './numbering';
import { OutlineService } from './outlineService';
import { OutlineView } from './outlineView';
import { SearchArgs, SearchSections } from './search';
import { SectionFocus } from './focus';
import { LEVELS, showLevels } from './levels';
import { OutlineFilter } from './filter';
import { ServerManager } from './server';
import { SectionArgs, StructureEditing } from './structure';
import { SetTimeLimitArgs, TimeLimits, outlineTableText } from './timeLimits';

/** What the commands work with. */
export interface CommandContext {
  readonly config: Config;
  readonly server: ServerManager;
  readonly outlines: OutlineService;
  readonly view: OutlineView;
  readonly jump: JumpToSection;
  readonly search: SearchSections;
  readonly log: vscode.LogOutputChannel;
  readonly limits: TimeLimits;
  readonly focus: SectionFocus;
  readonly filter: OutlineFilter;
  readonly structure: StructureEditing;
}

type Handler = (ctx: CommandContext, ...args: never[]) => unknown;

interface CommandEntry {
  readonly run: Handler;
  /**
   * While the server is down (ServerManager.isDown): `run` for commands that
   * need no server; otherwise the command says the server is not running and
   * offers to restart it.
   */
  readonly whileDown?: 'run';
}

export interface FoldToLevelArgs {
  level?: number;
}

type Navigate = (headings: DocumentHeadings, line: number) => HeadingEntry | undefined;

export function createCommands(): Record<string, CommandEntry> {
  return {
    'tigang.jumpToSection': { run: (ctx, args?: JumpArgs) => ctx.jump.run(args) },
    'tigang.searchSections': { run: (ctx, args?: SearchArgs) => ctx.search.run(args) },
    'tigang.nextSection': navigation(nextHeading, () => vscode.l10n.t('Tigang: no heading below the cursor')),
    'tigang.previousSection': navigation(previousHeading, () => vscode.l10n.t('Tigang: no heading above the cursor')),
    'tigang.nextSibling': navigation(nextSibling, () => vscode.l10n.t('Tigang: no next section at this level')),
    'tigang.previousSibling': navigation(previousSibling, () => vscode.l10n.t('Tigang: no previous section at this level')),
    'tigang.gotoParent': navigation(parentHeading, () => vscode.l10n.t('Tigang: this section is at the top level')),
    'tigang.revealSection': { run: (_ctx, uri?: string | vscode.Uri, line?: number, start?: number) => revealSection(uri, line, start), whileDown: 'run' },
    'tigang.foldToLevel': { run: (ctx, args?: FoldToLevelArgs | number) => foldToLevelCommand(ctx, args) },
    'tigang.unfoldAll': {
      run: async (ctx) => {
        const editor = activeEditor((doc) => ctx.outlines.serves(doc));
        if (editor === undefined) return;
        await focusEditor(editor);
        await vscode.commands.executeCommand('editor.unfoldAll');
      },
      whileDown: 'run',
    },
    'tigang.copyOutline': { run: (ctx) => copyOutline(ctx) },
    'tigang.renumberDocument': { run: (ctx) => renumberDocument((doc) => ctx.outlines.serves(doc)) },
    'tigang.renumberArticles': { run: (ctx) => renumberArticles((doc) => ctx.outlines.serves(doc)) },
    'tigang.outline.expandAll': { run: (ctx) => ctx.view.expandAll(), whileDown: 'run' },
    'tigang.setTimeLimit': { run: (ctx, args?: SetTimeLimitArgs | { heading?: HeadingEntry }) => ctx.limits.setTimeLimit(args) },
    'tigang.focusSection': { run: (ctx, args?: { line?: number }) => ctx.focus.focusSection(args?.line) },
    'tigang.unfocusSection': { run: (ctx) => ctx.focus.unfocus(), whileDown: 'run' },
    ...Object.fromEntries(LEVELS.map((level) => [`tigang.showLevel${level}`, { run: (ctx: CommandContext) => showLevels(ctx.outlines, ctx.view, level) } satisfies CommandEntry])),
    'tigang.outline.filter': { run: (ctx, query?: string) => ctx.filter.run(query), whileDown: 'run' },
    'tigang.outline.clearFilter': { run: (ctx) => ctx.filter.apply(''), whileDown: 'run' },
    // Editing the structure (structure.ts): from the editor, the section under the cursor; from the 提纲 view, the item's.
    'tigang.moveSectionUp': { run: (ctx, args?: SectionArgs) => ctx.structure.edit('moveUp', args) },
    'tigang.moveSectionDown': { run: (ctx, args?: SectionArgs) => ctx.structure.edit('moveDown', args) },
    'tigang.promoteSection': { run: (ctx, args?: SectionArgs) => ctx.structure.edit('promote', args) },
    'tigang.demoteSection': { run: (ctx, args?: SectionArgs) => ctx.structure.edit('demote', args) },
    'tigang.insertHeadingAfter': { run: (ctx, args?: SectionArgs) => ctx.structure.edit('insertAfter', args) },
    'tigang.insertSubheading': { run: (ctx, args?: SectionArgs) => ctx.structure.edit('insertChild', args) },
    'tigang.deleteSection': { run: (ctx, args?: SectionArgs) => ctx.structure.edit('delete', args) },
    'tigang.selectSection': { run: (ctx, args?: SectionArgs) => ctx.structure.select(args) },
    'tigang.copySectionText': { run: (ctx, args?: SectionArgs) => ctx.structure.copy(args) },
    'tigang.restartServer': { run: (ctx) => ctx.server.restart('requested by the user'), whileDown: 'run' },
    'tigang.showLog': { run: (ctx) => ctx.log.show(true), whileDown: 'run' },
  };
}

/** Registers every command of the table. */
export function registerCommands(ctx: CommandContext): vscode.Disposable {
  const disposables = Object.entries(createCommands()).map(([id, entry]) =>
    vscode.commands.registerCommand(id, (...args: never[]) => {
      if (ctx.server.isDown && entry.whileDown !== 'run') return serverIsDown(ctx);
      return entry.run(ctx, ...args);
    }),
  );
  return vscode.Disposable.from(...disposables);
}

/** Says that the server is not running; the user may restart it or read the log. Resolves with undefined at once. */
function serverIsDown(ctx: CommandContext): undefined {
  const restart = vscode.l10n.t('Restart');
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showWarningMessage(vscode.l10n.t('Tigang: the language server is not running.'), restart, showLog).then((choice) => {
    if (choice === restart) void ctx.server.restart('requested by the user');
    else if (choice === showLog) ctx.log.show(true);
  });
  return undefined;
}

function navigation(navigate: Navigate, none: () => string): CommandEntry {
  return {
    run: async (ctx): Promise<HeadingEntry | undefined> => {
      const found = await ctx.outlines.active();
      if (found === undefined) return undefined;
      const { editor, headings } = found;
      const target = navigate(headings, editor.selection.active.line);
      if (target === undefined) {
        flash(headings.all.length === 0 ? vscode.l10n.t('Tigang: this document has no headings') : none());
        return undefined;
      }
      revealHeading(editor, target);
      return target;
    },
  };
}

/** The 提纲 view's items: the section at the top of its editor, the cursor on its heading, the focus where it was. */
async function revealSection(uri?: string | vscode.Uri, line?: number, start?: number): Promise<boolean> {
  if (uri === undefined || typeof line !== 'number') return false;
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString());
  const options: vscode.TextDocumentShowOptions = { viewColumn: visible?.viewColumn, preserveFocus: true, preview: visible === undefined };
  const editor = visible !== undefined ? await vscode.window.showTextDocument(visible.document, options) : await vscode.window.showTextDocument(target, options);
  revealHeading(editor, { line, start: start ?? 0 });
  return true;
}

async function foldToLevelCommand(ctx: CommandContext, args?: FoldToLevelArgs | number): Promise<number | undefined> {
  const found = await ctx.outlines.active({ withHeadings: true });
  if (found === undefined) return undefined;
  const { editor, headings } = found;
  let level = typeof args === 'number' ? args : args?.level;
  if (level === undefined) level = await pickLevel(headings);
  if (level === undefined) return undefined;
  level = Math.max(1, Math.min(Math.floor(level), maxLevel(headings)));
  ctx.view.expandToLevel(level);
  await foldToLevel(editor, headings, level);
  return level;
}

async function copyOutline(ctx: CommandContext): Promise<string | undefined> {
  const found = await ctx.outlines.active({ withHeadings: true });
  if (found === undefined) return undefined;
  const { editor, headings } = found;
  const format = ctx.config.outlineFormat(editor.document.uri);
  const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const text = format === 'table' ? await outlineTableText(editor.document, headings, ctx.limits, ctx.config.charactersPerMinute(editor.document.uri), eol) : outlineText(headings, format, eol);
  if (!(await writeClipboard(text, ctx.log))) return text;
  flash(
    format === 'markdown'
      ? vscode.l10n.t('Tigang: copied the outline ({0} headings) as a Markdown list', formatCount(headings.all.length))
      : format === 'table'
        ? vscode.l10n.t('Tigang: copied the outline ({0} headings) as a Markdown table', formatCount(headings.all.length))
        : vscode.l10n.t('Tigang: copied the outline ({0} headings)', formatCount(headings.all.length)),
    4000,
  );
  return text;
}

async function focusEditor(editor: vscode.TextEditor): Promise<void> {
  if (vscode.window.activeTextEditor !== editor) await vscode.window.showTextDocument(editor.document, editor.viewColumn);
}

/**
 * Shows only the headings of levels 1..level: every section of that level is
 * folded (its body and subsections hidden), every section above it unfolded.
 */
export async function foldToLevel(editor: vscode.TextEditor, headings: DocumentHeadings, level: number): Promise<void> {
  await focusEditor(editor);
  await vscode.commands.executeCommand('editor.unfoldAll');
  // A section folds only if it has lines after its heading (the server gives
  // no range otherwise, and folding at its line would fold its parent).
  const lines = headings.all.filter((h) => h.depth === level - 1 && h.endLine > h.line).map((h) => h.line);
  if (lines.length > 0) await vscode.commands.executeCommand('editor.fold', { levels: 1, direction: 'down', selectionLines: lines });
  // Keep the cursor visible: if it was inside a folded section, VS Code moved it to the heading.
  editor.revealRange(new vscode.Range(editor.selection.active, editor.selection.active), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

async function pickLevel(headings: DocumentHeadings): Promise<number | undefined> {
  const counts = countByLevel(headings);
  const items = counts.map((count, i) => {
    const level = i + 1;
    const label = level === 1 ? vscode.l10n.t('Level 1 headings only') : vscode.l10n.t('Levels 1 to {0}', level);
    const example = headings.all.find((h) => h.depth === i)?.name ?? '';
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

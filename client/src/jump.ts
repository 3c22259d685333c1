// tigang.jumpToSection: a QuickPick of every section of the active document,
// indented by depth, filtered by Chinese text or pinyin as the user types.
// Moving through the list previews the section; Enter jumps; Esc puts the
// cursor and the scroll position back where they were.
//
// VS Code filters QuickPick items by their label with its own fuzzy matcher,
// which knows nothing of pinyin. So the command filters itself on every
// change of the input and marks every item it keeps `alwaysShow`: VS Code then
// shows exactly our matches (its own label matches first).

import * as vscode from 'vscode';
import * as config from './config';
import { previewDecoration, previewHeading, rememberView, revealHeading } from './editorUtil';
import { formatLine, formatStats } from './format';
import { IncrementalFilter, matches, normalizeQuery } from './match';
import { Outline, Section, indent, sectionAt } from './outline';
import { OutlineService } from './outlineService';

export interface JumpArgs {
  /** Jump without UI to the section whose heading is on this 0-based line (or that contains it). */
  line?: number;
  /** Jump without UI to the first section whose name equals this, else the first that matches it as a query. */
  name?: string;
  /** Open the QuickPick with this text already typed. */
  query?: string;
}

export interface SectionPickItem extends vscode.QuickPickItem {
  readonly section: Section;
}

/** The QuickPick while it is open, for tests and screenshots. */
export interface OpenPicker {
  readonly quickPick: vscode.QuickPick<SectionPickItem>;
  /** Resolves with the section jumped to, or undefined when dismissed. */
  readonly done: Promise<Section | undefined>;
}

export class JumpToSection implements vscode.Disposable {
  private open: OpenPicker | undefined;
  private readonly disposable: vscode.Disposable;

  constructor(private readonly outlines: OutlineService) {
    this.disposable = vscode.commands.registerCommand('tigang.jumpToSection', (args?: JumpArgs) => this.run(args));
  }

  /** The open QuickPick, if any. */
  get current(): OpenPicker | undefined {
    return this.open;
  }

  async run(args?: JumpArgs): Promise<Section | undefined> {
    const found = await this.outlines.active({ withHeadings: true });
    if (found === undefined) return undefined;
    const { editor, outline } = found;
    if (args?.line !== undefined || args?.name !== undefined) {
      const target = args.line !== undefined ? sectionAt(outline, args.line) : findByName(outline, args.name ?? '');
      if (target === undefined) return undefined;
      revealHeading(editor, target);
      return target;
    }
    this.open?.quickPick.hide();
    const picker = this.show(editor, outline, args?.query ?? '');
    this.open = picker;
    void picker.done.finally(() => {
      if (this.open === picker) this.open = undefined;
    });
    return picker.done;
  }

  private show(editor: vscode.TextEditor, outline: Outline, initialQuery: string): OpenPicker {
    const perMinute = config.charactersPerMinute(editor.document.uri);
    const items: SectionPickItem[] = outline.sections.map((section) => ({
      label: indent(section.depth) + section.name,
      description: `${formatLine(section.line)} · ${formatStats(section, perMinute)}`,
      alwaysShow: true,
      section,
    }));
    const filter = new IncrementalFilter(items, (item) => item.section.name);
    const restoreView = rememberView(editor);
    const current = sectionAt(outline, editor.selection.active.line);

    const qp = vscode.window.createQuickPick<SectionPickItem>();
    qp.title = vscode.l10n.t('Jump to section');
    qp.placeholder = vscode.l10n.t('Type part of a heading, its pinyin or initials (zzzw finds 政治站位)');
    qp.items = items;
    const currentItem = current !== undefined ? items[current.index] : undefined;
    if (currentItem !== undefined) qp.activeItems = [currentItem];

    let accepted: Section | undefined;
    let previewing = false;
    /** The input the items were filtered for. */
    let shownFor = '';
    const disposables: vscode.Disposable[] = [];
    const done = new Promise<Section | undefined>((resolve) => {
      disposables.push(
        qp.onDidChangeValue((value) => {
          // The workbench echoes values set from here: items set again would reset the active one.
          if (value === shownFor) return;
          shownFor = value;
          const shown = filter.filter(value);
          qp.items = shown;
          if (normalizeQuery(value) === '' && currentItem !== undefined) qp.activeItems = [currentItem];
        }),
        qp.onDidChangeActive((active) => {
          const item = active[0];
          if (item === undefined || editor.document.isClosed) return;
          // Opening the list activates the current section: nothing to preview yet.
          if (!previewing && item === currentItem) return;
          previewing = true;
          previewHeading(editor, item.section);
        }),
        qp.onDidAccept(() => {
          const item = qp.selectedItems[0] ?? qp.activeItems[0];
          if (item === undefined) return;
          accepted = item.section;
          qp.hide();
        }),
        qp.onDidHide(() => {
          editor.setDecorations(previewDecoration, []);
          if (accepted !== undefined) {
            revealHeading(editor, accepted);
            void vscode.window.showTextDocument(editor.document, editor.viewColumn);
          } else if (previewing && !editor.document.isClosed) {
            restoreView(editor);
          }
          for (const d of disposables) d.dispose();
          qp.dispose();
          resolve(accepted);
        }),
      );
    });
    if (initialQuery !== '') {
      shownFor = initialQuery;
      qp.value = initialQuery;
      qp.items = filter.filter(initialQuery);
    }
    qp.show();
    return { quickPick: qp, done };
  }

  dispose(): void {
    this.open?.quickPick.hide();
    this.disposable.dispose();
  }
}

function findByName(outline: Outline, name: string): Section | undefined {
  const exact = outline.sections.find((s) => s.name === name);
  if (exact !== undefined) return exact;
  const query = normalizeQuery(name);
  return outline.sections.find((s) => matches(s.name, query));
}

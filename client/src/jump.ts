// tigang.jumpToSection: a QuickPick of every heading of the active document,
// indented by depth, filtered by Chinese text or pinyin as the user types
// (then each result names the headings it belongs under). Moving through the
// list previews the section; Enter jumps; Esc puts the cursor and the scroll
// position back where they were.
//
// VS Code filters QuickPick items by their label with its own fuzzy matcher,
// which knows nothing of pinyin. So the picker filters itself on every
// change of the input and marks every item it keeps `alwaysShow`: VS Code then
// shows exactly our matches (its own label matches first).

import * as vscode from 'vscode';
import { Config } from './config';
import { previewDecoration, previewHeading, rememberView, revealHeading } from './editorUtil';
import { formatLine, formatStats, noMatchItem } from './format';
import { DocumentHeadings, HeadingEntry, ancestors, headingAt, indent } from './headings';
import { NameFilter, normalizeQuery } from './match';
import { OutlineService } from './outlineService';

export interface JumpArgs {
  /** Jump without UI to the section whose heading is on this 0-based line (or that holds it). */
  line?: number;
  /** Jump without UI to the first heading whose name equals this, else the first that matches it as a query. */
  name?: string;
  /** Open the QuickPick with this text already typed. */
  query?: string;
}

export interface HeadingPickItem extends vscode.QuickPickItem {
  /** Undefined for the item that says nothing matched. */
  readonly heading: HeadingEntry | undefined;
}

/** The QuickPick while it is open, for tests and screenshots. */
export interface OpenPicker {
  readonly quickPick: vscode.QuickPick<HeadingPickItem>;
  /** Resolves with the heading jumped to, or undefined when dismissed. */
  readonly done: Promise<HeadingEntry | undefined>;
}

/** Between the names of a heading's parents in a filtered list. */
const PATH_SEPARATOR = ' › ';

export class JumpToSection implements vscode.Disposable {
  private open: OpenPicker | undefined;

  constructor(
    private readonly outlines: OutlineService,
    private readonly config: Config,
  ) {}

  /** The open QuickPick, if any. */
  get current(): OpenPicker | undefined {
    return this.open;
  }

  async run(args?: JumpArgs): Promise<HeadingEntry | undefined> {
    const found = await this.outlines.active({ withHeadings: true });
    if (found === undefined) return undefined;
    const { editor, headings } = found;
    if (args?.line !== undefined || args?.name !== undefined) {
      const target = args.line !== undefined ? headingAt(headings, args.line) : findByName(headings, args.name ?? '');
      if (target === undefined) return undefined;
      revealHeading(editor, target);
      return target;
    }
    this.open?.quickPick.hide();
    const picker = this.show(editor, headings, args?.query ?? '');
    this.open = picker;
    void picker.done.finally(() => {
      if (this.open === picker) this.open = undefined;
    });
    return picker.done;
  }

  private show(editor: vscode.TextEditor, headings: DocumentHeadings, initialQuery: string): OpenPicker {
    const perMinute = this.config.charactersPerMinute(editor.document.uri);
    const description = (h: HeadingEntry) => `${formatLine(h.line)} · ${formatStats(h.characters, perMinute)}`;
    // The whole list shows the tree by indentation; a filtered one has lost
    // the context, so each result names the headings above it instead.
    const treeItems: HeadingPickItem[] = headings.all.map((heading) => ({ label: indent(heading.depth) + heading.name, description: description(heading), alwaysShow: true, heading }));
    const flatItems: HeadingPickItem[] = headings.all.map((heading) => {
      const path = ancestors(heading).map((a) => a.name).join(PATH_SEPARATOR);
      return { label: heading.name, description: description(heading), detail: path !== '' ? path : undefined, alwaysShow: true, heading };
    });
    const filter = new NameFilter(headings.all, (h) => h.fullName);
    const itemsFor = (value: string): HeadingPickItem[] => {
      if (normalizeQuery(value) === '') return treeItems;
      const shown = filter.filter(value).map((h) => flatItems[h.index]);
      return shown.length > 0 ? shown : [{ ...noMatchItem(value), heading: undefined }];
    };
    const restoreView = rememberView(editor);
    const current = headingAt(headings, editor.selection.active.line);
    const currentItem = current !== undefined ? treeItems[current.index] : undefined;

    const qp = vscode.window.createQuickPick<HeadingPickItem>();
    qp.title = vscode.l10n.t('Jump to section');
    qp.placeholder = vscode.l10n.t('Type part of a heading, its pinyin or initials (zzzw finds 政治站位)');
    qp.items = treeItems;
    if (currentItem !== undefined) qp.activeItems = [currentItem];

    let accepted: HeadingEntry | undefined;
    let previewing = false;
    /** The input the items were filtered for. */
    let shownFor = '';
    const disposables: vscode.Disposable[] = [];
    const done = new Promise<HeadingEntry | undefined>((resolve) => {
      disposables.push(
        qp.onDidChangeValue((value) => {
          // The workbench echoes values set from here: items set again would reset the active one.
          if (value === shownFor) return;
          shownFor = value;
          qp.items = itemsFor(value);
          if (normalizeQuery(value) === '' && currentItem !== undefined) qp.activeItems = [currentItem];
        }),
        qp.onDidChangeActive((active) => {
          if (editor.document.isClosed) return;
          const heading = active[0]?.heading;
          if (heading === undefined) {
            // Nothing matches: show where the user was, not the last preview.
            if (previewing && active.length > 0) {
              editor.setDecorations(previewDecoration, []);
              restoreView(editor);
            }
            return;
          }
          // Opening the list activates the current section: nothing to preview yet.
          if (!previewing && heading === current) return;
          previewing = true;
          previewHeading(editor, heading);
        }),
        qp.onDidAccept(() => {
          const heading = (qp.selectedItems[0] ?? qp.activeItems[0])?.heading;
          if (heading === undefined) return;
          accepted = heading;
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
      qp.items = itemsFor(initialQuery);
    }
    qp.show();
    return { quickPick: qp, done };
  }

  dispose(): void {
    this.open?.quickPick.hide();
  }
}

function findByName(headings: DocumentHeadings, name: string): HeadingEntry | undefined {
  const exact = headings.all.find((h) => h.name === name);
  if (exact !== undefined) return exact;
  return new NameFilter(headings.all, (h) => h.fullName).first(name);
}

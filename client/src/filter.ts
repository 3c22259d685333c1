// Filtering the 提纲 view by heading text or pinyin (筛选标题).
//
// VS Code's own type-to-filter in a tree view (its find widget) matches the
// labels with its fuzzy matcher, and the TreeView API of VS Code 1.100 has no
// way to give it another: it knows nothing of pinyin. So this is a command of
// the view's title bar instead: an input box where the user types part of a
// heading, its pinyin or initials (the matcher of Jump to Section, match.ts),
// and the view shows, as they type, the matching headings and the headings
// above them. Enter keeps the filter (the view's title bar then has Clear
// Filter), Esc or an empty input shows the whole tree again.

import * as vscode from 'vscode';
import { normalizeQuery, sectionsMatching } from './match';
import { OutlineView } from './outlineView';

export class OutlineFilter implements vscode.Disposable {
  private query = '';
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly view: OutlineView) {}

  /** tigang.outline.filter: with a query, filters at once; without, asks as the user types. */
  run(query?: string): Promise<number | undefined> {
    return typeof query === 'string' ? this.apply(query) : this.ask();
  }

  /** Filters the view by the query ('' clears). Returns how many headings it shows (undefined: all). */
  async apply(query: string): Promise<number | undefined> {
    this.query = normalizeQuery(query) === '' ? '' : query.trim();
    const q = this.query;
    this.view.provider.setFilter(q === '' ? undefined : (outline) => sectionsMatching(outline.all, q));
    const count = this.view.provider.filtered;
    this.view.treeView.message = q === '' ? undefined : vscode.l10n.t('Filtered by “{0}”: {1} headings', q, count ?? 0);
    await vscode.commands.executeCommand('setContext', 'tigang.outlineFiltered', q !== '');
    return count;
  }

  private async ask(): Promise<number | undefined> {
    const before = this.query;
    const input = vscode.window.createInputBox();
    input.title = vscode.l10n.t('Tigang: filter the 提纲 view');
    input.placeholder = vscode.l10n.t('Type part of a heading, its pinyin or initials (zzzw finds 政治站位)');
    input.value = before;
    let accepted = false;
    const done = new Promise<void>((resolve) => {
      input.onDidChangeValue((value) => void this.apply(value));
      input.onDidAccept(() => {
        accepted = true;
        input.hide();
      });
      input.onDidHide(() => resolve());
    });
    input.show();
    await done;
    input.dispose();
    if (!accepted) await this.apply(before);
    return this.view.provider.filtered;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

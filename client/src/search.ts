// tigang.searchSections: a QuickPick over the headings of every document in
// the workspace, answered by the server's index (`tigang/searchSections`,
// ranked exact > prefix > substring > pinyin > fuzzy). VS Code's own Go to
// Symbol in Workspace re-filters results with its fuzzy matcher and drops the
// pinyin hits; this picker shows what the server ranked, marks every item
// `alwaysShow`, previews the heading as the user moves, and opens the file at
// the heading on Enter; Esc puts the editors back as they were.

import * as vscode from 'vscode';
import * as protocol from '@tigang/protocol';
import { previewDecoration, previewHeading, rememberEditors, revealHeading } from './editorUtil';
import { formatLine, noMatchItem } from './format';
import { EncodingFixer } from './encoding';
import { ServerManager } from './server';

/** One search result: the server's SectionMatch. */
export type SearchHit = protocol.SectionMatch;

export interface SearchArgs {
  /** Open the QuickPick with this text already typed. */
  query?: string;
  /** Answer without UI: the hits for the query (tests, other extensions). */
  noUi?: boolean;
}

export interface SearchPickItem extends vscode.QuickPickItem {
  /** Undefined for the item that says nothing matched. */
  readonly hit: SearchHit | undefined;
}

export interface OpenSearch {
  readonly quickPick: vscode.QuickPick<SearchPickItem>;
  readonly done: Promise<SearchHit | undefined>;
  /** Resolves once the items for the current input are shown. */
  settled(): Promise<void>;
}

const TYPING_DEBOUNCE_MS = 60;
const LIMIT = 200;
const INDEXING_POLL_MS = 400;

export class SearchSections implements vscode.Disposable {
  private open: OpenSearch | undefined;

  constructor(
    private readonly server: ServerManager,
    private readonly encodings: EncodingFixer,
  ) {}

  get current(): OpenSearch | undefined {
    return this.open;
  }

  /** The server's hits for a query, and whether it is still indexing (more may match later). */
  async search(query: string, token?: vscode.CancellationToken): Promise<{ hits: SearchHit[]; indexing: boolean } | undefined> {
    const params: protocol.SearchSectionsParams = { query, limit: LIMIT };
    const result = await this.server.sendRequest(protocol.SearchSectionsRequest, params, token);
    if (result === undefined || result === null) return undefined;
    return { hits: result.items, indexing: result.indexing === true };
  }

  async run(args?: SearchArgs): Promise<SearchHit | SearchHit[] | undefined> {
    if (args?.noUi === true) return (await this.search(args.query ?? ''))?.hits ?? [];
    this.open?.quickPick.hide();
    const picker = this.show(args?.query ?? '');
    this.open = picker;
    void picker.done.finally(() => {
      if (this.open === picker) this.open = undefined;
    });
    return picker.done;
  }

  private show(initialQuery: string): OpenSearch {
    const qp = vscode.window.createQuickPick<SearchPickItem>();
    qp.title = vscode.l10n.t('Search sections in the workspace');
    const placeholder = vscode.l10n.t('Type part of a heading, its pinyin or initials');
    qp.placeholder = placeholder;
    qp.busy = true;

    const restoreEditors = rememberEditors();
    let accepted: SearchHit | undefined;
    let previewed = false;
    let hidden = false;
    /**
     * Previews open files, which takes a while: they run one after another,
     * none starts once the picker is hidden, and Esc restores the editor only
     * after the last one, so a late preview cannot take the editor back.
     */
    let previews: Promise<void> = Promise.resolve();
    let seq = 0;
    let timer: NodeJS.Timeout | undefined;
    let source: vscode.CancellationTokenSource | undefined;
    let settledWaiters: (() => void)[] = [];
    let settled = false;
    /** The input the last request was for. */
    let requested = initialQuery;

    const load = async (value: string) => {
      const mine = ++seq;
      source?.cancel();
      source = new vscode.CancellationTokenSource();
      qp.busy = true;
      settled = false;
      const answer = await this.search(value, source.token);
      if (mine !== seq) return;
      const hits = answer?.hits ?? [];
      // Keep the active item when the same results come again (re-query while indexing).
      const activeHit = qp.activeItems[0]?.hit;
      const activeKey = activeHit !== undefined ? keyOf(activeHit) : undefined;
      const items: SearchPickItem[] = hits.map((hit) => toItem(hit));
      if (items.length === 0 && answer !== undefined && value.trim() !== '') items.push({ ...noMatchItem(value), hit: undefined });
      qp.items = items;
      const again = activeKey !== undefined ? items.find((i) => i.hit !== undefined && keyOf(i.hit) === activeKey) : undefined;
      if (again !== undefined) qp.activeItems = [again];
      if (answer === undefined) qp.placeholder = vscode.l10n.t('The Tigang language server is not available');
      else if (answer.indexing) qp.placeholder = vscode.l10n.t('Indexing the workspace… more sections may appear');
      else qp.placeholder = placeholder;
      qp.busy = answer?.indexing === true;
      if (answer?.indexing === true) {
        // Ask again while the index grows, as long as the input stays the same.
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(() => void load(value), INDEXING_POLL_MS);
        return;
      }
      settled = true;
      const waiters = settledWaiters;
      settledWaiters = [];
      for (const w of waiters) w();
    };

    const disposables: vscode.Disposable[] = [];
    const done = new Promise<SearchHit | undefined>((resolve) => {
      disposables.push(
        qp.onDidChangeValue((value) => {
          // The workbench echoes values set from here: asking again would reset the active item.
          if (value === requested) return;
          requested = value;
          if (timer !== undefined) clearTimeout(timer);
          settled = false;
          timer = setTimeout(() => void load(value), TYPING_DEBOUNCE_MS);
        }),
        qp.onDidChangeActive((active) => {
          const hit = active[0]?.hit;
          if (hit === undefined) return;
          previews = previews.then(async () => {
            // Arrowing through the list: only the item still active is worth opening.
            if (hidden || qp.activeItems[0]?.hit !== hit) return;
            if (await this.preview(hit)) previewed = true;
          });
        }),
        qp.onDidAccept(() => {
          const hit = (qp.selectedItems[0] ?? qp.activeItems[0])?.hit;
          if (hit === undefined) return;
          accepted = hit;
          qp.hide();
        }),
        qp.onDidHide(() => {
          hidden = true;
          if (timer !== undefined) clearTimeout(timer);
          source?.cancel();
          for (const d of disposables) d.dispose();
          qp.dispose();
          const finish = async () => {
            await previews;
            for (const editor of vscode.window.visibleTextEditors) editor.setDecorations(previewDecoration, []);
            if (accepted !== undefined) {
              await openHit(accepted, false, this.encodings);
            } else if (previewed) {
              await restoreEditors();
            }
          };
          // `done` resolves once the editor shows the result (or is back where it was).
          void finish().then(
            () => resolve(accepted),
            () => resolve(accepted),
          );
        }),
      );
    });
    qp.value = initialQuery;
    void load(initialQuery);
    qp.show();
    return {
      quickPick: qp,
      done,
      settled: () => (settled ? Promise.resolve() : new Promise<void>((r) => settledWaiters.push(r))),
    };
  }

  /** Shows the heading in a preview editor without taking the focus from the QuickPick. */
  private async preview(hit: SearchHit): Promise<boolean> {
    try {
      previewHeading(await openHit(hit, true, this.encodings), hit);
      return true;
    } catch {
      return false;
    }
  }

  dispose(): void {
    this.open?.quickPick.hide();
  }
}

function keyOf(hit: SearchHit): string {
  return `${hit.uri}#${hit.line}`;
}

function toItem(hit: SearchHit): SearchPickItem {
  return {
    label: hit.name,
    description: hit.containerName,
    detail: `${hit.file} · ${formatLine(hit.line)}`,
    alwaysShow: true,
    hit,
  };
}

async function openHit(hit: SearchHit, preview: boolean, encodings: EncodingFixer): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.parse(hit.uri);
  let doc = await vscode.workspace.openTextDocument(uri);
  // A GBK file: decode it right before showing it, so the heading's columns are right.
  if (await encodings.check(doc)) doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: preview });
  if (!preview) revealHeading(editor, { line: hit.line, start: hit.start });
  return editor;
}

// Outlines of open documents, fetched from the server with `tigang/outline`
// and kept per document version. Edits to a visible document are followed
// throttled so the 提纲 view keeps up while typing without asking the server
// on every keystroke.

import * as vscode from 'vscode';
import { OutlineItem, OutlineParams, OutlineRequest, withOutlineNumbers } from '@tigang/protocol';
import { activeEditor, flash } from './editorUtil';
import { Outline, buildOutline } from './outline';
import { ServerManager } from './server';

/** While typing, the outline is fetched at most once per this many milliseconds. */
export const EDIT_DEBOUNCE_MS = 120;

export class OutlineService implements vscode.Disposable {
  private readonly cache = new Map<string, Outline>();
  /** The last tree the server sent for each document, so that it may answer with the numbers alone. */
  private readonly lastTree = new Map<string, { resultId: string; items: OutlineItem[] }>();
  private readonly inflight = new Map<string, { version: number; promise: Promise<Outline | undefined> }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Documents edited while their throttle timer runs. */
  private readonly pending = new Set<string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Bumped whenever every cached outline becomes stale (settings, restart). */
  private generation = 0;

  /** The outline of a document changed (fetched anew after an edit, a settings change or a server restart). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly server: ServerManager,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.server.serves(e.document) && this.isVisible(e.document)) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      server.onDidStart(() => this.invalidateAll()),
      server.onDidRefresh(() => this.invalidateAll()),
    );
  }

  serves(doc: vscode.TextDocument): boolean {
    return this.server.serves(doc);
  }

  /**
   * The active editor and its outline, for commands. When there is none (the
   * editor is not served, the server has no answer, or with `withHeadings`
   * the document has no headings) it says why in the status bar.
   */
  async active(options: { withHeadings?: boolean } = {}): Promise<{ editor: vscode.TextEditor; outline: Outline } | undefined> {
    const editor = activeEditor((doc) => this.serves(doc));
    if (editor === undefined) {
      flash(vscode.l10n.t('Tigang: the active editor is not a document Tigang outlines'));
      return undefined;
    }
    const outline = await this.get(editor.document);
    if (outline === undefined) {
      flash(vscode.l10n.t('Tigang: the outline is not available yet'));
      return undefined;
    }
    if (options.withHeadings && outline.sections.length === 0) {
      flash(vscode.l10n.t('Tigang: this document has no headings'));
      return undefined;
    }
    return { editor, outline };
  }

  /** The cached outline if it is of the document's current version. */
  peek(doc: vscode.TextDocument): Outline | undefined {
    const cached = this.cache.get(doc.uri.toString());
    return cached !== undefined && cached.version === doc.version ? cached : undefined;
  }

  /**
   * The outline of the document as it is now; undefined for documents Tigang
   * does not serve or when the server is not available.
   */
  async get(doc: vscode.TextDocument): Promise<Outline | undefined> {
    if (!this.serves(doc)) return undefined;
    const fresh = this.peek(doc);
    if (fresh !== undefined) return fresh;
    const key = doc.uri.toString();
    const running = this.inflight.get(key);
    if (running !== undefined && running.version === doc.version) return running.promise;
    const promise = this.fetch(doc).finally(() => {
      if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key);
    });
    this.inflight.set(key, { version: doc.version, promise });
    return promise;
  }

  private async fetch(doc: vscode.TextDocument): Promise<Outline | undefined> {
    const key = doc.uri.toString();
    const generation = this.generation;
    // The server may not have the document yet right after a (re)start: it
    // answers null until didOpen arrives. Ask again for a short while.
    for (let attempt = 0; attempt < 40; attempt++) {
      if (doc.isClosed) return undefined;
      const version = doc.version;
      const last = this.lastTree.get(key);
      const params: OutlineParams = { textDocument: { uri: key }, previousResultId: last?.resultId };
      const result = await this.server.sendRequest(OutlineRequest, params);
      // No server (stopped, crashed, failed to start): asking again would only
      // try to start it again; onDidStart brings a fresh fetch when it runs.
      if (result === undefined) return undefined;
      if (result !== null && result.version >= version) {
        const items = result.items ?? (last !== undefined && result.numbers !== undefined ? withOutlineNumbers(last.items, result.numbers) : undefined);
        if (items === undefined) {
          // Numbers for a tree this client no longer holds (answers crossed): ask for the whole tree.
          this.lastTree.delete(key);
          continue;
        }
        this.lastTree.set(key, { resultId: result.resultId, items });
        const outline = buildOutline(key, result.version, items);
        // Keep it only if nothing made it stale meanwhile.
        if (generation === this.generation && doc.version === result.version) this.cache.set(key, outline);
        return outline;
      }
      if (result !== null) this.log.debug(`outline of ${key} is of version ${result.version}, document is ${version}; asking again`);
      await new Promise((resolve) => setTimeout(resolve, attempt < 10 ? 25 : 100));
    }
    this.log.warn(`no outline for ${key}`);
    return undefined;
  }

  private isVisible(doc: vscode.TextDocument): boolean {
    return vscode.window.visibleTextEditors.some((e) => e.document === doc);
  }

  /**
   * Throttles outline requests while typing: the first edit after a pause is
   * followed at once (the view keeps up within a few tens of milliseconds);
   * edits during the next EDIT_DEBOUNCE_MS are gathered into one request at
   * its end.
   */
  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (this.timers.has(key)) {
      this.pending.add(key);
      return;
    }
    this.refreshNow(doc);
    const cool = () => {
      if (this.pending.delete(key) && !doc.isClosed) {
        this.refreshNow(doc);
        this.timers.set(key, setTimeout(cool, EDIT_DEBOUNCE_MS));
      } else {
        this.timers.delete(key);
      }
    };
    this.timers.set(key, setTimeout(cool, EDIT_DEBOUNCE_MS));
  }

  private refreshNow(doc: vscode.TextDocument): void {
    void this.get(doc).then((outline) => {
      if (outline !== undefined) this.changed.fire(doc.uri);
    });
  }

  /** Every outline is stale: drop them and tell the listeners about the visible documents. */
  private invalidateAll(): void {
    this.generation++;
    this.cache.clear();
    this.lastTree.clear();
    this.inflight.clear();
    const seen = new Set<string>();
    for (const editor of vscode.window.visibleTextEditors) {
      const key = editor.document.uri.toString();
      if (!seen.has(key) && this.serves(editor.document)) {
        seen.add(key);
        this.changed.fire(editor.document.uri);
      }
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cache.delete(key);
    this.lastTree.delete(key);
    this.inflight.delete(key);
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
    this.pending.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}

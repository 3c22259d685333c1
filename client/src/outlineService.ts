// The headings of open documents, fetched from the server with
// `tigang/outline` and kept per document version. Edits to a visible
// document are followed throttled, so the 提纲 view keeps up while typing
// without asking the server on every keystroke, and not while an input
// method composes (composition.ts).

import * as vscode from 'vscode';
import { OutlineItem, OutlineParams, OutlineRequest, withOutlineNumbers } from '@tigang/protocol';
import { CompositionWatch } from './composition';
import { activeEditor, flash } from './editorUtil';
import { DocumentHeadings, documentHeadings } from './headings';
import { ServerManager } from './server';
import { throttleWindow } from './throttle';

/** A single Latin letter may start a composition: it is followed after this pause unless a composition step comes first. */
const LETTER_HOLD_MS = 1000;

export class OutlineService implements vscode.Disposable {
  private readonly cache = new Map<string, DocumentHeadings>();
  /** How long the last tigang/outline answer took, per document: sets the throttle window. */
  private readonly answerMs = new Map<string, number>();
  /** The last tree the server sent for each document, so that it may answer with the numbers alone. */
  private readonly lastTree = new Map<string, { resultId: string; items: OutlineItem[] }>();
  private readonly inflight = new Map<string, { version: number; promise: Promise<DocumentHeadings | undefined> }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Documents edited while their throttle timer runs. */
  private readonly pending = new Set<string>();
  private readonly compositions = new Map<string, CompositionWatch>();
  /** Documents whose last edit may be (`maybe`) or is (`composing`) uncommitted composition text, with the timer that follows a `maybe` anyway. */
  private readonly held = new Map<string, { state: 'maybe' | 'composing'; timer?: NodeJS.Timeout }>();
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
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
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
  async active(options: { withHeadings?: boolean } = {}): Promise<{ editor: vscode.TextEditor; headings: DocumentHeadings } | undefined> {
    const editor = activeEditor((doc) => this.serves(doc));
    if (editor === undefined) {
      flash(vscode.l10n.t('Tigang: the active editor is not a document Tigang outlines'));
      return undefined;
    }
    const headings = await this.get(editor.document);
    if (headings === undefined) {
      flash(vscode.l10n.t('Tigang: the outline is not available yet'));
      return undefined;
    }
    if (options.withHeadings && headings.all.length === 0) {
      flash(vscode.l10n.t('Tigang: this document has no headings'));
      return undefined;
    }
    return { editor, headings };
  }

  /** The cached headings if they are of the document's current version. */
  peek(doc: vscode.TextDocument): DocumentHeadings | undefined {
    const cached = this.cache.get(doc.uri.toString());
    return cached !== undefined && cached.version === doc.version ? cached : undefined;
  }

  /**
   * The headings of the document as it is now; undefined for documents Tigang
   * does not serve or when the server is not available.
   */
  async get(doc: vscode.TextDocument): Promise<DocumentHeadings | undefined> {
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

  /** Whether the document's last edit may be composition text: the view keeps what it shows until the next edit (or a pause after one letter). */
  isHeld(doc: vscode.TextDocument): boolean {
    return this.held.has(doc.uri.toString());
  }

  private async fetch(doc: vscode.TextDocument): Promise<DocumentHeadings | undefined> {
    const key = doc.uri.toString();
    const generation = this.generation;
    // The server may not have the document yet right after a (re)start: it
    // answers null until didOpen arrives. Ask again for a short while.
    for (let attempt = 0; attempt < 40; attempt++) {
      if (doc.isClosed) return undefined;
      const version = doc.version;
      const last = this.lastTree.get(key);
      const params: OutlineParams = { textDocument: { uri: key }, previousResultId: last?.resultId };
      const asked = performance.now();
      const result = await this.server.sendRequest(OutlineRequest, params);
      this.answerMs.set(key, performance.now() - asked);
      // No server (stopped, crashed, failed to start): asking again would only
      // try to start it again; onDidStart brings a fresh fetch when it runs.
      if (result === undefined) return undefined;
      if (result !== null && result.version >= version) {
        const items = result.items ?? (last !== undefined && result.numbers !== undefined ? withOutlineNumbers(last.items, result.numbers, result.citations) : undefined);
        if (items === undefined) {
          // Numbers for a tree this client no longer holds (answers crossed): ask for the whole tree.
          this.lastTree.delete(key);
          continue;
        }
        this.lastTree.set(key, { resultId: result.resultId, items });
        const headings = documentHeadings(key, result.version, items, result.articles ?? 0);
        // Keep them only if nothing made them stale meanwhile.
        if (generation === this.generation && doc.version === result.version) this.cache.set(key, headings);
        return headings;
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

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const doc = e.document;
    if (e.contentChanges.length === 0 || !this.server.serves(doc)) return;
    const key = doc.uri.toString();
    let watch = this.compositions.get(key);
    if (watch === undefined) this.compositions.set(key, (watch = new CompositionWatch()));
    const state = watch.accept(e.contentChanges);
    clearTimeout(this.held.get(key)?.timer);
    this.held.delete(key);
    if (!this.isVisible(doc)) return;
    if (state === 'composing') {
      // Nothing to show until the composition ends: drop what the throttle gathered.
      this.held.set(key, { state });
      this.pending.delete(key);
    } else if (state === 'maybe') {
      this.pending.delete(key);
      this.held.set(key, {
        state,
        timer: setTimeout(() => {
          this.held.delete(key);
          if (!doc.isClosed) this.schedule(doc);
        }, LETTER_HOLD_MS),
      });
    } else {
      this.schedule(doc);
    }
  }

  /**
   * Throttles outline requests while typing: the first edit after a pause is
   * followed at once (the view keeps up within a few tens of milliseconds);
   * edits during the next throttleWindow() are gathered into one request at
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
        this.timers.set(key, setTimeout(cool, throttleWindow(this.answerMs.get(key))));
      } else {
        this.timers.delete(key);
      }
    };
    this.timers.set(key, setTimeout(cool, throttleWindow(this.answerMs.get(key))));
  }

  private refreshNow(doc: vscode.TextDocument): void {
    void this.get(doc).then((headings) => {
      if (headings !== undefined && !this.isHeld(doc)) this.changed.fire(doc.uri);
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
    this.answerMs.delete(key);
    this.lastTree.delete(key);
    this.inflight.delete(key);
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
    this.pending.delete(key);
    this.compositions.delete(key);
    clearTimeout(this.held.get(key)?.timer);
    this.held.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const { timer } of this.held.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * Keeps a context key at what `value` reads of the active document's
 * headings (undefined for a document Tigang does not outline), following
 * edits and editor switches; set only when it changes, as setContext is a
 * round trip. With the focus in a view or a panel the last document's stays.
 */
export function trackContextKey<T>(outlines: OutlineService, key: string, value: (headings: DocumentHeadings | undefined) => T): vscode.Disposable {
  let known: { value: T } | undefined;
  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined) return;
    const headings = outlines.serves(editor.document) ? await outlines.get(editor.document) : undefined;
    const next = value(headings);
    if (known !== undefined && known.value === next) return;
    known = { value: next };
    await vscode.commands.executeCommand('setContext', key, next);
  };
  void update();
  return vscode.Disposable.from(
    outlines.onDidChange(() => void update()),
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
  );
}

// The 提纲 view in the Explorer: the active document's headings with their
// character counts and speaking times. The tree and its id-stable matching
// are headingTree.ts; this file is what VS Code sees of them: items, the
// welcome states, the selection following the cursor.

import * as vscode from 'vscode';
import { Config } from './config';
import { escapeMarkdown, formatCitations, formatLineRange, formatSpeakingTime, formatStats } from './format';
import { DocumentHeadings, HeadingEntry } from './headings';
import { HeadingTree, HeadingTreeNode, SectionMove } from './headingTree';
import { SectionWarnings, markWarnings, onDidChangeWarnings, warningsKey } from './numbering';
import { OutlineService } from './outlineService';
import { ServerManager } from './server';

export const VIEW_ID = 'tigang.outline';

/** The value of the tigang.outlineState context key: which welcome text the view shows, if any (package.json viewsWelcome). */
export type OutlineViewState = 'noEditor' | 'unsupported' | 'loading' | 'serverDown' | 'empty' | 'ready';

/** What another feature adds to a heading's item (the time limits, timeLimits.ts): the time shown instead of the speaking time alone, an icon, words for screen readers. */
export interface ItemDecoration {
  /** "0′38″ / 5′00″": replaces the speaking time in the description, which would otherwise say it twice. */
  time?: string;
  iconPath?: vscode.ThemeIcon;
  accessibility?: string;
}

/** Remembered across sessions: the view was opened for the user once, on the first document with headings. */
const SHOWN_ONCE_KEY = 'tigang.outline.shownOnce';

/** A reveal that fails while the tree refreshes is tried again this many times. */
const MAX_REVEAL_RETRIES = 5;

export class OutlineTreeProvider implements vscode.TreeDataProvider<HeadingTreeNode>, vscode.Disposable {
  private readonly trees = new Map<string, HeadingTree>();
  private nextKey = 1;
  private current: { uri: string; docUri: vscode.Uri; tree: HeadingTree } | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<HeadingTreeNode | HeadingTreeNode[] | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  state: OutlineViewState = 'noEditor';
  /** tigang.charactersPerMinute for the document shown, read once per outline rather than per item. */
  private perMinute: number;
  /** Set by timeLimits.ts; relabel() after it changes its answers. */
  decorate: ((uri: string, heading: HeadingEntry) => ItemDecoration | undefined) | undefined;
  /** Set by filter.ts: the headings shown while filtering (matches and their ancestors), by index; undefined shows all. */
  private shownByFilter: ReadonlySet<number> | undefined;
  private filterOf: ((headings: DocumentHeadings) => ReadonlySet<number>) | undefined;
  private beforeFilter: Map<HeadingTreeNode, boolean> | undefined;
  private readonly warnings = new SectionWarnings();
  /** Node id → the warnings its item shows (warningsKey), so that new diagnostics refresh only the items they change. */
  private readonly shownWarnings = new Map<string, string>();
  private expectedMove: (SectionMove & { uri: string; version: number }) | undefined;

  constructor(private readonly config: Config) {
    this.perMinute = config.charactersPerMinute();
  }

  getTreeItem(node: HeadingTreeNode): vscode.TreeItem {
    const h = node.heading;
    const item = new vscode.TreeItem(
      h.name,
      node.children.length === 0 ? vscode.TreeItemCollapsibleState.None : node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = node.id;
    // Statistics in the description, which VS Code elides before the name when the view is narrow.
    item.description = formatStats(h.characters, this.perMinute);
    // One fact a line. appendText would make every space &nbsp;, leaving the
    // dash of "Lines 42–80" the only place a line may break; the range is
    // joined (format.ts) and the rest may wrap at its spaces.
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(h.name);
    tooltip.appendMarkdown(`\n\n${escapeMarkdown(formatLineRange(h.line, h.endLine))}\n\n${escapeMarkdown(formatSpeakingTime(h.characters, this.perMinute))}`);
    // A law's article or chapter: how many references cite it (Shift+F12 on its heading lists them).
    if (h.citations > 0) tooltip.appendMarkdown(`\n\n${escapeMarkdown(formatCitations(h.citations))}`);
    item.tooltip = tooltip;
    // A section whose number is wrong: the warning icon and the diagnostics' messages (numbering.ts).
    if (this.current !== undefined) {
      const warnings = this.warnings.at(this.current.docUri, h.line);
      markWarnings(item, warnings, tooltip);
      this.shownWarnings.set(node.id, warningsKey(warnings));
    }
    item.contextValue = 'tigang.section';
    const extra = this.current !== undefined ? this.decorate?.(this.current.uri, h) : undefined;
    if (extra?.time !== undefined) item.description = formatStats(h.characters, this.perMinute, extra.time);
    // A numbering warning keeps its icon; the time limit still says "over" in the description.
    if (extra?.iconPath !== undefined && item.iconPath === undefined) item.iconPath = extra.iconPath;
    item.accessibilityInformation = { label: `${h.name}, ${item.description}${extra?.accessibility !== undefined ? `, ${extra.accessibility}` : ''}` };
    item.command = {
      command: 'tigang.revealSection',
      title: vscode.l10n.t('Go to section'),
      arguments: [this.current?.uri, h.line, h.start],
    };
    return item;
  }

  getChildren(node?: HeadingTreeNode): HeadingTreeNode[] {
    const list = node !== undefined ? node.children : (this.current?.tree.roots ?? []);
    const shown = this.shownByFilter;
    return shown === undefined ? list : list.filter((n) => shown.has(n.heading.index));
  }

  /**
   * Shows only the headings `filter` returns (by index) and expands the
   * nodes above them; undefined shows the whole tree again with the
   * expansion it had before.
   */
  setFilter(filter: ((headings: DocumentHeadings) => ReadonlySet<number>) | undefined): void {
    const tree = this.current?.tree;
    if (filter !== undefined && this.filterOf === undefined) this.beforeFilter = new Map(this.nodes().map((n) => [n, n.expanded]));
    this.filterOf = filter;
    this.shownByFilter = filter !== undefined && tree?.headings !== undefined ? filter(tree.headings) : undefined;
    if (tree === undefined) return;
    const shown = this.shownByFilter;
    const before = this.beforeFilter;
    tree.setExpanded((node) => (shown !== undefined ? node.children.some((c) => shown.has(c.heading.index)) : (before?.get(node) ?? node.expanded)));
    if (filter === undefined) this.beforeFilter = undefined;
    this.changeEmitter.fire();
  }

  /** How many headings the filter shows, undefined when not filtering. */
  get filtered(): number | undefined {
    return this.shownByFilter?.size;
  }

  /** Expands the nodes above `depth` (0-based) and collapses the rest (the level control, levels.ts). */
  expandToDepth(depth: number): void {
    if (this.current === undefined) return;
    this.current.tree.setExpanded((node) => node.heading.depth < depth);
    this.changeEmitter.fire();
  }

  getParent(node: HeadingTreeNode): HeadingTreeNode | undefined {
    return node.parent;
  }

  /** Uri of the document the tree shows. */
  get uri(): string | undefined {
    return this.current?.uri;
  }

  get headings(): DocumentHeadings | undefined {
    return this.current?.tree.headings;
  }

  get roots(): readonly HeadingTreeNode[] {
    return this.current?.tree.roots ?? [];
  }

  /** Every node in document order. */
  nodes(): HeadingTreeNode[] {
    return this.current?.tree.nodes() ?? [];
  }

  /** The node of the section at a line; undefined above the first heading. */
  nodeAt(line: number): HeadingTreeNode | undefined {
    return this.current?.tree.nodeAt(line);
  }

  /** Shows nothing, and the welcome text of the state. */
  clear(state: OutlineViewState): void {
    const had = this.current !== undefined;
    this.current = undefined;
    this.state = state;
    if (had) this.changeEmitter.fire();
  }

  /**
   * Shows the headings of a document. Returns whether the tree changed shape
   * (nodes added, removed or moved, or another document) as opposed to only
   * labels or counts.
   */
  show(uri: string, headings: DocumentHeadings): boolean {
    this.perMinute = this.config.charactersPerMinute(vscode.Uri.parse(uri));
    let tree = this.trees.get(uri);
    if (tree === undefined) {
      tree = new HeadingTree(this.nextKey++);
      this.trees.set(uri, tree);
    }
    const switched = this.current?.uri !== uri;
    if (switched) this.shownWarnings.clear();
    this.current = { uri, docUri: vscode.Uri.parse(uri), tree };
    const move = this.expectedMove;
    if (move !== undefined && (move.uri !== uri || headings.version >= move.version)) this.expectedMove = undefined;
    const moved = move !== undefined && move.uri === uri && headings.version === move.version ? move : undefined;
    const { structural: reshaped, changed } = tree.update(headings, this.config.expandDepth(), moved);
    if (this.filterOf !== undefined) this.shownByFilter = this.filterOf(headings);
    const structural = reshaped || this.filterOf !== undefined;
    this.state = headings.all.length > 0 ? 'ready' : 'empty';
    if (switched || structural) this.changeEmitter.fire();
    else if (changed.length > 0) this.changeEmitter.fire([...changed]);
    return switched || structural;
  }

  /**
   * A structure command is about to move the section whose heading is on
   * line `from` to line `to`, making the document's version `version`: its
   * node keeps its id (and expansion state) there, though its number changes.
   */
  expectMove(uri: string, version: number, from: number, to: number): void {
    this.expectedMove = { uri, version, from, to };
  }

  /** Forgets the tree of a closed document. */
  forget(uri: string): void {
    this.trees.delete(uri);
  }

  /** The view reported that the user expanded or collapsed a node. */
  setExpanded(node: HeadingTreeNode, expanded: boolean): void {
    node.expanded = expanded;
  }

  /** Expands every node: new ids make VS Code take the states we give. */
  expandAll(): void {
    if (this.current === undefined) return;
    this.current.tree.expandAll();
    this.changeEmitter.fire();
  }

  /** Makes VS Code forget these nodes' selection: new ids, then a refresh (HeadingTree.reissue). */
  deselect(nodes: readonly HeadingTreeNode[]): void {
    if (this.current === undefined || nodes.length === 0) return;
    for (const node of nodes) this.current.tree.reissue(node);
    this.changeEmitter.fire();
  }

  /** The document's diagnostics changed: refresh the items whose warning mark changes, only those. */
  remark(): void {
    this.warnings.invalidate();
    const current = this.current;
    if (current === undefined) return;
    const changed = current.tree.nodes().filter((n) => warningsKey(this.warnings.at(current.docUri, n.heading.line)) !== (this.shownWarnings.get(n.id) ?? ''));
    if (changed.length > 0) this.changeEmitter.fire(changed);
  }

  /** Statistics depend on tigang.charactersPerMinute: relabel every node. */
  relabel(): void {
    if (this.current === undefined) return;
    this.perMinute = this.config.charactersPerMinute(vscode.Uri.parse(this.current.uri));
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/**
 * Connects the provider to the active editor, the view and the settings:
 * which document to show, selection following the cursor, welcome states.
 */
export class OutlineView implements vscode.Disposable {
  readonly provider: OutlineTreeProvider;
  readonly treeView: vscode.TreeView<HeadingTreeNode>;
  /** Drag a section onto another heading: the section moves after it (structure.ts sets what a drop does). */
  readonly dragAndDrop: OutlineDragAndDrop;
  private readonly disposables: vscode.Disposable[] = [];
  /** The node followSelection revealed last. */
  private lastFollowed: HeadingTreeNode | undefined;
  /** Reveals that failed in a row; followSelection tries again a few times. */
  private revealFailures = 0;
  /** The value of the tigang.outlineState context key. */
  private contextState: OutlineViewState | undefined;
  private selectionTimer: NodeJS.Timeout | undefined;
  /** The follow in progress: follows run one after another, so reveals land in the order the cursor moved. */
  private following: Promise<unknown> = Promise.resolve();
  /** The cursor moved while the view showed an older version: follow when the new one is shown. */
  private followPending = false;
  private updateSeq = 0;
  private seenOutline = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly config: Config,
    private readonly server: ServerManager,
    private readonly outlines: OutlineService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.provider = new OutlineTreeProvider(config);
    this.dragAndDrop = new OutlineDragAndDrop(this.provider);
    this.treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true, dragAndDropController: this.dragAndDrop });
    const isActive = (doc: vscode.TextDocument) => vscode.window.activeTextEditor?.document === doc;
    this.disposables.push(
      this.provider,
      this.treeView,
      this.treeView.onDidExpandElement((e) => this.provider.setExpanded(e.element, true)),
      this.treeView.onDidCollapseElement((e) => this.provider.setExpanded(e.element, false)),
      this.treeView.onDidChangeVisibility((e) => {
        if (e.visible) void this.update().then(() => this.followSelection());
      }),
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.scheduleFollow();
      }),
      // A document's language changed (VS Code closes and reopens it): it may no longer be served, or now be.
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (isActive(doc)) void this.update();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.provider.forget(doc.uri.toString());
        if (isActive(doc)) void this.update();
      }),
      server.onDidChangeLanguages(() => void this.update()),
      server.onDidStop(() => void this.update()),
      outlines.onDidChange((uri) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) void this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tigang.charactersPerMinute')) this.provider.relabel();
      }),
      onDidChangeWarnings(() => this.provider.uri, () => this.provider.remark()),
    );
    void this.setContext('noEditor');
    void this.update();
  }

  /** Shows the active editor's headings. Resolves when the tree has them. */
  async update(): Promise<void> {
    const seq = ++this.updateSeq;
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined) {
      // Focus in the view itself, a panel or a webview: keep what is shown.
      if (vscode.window.visibleTextEditors.length === 0) await this.clear('noEditor');
      return;
    }
    const doc = editor.document;
    // Output channels, the settings JSON of the defaults and other virtual
    // documents take the focus briefly: keep showing the last document.
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled' && this.provider.uri !== undefined) return;
    if (!this.outlines.serves(doc)) return this.clear('unsupported');
    if (this.server.isDown) return this.clear('serverDown');
    const uri = doc.uri.toString();
    // An input method is composing: keep the tree until the composition ends.
    if (this.outlines.isHeld(doc) && this.provider.uri === uri) return;
    if (this.provider.uri !== uri && this.provider.state !== 'ready') await this.setContext('loading');
    const headings = await this.outlines.get(doc);
    if (seq !== this.updateSeq) return; // a newer update is on its way
    if (headings === undefined) return this.clear(this.server.isDown ? 'serverDown' : 'loading');
    const structural = this.provider.show(uri, headings);
    const hasHeadings = headings.all.length > 0;
    await this.setContext(hasHeadings ? 'ready' : 'empty');
    if (hasHeadings && !this.seenOutline) {
      this.seenOutline = true;
      await vscode.commands.executeCommand('setContext', 'tigang.outlineSeen', true);
    }
    if (hasHeadings && this.context.globalState.get<boolean>(SHOWN_ONCE_KEY) !== true) await this.showOnce();
    if (structural || this.followPending) this.scheduleFollow();
  }

  private async clear(state: OutlineViewState): Promise<void> {
    this.provider.clear(state);
    this.lastFollowed = undefined;
    await this.setContext(state);
  }

  /**
   * The first time ever that a document with headings is shown, opens the
   * view, expanded, without taking the focus from the editor: otherwise it
   * appears collapsed at the bottom of the Explorer, below Outline and
   * Timeline, and a new user never finds it.
   */
  private async showOnce(): Promise<void> {
    await this.context.globalState.update(SHOWN_ONCE_KEY, true);
    const first = this.provider.roots[0];
    if (first === undefined || this.treeView.visible) return;
    try {
      await this.treeView.reveal(first, { select: false, focus: false, expand: false });
    } catch (error) {
      this.log.debug(`opening the 提纲 view: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** For the tests (ExtensionMode.Test): as on the first run, before the view was ever opened for the user. */
  async forgetShownOnce(): Promise<void> {
    if (this.context.extensionMode !== vscode.ExtensionMode.Test) return;
    await this.context.globalState.update(SHOWN_ONCE_KEY, undefined);
  }

  /** Sets the context key the welcome texts depend on; a round trip, so only when it changes (not per keystroke). */
  private async setContext(state: OutlineViewState): Promise<void> {
    if (state === this.contextState) return;
    this.contextState = state;
    await vscode.commands.executeCommand('setContext', 'tigang.outlineState', state);
  }

  private scheduleFollow(): void {
    if (this.selectionTimer !== undefined) clearTimeout(this.selectionTimer);
    this.selectionTimer = setTimeout(() => {
      this.selectionTimer = undefined;
      void this.followSelection();
    }, 50);
  }

  /**
   * Selects the node of the section under the cursor, when the view is
   * visible and the setting allows; above the first heading, nothing.
   * `again`: reveal it even if it was the node selected last (its id changed).
   */
  followSelection(options: { again?: boolean } = {}): Promise<HeadingTreeNode | undefined> {
    // Two reveals in flight at once may resolve out of order and leave the
    // older section selected while the newer counts as followed.
    const run = this.following.then(() => this.followNow(options));
    this.following = run.catch(() => undefined);
    return run;
  }

  private async followNow(options: { again?: boolean }): Promise<HeadingTreeNode | undefined> {
    this.followPending = false;
    if (!this.treeView.visible || !this.config.followCursor()) return undefined;
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined || editor.document.uri.toString() !== this.provider.uri) return undefined;
    const headings = this.provider.headings;
    if (headings === undefined || headings.version !== editor.document.version) {
      // The lines may have moved: update() follows once the new outline is shown.
      this.followPending = true;
      return undefined;
    }
    const node = this.provider.nodeAt(editor.selection.active.line);
    if (node === undefined) {
      // Above the first heading: no section is the cursor's.
      this.lastFollowed = undefined;
      this.provider.deselect(this.treeView.selection);
      return undefined;
    }
    // Still the section followed last (or clicked): the cursor has not left
    // it (typing, an edit elsewhere). Revealing it again would expand what
    // the user collapsed, since VS Code may drop the selection of a hidden item.
    const same = options.again !== true && (node === this.lastFollowed || this.treeView.selection[0] === node);
    this.lastFollowed = node;
    if (same) return node;
    try {
      await this.treeView.reveal(node, { select: true, focus: false, expand: false });
      this.revealFailures = 0;
    } catch (error) {
      // The tree was being refreshed (an edit, new diagnostics): the node is
      // not followed yet, so the next try reveals it — a few times at most.
      this.log.debug(`reveal in 提纲 view: ${error instanceof Error ? error.message : String(error)}`);
      if (this.lastFollowed === node) this.lastFollowed = undefined;
      if (++this.revealFailures <= MAX_REVEAL_RETRIES) this.scheduleFollow();
    }
    return node;
  }

  /**
   * Shows levels 1..level of the tree (the level control, levels.ts). The
   * cursor's node counts as followed, so that following it does not expand
   * what was just collapsed until the cursor moves to another section.
   */
  expandToLevel(level: number): void {
    this.provider.expandToDepth(level - 1);
    const editor = vscode.window.activeTextEditor;
    if (editor !== undefined && editor.document.uri.toString() === this.provider.uri) this.lastFollowed = this.provider.nodeAt(editor.selection.active.line);
  }

  /**
   * After a structure edit of `doc`: shows its new outline and selects the
   * section whose heading is on `line` (focusing the view when the command
   * came from it). Resolves with the node, undefined when the view does not
   * show the document.
   */
  async revealSection(doc: vscode.TextDocument, line: number, options: { focus: boolean }): Promise<HeadingTreeNode | undefined> {
    const uri = doc.uri.toString();
    // An update superseded by another (a change event of the same edit) leaves the tree to that one: look again.
    for (let attempt = 0; attempt < 5 && !doc.isClosed; attempt++) {
      await this.update();
      if (this.provider.uri !== uri) return undefined;
      if (this.provider.headings?.version === doc.version) break;
    }
    if (this.provider.headings?.version !== doc.version) return undefined;
    const node = this.provider.nodes().find((n) => n.heading.line === line) ?? this.provider.nodeAt(line);
    if (node === undefined || !this.treeView.visible) return node;
    this.lastFollowed = node;
    try {
      await this.treeView.reveal(node, { select: true, focus: options.focus, expand: false });
    } catch (error) {
      this.log.debug(`reveal in 提纲 view: ${error instanceof Error ? error.message : String(error)}`);
    }
    return node;
  }

  /** Expands every node of the tree and keeps the cursor's node selected. */
  async expandAll(): Promise<void> {
    this.provider.expandAll();
    // Every id changed, so VS Code drops the selection: select the cursor's node again.
    await this.followSelection({ again: true });
  }

  dispose(): void {
    if (this.selectionTimer !== undefined) clearTimeout(this.selectionTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/** Our own mime type for dragged sections (VS Code's form for a tree's items: application/vnd.code.tree.<view id>). */
export const SECTION_MIME = 'application/vnd.code.tree.tigang.outline';

/** What the 提纲 view's drag carries: the document and the heading line of each dragged section. */
export interface DraggedSections {
  readonly uri: string;
  readonly version: number;
  readonly lines: readonly number[];
}

/**
 * Drag and drop in the 提纲 view: a section dropped on another heading
 * becomes that heading's next sibling, in its style (tigang/structureEdit
 * moveTo with the drop heading's line as target). The server refuses a drop
 * on the section itself or inside it, and says why.
 */
export class OutlineDragAndDrop implements vscode.TreeDragAndDropController<HeadingTreeNode> {
  readonly dragMimeTypes = [SECTION_MIME];
  readonly dropMimeTypes = [SECTION_MIME];
  /** Set by structure.ts: moves the section on `line` after the heading on `targetLine`; resolves when done or refused. */
  moveTo: ((uri: string, version: number, line: number, targetLine: number) => Promise<unknown>) | undefined;

  constructor(private readonly provider: OutlineTreeProvider) {}

  handleDrag(source: readonly HeadingTreeNode[], dataTransfer: vscode.DataTransfer, _token?: vscode.CancellationToken): void {
    const uri = this.provider.uri;
    const version = this.provider.headings?.version;
    if (uri === undefined || version === undefined || source.length === 0) return;
    const dragged: DraggedSections = { uri, version, lines: source.map((n) => n.heading.line) };
    dataTransfer.set(SECTION_MIME, new vscode.DataTransferItem(JSON.stringify(dragged)));
  }

  async handleDrop(target: HeadingTreeNode | undefined, dataTransfer: vscode.DataTransfer, _token?: vscode.CancellationToken): Promise<void> {
    const item = dataTransfer.get(SECTION_MIME);
    if (item === undefined || target === undefined || this.moveTo === undefined) return;
    const raw: unknown = await item.asString();
    const dragged = JSON.parse(typeof raw === 'string' ? raw : '{}') as Partial<DraggedSections>;
    if (dragged.uri === undefined || dragged.uri !== this.provider.uri || typeof dragged.version !== 'number' || !Array.isArray(dragged.lines)) return;
    // One section at a time: several dragged together would each need a place of their own.
    const line = dragged.lines[0];
    if (typeof line === 'number') await this.moveTo(dragged.uri, dragged.version, line, target.heading.line);
  }
}

// The 提纲 view in the Explorer: the active document's headings with their
// character counts and speaking times.
//
// Edits must not make the tree flicker or forget what the user expanded, so
// tree nodes are long-lived objects with stable ids: a new outline is matched
// against the previous tree level by level (first by name, then by position
// among headings of the same style, so renaming a heading or inserting one
// keeps every other node's id), the matched nodes are updated in place, and
// only when the shape of the tree changed is the whole tree refreshed — with
// the same ids, which VS Code keeps expanded or collapsed as they were.

import * as vscode from 'vscode';
import * as config from './config';
import { formatDuration, formatStats } from './format';
import { Outline, Section, sectionAt, speakingSeconds } from './outline';
import { OutlineService } from './outlineService';

export const VIEW_ID = 'tigang.outline';

export class OutlineNode {
  constructor(
    /** Stable for the life of the node (see the file comment). */
    readonly serial: number,
    public section: Section,
    public parent: OutlineNode | undefined,
    /** Whether the node is expanded, as far as we know (initial state, then the view's events). */
    public expanded: boolean,
  ) {}
  children: OutlineNode[] = [];
  /** Id of the node in the view; changes only with DocumentTree.epoch. */
  id = '';
}

/** The tree of one document: kept while the document is open, so switching editors keeps expansion state. */
interface DocumentTree {
  readonly key: number;
  /** Bumped by "expand all": every id changes, so VS Code applies the new expanded states. */
  epoch: number;
  nextSerial: number;
  roots: OutlineNode[];
  outline: Outline | undefined;
}

export type OutlineViewState = 'noEditor' | 'unsupported' | 'loading' | 'empty' | 'ready';

export class OutlineTreeProvider implements vscode.TreeDataProvider<OutlineNode>, vscode.Disposable {
  private readonly trees = new Map<string, DocumentTree>();
  private nextKey = 1;
  private current: { uri: string; tree: DocumentTree } | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<OutlineNode | OutlineNode[] | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  state: OutlineViewState = 'noEditor';
  /** tigang.charactersPerMinute for the document shown, read once per outline rather than per item. */
  private perMinute = config.charactersPerMinute();

  getTreeItem(node: OutlineNode): vscode.TreeItem {
    const s = node.section;
    const item = new vscode.TreeItem(
      s.name,
      node.children.length === 0 ? vscode.TreeItemCollapsibleState.None : node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = node.id;
    const perMinute = this.perMinute;
    item.description = formatStats(s, perMinute);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(s.name);
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(
      vscode.l10n.t(
        'Lines {0}–{1} · {2} characters · about {3} to speak at {4} characters a minute',
        s.line + 1,
        s.endLine + 1,
        s.characters,
        formatDuration(speakingSeconds(s.characters, perMinute)),
        perMinute,
      ),
    );
    item.tooltip = tooltip;
    item.contextValue = 'tigang.section';
    item.accessibilityInformation = { label: `${s.name}, ${item.description}` };
    item.command = {
      command: 'tigang.revealSection',
      title: vscode.l10n.t('Go to section'),
      arguments: [this.current?.uri, s.line, s.start],
    };
    return item;
  }

  getChildren(node?: OutlineNode): OutlineNode[] {
    if (node !== undefined) return node.children;
    return this.current?.tree.roots ?? [];
  }

  getParent(node: OutlineNode): OutlineNode | undefined {
    return node.parent;
  }

  /** Uri of the document the tree shows. */
  get uri(): string | undefined {
    return this.current?.uri;
  }

  get outline(): Outline | undefined {
    return this.current?.tree.outline;
  }

  get roots(): readonly OutlineNode[] {
    return this.current?.tree.roots ?? [];
  }

  /** Every node in document order. */
  nodes(): OutlineNode[] {
    const all: OutlineNode[] = [];
    const walk = (list: readonly OutlineNode[]) => {
      for (const n of list) {
        all.push(n);
        walk(n.children);
      }
    };
    walk(this.roots);
    return all;
  }

  /** The node of the section at a line (innermost containing it, else the heading above). */
  nodeAt(line: number): OutlineNode | undefined {
    const outline = this.outline;
    if (outline === undefined) return undefined;
    const section = sectionAt(outline, line);
    if (section === undefined) return undefined;
    return this.nodes()[section.index];
  }

  /** Shows nothing (no editor, or a document Tigang does not serve). */
  clear(state: OutlineViewState): void {
    const had = this.current !== undefined;
    this.current = undefined;
    this.state = state;
    if (had) this.changeEmitter.fire();
  }

  /**
   * Shows the outline of a document. Returns whether the tree changed shape
   * (nodes added, removed or moved) as opposed to only labels or counts.
   */
  show(uri: string, outline: Outline): boolean {
    this.perMinute = config.charactersPerMinute(vscode.Uri.parse(uri));
    let tree = this.trees.get(uri);
    if (tree === undefined) {
      tree = { key: this.nextKey++, epoch: 0, nextSerial: 1, roots: [], outline: undefined };
      this.trees.set(uri, tree);
    }
    const switched = this.current?.uri !== uri;
    this.current = { uri, tree };
    const changed: OutlineNode[] = [];
    const before = shape(tree.roots);
    tree.roots = this.reconcile(tree, tree.roots, outline.roots, undefined, changed, config.expandDepth());
    tree.outline = outline;
    const structural = switched || shape(tree.roots) !== before;
    this.state = outline.sections.length > 0 ? 'ready' : 'empty';
    if (structural) this.changeEmitter.fire();
    else if (changed.length > 0) this.changeEmitter.fire(changed);
    return structural;
  }

  /** Forgets the tree of a closed document. */
  forget(uri: string): void {
    this.trees.delete(uri);
  }

  /** The view reported that the user expanded or collapsed a node. */
  setExpanded(node: OutlineNode, expanded: boolean): void {
    node.expanded = expanded;
  }

  /** Expands every node: new ids make VS Code take the states we give. */
  expandAll(): void {
    const tree = this.current?.tree;
    if (tree === undefined) return;
    tree.epoch++;
    for (const node of this.nodes()) {
      node.expanded = node.children.length > 0;
      node.id = nodeId(tree, node);
    }
    this.changeEmitter.fire();
  }

  /** Statistics depend on tigang.charactersPerMinute: relabel every node. */
  relabel(): void {
    if (this.current === undefined) return;
    this.perMinute = config.charactersPerMinute(vscode.Uri.parse(this.current.uri));
    this.changeEmitter.fire();
  }

  private reconcile(tree: DocumentTree, old: readonly OutlineNode[], sections: readonly Section[], parent: OutlineNode | undefined, changed: OutlineNode[], expandDepth: number): OutlineNode[] {
    const result: (OutlineNode | undefined)[] = new Array(sections.length);
    const used = new Set<OutlineNode>();
    // 1. Same heading (style and name), in order.
    const byName = new Map<string, OutlineNode[]>();
    for (const node of old) {
      const key = `${node.section.style}\u0000${node.section.name}`;
      const list = byName.get(key);
      if (list === undefined) byName.set(key, [node]);
      else list.push(node);
    }
    sections.forEach((s, i) => {
      const node = byName.get(`${s.style}\u0000${s.name}`)?.shift();
      if (node !== undefined) {
        result[i] = node;
        used.add(node);
      }
    });
    // 2. A renamed heading: the next unused old node of the same style, in order.
    const rest = old.filter((n) => !used.has(n));
    sections.forEach((s, i) => {
      if (result[i] !== undefined) return;
      const j = rest.findIndex((n) => !used.has(n) && n.section.style === s.style);
      if (j >= 0) {
        result[i] = rest[j];
        used.add(rest[j]);
      }
    });
    return sections.map((s, i) => {
      let node = result[i];
      if (node === undefined) {
        node = new OutlineNode(tree.nextSerial++, s, parent, s.depth < expandDepth);
        node.id = nodeId(tree, node);
      } else {
        const before = node.section;
        const hadChildren = node.children.length > 0;
        node.section = s;
        node.parent = parent;
        if (before.name !== s.name || before.characters !== s.characters || before.line !== s.line || before.endLine !== s.endLine || before.start !== s.start || hadChildren !== s.children.length > 0) changed.push(node);
      }
      node.children = this.reconcile(tree, node.children, s.children, node, changed, expandDepth);
      return node;
    });
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

function nodeId(tree: DocumentTree, node: OutlineNode): string {
  return `${tree.key}.${tree.epoch}.${node.serial}`;
}

/** The ids and nesting of a tree, to tell a structural change from a relabelling. */
function shape(nodes: readonly OutlineNode[]): string {
  return nodes.map((n) => (n.children.length > 0 ? `${n.id}(${shape(n.children)})` : n.id)).join(',');
}

/**
 * Connects the provider to the active editor, the view and the settings:
 * which document to show, selection following the cursor, welcome states.
 */
export class OutlineView implements vscode.Disposable {
  readonly provider = new OutlineTreeProvider();
  readonly treeView: vscode.TreeView<OutlineNode>;
  private readonly disposables: vscode.Disposable[] = [];
  /** The node followSelection revealed last. */
  private lastFollowed: OutlineNode | undefined;
  /** The value of the tigang.outlineState context key. */
  private contextState: OutlineViewState | undefined;
  private selectionTimer: NodeJS.Timeout | undefined;
  private updateSeq = 0;
  private seenOutline = false;

  constructor(
    private readonly outlines: OutlineService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
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
      vscode.workspace.onDidCloseTextDocument((doc) => this.provider.forget(doc.uri.toString())),
      outlines.onDidChange((uri) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) void this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tigang.charactersPerMinute')) this.provider.relabel();
      }),
    );
    void this.setContext('noEditor');
    void this.update();
  }

  /** Shows the active editor's outline. Resolves when the tree has it. */
  async update(): Promise<void> {
    const seq = ++this.updateSeq;
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined) {
      // Focus in the view itself, a panel or a webview: keep what is shown.
      if (vscode.window.visibleTextEditors.length === 0) {
        this.provider.clear('noEditor');
        await this.setContext('noEditor');
      }
      return;
    }
    const doc = editor.document;
    // Output channels, the settings JSON of the defaults and other virtual
    // documents take the focus briefly: keep showing the last document.
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled' && this.provider.uri !== undefined) return;
    if (!this.outlines.serves(doc)) {
      this.provider.clear('unsupported');
      await this.setContext('unsupported');
      return;
    }
    if (this.provider.uri !== doc.uri.toString()) {
      if (this.provider.state !== 'ready') await this.setContext('loading');
    }
    const outline = await this.outlines.get(doc);
    if (seq !== this.updateSeq) return; // a newer update is on its way
    if (outline === undefined) {
      this.provider.clear('loading');
      await this.setContext('loading');
      return;
    }
    const structural = this.provider.show(doc.uri.toString(), outline);
    await this.setContext(outline.sections.length > 0 ? 'ready' : 'empty');
    if (outline.sections.length > 0 && !this.seenOutline) {
      this.seenOutline = true;
      await vscode.commands.executeCommand('setContext', 'tigang.outlineSeen', true);
    }
    if (structural) this.scheduleFollow();
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

  /** Selects the node of the section under the cursor, when the view is visible and the setting allows. */
  async followSelection(): Promise<OutlineNode | undefined> {
    if (!this.treeView.visible || !config.followCursor()) return undefined;
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined || editor.document.uri.toString() !== this.provider.uri) return undefined;
    const outline = this.provider.outline;
    if (outline === undefined || outline.version !== editor.document.version) return undefined;
    const node = this.provider.nodeAt(editor.selection.active.line);
    if (node === undefined) return undefined;
    // Still the section followed last (or clicked): the cursor has not left
    // it (typing, an edit elsewhere). Revealing it again would expand what
    // the user collapsed, since VS Code may drop the selection of a hidden item.
    const same = node === this.lastFollowed || this.treeView.selection[0] === node;
    this.lastFollowed = node;
    if (same) return node;
    try {
      await this.treeView.reveal(node, { select: true, focus: false, expand: false });
    } catch (error) {
      this.log.debug(`reveal in 提纲 view: ${error instanceof Error ? error.message : String(error)}`);
    }
    return node;
  }

  /** Expands every node of the tree and keeps the cursor's node selected. */
  async expandAll(): Promise<void> {
    this.provider.expandAll();
    await this.followSelection();
  }

  dispose(): void {
    if (this.selectionTimer !== undefined) clearTimeout(this.selectionTimer);
    for (const d of this.disposables) d.dispose();
  }
}

// The tree behind the 提纲 view, without vscode (outlineView.ts shows it).
//
// Edits must not make the tree flicker or forget what the user expanded, so
// its nodes are long-lived objects with stable ids: new headings are matched
// against the previous tree level by level (first by style and name, then a
// renamed heading by position among the unmatched nodes of its style, so
// renaming a heading or inserting one keeps every other node's id), the
// matched nodes are updated in place, and only when the shape of the tree
// changed must the whole view be refreshed — with the same ids, which VS Code
// keeps expanded or collapsed as they were.

import { DocumentHeadings, HeadingEntry, headingAt } from './headings';

export class HeadingTreeNode {
  constructor(
    /** Part of the id; new only when the node must look new to VS Code (HeadingTree.reissue). */
    public serial: number,
    public heading: HeadingEntry,
    public parent: HeadingTreeNode | undefined,
    /** Whether the node is expanded, as far as we know (its initial state, then the view's events). */
    public expanded: boolean,
  ) {}
  children: HeadingTreeNode[] = [];
  /** Id of the node in the view: changes only with HeadingTree.epoch or reissue. */
  id = '';
}

/** A section moved by a structure command: its heading's line before the edit and after it. */
export interface SectionMove {
  readonly from: number;
  readonly to: number;
}

/** What an update changed. */
export interface TreeChange {
  /** Nodes were added, removed or moved: the whole view must be refreshed. */
  readonly structural: boolean;
  /** Nodes whose label, statistics or position changed (when the shape did not). */
  readonly changed: readonly HeadingTreeNode[];
}

/** The tree of one document; kept while the document is open, so switching editors keeps what was expanded. */
export class HeadingTree {
  /** Bumped by expandAll: every id changes, so VS Code applies the new expanded states. */
  private epoch = 0;
  private nextSerial = 1;
  roots: HeadingTreeNode[] = [];
  headings: DocumentHeadings | undefined;

  /** `key` tells the trees of different documents apart in ids. */
  constructor(readonly key: number) {}

  /**
   * Matches new headings against the tree. Nodes made for new headings
   * start expanded when their depth is below `expandDepth`.
   */
  update(headings: DocumentHeadings, expandDepth: number, moved?: SectionMove): TreeChange {
    const changed: HeadingTreeNode[] = [];
    const before = shape(this.roots);
    // The moved section's node, wherever it was: promote, demote and a drop on another parent's heading move it to another level.
    const carried = moved === undefined ? undefined : this.nodes().find((n) => n.heading.line === moved.from);
    this.roots = this.reconcile(this.roots, headings.roots, undefined, changed, expandDepth, carried === undefined ? undefined : { node: carried, to: moved!.to });
    this.headings = headings;
    const structural = shape(this.roots) !== before;
    return { structural, changed: structural ? [] : changed };
  }

  /** Every node in document order. */
  nodes(): HeadingTreeNode[] {
    const all: HeadingTreeNode[] = [];
    const walk = (list: readonly HeadingTreeNode[]) => {
      for (const n of list) {
        all.push(n);
        walk(n.children);
      }
    };
    walk(this.roots);
    return all;
  }

  /** The node of the section the line is in (see headingAt); undefined above the first heading. */
  nodeAt(line: number): HeadingTreeNode | undefined {
    if (this.headings === undefined) return undefined;
    const heading = headingAt(this.headings, line);
    return heading !== undefined ? this.nodes()[heading.index] : undefined;
  }

  /** Expands every node that has children; every id changes. */
  expandAll(): void {
    this.epoch++;
    for (const node of this.nodes()) {
      node.expanded = node.children.length > 0;
      node.id = this.idOf(node);
    }
  }

  /** Sets every node's expanded state (the level control, the filter); every id changes, so VS Code takes the states. */
  setExpanded(expanded: (node: HeadingTreeNode) => boolean): void {
    this.epoch++;
    for (const node of this.nodes()) {
      node.expanded = node.children.length > 0 && expanded(node);
      node.id = this.idOf(node);
    }
  }

  /**
   * Gives one node a new id. VS Code's tree API can select a node but not
   * clear a selection; a selected node whose id disappears is deselected.
   */
  reissue(node: HeadingTreeNode): void {
    node.serial = this.nextSerial++;
    node.id = this.idOf(node);
  }

  private idOf(node: HeadingTreeNode): string {
    return `${this.key}.${this.epoch}.${node.serial}`;
  }

  private reconcile(
    old: readonly HeadingTreeNode[],
    headings: readonly HeadingEntry[],
    parent: HeadingTreeNode | undefined,
    changed: HeadingTreeNode[],
    expandDepth: number,
    carried?: { node: HeadingTreeNode; to: number },
  ): HeadingTreeNode[] {
    const result: (HeadingTreeNode | undefined)[] = new Array(headings.length);
    // The carried node belongs where its section went, not among its old siblings.
    const used = new Set<HeadingTreeNode>(carried === undefined ? [] : [carried.node]);
    // 0. The section a structure command moved: its node, though its number, name, style or level changed.
    if (carried !== undefined) {
      const i = headings.findIndex((h) => h.line === carried.to);
      if (i >= 0) result[i] = carried.node;
    }
    // 1. The same heading (style and name), in order.
    const byName = new Map<string, HeadingTreeNode[]>();
    for (const node of old) {
      if (used.has(node)) continue;
      const key = `${node.heading.style}\u0000${node.heading.name}`;
      const list = byName.get(key);
      if (list === undefined) byName.set(key, [node]);
      else list.push(node);
    }
    headings.forEach((h, i) => {
      if (result[i] !== undefined) return;
      const node = byName.get(`${h.style}\u0000${h.name}`)?.shift();
      if (node !== undefined) {
        result[i] = node;
        used.add(node);
      }
    });
    // 2. A renamed heading: the next unused old node of the same style, in order.
    const rest = old.filter((n) => !used.has(n));
    headings.forEach((h, i) => {
      if (result[i] !== undefined) return;
      const j = rest.findIndex((n) => !used.has(n) && n.heading.style === h.style);
      if (j >= 0) {
        result[i] = rest[j];
        used.add(rest[j]);
      }
    });
    return headings.map((h, i) => {
      let node = result[i];
      if (node === undefined) {
        node = new HeadingTreeNode(this.nextSerial++, h, parent, h.depth < expandDepth);
        node.id = this.idOf(node);
      } else {
        const before = node.heading;
        const hadChildren = node.children.length > 0;
        node.heading = h;
        node.parent = parent;
        if (before.name !== h.name || before.characters !== h.characters || before.citations !== h.citations || before.line !== h.line || before.endLine !== h.endLine || before.start !== h.start || hadChildren !== h.children.length > 0) changed.push(node);
      }
      node.children = this.reconcile(node.children, h.children, node, changed, expandDepth, carried);
      return node;
    });
  }
}

/** The ids and nesting of a tree, to tell a structural change from a relabelling. */
function shape(nodes: readonly HeadingTreeNode[]): string {
  return nodes.map((n) => (n.children.length > 0 ? `${n.id}(${shape(n.children)})` : n.id)).join(',');
}

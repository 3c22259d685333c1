// The 提纲 view's tree across edits (client/src/headingTree.ts): ids stay
// with their headings, so VS Code keeps what the user expanded.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { HeadingTree, HeadingTreeNode } from '../../../client/src/headingTree';
import { headingsOf, item } from './helpers';

const SPEECH = [
  item('一、形势', 0, 9, [item('（一）成绩', 1, 4, [], 'paren-cn'), item('（二）问题', 5, 9, [], 'paren-cn')]),
  item('二、任务', 10, 20, [item('（一）农资', 11, 15, [], 'paren-cn'), item('（二）冷链', 16, 20, [], 'paren-cn')]),
];

function idsByName(tree: HeadingTree): Map<string, string> {
  return new Map(tree.nodes().map((n) => [n.heading.name, n.id]));
}

function names(nodes: readonly HeadingTreeNode[]): string[] {
  return nodes.map((n) => n.heading.name);
}

suite('The 提纲 view tree', () => {
  test('Every node has its own id, its parent and the heading it shows', () => {
    const tree = new HeadingTree(1);
    tree.update(headingsOf(SPEECH), 1);
    const nodes = tree.nodes();
    assert.deepEqual(names(nodes), ['一、形势', '（一）成绩', '（二）问题', '二、任务', '（一）农资', '（二）冷链']);
    assert.equal(new Set(nodes.map((n) => n.id)).size, nodes.length);
    assert.equal(nodes[1].parent, nodes[0]);
    assert.equal(nodes[0].parent, undefined);
  });

  test('New nodes start expanded above the initial depth and collapsed below it', () => {
    const tree = new HeadingTree(1);
    tree.update(headingsOf([item('一、形势', 0, 9, [item('（一）成绩', 1, 9, [item('1.粮食', 2, 9, [], 'arabic')], 'paren-cn')])]), 1);
    assert.deepEqual(tree.nodes().map((n) => n.expanded), [true, false, false]);
  });

  test('A heading inserted keeps the ids of all the others, and is a change of shape', () => {
    const tree = new HeadingTree(1);
    tree.update(headingsOf(SPEECH), 1);
    const before = idsByName(tree);
    const inserted = [SPEECH[0], item('二、任务', 10, 24, [item('（一）农资', 11, 15, [], 'paren-cn'), item('（二）冷链', 16, 20, [], 'paren-cn'), item('（三）保障', 21, 24, [], 'paren-cn')])];
    const change = tree.update(headingsOf(inserted, 2), 1);
    assert.equal(change.structural, true);
    for (const [name, id] of idsByName(tree)) if (before.has(name)) assert.equal(id, before.get(name), name);
    assert.ok(!new Set(before.values()).has(idsByName(tree).get('（三）保障')!), 'the new heading has a new id');
  });

  test('A renamed heading keeps its id, and only it and its parent (whose count changed) are relabelled', () => {
    const tree = new HeadingTree(1);
    tree.update(headingsOf(SPEECH), 1);
    const before = idsByName(tree);
    const renamed = [SPEECH[0], item('二、任务', 10, 20, [item('（一）农资保供', 11, 15, [], 'paren-cn'), item('（二）冷链', 16, 20, [], 'paren-cn')])];
    const change = tree.update(headingsOf(renamed, 2), 1);
    assert.equal(change.structural, false);
    assert.equal(idsByName(tree).get('（一）农资保供'), before.get('（一）农资'));
    assert.deepEqual(names(change.changed), ['（一）农资保供']);
  });

  test('Typing in a section changes its counts only: no change of shape, the changed nodes listed', () => {
    const tree = new HeadingTree(1);
    tree.update(headingsOf(SPEECH), 1);
    const typed = headingsOf(SPEECH, 2);
    const target = typed.all[5] as { characters: number };
    target.characters += 1;
    const change = tree.update(typed, 1);
    assert.equal(change.structural, false);
    assert.deepEqual(names(change.changed), ['（二）冷链']);
  });

  test('A reference typed that cites an article relabels that article only (its tooltip tells the count)', () => {
    const law = [item('第一条　总则', 0, 2), item('第二条　依照第一条', 3, 5)];
    const tree = new HeadingTree(1);
    tree.update(headingsOf(law), 1);
    assert.equal(tree.nodes()[0].heading.citations, 0, 'absent on the wire: 0');
    const change = tree.update(headingsOf([{ ...law[0], citations: 2 }, law[1]], 2), 1);
    assert.equal(change.structural, false);
    assert.deepEqual(names(change.changed), ['第一条　总则']);
    assert.equal(tree.nodes()[0].heading.citations, 2);
  });

  test('A section demoted under the section before it, or promoted out of its parent, keeps its node: its id and what the user collapsed', () => {
    const demoted = [
      item('一、形势', 0, 20, [
        item('（一）成绩', 1, 4, [], 'paren-cn'),
        item('（二）问题', 5, 9, [], 'paren-cn'),
        item('（三）任务', 10, 20, [item('1.农资', 11, 15, [], 'arabic'), item('2.冷链', 16, 20, [], 'arabic')], 'paren-cn'),
      ]),
    ];
    const tree = new HeadingTree(1);
    tree.update(headingsOf(SPEECH), 2);
    const task = tree.nodes().find((n) => n.heading.name === '二、任务')!;
    task.expanded = false; // as the view reports a collapse (OutlineTreeProvider.setExpanded)
    const before = idsByName(tree);
    assert.equal(tree.update(headingsOf(demoted, 2), 2, { from: 10, to: 10 }).structural, true);
    const moved = tree.nodes().find((n) => n.heading.name === '（三）任务')!;
    assert.equal(moved, task);
    assert.equal(moved.id, before.get('二、任务'));
    assert.equal(moved.expanded, false);
    assert.equal(moved.parent?.heading.name, '一、形势');
    assert.equal(idsByName(tree).get('（二）问题'), before.get('（二）问题'));
    // And back out (Promote): the same node again, at the top level.
    tree.update(headingsOf(SPEECH, 3), 2, { from: 10, to: 10 });
    const back = tree.nodes().find((n) => n.heading.name === '二、任务')!;
    assert.equal(back, task);
    assert.equal(back.parent, undefined);
    assert.deepEqual(names(tree.roots), ['一、形势', '二、任务']);
    // Without the move the structure command announces, the restyled heading is a new node.
    const other = new HeadingTree(2);
    other.update(headingsOf(SPEECH), 2);
    const was = idsByName(other).get('二、任务');
    other.update(headingsOf(demoted, 2), 2);
    assert.notEqual(idsByName(other).get('（三）任务'), was);
  });

  test('What the user collapsed stays collapsed through an edit', () => {
    const tree = new HeadingTree(1);
    tree.update(headingsOf(SPEECH), 1);
    const first = tree.roots[0];
    first.expanded = false;
    tree.update(headingsOf([item('零、前言', 0, 0), ...SPEECH.map((h) => ({ ...h, line: h.line + 1 }))], 2), 1);
    assert.equal(tree.roots[1], first);
    assert.equal(first.expanded, false);
  });

  test('Expand all expands every node with children and gives every node a new id', () => {
    const tree = new HeadingTree(1);
    tree.update(headingsOf(SPEECH), 0);
    const before = idsByName(tree);
    tree.expandAll();
    assert.deepEqual(tree.nodes().map((n) => n.expanded), [true, false, false, true, false, false]);
    for (const [name, id] of idsByName(tree)) assert.notEqual(id, before.get(name), name);
  });

  test('Reissuing a node changes its id alone (VS Code then drops its selection)', () => {
    const tree = new HeadingTree(1);
    tree.update(headingsOf(SPEECH), 1);
    const before = idsByName(tree);
    const node = tree.nodes()[2];
    tree.reissue(node);
    for (const [name, id] of idsByName(tree)) {
      if (name === '（二）问题') assert.notEqual(id, before.get(name));
      else assert.equal(id, before.get(name), name);
    }
    assert.equal(new Set(idsByName(tree).values()).size, 6);
  });

  test('Two documents never share an id', () => {
    const a = new HeadingTree(1);
    const b = new HeadingTree(2);
    a.update(headingsOf(SPEECH), 1);
    b.update(headingsOf(SPEECH), 1);
    const ids = new Set(a.nodes().map((n) => n.id));
    for (const n of b.nodes()) assert.ok(!ids.has(n.id));
  });

  test('The node at a line is the innermost section holding it; above the first heading there is none', () => {
    const tree = new HeadingTree(1);
    tree.update(headingsOf([item('一、形势', 3, 9, [item('（一）成绩', 4, 6, [], 'paren-cn')])]), 1);
    assert.equal(tree.nodeAt(2), undefined);
    assert.equal(tree.nodeAt(5)?.heading.name, '（一）成绩');
    assert.equal(tree.nodeAt(8)?.heading.name, '一、形势');
  });
});

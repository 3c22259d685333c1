// The headings of a document as the client holds them (client/src/headings.ts):
// where the cursor is, what comes next, what is copied, how long it takes to say.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { ancestors, headingAt, nextHeading, nextSibling, outlineText, parentHeading, previousHeading, previousSibling } from '../../../client/src/headings';
import { headingsOf, item } from './helpers';

// Line 0–1: a title and a salutation; 2: 一、; 3: （一）; 6: （二）; 8: blank; 9: 二、 to the end (12).
const DOC = headingsOf([
  item('一、形势', 2, 7, [item('（一）成绩', 3, 5, [], 'paren-cn'), item('（二）问题', 6, 7, [], 'paren-cn')]),
  item('二、任务', 9, 12),
]);
const name = (h: { name: string } | undefined) => h?.name;

suite('Where the cursor is', () => {
  test('Above the first heading the cursor is in no section', () => {
    assert.equal(headingAt(DOC, 0), undefined);
    assert.equal(headingAt(DOC, 1), undefined);
  });

  test('In a section the cursor is in its innermost section; on a blank line between sections, at the heading above', () => {
    assert.equal(name(headingAt(DOC, 2)), '一、形势');
    assert.equal(name(headingAt(DOC, 4)), '（一）成绩');
    assert.equal(name(headingAt(DOC, 7)), '（二）问题');
    assert.equal(name(headingAt(DOC, 8)), '（二）问题');
    assert.equal(name(headingAt(DOC, 12)), '二、任务');
  });

  test('Next and previous heading go to any depth; siblings skip the subsections; the parent goes up', () => {
    assert.equal(name(nextHeading(DOC, 0)), '一、形势');
    assert.equal(name(nextHeading(DOC, 2)), '（一）成绩');
    assert.equal(nextHeading(DOC, 9), undefined);
    assert.equal(name(previousHeading(DOC, 9)), '（二）问题');
    assert.equal(previousHeading(DOC, 2), undefined);
    assert.equal(name(nextSibling(DOC, 0)), '一、形势', 'above the first heading: the first');
    assert.equal(name(nextSibling(DOC, 4)), '（二）问题');
    assert.equal(name(nextSibling(DOC, 2)), '二、任务');
    assert.equal(previousSibling(DOC, 4), undefined);
    assert.equal(name(parentHeading(DOC, 4)), '一、形势');
    assert.equal(parentHeading(DOC, 9), undefined);
  });

  test('A heading\'s ancestors are listed outermost first', () => {
    const deep = headingsOf([item('一、形势', 0, 9, [item('（一）成绩', 1, 9, [item('1.粮食', 2, 9, [], 'arabic')], 'paren-cn')])]);
    assert.deepEqual(ancestors(deep.all[2]).map((h) => h.name), ['一、形势', '（一）成绩']);
    assert.deepEqual(ancestors(deep.all[0]), []);
  });
});

suite('What is copied and shown', () => {
  test('The outline is copied indented by two spaces a level, or as a Markdown list with its characters escaped', () => {
    assert.equal(outlineText(DOC, 'text'), '一、形势\n  （一）成绩\n  （二）问题\n二、任务\n');
    const md = headingsOf([item('1.完善*冷库*', 0, 1)]);
    assert.equal(outlineText(md, 'markdown', '\r\n'), '- 1\\.完善\\*冷库\\*\r\n');
  });
});

// Telling an input method's composition from typing (client/src/composition.ts),
// on the edits Chromium gives VS Code (test/e2e/suite/view.test.ts drives a real one).

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { CompositionWatch, ContentChange } from '../../../client/src/composition';

const edit = (rangeOffset: number, rangeLength: number, text: string): ContentChange[] => [{ rangeOffset, rangeLength, text }];

suite('IME composition', () => {
  test('Composing 正 as zheng: the first letter may start one, each later step is one, the pick ends it', () => {
    const watch = new CompositionWatch();
    assert.equal(watch.accept(edit(10, 0, 'z')), 'maybe');
    assert.equal(watch.accept(edit(10, 1, 'zh')), 'composing');
    assert.equal(watch.accept(edit(10, 2, 'zhe')), 'composing');
    assert.equal(watch.accept(edit(10, 3, 'zheng')), 'composing');
    assert.equal(watch.accept(edit(10, 5, '正')), 'settled');
    // Chromium then replaces the committed character with itself.
    assert.equal(watch.accept(edit(10, 1, '正')), 'settled');
  });

  test('Syllables separated by an apostrophe or a space are still composition text', () => {
    const watch = new CompositionWatch();
    watch.accept(edit(0, 0, 'z'));
    assert.equal(watch.accept(edit(0, 1, "zheng'zhi")), 'composing');
    assert.equal(watch.accept(edit(0, 9, 'zheng zhi zhan')), 'composing');
  });

  test('A composition cancelled with Esc removes its text: settled', () => {
    const watch = new CompositionWatch();
    watch.accept(edit(4, 0, 'z'));
    watch.accept(edit(4, 1, 'zh'));
    assert.equal(watch.accept(edit(4, 2, '')), 'settled');
  });

  test('Typing Latin letters one after another is never composing', () => {
    const watch = new CompositionWatch();
    assert.equal(watch.accept(edit(0, 0, 'a')), 'maybe');
    assert.equal(watch.accept(edit(1, 0, 'b')), 'maybe');
    assert.equal(watch.accept(edit(2, 0, 'c')), 'maybe');
  });

  test('Chinese text, a paste, a deletion or several cursors are settled', () => {
    const watch = new CompositionWatch();
    assert.equal(watch.accept(edit(0, 0, '正')), 'settled');
    assert.equal(watch.accept(edit(0, 0, 'abc')), 'settled');
    assert.equal(watch.accept(edit(0, 1, '')), 'settled');
    assert.equal(watch.accept([...edit(0, 0, 'z'), ...edit(9, 0, 'z')]), 'settled');
  });

  test('Replacing other text than the last insertion with letters is not a composition step', () => {
    const watch = new CompositionWatch();
    watch.accept(edit(10, 0, 'z'));
    assert.equal(watch.accept(edit(3, 1, 'zh')), 'settled');
  });
});

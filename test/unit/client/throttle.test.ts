// The 提纲 view's throttle while typing (client/src/throttle.ts).

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { EDIT_DEBOUNCE_MIN_MS, EDIT_DEBOUNCE_MS, throttleWindow } from '../../../client/src/throttle';

suite('The view’s throttle while typing', () => {
  test('Before any answer the window is the full one', () => {
    assert.equal(throttleWindow(undefined), EDIT_DEBOUNCE_MS);
  });
  test('A quick answer shortens it to twice the answer’s time, never below the minimum', () => {
    assert.equal(throttleWindow(20), 40);
    assert.equal(throttleWindow(2), EDIT_DEBOUNCE_MIN_MS);
  });
  test('A slow answer never lengthens it past the full window', () => {
    assert.equal(throttleWindow(500), EDIT_DEBOUNCE_MS);
  });
});

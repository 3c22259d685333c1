// How often the 提纲 view asks for the outline while the user types (no
// vscode import: the benchmark, test/bench/typing.ts, runs the same schedule).

/** While typing, the outline is fetched at most once per this many milliseconds. */
export const EDIT_DEBOUNCE_MS = 120;
/**
 * ... or sooner, when answers come quickly: the window is twice the last
 * answer's time, at least this long. A 1 MB document answers in about 10 ms,
 * so a keystroke there shows within a few tens of milliseconds, while a
 * 10 MB one keeps the full window (test/bench/typing.ts measures both).
 */
export const EDIT_DEBOUNCE_MIN_MS = 25;

/** The throttle window after an answer that took `answerMs`. */
export function throttleWindow(answerMs: number | undefined): number {
  return answerMs === undefined ? EDIT_DEBOUNCE_MS : Math.min(EDIT_DEBOUNCE_MS, Math.max(EDIT_DEBOUNCE_MIN_MS, Math.ceil(2 * answerMs)));
}

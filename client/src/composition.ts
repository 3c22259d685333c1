// Telling an input method's composition from typing, by the edits alone.
//
// While a pinyin IME composes, VS Code writes the composition text into the
// document: typing 正 as "zheng" gives the edits +"z", "z"→"zh", "zh"→"zhe",
// "zhe"→"zheng", then "zheng"→"正" when the user picks it (as Chromium
// reports them; test/e2e/suite/view.test.ts drives a real composition). The
// extension API says nothing about composition, so the 提纲 view would count
// and show the pinyin. An edit that replaces exactly the text the edit before
// it inserted, with Latin letters, is a composition step; the view waits for
// the edit that ends it. No vscode import.

export interface ContentChange {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

/** Composition text of a pinyin IME: Latin letters, with apostrophes or spaces between syllables. */
const PINYIN = /^[A-Za-z][A-Za-z' ]*$/;

/**
 * - `composing`: the document holds uncommitted composition text.
 * - `maybe`: one letter typed, which is how a composition starts, and also how typing Latin text goes.
 * - `settled`: anything else, a committed composition included.
 */
export type CompositionState = 'composing' | 'maybe' | 'settled';

/** Follows the edits of one document. */
export class CompositionWatch {
  /** What the last edit inserted while it may be composition text. */
  private inserted: { offset: number; length: number } | undefined;

  accept(changes: readonly ContentChange[]): CompositionState {
    const change = changes.length === 1 ? changes[0] : undefined;
    const last = this.inserted;
    this.inserted = undefined;
    if (change === undefined || !PINYIN.test(change.text)) return 'settled';
    const replacesLast = last !== undefined && change.rangeLength > 0 && change.rangeOffset === last.offset && change.rangeLength === last.length;
    if (!replacesLast && !(change.rangeLength === 0 && change.text.length === 1)) return 'settled';
    this.inserted = { offset: change.rangeOffset, length: change.text.length };
    return replacesLast ? 'composing' : 'maybe';
  }
}

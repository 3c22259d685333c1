// Counting 字 the way the server counts them (server/src/engine/stats.ts):
// code points that are not whitespace (line breaks, isSpace, the BOM). The
// status bar counts selections with it, so that a selection of a whole
// section shows the number the 提纲 view shows for it. No vscode import.

import { isSpace } from '../../server/src/engine/names';

/** Non-whitespace code points of the text; a lone surrogate counts as one, as on the server. */
export function countCharacters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d || code === 0xfeff || isSpace(code)) continue;
    // The second half of a surrogate pair belongs to the character its first half started.
    if (code >= 0xdc00 && code <= 0xdfff && i > 0) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) continue;
    }
    n++;
  }
  return n;
}

/** Characters of several selections together (a multi-cursor selection counts each range once). */
export function countSelections(texts: readonly string[]): number {
  let n = 0;
  for (const text of texts) n += countCharacters(text);
  return n;
}

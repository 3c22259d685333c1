// Section statistics for the 提纲 view: how long each section is to read aloud.

import { OutlineDocument, lineStart } from './document';
import { isSpace } from './names';
import { Outline } from './types';

/**
 * Non-whitespace characters (code points) in each heading's section, in the
 * order of outline.headings. One pass over the text, then a subtraction per
 * heading.
 */
export function sectionCharacters(doc: OutlineDocument, outline: Outline): number[] {
  const text = doc.getText();
  const lineCount = doc.lineCount;
  // before[l] = non-whitespace characters on lines 0..l-1.
  const before = new Float64Array(lineCount + 1);
  let count = 0;
  let line = 0;
  let nextLineStart = lineCount > 1 ? lineStart(doc, 1) : Infinity;
  for (let i = 0; i < text.length; i++) {
    while (i >= nextLineStart) {
      before[++line] = count;
      nextLineStart = line + 1 < lineCount ? lineStart(doc, line + 1) : Infinity;
    }
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d || isSpace(code) || code === 0xfeff) continue;
    if (code >= 0xdc00 && code <= 0xdfff) continue; // the second half of a surrogate pair
    count++;
  }
  while (line < lineCount) before[++line] = count;
  return outline.headings.map((h) => before[h.endLine + 1] - before[h.line]);
}

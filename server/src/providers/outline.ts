// tigang/outline: the outline with section statistics, for the 提纲 view
// (client/src/outlineView.ts) and the client's navigation commands.

import { OutlineItem, OutlineResult } from '@tigang/protocol';
import { Heading, Outline, OutlineDocument, sectionCharacters, truncateName } from '../engine';

export function outlineItems(doc: OutlineDocument, outline: Outline, maxNameLength: number): OutlineResult {
  const characters = sectionCharacters(doc, outline);
  const toItem = (h: Heading): OutlineItem => ({
    name: truncateName(h.name, maxNameLength),
    style: h.style,
    rank: h.rank,
    line: h.line,
    start: h.start,
    titleEnd: h.titleEnd,
    endLine: h.endLine,
    characters: characters[h.index],
    children: h.children.map(toItem),
  });
  return { version: doc.version, items: outline.roots.map(toItem) };
}

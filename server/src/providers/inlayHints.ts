// textDocument/inlayHint: after each heading line, its section's length and
// speaking time (`814 字 · 3′42″`), counted and written as the 提纲 view
// counts and writes them (engine/duration.ts).

import { InlayHint, Range } from 'vscode-languageserver';
import { Outline, OutlineDocument, firstAtOrAfterLine, formatDuration, lineContentEnd, lineStart, speakingSeconds } from '../engine';
import { L10n } from '../l10n';

export interface InlayHintOptions {
  /** Non-whitespace characters of each section, in the order of outline.headings. */
  readonly characters: readonly number[];
  readonly charactersPerMinute: number;
  readonly l10n: L10n;
}

/** One hint at the end of each heading line whose end lies within the range. */
export function sectionInlayHints(doc: OutlineDocument, outline: Outline, range: Range, options: InlayHintOptions): InlayHint[] {
  const { characters, charactersPerMinute, l10n } = options;
  const text = doc.getText();
  const hints: InlayHint[] = [];
  const headings = outline.headings;
  for (let i = firstAtOrAfterLine(headings, range.start.line); i < headings.length && headings[i].line <= range.end.line; i++) {
    const h = headings[i];
    const end = lineContentEnd(text, doc, h.line) - lineStart(doc, h.line);
    if (h.line === range.start.line && end < range.start.character) continue;
    if (h.line === range.end.line && end > range.end.character) continue;
    const count = characters[h.index];
    const seconds = speakingSeconds(count, charactersPerMinute);
    hints.push({
      position: { line: h.line, character: end },
      label: l10n.t('section.stats', count, formatDuration(seconds)),
      tooltip: l10n.t('section.stats.tooltip', count, formatDuration(seconds), charactersPerMinute),
      paddingLeft: true,
    });
  }
  return hints;
}


// textDocument/inlayHint: after each heading line, its section's length and
// speaking time (`812 字 · 3′42″`), counted as the 提纲 view counts them.

import { InlayHint, Range } from 'vscode-languageserver';
import { Outline, OutlineDocument, firstAtOrAfterLine, lineContentEnd, lineStart } from '../engine';
import { L10n } from '../l10n';

/** Speaking time in whole seconds at the given pace, rounded as the 提纲 view rounds it (client/src/outline.ts). */
export function speakingSeconds(characters: number, perMinute: number): number {
  return Math.round((characters / perMinute) * 60);
}

/** 3′42″, 0′05″, 75′00″: minutes, then seconds in two digits, with primes as a timing sheet writes them. */
export function primeDuration(seconds: number): string {
  return `${Math.floor(seconds / 60)}′${String(seconds % 60).padStart(2, '0')}″`;
}

/** "3 min 42 s" / "3 分 42 秒"; under a minute only seconds, whole minutes without seconds. */
export function wordDuration(seconds: number, l10n: L10n): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m === 0) return l10n.t('duration.seconds', s);
  if (s === 0) return l10n.t('duration.minutes', m);
  return l10n.t('duration.minutesSeconds', m, s);
}

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
      label: l10n.t('section.stats', count, primeDuration(seconds)),
      tooltip: l10n.t('section.stats.tooltip', count, wordDuration(seconds, l10n), charactersPerMinute),
      paddingLeft: true,
    });
  }
  return hints;
}


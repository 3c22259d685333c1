// Copy Outline's `table` format: a Markdown table of level, heading, 字数,
// 时长 and limit, for an agenda or a rehearsal plan. No vscode import: the
// column titles and number format come from the caller (commands.ts, localized).

import { formatDuration } from '../../server/src/engine/duration';
import type { EffectiveLimit, LimitSection } from './timeLimitStore';

export interface TableSection extends LimitSection {
  /** 0 for a top-level heading. */
  readonly depth: number;
}

export interface TableColumns {
  level: string;
  heading: string;
  characters: string;
  duration: string;
  limit: string;
}

/**
 * One row a heading, in document order. The heading is indented with an
 * ideographic space per level (Markdown keeps it, unlike leading spaces).
 * Durations are written as everywhere (3′42″, server/src/engine/duration.ts);
 * a limit of the section's own reads 5′00″, a share of its parent's (5′00″).
 */
export function outlineTable<T extends TableSection>(
  sections: readonly T[],
  columns: TableColumns,
  seconds: (s: T) => number,
  limits: ReadonlyMap<LimitSection, EffectiveLimit>,
  formatCount: (n: number) => string,
  eol = '\n',
): string {
  if (sections.length === 0) return '';
  const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
  const rows = [
    `| ${cell(columns.level)} | ${cell(columns.heading)} | ${cell(columns.characters)} | ${cell(columns.duration)} | ${cell(columns.limit)} |`,
    '| ---: | --- | ---: | ---: | ---: |',
  ];
  for (const s of sections) {
    const limit = limits.get(s);
    const limitText = limit === undefined ? '' : limit.own ? formatDuration(limit.seconds) : `(${formatDuration(limit.seconds)})`;
    rows.push(`| ${s.depth + 1} | ${'\u3000'.repeat(s.depth)}${cell(s.name)} | ${formatCount(s.characters)} | ${formatDuration(seconds(s))} | ${limitText} |`);
  }
  return rows.join(eol) + eol;
}

// The client's view of a document outline, built from the `tigang/outline`
// answer, and the pure questions the commands ask of it (where is the cursor,
// what is next, what to copy). No vscode import: everything here is plain data.

import type { OutlineItem } from '@tigang/protocol';

export interface Section {
  readonly name: string;
  readonly style: string;
  readonly rank: number;
  /** 0-based heading line. */
  readonly line: number;
  /** Columns of marker + title on the heading line. */
  readonly start: number;
  readonly titleEnd: number;
  /** 0-based last line of the section. */
  readonly endLine: number;
  /** Non-whitespace characters, subsections included. */
  readonly characters: number;
  /** 0 for a top-level heading. */
  readonly depth: number;
  /** Position in document order (index into Outline.sections). */
  readonly index: number;
  readonly parent: Section | undefined;
  readonly children: readonly Section[];
}

export interface Outline {
  readonly uri: string;
  readonly version: number;
  readonly roots: readonly Section[];
  /** Every section in document order. */
  readonly sections: readonly Section[];
}

export function buildOutline(uri: string, version: number, items: readonly OutlineItem[]): Outline {
  const sections: Section[] = [];
  const build = (item: OutlineItem, parent: Section | undefined, depth: number): Section => {
    const children: Section[] = [];
    const section: Section = {
      name: item.name,
      style: item.style,
      rank: item.rank,
      line: item.line,
      start: item.start,
      titleEnd: item.titleEnd,
      endLine: item.endLine,
      characters: item.characters,
      depth,
      index: sections.length,
      parent,
      children,
    };
    sections.push(section);
    for (const child of item.children) children.push(build(child, section, depth + 1));
    return section;
  };
  const roots = items.map((item) => build(item, undefined, 0));
  return { uri, version, roots, sections };
}

/** Index of the last section whose heading is on or before `line`, or -1. */
function lastAtOrBefore(outline: Outline, line: number): number {
  const s = outline.sections;
  let lo = 0;
  let hi = s.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid].line <= line) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The section the cursor is in: the innermost section whose range holds the
 * line; on a blank line between sections (which belongs to none) the nearest
 * heading above. Undefined before the first heading.
 */
export function sectionAt(outline: Outline, line: number): Section | undefined {
  const i = lastAtOrBefore(outline, line);
  if (i < 0) return undefined;
  let section: Section | undefined = outline.sections[i];
  while (section !== undefined && section.endLine < line) section = section.parent;
  return section ?? outline.sections[i];
}

/** The first heading below the line, any depth. */
export function nextSection(outline: Outline, line: number): Section | undefined {
  const i = lastAtOrBefore(outline, line);
  return outline.sections[i + 1];
}

/** The last heading above the line, any depth. */
export function previousSection(outline: Outline, line: number): Section | undefined {
  const i = lastAtOrBefore(outline, line - 1);
  return i >= 0 ? outline.sections[i] : undefined;
}

function siblingsOf(outline: Outline, section: Section): readonly Section[] {
  return section.parent?.children ?? outline.roots;
}

/**
 * The next section at the same level under the same parent. Before the first
 * heading it is the first top-level heading.
 */
export function nextSibling(outline: Outline, line: number): Section | undefined {
  const current = sectionAt(outline, line);
  if (current === undefined) return outline.roots[0];
  const siblings = siblingsOf(outline, current);
  return siblings[siblings.indexOf(current) + 1];
}

/**
 * The previous section at the same level under the same parent. In the body
 * of a section that has no previous sibling, nothing (use previousSection or
 * gotoParent for that).
 */
export function previousSibling(outline: Outline, line: number): Section | undefined {
  const current = sectionAt(outline, line);
  if (current === undefined) return undefined;
  const siblings = siblingsOf(outline, current);
  const i = siblings.indexOf(current);
  return i > 0 ? siblings[i - 1] : undefined;
}

/** The heading of the section that contains the current one. */
export function parentSection(outline: Outline, line: number): Section | undefined {
  return sectionAt(outline, line)?.parent;
}

/** Deepest level (1-based) present in the outline; 0 when it is empty. */
export function maxLevel(outline: Outline): number {
  let max = 0;
  for (const s of outline.sections) max = Math.max(max, s.depth + 1);
  return max;
}

/** Number of sections at each level (1-based index 0 = level 1). */
export function countByLevel(outline: Outline): number[] {
  const counts: number[] = [];
  for (const s of outline.sections) counts[s.depth] = (counts[s.depth] ?? 0) + 1;
  return counts;
}

/** The outline as indented plain text (two spaces a level) or a nested Markdown list. */
export function outlineText(outline: Outline, format: 'text' | 'markdown', eol = '\n'): string {
  const lines = outline.sections.map((s) =>
    format === 'markdown' ? `${'  '.repeat(s.depth)}- ${escapeMarkdown(s.name)}` : `${'  '.repeat(s.depth)}${s.name}`,
  );
  return lines.length > 0 ? lines.join(eol) + eol : '';
}

/** Escapes what would make a list item's text render as something else. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`).replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Speaking time in whole seconds at the given pace (characters per minute). */
export function speakingSeconds(characters: number, perMinute: number): number {
  return Math.round((characters / perMinute) * 60);
}

/** Splits seconds into minutes and seconds for display. */
export function minutesSeconds(seconds: number): { minutes: number; seconds: number } {
  return { minutes: Math.floor(seconds / 60), seconds: seconds % 60 };
}

/** Indentation for QuickPick labels: figure spaces survive the label renderer. */
export function indent(depth: number): string {
  return '\u2003\u2003'.repeat(depth);
}

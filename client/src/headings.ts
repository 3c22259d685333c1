// The headings of one document version as the client holds them: the
// `tigang/outline` answer's items (OutlineItem in @tigang/protocol) with each
// heading's place in the tree (depth, position in document order, parent), and
// the pure questions the commands ask of it (where is the cursor, what is
// next, what to copy). The engine's model is server/src/engine/types.ts; this
// is only what the wire carries, indexed. No vscode import.

import type { OutlineItem } from '@tigang/protocol';
import { firstAtOrAfterLine } from '../../server/src/engine/search';

/** A heading of the answer, with the statistics of its section (the lines it heads). */
export interface HeadingEntry {
  /** The name as shown, shortened to tigang.maxNameLength. */
  readonly name: string;
  /** The whole name: what Jump to Section and the 提纲 view's filter match, as the workspace search does. */
  readonly fullName: string;
  readonly style: string;
  readonly rank: number;
  /** 0-based heading line. */
  readonly line: number;
  /** Columns of marker + title on the heading line. */
  readonly start: number;
  readonly titleEnd: number;
  /** 0-based last line of the section. */
  readonly endLine: number;
  /** Non-whitespace characters of the section, subsections included. */
  readonly characters: number;
  /** How many references of the document cite the heading (a law's articles and chapters); 0 for most. */
  readonly citations: number;
  /** 0 for a top-level heading. */
  readonly depth: number;
  /** Position in document order (index into DocumentHeadings.all). */
  readonly index: number;
  readonly parent: HeadingEntry | undefined;
  readonly children: readonly HeadingEntry[];
}

export interface DocumentHeadings {
  readonly uri: string;
  /** The document version the server read. */
  readonly version: number;
  readonly roots: readonly HeadingEntry[];
  /** Every heading in document order. */
  readonly all: readonly HeadingEntry[];
  /** How many law articles (第X条) the document has (OutlineResult.articles). */
  readonly articles: number;
}

export function documentHeadings(uri: string, version: number, items: readonly OutlineItem[], articles = 0): DocumentHeadings {
  const all: HeadingEntry[] = [];
  const entry = (item: OutlineItem, parent: HeadingEntry | undefined, depth: number): HeadingEntry => {
    const children: HeadingEntry[] = [];
    const heading: HeadingEntry = {
      name: item.name,
      fullName: item.fullName ?? item.name,
      style: item.style,
      rank: item.rank,
      line: item.line,
      start: item.start,
      titleEnd: item.titleEnd,
      endLine: item.endLine,
      characters: item.characters,
      citations: item.citations ?? 0,
      depth,
      index: all.length,
      parent,
      children,
    };
    all.push(heading);
    for (const child of item.children) children.push(entry(child, heading, depth + 1));
    return heading;
  };
  const roots = items.map((item) => entry(item, undefined, 0));
  return { uri, version, roots, all, articles };
}

/** Index of the last heading on or before `line`, or -1. */
function lastAtOrBefore(headings: DocumentHeadings, line: number): number {
  return firstAtOrAfterLine(headings.all, line + 1) - 1;
}

/**
 * The heading of the section the line is in: the innermost section whose
 * range holds the line; on a blank line between sections (which belongs to
 * none) the nearest heading above. Undefined above the first heading.
 */
export function headingAt(headings: DocumentHeadings, line: number): HeadingEntry | undefined {
  const i = lastAtOrBefore(headings, line);
  if (i < 0) return undefined;
  let heading: HeadingEntry | undefined = headings.all[i];
  while (heading !== undefined && heading.endLine < line) heading = heading.parent;
  return heading ?? headings.all[i];
}

/** The first heading below the line, any depth. */
export function nextHeading(headings: DocumentHeadings, line: number): HeadingEntry | undefined {
  return headings.all[lastAtOrBefore(headings, line) + 1];
}

/** The last heading above the line, any depth. */
export function previousHeading(headings: DocumentHeadings, line: number): HeadingEntry | undefined {
  const i = lastAtOrBefore(headings, line - 1);
  return i >= 0 ? headings.all[i] : undefined;
}

function siblingsOf(headings: DocumentHeadings, heading: HeadingEntry): readonly HeadingEntry[] {
  return heading.parent?.children ?? headings.roots;
}

/**
 * The next heading at the same level under the same parent. Above the first
 * heading it is the first top-level heading.
 */
export function nextSibling(headings: DocumentHeadings, line: number): HeadingEntry | undefined {
  const current = headingAt(headings, line);
  if (current === undefined) return headings.roots[0];
  const siblings = siblingsOf(headings, current);
  return siblings[siblings.indexOf(current) + 1];
}

/**
 * The previous heading at the same level under the same parent. In the body
 * of a section that has no previous sibling, nothing (previousHeading or
 * parentHeading go there).
 */
export function previousSibling(headings: DocumentHeadings, line: number): HeadingEntry | undefined {
  const current = headingAt(headings, line);
  if (current === undefined) return undefined;
  const siblings = siblingsOf(headings, current);
  const i = siblings.indexOf(current);
  return i > 0 ? siblings[i - 1] : undefined;
}

/** The heading of the section that holds the current one. */
export function parentHeading(headings: DocumentHeadings, line: number): HeadingEntry | undefined {
  return headingAt(headings, line)?.parent;
}

/** The headings above this one, outermost first. */
export function ancestors(heading: HeadingEntry): HeadingEntry[] {
  const path: HeadingEntry[] = [];
  for (let p = heading.parent; p !== undefined; p = p.parent) path.unshift(p);
  return path;
}

/** Deepest level (1-based) present; 0 when there are no headings. */
export function maxLevel(headings: DocumentHeadings): number {
  let max = 0;
  for (const h of headings.all) max = Math.max(max, h.depth + 1);
  return max;
}

/** Number of headings at each level (index 0 = level 1). */
export function countByLevel(headings: DocumentHeadings): number[] {
  const counts: number[] = [];
  for (const h of headings.all) counts[h.depth] = (counts[h.depth] ?? 0) + 1;
  return counts;
}

/** The outline as indented plain text (two spaces a level) or a nested Markdown list. */
export function outlineText(headings: DocumentHeadings, format: 'text' | 'markdown', eol = '\n'): string {
  const lines = headings.all.map((h) => (format === 'markdown' ? `${'  '.repeat(h.depth)}- ${escapeMarkdown(h.name)}` : `${'  '.repeat(h.depth)}${h.name}`));
  return lines.length > 0 ? lines.join(eol) + eol : '';
}

/** Escapes what would make a list item's text render as something else. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`).replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Indentation for QuickPick labels: em spaces survive the label renderer. */
export function indent(depth: number): string {
  return '\u2003\u2003'.repeat(depth);
}

/** The structure operations whose moved section the client follows (the others: lspExt.ts StructureOperation). */
export type MovingOperation = 'moveUp' | 'moveDown' | 'promote' | 'demote' | 'moveTo';

/**
 * Where the heading line of `heading` is after the server's edit of a move,
 * promote or demote (server/src/engine/structure.ts: whole sections trade
 * places across the blank lines between them, which stay, and markers are
 * rewritten on their lines, so line counts do not change): the cursor and the
 * 提纲 view follow the section there. `target`: moveTo's drop heading.
 */
export function sectionLineAfter(headings: DocumentHeadings, heading: HeadingEntry, operation: MovingOperation, target?: HeadingEntry): number {
  const length = heading.endLine - heading.line;
  const siblings = siblingsOf(headings, heading);
  const i = siblings.indexOf(heading);
  switch (operation) {
    case 'moveUp':
      return siblings[i - 1]?.line ?? heading.line;
    case 'moveDown': {
      const next = siblings[i + 1];
      return next !== undefined ? next.endLine - length : heading.line;
    }
    case 'promote': {
      // After its parent's section, whose rest (the siblings after it) moves up.
      const parent = heading.parent;
      return parent !== undefined && parent.endLine > heading.endLine ? parent.endLine - length : heading.line;
    }
    case 'demote':
      return heading.line;
    case 'moveTo': {
      if (target === undefined) return heading.line;
      if (target.line > heading.line) return target.endLine > heading.endLine ? target.endLine - length : heading.line;
      // Up: to the first line after the target's section, where the next heading in document order stands.
      const next = headings.all.find((h) => h.line > target.endLine);
      return next === undefined || next === heading ? heading.line : next.line;
    }
  }
}

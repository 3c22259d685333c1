// Builds the outline tree from the line markers (docs/headings.md §3, §4):
// the table of contents, the enumeration list rules, parents, and section
// ranges. Near-linear in the number of markers; no recursion, so no input can
// exhaust the stack.

import { OutlineDocument, lineContentEnd, lineStart } from './document';
import { isIndent, isSpace, stripWhitespace } from './names';
import { digitValue } from './numerals';
import { Heading, HeadingStyle, Marker, Outline, OutlineOptions, RANK } from './types';

/**
 * Enumeration lists nest at most this deep. 一是/一要 alternating would
 * otherwise nest without end; no speech goes past three.
 */
export const MAX_LIST_DEPTH = 6;

/** Shared by every leaf until it gets a child: most headings are leaves. */
const NO_CHILDREN: readonly Heading[] = Object.freeze([]);

/**
 * A heading reads what its line says from its marker rather than copying it:
 * the outline of a 10 MB document is 10k headings that survive into the old
 * generation, and every byte of them is copied there. One class also gives
 * every heading one hidden class, where object literals with optional fields
 * made several.
 */
class HeadingNode implements Heading {
  endLine: number;
  endCharacter = 0;
  children: readonly Heading[] = NO_CHILDREN;
  readonly depth: number;

  constructor(
    private readonly source: Marker,
    readonly parent: Heading | undefined,
    readonly index: number,
  ) {
    this.endLine = source.line;
    this.depth = parent ? parent.depth + 1 : 0;
  }

  get name(): string {
    return this.source.name;
  }
  get style(): HeadingStyle {
    return this.source.style;
  }
  get rank(): number {
    return RANK[this.source.style];
  }
  get number(): number {
    return this.source.number;
  }
  get marker(): string {
    return this.source.marker;
  }
  get word(): string | undefined {
    return this.source.word;
  }
  get kind(): Marker['kind'] {
    return this.source.kind;
  }
  get line(): number {
    return this.source.line;
  }
  get start(): number {
    return this.source.start;
  }
  get markerEnd(): number {
    return this.source.markerEnd;
  }
  get titleEnd(): number {
    return this.source.titleEnd;
  }
}

/** An open run of enumeration points (一是 二是 …). */
interface EnumerationList {
  readonly parent: Heading | undefined;
  /** Words its points used: 是, 要, 关于 (the word may change along a list). */
  readonly words: Set<string>;
  last: number;
  /** Its latest point; set as soon as the point is added. */
  current?: Heading;
  readonly depth: number;
}

export function buildOutline(doc: OutlineDocument, markers: readonly Marker[], options: OutlineOptions): Outline {
  const text = doc.getText();
  const { kept, proper } = skipTableOfContents(text, doc, markers);
  const headings: HeadingNode[] = [];
  const roots: Heading[] = [];
  /** Open headings of rank 1–9, outermost first. */
  const stack: Heading[] = [];
  let lists: EnumerationList[] = [];
  /** The number the open ordinal list (第一， 第二，) stands at; 0 when none is open. */
  let ordinalAt = 0;

  for (const marker of kept) {
    if (proper.has(marker)) {
      // The document proper begins: the 目录 section and anything open in it end here.
      const toc = stack.findIndex((h) => h.kind === 'toc');
      if (toc >= 0) stack.length = toc;
      lists = [];
    }
    if (marker.style === 'enumeration') {
      if (!options.enumerations) continue;
      const placed = placeEnumeration(marker, lists, stack[stack.length - 1]);
      if (placed === undefined) continue; // a point that continues no list is prose
      lists = placed.lists;
      placed.list.current = addHeading(marker, placed.list.parent, headings, roots);
      continue;
    }
    if (marker.kind === 'ordinal') {
      // 第一 opens an ordinal list; 第n only continues one standing at n − 1.
      if (marker.number !== 1 && marker.number !== ordinalAt + 1) continue;
      ordinalAt = marker.number;
    } else if (RANK[marker.style] <= RANK.item) {
      ordinalAt = 0;
    }
    if (lists.length > 0) lists = []; // any heading of rank 1–9 closes every enumeration list
    const rank = RANK[marker.style];
    while (stack.length > 0 && stack[stack.length - 1].rank >= rank) stack.pop();
    stack.push(addHeading(marker, stack[stack.length - 1], headings, roots));
  }

  assignSectionEnds(doc, headings);
  return { roots, headings };
}

/**
 * Appends a heading under `parent` (a top-level one when undefined). A plain
 * function, not a closure over the lists: optimised code that inlined a
 * closure is thrown away when that closure dies with its parse.
 */
function addHeading(marker: Marker, parent: Heading | undefined, headings: HeadingNode[], roots: Heading[]): Heading {
  const heading = new HeadingNode(marker, parent, headings.length);
  if (parent === undefined) roots.push(heading);
  else if (parent.children === NO_CHILDREN) (parent as HeadingNode).children = [heading];
  else (parent.children as Heading[]).push(heading);
  headings.push(heading);
  return heading;
}

/**
 * Applies the list rules (§4) to one enumeration point: which list it joins
 * and the lists left open, or undefined when it continues no list.
 */
function placeEnumeration(
  marker: Marker,
  lists: EnumerationList[],
  enclosing: Heading | undefined,
): { list: EnumerationList; lists: EnumerationList[] } | undefined {
  const word = marker.word ?? '';
  if (marker.number === 1) {
    const inner = lists[lists.length - 1];
    let open = lists;
    let parent: Heading | undefined = enclosing;
    let depth = 0;
    if (inner !== undefined && inner.words.has(word)) {
      // Same word: the old list ends and the new one is its sibling.
      open = lists.slice(0, -1);
      parent = inner.parent;
      depth = inner.depth;
    } else if (inner !== undefined) {
      // Another word: the new list nests under the current point.
      parent = inner.current;
      depth = inner.depth + 1;
      if (depth >= MAX_LIST_DEPTH) return undefined;
    }
    const list: EnumerationList = { parent, words: new Set([word]), last: 1, depth };
    return { list, lists: [...open, list] };
  }
  // n > 1 continues the nearest list standing at n − 1, preferring the same word.
  let found = -1;
  for (let i = lists.length - 1; i >= 0; i--) {
    if (lists[i].last !== marker.number - 1) continue;
    if (lists[i].words.has(word)) {
      found = i;
      break;
    }
    if (found === -1) found = i;
  }
  if (found === -1) return undefined;
  const list = lists[found];
  list.last = marker.number;
  list.words.add(word);
  return { list, lists: lists.slice(0, found + 1) };
}

/** Table-of-contents lines are compared on this many non-whitespace characters. */
const TOC_KEY_LENGTH = 200;

/**
 * Table of contents (§3): the heading-like lines after 目录 are its entries
 * up to the first line that repeats the first entry; there the document proper
 * begins. Without a repeat they are ordinary headings. Returns the markers
 * kept and the markers where a document proper begins.
 */
function skipTableOfContents(
  text: string,
  doc: OutlineDocument,
  markers: readonly Marker[],
): { kept: readonly Marker[]; proper: ReadonlySet<Marker> } {
  const proper = new Set<Marker>();
  if (!markers.some((m) => m.kind === 'toc')) return { kept: markers, proper };
  // Each line's key once, and where each key occurs: finding a repeat is a
  // binary search, so many 目录 lines cost n·log n, not n².
  const keys = markers.map((m) => lineKey(text, doc, m.line));
  const occurrences = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const list = occurrences.get(key);
    if (list === undefined) occurrences.set(key, [i]);
    else list.push(i);
  });
  const kept: Marker[] = [];
  for (let i = 0; i < markers.length; i++) {
    kept.push(markers[i]);
    if (markers[i].kind !== 'toc' || i + 1 >= markers.length) continue;
    const repeat = firstAfter(occurrences.get(keys[i + 1])!, i + 1);
    if (repeat === undefined) continue;
    proper.add(markers[repeat]);
    i = repeat - 1; // the loop's i++ lands on the repeat, which is kept
  }
  return { kept, proper };
}

/** The first index in the sorted list greater than `after`. */
function firstAfter(sorted: readonly number[], after: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= after) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo];
}

/**
 * The line's text without whitespace and without a trailing page number with
 * its leader (第一章　总则……1, 第一章 总则 .... 3, 第一章 总则 12), capped: a
 * table of contents with page numbers still finds its first entry repeated.
 */
function lineKey(text: string, doc: OutlineDocument, line: number): string {
  const start = lineStart(doc, line);
  let end = lineContentEnd(text, doc, line);
  end = withoutPageNumber(text, start, end);
  return stripWhitespace(text, start, end, TOC_KEY_LENGTH);
}

/** End of text[start, end) without a trailing page number and its leader. */
function withoutPageNumber(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && isSpaceOrLeader(text.charCodeAt(i - 1))) i--;
  const digitsEnd = i;
  while (i > start && digitValue(text.charCodeAt(i - 1)) >= 0) i--;
  // Digits count as a page number only behind a leader or a space (附件1 keeps its 1).
  if (i < digitsEnd && i > start && !isSpaceOrLeader(text.charCodeAt(i - 1))) i = digitsEnd;
  while (i > start && isSpaceOrLeader(text.charCodeAt(i - 1))) i--;
  return i > start ? i : end;
}

/** Whitespace and the characters of dot leaders: . … · ． ‥ ⋯ • - — _ */
function isSpaceOrLeader(code: number): boolean {
  return (
    isSpace(code) ||
    code === 0x2e ||
    code === 0x2026 ||
    code === 0xb7 ||
    code === 0xff0e ||
    code === 0x2025 ||
    code === 0x22ef ||
    code === 0x2022 ||
    code === 0x2d ||
    code === 0x2014 ||
    code === 0x5f
  );
}

/**
 * A section runs from its heading to the line before the next heading that is
 * not inside it, or to the end of the document; trailing blank lines are cut.
 */
export function assignSectionEnds(doc: OutlineDocument, headings: readonly Heading[]): void {
  const text = doc.getText();
  // Headings are in document order with each subtree contiguous, so the
  // boundary of heading i is the heading after its last descendant.
  const lastDescendant = headings.map((_, i) => i);
  for (let i = headings.length - 1; i >= 0; i--) {
    const p = headings[i].parent?.index ?? -1;
    if (p >= 0 && lastDescendant[i] > lastDescendant[p]) lastDescendant[p] = lastDescendant[i];
  }
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i] as HeadingNode;
    const next = lastDescendant[i] + 1;
    let end = next < headings.length ? headings[next].line - 1 : doc.lineCount - 1;
    while (end > h.line && isBlankLine(text, doc, end)) end--;
    h.endLine = end;
    h.endCharacter = lineContentEnd(text, doc, end) - lineStart(doc, end);
  }
}

function isBlankLine(text: string, doc: OutlineDocument, line: number): boolean {
  const end = lineContentEnd(text, doc, line);
  for (let i = lineStart(doc, line); i < end; i++) {
    if (!isIndent(text.charCodeAt(i))) return false; // a line of only > quote marks is blank too
  }
  return true;
}

// Builds the outline tree from the line markers (docs/headings.md §3, §4):
// the table of contents, the lists and their rules, parents, and section
// ranges. Near-linear in the number of markers; no recursion, so no input can
// exhaust the stack.

import { CompiledRules, NO_RULES } from './customRules';
import { OutlineDocument, lineContentEnd, lineStart } from './document';
import { closingMark, markerNamed, openingMark, sameApartFromTitle, scanLine } from './markers';
import { foldWhitespace, isIndent, isSpace, stripWhitespace } from './names';
import { digitValue } from './numerals';
import { firstAtOrAfterLine, partitionPoint } from './search';
import {
  HEADING_STYLES,
  Heading,
  HeadingList,
  HeadingStyle,
  ListKind,
  ListMarker,
  Marker,
  Outline,
  OutlineOptions,
  RANK,
  RejectReason,
  RejectedMarker,
  TableOfContents,
} from './types';

/** Shared by every leaf until it gets a child: most headings are leaves. */
const NO_CHILDREN: readonly Heading[] = Object.freeze([]);
/** Shared by every list that is not an enumeration. */
const NO_WORDS: readonly string[] = Object.freeze([]);

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
  /** Its own, not read from the marker: the tree's rules and the section ends ask for these of every heading, many times. */
  readonly line: number;
  readonly rank: number;

  constructor(
    private source: Marker,
    readonly parent: Heading | undefined,
    readonly index: number,
    readonly list: HeadingList | undefined,
  ) {
    this.line = source.line;
    this.rank = source.rank;
    this.endLine = source.line;
    this.depth = parent ? parent.depth + 1 : 0;
  }

  get name(): string {
    return this.source.name;
  }
  get style(): HeadingStyle {
    return this.source.style;
  }
  get rule(): number | undefined {
    return this.source.rule;
  }
  get number(): number {
    return this.source.number;
  }
  get sub(): number | undefined {
    return this.source.sub;
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
  get start(): number {
    return this.source.start;
  }
  get markerEnd(): number {
    return this.source.markerEnd;
  }
  get colonEnd(): number {
    return this.source.colonEnd;
  }
  get titleStart(): number {
    return this.source.titleStart;
  }
  get titleEnd(): number {
    return this.source.titleEnd;
  }

  /** Whether the heading reads `marker` as it was scanned (not renamed by a title on the next line). */
  readsMarker(marker: Marker): boolean {
    return this.source === marker;
  }

  /** The same heading, named as `marker` names it (renamedOutline). */
  rename(marker: Marker): void {
    this.source = marker;
  }
}

class ListNode implements HeadingList {
  /** Filled once the tree is built (linkChildren); until then `size` and `last` say what it will hold. */
  members: readonly Heading[] = NO_CHILDREN;
  size = 0;
  last: Heading | undefined = undefined;
  readonly words: readonly string[];
  lead: ListMarker | undefined = undefined;

  constructor(
    readonly kind: ListKind,
    readonly style: HeadingStyle,
    readonly parent: Heading | undefined,
    word: string | undefined,
  ) {
    this.words = word === undefined ? NO_WORDS : [word];
  }

  get next(): number {
    const last = this.last ?? this.lead;
    return last === undefined ? 1 : last.number + 1;
  }
}

/** An open list of enumeration points (一是 二是 …) while the outline is built. */
interface OpenEnumeration {
  readonly list: ListNode;
  /** Its latest point; set as soon as the point is added. */
  current?: Heading;
  readonly depth: number;
}

/** Sibling lists are found by parent and style: (parent index + 1) · STYLE_KEYS + style key. */
const STYLE_KEYS = 16;
const STYLE_KEY: Readonly<Record<HeadingStyle, number>> = Object.fromEntries(HEADING_STYLES.map((s, i) => [s, i])) as Record<HeadingStyle, number>;
/** 附录 lists apart from 附件 lists, both of the named style. */
const APPENDIX_KEY = HEADING_STYLES.length;

/**
 * The tree of the document from its markers. Beyond the markers, some rules
 * read the text of whole lines (the table of contents compares lines); the
 * number of every line read that way is pushed to `linesRead`, so that the
 * outline cache (outlineCache.ts) knows which edits can change the tree even
 * when they leave the markers as they were. A rule that reads line text must
 * report it there. `quotations` are the lines that open a quotation, as
 * scanLines collects them with the markers; without them the lines before
 * each marker are read again to find them.
 */
export function buildOutline(doc: OutlineDocument, markers: readonly Marker[], options: OutlineOptions, linesRead?: number[], quotations?: readonly number[]): Outline {
  const text = doc.getText();
  const rejected: RejectedMarker[] = [];
  const { candidates, kept, proper } = skipNonHeadings(text, doc, markers, rejected, linesRead, quotations ?? quotationLines(text, doc, markers));
  const skipped = rejected.length; // quoted markers and stems that make no list, before the loop's own
  const headings: HeadingNode[] = [];
  const roots: Heading[] = [];
  const lists: ListNode[] = [];
  /** Open headings of rank 1–9, outermost first. */
  const stack: Heading[] = [];
  /** The open enumeration lists, outermost first; placeEnumeration opens and ends them in place. */
  const enumerations: OpenEnumeration[] = [];
  /** The open ordinal list (第一， 第二，); undefined when none is open. */
  let ordinal: ListNode | undefined;
  /** The articles 第一条 … of the whole document. */
  let law: ListNode | undefined;
  /** The latest sibling list of each style under each parent. */
  const siblingLists = new Map<number, ListNode>();
  /** 目录 headings, for the tables of contents. */
  let tocHeadings: Map<Marker, Heading> | undefined;
  const rules = options.rules ?? NO_RULES;
  /** Keys of sibling lists per parent: the styles, 附录, and each user rule (its own list). */
  const stride = STYLE_KEYS + rules.headings.length;

  // Indexed loops in the passes over every marker: an array iterator allocates a result per step until the loop is optimised.
  for (let k = 0; k < kept.length; k++) {
    const marker = kept[k];
    if (proper.has(marker)) {
      // The document proper begins: the 目录 section and anything open in it end here.
      const toc = stack.findIndex((h) => h.kind === 'toc');
      if (toc >= 0) stack.length = toc;
      enumerations.length = 0;
    }
    if (marker.style === 'enumeration') {
      if (!options.enumerations) continue;
      const entry = placeEnumeration(marker, enumerations, stack[stack.length - 1], lists);
      if (typeof entry === 'string') {
        rejected.push({ marker, reason: entry });
        continue;
      }
      entry.current = addHeading(marker, entry.list.parent, entry.list, headings, roots);
      continue;
    }
    const rank = marker.rank;
    if (marker.style === 'custom' && rank === RANK.enumeration) {
      placeCustomPoint(marker, enumerations, stack, siblingLists, stride, headings, roots, lists);
      continue;
    }
    if (marker.kind === 'ordinal') {
      // 第一 opens an ordinal list; 第n only continues one standing at n − 1.
      if (marker.number !== 1 && marker.number !== ordinal?.next) {
        rejected.push({ marker, reason: 'out-of-sequence' });
        continue;
      }
    } else if (rank <= RANK.item) {
      ordinal = undefined;
    }
    enumerations.length = 0; // any heading of rank 1–9 closes every enumeration list
    while (stack.length > 0 && stack[stack.length - 1].rank >= rank && !holdsItemList(stack[stack.length - 1], marker, headings[headings.length - 1])) stack.pop();
    const parent = stack[stack.length - 1];
    let list: ListNode | undefined;
    if (marker.kind === 'ordinal') {
      if (marker.number === 1) ordinal = newList('ordinal', marker.style, parent, lists);
      list = ordinal;
    } else if (marker.number > 0) {
      // Articles are numbered through the whole law, across its chapters (§7).
      list = marker.kind === 'law' ? (law ??= newList('law', marker.style, undefined, lists)) : siblingList(marker, parent, siblingLists, lists, stride);
    }
    const heading = addHeading(marker, parent, list, headings, roots);
    stack.push(heading);
    if (marker.kind === 'toc') (tocHeadings ??= new Map()).set(marker, heading);
  }

  linkChildren(headings, lists);
  assignSectionEnds(doc, headings);
  for (let i = 0; i < lists.length; i++) if (lists[i].kind === 'siblings' && lists[i].parent?.style === 'named') attachLead(text, doc, lists[i], rules, linesRead);
  const tablesOfContents = tocHeadings === undefined ? [] : tableOfContentsEntries(candidates, kept, proper, tocHeadings);
  if (skipped > 0) rejected.sort((a, b) => a.marker.line - b.marker.line); // back in document order
  return { roots, headings, lists, rejected, tablesOfContents, rules };
}

/**
 * A user rule of rank 10 (docs/headings.md §10) ranks with the run-in points:
 * **Decision:** it is their sibling — under the parent of the innermost open
 * point list, or the open heading when there is none — leaves every point
 * list open (二是 after it goes on with 一是's list), and holds nothing.
 */
function placeCustomPoint(
  marker: Marker,
  enumerations: readonly OpenEnumeration[],
  stack: readonly Heading[],
  siblingLists: Map<number, ListNode>,
  stride: number,
  headings: HeadingNode[],
  roots: Heading[],
  lists: ListNode[],
): void {
  const inner = enumerations[enumerations.length - 1];
  const parent = inner !== undefined ? inner.list.parent : stack[stack.length - 1];
  addHeading(marker, parent, marker.number > 0 ? siblingList(marker, parent, siblingLists, lists, stride) : undefined, headings, roots);
}

/**
 * Whether a tree built with `after` in place of `before` is the same tree
 * with only that heading's name (and the end of its title) changed: the
 * common keystroke in a heading's title. Besides the marker's fields, the
 * rules read only two things of a name: whether a law article's title is
 * glued to it (skipCitedArticles) and whether a chapter-level heading has no
 * title, so that it takes the next line's (titlesFromNextLine). Whatever
 * else the tree reads of the text is in linesRead, which the caller checks.
 */
export function renamesOnly(before: Marker, after: Marker): boolean {
  return sameApartFromTitle(before, after) && isGlued(before) === isGlued(after) && (after.name !== after.marker || !takesTitleFromNextLine(after));
}

/**
 * The outline with the headings of `renames` (each a marker it was built
 * from, and the marker to name it after, for which renamesOnly holds) renamed
 * in place, as a new Outline object: the identity of an outline says its
 * headings are unchanged (SemanticTokensResults in providers/semanticTokens.ts),
 * and `renamed` says which changed.
 * Undefined, and nothing renamed, when one of the markers is not a heading's
 * own (a rejected candidate, or a heading renamed by titlesFromNextLine).
 */
export function renamedOutline(outline: Outline, renames: readonly (readonly [before: Marker, after: Marker])[]): Outline | undefined {
  const headings = outline.headings as readonly HeadingNode[];
  const nodes: HeadingNode[] = [];
  for (const [before] of renames) {
    const h = headings[firstAtOrAfterLine(headings, before.line)];
    if (h === undefined || h.line !== before.line || !h.readsMarker(before)) return undefined;
    nodes.push(h);
  }
  nodes.forEach((h, i) => h.rename(renames[i][1]));
  const all = new Set<Heading>(outline.renamed?.headings);
  for (const h of nodes) all.add(h);
  return { ...outline, renamed: { base: outline.renamed?.base ?? outline, headings: [...all] } };
}

/**
 * Whether an open heading keeps the next one inside it although both are
 * rank 5, a law article (第X条) and a plain item (一、) (docs/headings.md §3):
 * - a law article holds an 一、 list opened inside it: Taiwan laws number an
 *   article's 款 一、 二、. It takes 一、 itself and the next number of the
 *   list it holds (or a skipped or repeated one, as §4 keeps a slipped 一是);
 *   any other 二、 (after 第二条 under an outer 一、总则) is not its;
 * - an 一、 that is not itself an article's 款 holds the articles after it: a
 *   司法解释 groups its articles under 一、案件受理 二、……
 */
function holdsItemList(open: Heading, marker: Marker, latest: Heading | undefined): boolean {
  if (marker.style !== 'item') return false;
  if (open.kind === 'law' && marker.kind === undefined) {
    if (marker.number === 1) return true;
    // The next number, or a slip (a number skipped or repeated) that the numbering checks report.
    // Its last child so far: the one the latest heading lies in (children are linked once the tree is built).
    let last = latest;
    while (last !== undefined && last.parent !== open) last = last.parent;
    const n = marker.number;
    return last !== undefined && isPlainItem(last) && (last.number === n - 1 || last.number === n - 2 || last.number === n);
  }
  return marker.kind === 'law' && isPlainItem(open) && open.parent?.kind !== 'law';
}

/** 一、: an item that is neither a law article nor an ordinal. */
function isPlainItem(h: Heading): boolean {
  return h.style === 'item' && h.kind === undefined;
}

/**
 * Fills in each heading's children and each list's members, in document
 * order, once the tree is built: arrays of their exact length, where arrays
 * grown by push keep room for 16 more. The outline of a 10 MB document has
 * thousands of short ones, and the garbage collector copies every byte of
 * them into the old generation.
 */
function linkChildren(headings: readonly HeadingNode[], lists: readonly ListNode[]): void {
  const counts = new Int32Array(headings.length);
  for (let i = 0; i < headings.length; i++) {
    const p = headings[i].parent;
    if (p !== undefined) counts[p.index]++;
  }
  for (let i = 0; i < headings.length; i++) {
    if (counts[i] > 0) headings[i].children = new Array<Heading>(counts[i]);
    counts[i] = 0; // from here on: children filled in so far
  }
  for (let i = 0; i < lists.length; i++) {
    if (lists[i].size > 0) lists[i].members = new Array<Heading>(lists[i].size);
    lists[i].size = 0;
  }
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    if (h.parent !== undefined) (h.parent.children as Heading[])[counts[h.parent.index]++] = h;
    const list = h.list as ListNode | undefined;
    if (list !== undefined) (list.members as Heading[])[list.size++] = h;
  }
}

/**
 * Appends a heading under `parent` (a top-level one when undefined). A plain
 * function, not a closure over the lists: optimised code that inlined a
 * closure is thrown away when that closure dies with its parse.
 */
function addHeading(marker: Marker, parent: Heading | undefined, list: ListNode | undefined, headings: HeadingNode[], roots: Heading[]): Heading {
  const heading = new HeadingNode(marker, parent, headings.length, list);
  if (parent === undefined) roots.push(heading); // children are linked once the tree is built (linkChildren)
  headings.push(heading);
  if (list !== undefined) {
    list.size++;
    list.last = heading;
  }
  return heading;
}

function newList(kind: ListKind, style: HeadingStyle, parent: Heading | undefined, lists: ListNode[], word?: string): ListNode {
  const list = new ListNode(kind, style, parent, word);
  lists.push(list);
  return list;
}

/**
 * The list of `marker` among its siblings of the same style: the latest one
 * under `parent`, or a new one when there is none or the marker is numbered 1
 * (a list that starts again is a new list, as 一是 is in §4; so the 项 of a law
 * article restart in each 款).
 */
function siblingList(marker: Marker, parent: Heading | undefined, open: Map<number, ListNode>, lists: ListNode[], stride: number): ListNode {
  let styleKey = STYLE_KEY[marker.style];
  if (marker.style === 'named' && marker.marker.replace(/\s/g, '').startsWith('附录')) styleKey = APPENDIX_KEY;
  else if (marker.rule !== undefined) styleKey = STYLE_KEYS + marker.rule;
  const key = (parent === undefined ? 0 : parent.index + 1) * stride + styleKey;
  const latest = open.get(key);
  if (latest !== undefined && marker.number !== 1) return latest;
  const list = newList('siblings', marker.style, parent, lists);
  open.set(key, list);
  return list;
}

/**
 * 附件：1.…… with 2. and 3. lines after it (§7): the inline 1. is the first
 * item of the list its children continue. Only for the first list under an
 * unnumbered 附件 heading, when that list starts past 1.
 */
function attachLead(text: string, doc: OutlineDocument, list: ListNode, rules: CompiledRules, linesRead: number[] | undefined): void {
  const parent = list.parent!;
  if (parent.number !== 0 || parent.children[0] !== list.members[0] || list.members[0].number <= 1) return;
  linesRead?.push(parent.line); // the lead is read from the line's text, past its marker
  const lineBegin = lineStart(doc, parent.line);
  const lineEnd = lineContentEnd(text, doc, parent.line);
  const at = lineBegin + parent.titleStart; // past the colon and whitespace after 附件
  // With the user's rules as the list's own members were read: a house style's items have a lead too.
  const inline = scanLine(text, parent.line, at, lineEnd, rules);
  if (inline === undefined || inline.style !== list.style || inline.number >= list.members[0].number || inline.start !== 0) return;
  const shift = at - lineBegin;
  list.lead = { line: parent.line, start: shift, markerEnd: inline.markerEnd + shift, number: inline.number, marker: inline.marker };
}

/**
 * The entries of each table of contents: the candidates skipTableOfContents
 * left out between a kept 目录 marker and the start of the document proper.
 */
function tableOfContentsEntries(
  markers: readonly Marker[],
  kept: readonly Marker[],
  proper: ReadonlySet<Marker>,
  tocHeadings: ReadonlyMap<Marker, Heading>,
): TableOfContents[] {
  const tables: TableOfContents[] = [];
  let k = 0; // kept[k] is the next kept marker not yet passed
  for (let i = 0; i < markers.length; i++) {
    if (k < kept.length && markers[i] === kept[k]) {
      k++;
      continue;
    }
    // markers[i] was left out: an entry of the table opened by kept[k − 1].
    const heading = tocHeadings.get(kept[k - 1]);
    if (heading === undefined || (k < kept.length && !proper.has(kept[k]))) continue;
    const last = tables[tables.length - 1];
    if (last?.heading === heading) (last.entries as Marker[]).push(markers[i]);
    else tables.push({ heading, entries: [markers[i]] });
  }
  return tables;
}

/**
 * Enumeration points nest at most this deep (§4). 一是/一要 alternating
 * would otherwise nest without end; no speech goes past three.
 */
export const MAX_LIST_DEPTH = 6;

/**
 * Applies the list rules (§4) to one enumeration point: the open list it
 * joins, with `open` left holding the lists that stay open; or why it is
 * prose, with `open` as it was.
 */
function placeEnumeration(marker: Marker, open: OpenEnumeration[], enclosing: Heading | undefined, lists: ListNode[]): OpenEnumeration | RejectReason {
  const word = marker.word ?? '';
  const n = marker.number;
  if (n === 1) {
    const inner = open[open.length - 1];
    let parent: Heading | undefined = enclosing;
    let depth = 0;
    const sibling = inner !== undefined && inner.list.words.includes(word);
    if (sibling) {
      // Same word: the old list ends and the new one is its sibling.
      parent = inner.list.parent;
      depth = inner.depth;
    } else if (inner !== undefined) {
      // Another word: the new list nests under the current point.
      parent = inner.current;
      depth = inner.depth + 1;
      if (depth >= MAX_LIST_DEPTH) return 'too-deep';
    }
    const entry: OpenEnumeration = { list: newList('enumeration', 'enumeration', parent, lists, word), depth };
    if (sibling) open.length--;
    open.push(entry);
    return entry;
  }
  // n > 1 continues the nearest list standing at n − 1, preferring the same word.
  let found = -1;
  for (let i = open.length - 1; i >= 0; i--) {
    if (open[i].list.next !== n) continue;
    if (open[i].list.words.includes(word)) {
      found = i;
      break;
    }
    if (found === -1) found = i;
  }
  if (found === -1) {
    // A number skipped (一是 二是 四是) or repeated (二是 二是) in a list of the
    // same word is still its point, a slip for the numbering checks to report.
    for (let i = open.length - 1; i >= 0 && found === -1; i--) {
      const last = open[i].list.next - 1;
      if ((last === n - 2 || last === n) && open[i].list.words.includes(word)) found = i;
    }
    if (found === -1) return 'no-list';
  }
  const entry = open[found];
  if (!entry.list.words.includes(word)) (entry.list.words as string[]).push(word);
  open.length = found + 1; // the lists nested deeper end
  return entry;
}

/**
 * The document-level rules that take candidate markers out, or rename them,
 * before the tree is built: quoted text (§1), an 附件 title on the next line
 * (§2), stem lists (§4) and the table of contents (§3). Besides the markers
 * they read, of the text (docs/headings.md, "What the tree reads"):
 * - quoted text: the 30 lines before each marker (does one start with “ 「 『?)
 *   and, from such a line, up to 30 lines on (where its quotation closes);
 * - titles on the next line: after an 附件 or chapter-level line with no
 *   title, the lines up to and including the first non-blank one;
 * - the table of contents: the whole text of each marker's line.
 */
function skipNonHeadings(
  text: string,
  doc: OutlineDocument,
  markers: readonly Marker[],
  rejected: RejectedMarker[],
  linesRead: number[] | undefined,
  quotations: readonly number[],
): { candidates: readonly Marker[]; kept: readonly Marker[]; proper: ReadonlySet<Marker> } {
  const unquoted = skipCitedArticles(skipQuotedText(text, doc, markers, quotations, rejected, linesRead), rejected);
  const named = titlesFromNextLine(text, doc, unquoted, markers, linesRead);
  // The candidates the table of contents chooses among: its entries are found by comparing them with what it keeps.
  const candidates = acceptStemLists(named, rejected);
  return { candidates, ...skipTableOfContents(text, doc, candidates, linesRead) };
}

/** Articles a law needs before its usual way of writing them is known (skipCitedArticles). */
const CITATION_MIN_ARTICLES = 10;

/**
 * A paragraph that begins by citing an article is not one (§2, and markers.ts
 * citesArticles for the citations their next word gives away). **Decision:**
 * when a law writes its articles apart from their text (第 1 條 on its own
 * line, 第一条　为了……) and at most one in ten glued to it, a glued 第X条 out of
 * sequence is a citation: 第一千一百四十五條喪失繼承權之規定，於受遺贈人準用之。
 * between 第 1188 條 and 第 1189 條. A glued article in sequence stays one.
 */
function skipCitedArticles(markers: readonly Marker[], rejected: RejectedMarker[]): readonly Marker[] {
  let articles = 0;
  let glued = 0;
  for (let i = 0; i < markers.length; i++) {
    if (markers[i].kind !== 'law') continue;
    articles++;
    if (isGlued(markers[i])) glued++;
  }
  if (glued === 0 || articles < CITATION_MIN_ARTICLES || glued * 10 > articles) return markers;
  const cited = new Set<Marker>();
  let last = -1; // the number of the latest article kept
  for (const m of markers) {
    if (m.kind !== 'law') continue;
    if (isGlued(m) && last >= 0 && m.number !== last + 1 && m.number !== last) {
      cited.add(m);
      rejected.push({ marker: m, reason: 'citation' });
      continue;
    }
    last = m.number;
  }
  return cited.size === 0 ? markers : markers.filter((m) => !cited.has(m));
}

/** Whether the title runs on from the marker with no space between (第一条为了……). */
function isGlued(m: Marker): boolean {
  return m.name.length > m.marker.length && m.name.charCodeAt(m.marker.length) !== 0x20;
}

/** A quotation must close within this many lines after the line that opens it; else it is a stray mark (§1). */
export const QUOTE_LINES = 30;

/**
 * Finds the first closing mark of one kind at or after an offset. Offsets
 * asked for never decrease within one build, so each character of the text
 * is looked at at most once per kind, whatever the quotes.
 */
class CloseFinder {
  /** The first mark found at or after an earlier offset, or -1. */
  private found = -1;
  /** No mark lies between the latest offset asked for and this one, other than `found`. */
  private scannedTo = 0;

  constructor(
    private readonly text: string,
    private readonly mark: number,
  ) {}

  /** The offset of the first mark in [from, limit), or -1. */
  find(from: number, limit: number): number {
    if (this.found >= from) return this.found < limit ? this.found : -1;
    for (let i = Math.max(from, this.scannedTo); i < limit; i++) {
      if (this.text.charCodeAt(i) === this.mark) {
        this.found = i;
        this.scannedTo = i + 1;
        return i;
      }
    }
    this.scannedTo = Math.max(this.scannedTo, limit);
    return -1;
  }
}

/**
 * Quoted text is not structure (§1): when a line begins with “ 「 『 and the
 * quotation closes within 30 lines, the markers on the lines after it up to
 * the closing line are quoted (an amendment quoting its new （一）（二）).
 * **Decision:** a quotation that would hold a volume, part, chapter, section
 * or named heading is a stray mark too: a novel's unclosed “ before the next
 * chapter must not hide the chapter.
 */
function skipQuotedText(
  text: string,
  doc: OutlineDocument,
  markers: readonly Marker[],
  quotations: readonly number[],
  rejected: RejectedMarker[],
  linesRead: number[] | undefined,
): readonly Marker[] {
  if (quotations.length === 0) return markers;
  const finders = new Map<number, CloseFinder>();
  let kept: Marker[] | undefined; // copied on the first marker dropped
  let q = 0; // quotations[q] is the first opening line not yet looked at
  let quotedUntil = -1; // the last line of the quotations opened so far
  for (let i = 0; i < markers.length; i++) {
    const m = markers[i];
    // The opening lines among the QUOTE_LINES lines before the marker; one further back opens no quotation that reaches a marker.
    for (; q < quotations.length && quotations[q] < m.line; q++) {
      const line = quotations[q];
      if (line < m.line - QUOTE_LINES) continue;
      const close = quotationEnd(text, doc, line, finders, linesRead);
      if (close > quotedUntil && close > line && !holdsStructure(markers, i, line, close)) quotedUntil = close;
    }
    if (m.line <= quotedUntil) {
      kept ??= markers.slice(0, i);
      rejected.push({ marker: m, reason: 'quoted' });
    } else {
      kept?.push(m);
    }
  }
  return kept ?? markers;
}

/**
 * The lines that open a quotation (openingMark) among the QUOTE_LINES lines
 * before each marker, ascending: the ones skipQuotedText looks at, for a
 * caller whose scan did not collect them (scanLines).
 */
function quotationLines(text: string, doc: OutlineDocument, markers: readonly Marker[]): number[] {
  const lines: number[] = [];
  let examinedTo = -1; // lines up to here were looked at
  for (const m of markers) {
    for (let line = Math.max(examinedTo + 1, m.line - QUOTE_LINES); line < m.line; line++) {
      if (openingMark(text, lineStart(doc, line), lineContentEnd(text, doc, line)) >= 0) lines.push(line);
    }
    examinedTo = Math.max(examinedTo, m.line - 1);
  }
  return lines;
}

/**
 * The line on which the quotation opened at the start of `line` closes, when
 * that is within QUOTE_LINES lines; else -1 (no quotation, or a stray one).
 * For an opening line, the lines whose text decided it (the line through its
 * close, or through the 30th line after it) go to linesRead.
 */
function quotationEnd(text: string, doc: OutlineDocument, line: number, finders: Map<number, CloseFinder>, linesRead: number[] | undefined): number {
  const s = openingMark(text, lineStart(doc, line), lineContentEnd(text, doc, line));
  if (s < 0) return -1;
  const mark = closingMark(text.charCodeAt(s));
  let finder = finders.get(mark);
  if (finder === undefined) finders.set(mark, (finder = new CloseFinder(text, mark)));
  const lastLine = Math.min(doc.lineCount - 1, line + QUOTE_LINES);
  const at = finder.find(s + 1, lineContentEnd(text, doc, lastLine));
  let close = -1;
  if (at >= 0) {
    // The line holding `at`: the last of line..lastLine starting at or before it.
    close = line + partitionPoint(lastLine - line + 1, (i) => lineStart(doc, line + i) > at) - 1;
  }
  if (linesRead !== undefined) for (let l = line, to = close >= 0 ? close : lastLine; l <= to; l++) linesRead.push(l);
  return close;
}

/**
 * Whether a marker of rank 1–4 (volume … section, named) lies on lines
 * (open, close]. markers[from] lies after `open`, at most QUOTE_LINES lines.
 */
function holdsStructure(markers: readonly Marker[], from: number, open: number, close: number): boolean {
  let i = from;
  while (i > 0 && markers[i - 1].line > open) i--;
  for (; i < markers.length && markers[i].line <= close; i++) {
    if (markers[i].rank <= RANK.section) return true;
  }
  return false;
}

/** The longest title a heading takes from the next line, in characters (§2). */
const NEXT_LINE_TITLE_MAX = 40;
/** A title has at least one letter or digit (Han characters are letters). */
const TITLE_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * An 附件 line with no title of its own (附件1, 附件1：; GB/T 9704 puts the
 * title on the next line) takes its title from the next non-blank line when
 * that line has at most 40 characters, no ，。！？；, a letter or digit, and
 * no marker. Only the name changes: the selection stays on the 附件 line.
 * **Decision:** a bare 第X卷/编/部/篇/章/回/节 does the same (第 2 部 over its
 * title in Hong Kong ordinances, 第一章 over 总则 in text taken from a PDF).
 */
function titlesFromNextLine(
  text: string,
  doc: OutlineDocument,
  markers: readonly Marker[],
  all: readonly Marker[],
  linesRead: number[] | undefined,
): readonly Marker[] {
  let named: Marker[] | undefined; // copied on the first marker renamed
  for (let i = 0; i < markers.length; i++) {
    const m = markers[i];
    const title = m.name === m.marker && takesTitleFromNextLine(m) ? nextLineTitle(text, doc, m.line, all, linesRead) : undefined;
    if (title === undefined) {
      named?.push(m);
      continue;
    }
    named ??= markers.slice(0, i);
    named.push(markerNamed(m, `${m.name} ${title}`));
  }
  return named ?? markers;
}

function takesTitleFromNextLine(m: Marker): boolean {
  if (m.style === 'named') return m.kind === 'attachment' || m.marker.replace(/\s/g, '').startsWith('附表');
  // A title line ending in 篇1 is a title already; a user rule says itself how it is named (§10).
  return m.style !== 'custom' && m.rank <= RANK.section && m.marker.startsWith('第');
}

/** The title on the first non-blank line after `line`, or undefined; the lines looked at go to linesRead. */
function nextLineTitle(text: string, doc: OutlineDocument, line: number, all: readonly Marker[], linesRead: number[] | undefined): string | undefined {
  for (let l = line + 1; l < doc.lineCount; l++) {
    linesRead?.push(l);
    const start = lineStart(doc, l);
    let end = lineContentEnd(text, doc, l);
    let s = start;
    while (s < end && isSpace(text.charCodeAt(s))) s++;
    if (s >= end) continue; // blank
    if (hasMarkerOn(all, l)) return undefined;
    while (end > s && isSpace(text.charCodeAt(end - 1))) end--;
    let chars = 0;
    for (let i = s; i < end; i++) {
      const code = text.charCodeAt(i);
      // ，。！？； and the half-width , ! ? ; (which would end a run-in title, §5)
      if (code === 0xff0c || code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0xff1b || code === 0x2c || code === 0x21 || code === 0x3f || code === 0x3b) return undefined;
      if (code < 0xdc00 || code > 0xdfff) chars++;
      if (chars > NEXT_LINE_TITLE_MAX) return undefined;
    }
    // A trailing ： is not part of the title (§5).
    if (end > s && (text[end - 1] === '：' || text[end - 1] === ':')) end--;
    while (end > s && isSpace(text.charCodeAt(end - 1))) end--;
    // A rule of dashes or stars under the 附件 line is no title.
    return end > s && TITLE_CHARACTER.test(text.slice(s, end)) ? foldWhitespace(text, s, end) : undefined;
  }
  return undefined;
}

/** Whether a marker stands on the line (markers are sorted by line). */
function hasMarkerOn(markers: readonly Marker[], line: number): boolean {
  const i = firstAtOrAfterLine(markers, line);
  return i < markers.length && markers[i].line === line;
}

/**
 * Stems (甲、 （甲）) are headings only as a list of two or more points (§4):
 * 甲 opens a list, the next stem continues it only when the list stands one
 * before it, and a lone 甲 is prose. **Decision:** a list ends at any marker of
 * rank 1–8 that is not a stem (a new （一） or 1. ends it); points of ranks 9
 * and 10 inside a stem point do not.
 */
function acceptStemLists(markers: readonly Marker[], rejected: RejectedMarker[]): readonly Marker[] {
  if (!markers.some((m) => m.style === 'stem')) return markers;
  const prose = new Map<Marker, RejectReason>();
  let at = 0; // the number the open stem list stands at; 0 when none is open
  let opener: Marker | undefined; // a 甲 still waiting for its 乙
  for (const m of markers) {
    if (m.style === 'stem') {
      if (m.number === 1) {
        if (opener !== undefined) prose.set(opener, 'lone-stem');
        opener = m;
        at = 1;
      } else if (at > 0 && m.number === at + 1) {
        opener = undefined;
        at = m.number;
      } else {
        prose.set(m, 'no-list');
      }
    } else if (m.rank <= RANK.stem) {
      if (opener !== undefined) prose.set(opener, 'lone-stem');
      opener = undefined;
      at = 0;
    }
  }
  if (opener !== undefined) prose.set(opener, 'lone-stem');
  if (prose.size === 0) return markers;
  for (const [marker, reason] of prose) rejected.push({ marker, reason });
  return markers.filter((m) => !prose.has(m));
}

/** Table-of-contents lines are compared on this many non-whitespace characters. */
const TOC_KEY_LENGTH = 200;

/**
 * Table of contents (§3): the heading-like lines after 目录 are its entries
 * up to the first line that repeats the first entry; there the document proper
 * begins. Without a repeat they are ordinary headings. Returns the markers
 * kept and the markers where a document proper begins.
 *
 * A chapter moved in the body (engine/structure.ts renumbers it) leaves the
 * first entry unrepeated (第一章　总则 is now 第二章　总则), so the body also
 * begins, when no line repeats the first entry, where the numbering of the
 * first entry's style starts again with a title one of those entries already
 * gave (restartedEntry).
 */
function skipTableOfContents(
  text: string,
  doc: OutlineDocument,
  markers: readonly Marker[],
  linesRead: number[] | undefined,
): { kept: readonly Marker[]; proper: ReadonlySet<Marker> } {
  const proper = new Set<Marker>();
  if (!markers.some((m) => m.kind === 'toc')) return { kept: markers, proper };
  // Each line's key once, and where each key occurs: finding a repeat is a
  // binary search, so many 目录 lines cost n·log n, not n².
  const keys = markers.map((m) => lineKey(text, doc, m.line));
  if (linesRead !== undefined) for (const m of markers) linesRead.push(m.line);
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
    const repeat = firstAfter(occurrences.get(keys[i + 1])!, i + 1) ?? restartedEntry(text, doc, markers, i + 1);
    if (repeat === undefined) continue;
    proper.add(markers[repeat]);
    i = repeat - 1; // the loop's i++ lands on the repeat, which is kept
  }
  return { kept, proper };
}

/**
 * When no line repeats the first entry: the first marker after it, before the
 * next 目录, of the first entry's style whose number does not follow the one
 * before it in that style (第一章 after 第三章) and whose title, marker and
 * page number aside, is the title of one of those before it — the body's
 * first chapter after the chapters were reordered.
 */
function restartedEntry(text: string, doc: OutlineDocument, markers: readonly Marker[], first: number): number | undefined {
  const style = markers[first];
  if (style.number <= 0) return undefined;
  const titles = new Set<string>([titleKey(text, doc, style)]);
  let last = style.number;
  for (let j = first + 1; j < markers.length; j++) {
    const m = markers[j];
    if (m.kind === 'toc') return undefined;
    if (m.style !== style.style || m.kind !== style.kind || m.number <= 0) continue;
    const title = titleKey(text, doc, m);
    if (m.number <= last && title !== '' && titles.has(title)) return j;
    titles.add(title);
    last = m.number;
  }
  return undefined;
}

/** A heading line's title: after the marker, without whitespace and a trailing page number, capped. */
function titleKey(text: string, doc: OutlineDocument, m: Marker): string {
  const start = lineStart(doc, m.line);
  const end = withoutPageNumber(text, start, lineContentEnd(text, doc, m.line));
  return start + m.markerEnd < end ? stripWhitespace(text, start + m.markerEnd, end, TOC_KEY_LENGTH) : '';
}

/** The first index in the sorted list greater than `after`. */
function firstAfter(sorted: readonly number[], after: number): number | undefined {
  return sorted[partitionPoint(sorted.length, (i) => sorted[i] > after)];
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
export function withoutPageNumber(text: string, start: number, end: number): number {
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
 * Inside a law article an item of ranks 6–9 is one paragraph (§3): it ends
 * with its own line or its last nested item, and the unmarked paragraph after
 * the items is the article's next 款.
 */
export function assignSectionEnds(doc: OutlineDocument, headings: readonly Heading[]): void {
  const text = doc.getText();
  // Headings are in document order with each subtree contiguous, so a section
  // ends before the first heading after it no deeper than its own: one pass
  // with a stack of the sections still open.
  const open = new Int32Array(headings.length);
  let top = -1;
  let law = false;
  for (let i = 0; i <= headings.length; i++) {
    const next = i < headings.length ? (headings[i] as HeadingNode) : undefined;
    const depth = next === undefined ? -1 : next.depth;
    const boundary = next === undefined ? doc.lineCount : next.line;
    for (; top >= 0 && headings[open[top]].depth >= depth; top--) {
      const h = headings[open[top]] as HeadingNode;
      let end = boundary - 1;
      while (end > h.line && isBlankLine(text, doc, end)) end--;
      h.endLine = end;
      h.endCharacter = lineContentEnd(text, doc, end) - lineStart(doc, end);
    }
    if (next === undefined) break;
    open[++top] = i;
    if (next.kind === 'law') law = true;
  }
  if (law) endLawItemsAtTheirParagraph(text, doc, headings);
}

/** An item level of a law article: ranks 6–9, or a plain 一、 (a Taiwan law's 款). */
function isItemLevel(h: Heading): boolean {
  return (h.rank >= RANK['paren-cn'] && h.rank <= RANK.circled) || (h.style === 'item' && h.kind === undefined);
}

/** Whether a heading is an item of a law article (an item level under a 第X条, at any depth). */
function isLawItem(h: Heading): boolean {
  if (!isItemLevel(h)) return false;
  for (let p = h.parent; p !== undefined; p = p.parent) {
    if (p.kind === 'law') return true;
    if (!isItemLevel(p)) return false;
  }
  return false;
}

function endLawItemsAtTheirParagraph(text: string, doc: OutlineDocument, headings: readonly Heading[]): void {
  // In reverse, so that nested items have their own ends first.
  for (let i = headings.length - 1; i >= 0; i--) {
    const h = headings[i] as HeadingNode;
    if (!isLawItem(h)) continue;
    const end = h.children.length > 0 ? h.children[h.children.length - 1].endLine : h.line;
    if (end === h.endLine) continue;
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

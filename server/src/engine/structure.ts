// Editing the structure (docs/headings.md §8): move a section up or down,
// promote, demote, move it after another, insert a heading, delete a section —
// each computed from one version of a document and its outline as one set of
// text edits, which a client applies as one undo step.
//
// A section is its heading line through its last non-blank line (§3). Text
// only ever moves as whole sections: two adjacent blocks of lines trade places
// across the blank lines between them, which stay where they are, and so do
// the line breaks at the blocks' edges — a document's final line break (or
// its absence), CRLF and lone CR stay as they were. Markers are rewritten
// only where a list is renumbered (§7) or a section changes level.
//
// The result is parsed again before it is answered: an edit whose outline
// would not come out as planned (list rules that see the moved points
// differently, §4) is refused, never guessed.

import { OutlineDocument, PlainTextDocument, Position, lineContentEnd, lineStart } from './document';
import { markerOnLine, scanLine } from './markers';
import { isIndent, isSpace } from './names';
import { buildOutline } from './outline';
import { scanDocument } from './outlineCache';
import { TextEdit } from './edits';
import { listStarts, renumberMembers } from './numbering';
import { firstAtOrAfterLine, partitionPoint } from './search';
import { DEFAULT_OPTIONS, Heading, HeadingList, HeadingStyle, Marker, Outline, OutlineOptions } from './types';

export type StructureOperation = 'moveUp' | 'moveDown' | 'promote' | 'demote' | 'moveTo' | 'insertAfter' | 'insertChild' | 'delete';

export const STRUCTURE_OPERATIONS: readonly StructureOperation[] = ['moveUp', 'moveDown', 'promote', 'demote', 'moveTo', 'insertAfter', 'insertChild', 'delete'];

/** Why an operation cannot be done; the edit is then not made (§8). */
export type StructureRefusal =
  | 'noSection'
  | 'firstSibling'
  | 'lastSibling'
  | 'nothingToGoUnder'
  | 'topLevel'
  | 'tooDeep'
  | 'runInPoint'
  | 'noLevels'
  | 'tableOfContents'
  | 'noTarget'
  | 'intoItself'
  | 'alreadyThere'
  | 'otherKind'
  | 'pointAndSection'
  | 'unnumbered'
  | 'numberTooLarge'
  | 'outlineWouldChange';

/** What each refusal tells the user, in the languages the server speaks. */
export const STRUCTURE_REFUSALS: Readonly<Record<StructureRefusal, Readonly<Record<'en' | 'zh-cn', string>>>> = {
  noSection: { en: 'There is no section here.', 'zh-cn': '这里不在任何一节之内。' },
  firstSibling: { en: 'This is the first section of its level; it cannot move up.', 'zh-cn': '这是同级的第一节，不能上移。' },
  lastSibling: { en: 'This is the last section of its level; it cannot move down.', 'zh-cn': '这是同级的最后一节，不能下移。' },
  nothingToGoUnder: { en: 'This is the first section of its level: there is no section before it to go under, so it cannot be demoted.', 'zh-cn': '这是同级的第一节，前面没有可以归入的一节，不能降级。' },
  topLevel: { en: 'This section is at the top level; it cannot be promoted.', 'zh-cn': '这一节已是最高一级，不能升级。' },
  tooDeep: { en: 'Demoting would take a heading past the last level (①).', 'zh-cn': '降级后会有标题超出最末一级（①），不能降级。' },
  runInPoint: { en: 'Run-in points (一是, 二是) are points of a paragraph, not levels: they are not promoted or demoted and take no subheadings.', 'zh-cn': '“一是”“二是”这样的要点是段落中的层次，不是标题级别，不能升级、降级或插入下级标题。' },
  noLevels: { en: 'Headings of this kind (第X章, 第X条, 第一，…) have no levels to move between.', 'zh-cn': '这类标题（第X章、第X条、第一，等）没有上下级可以升降。' },
  tableOfContents: { en: 'The table of contents (目录) stays where it is, and sections do not move past it.', 'zh-cn': '目录保持原位，各节也不能移过目录。' },
  noTarget: { en: 'There is no heading on the target line.', 'zh-cn': '目标行上没有标题。' },
  intoItself: { en: 'A section cannot move into itself.', 'zh-cn': '一节不能移到它自身之中。' },
  alreadyThere: { en: 'The section is there already.', 'zh-cn': '这一节已在该位置。' },
  otherKind: { en: 'A section cannot follow a heading of another kind (an article after a chapter, say).', 'zh-cn': '一节不能移到另一类标题之后（例如把“条”移到“章”之后）。' },
  pointAndSection: { en: 'A run-in point (一是) and a section heading cannot take each other’s place.', 'zh-cn': '“一是”这样的要点和章节标题不能互相移入。' },
  unnumbered: { en: 'This heading has no number for a new heading to continue.', 'zh-cn': '这个标题没有编号，新标题无从接续。' },
  numberTooLarge: { en: 'A number would go past what its marker can write (① stops at ㊿, 甲 at 癸).', 'zh-cn': '编号会超出这种写法能写的范围（①只到㊿，甲只到癸）。' },
  outlineWouldChange: { en: 'The outline would not come out as intended, so nothing was changed.', 'zh-cn': '这样改动后提纲会与预期不同，未作修改。' },
};

export interface TextRange {
  readonly start: Position;
  readonly end: Position;
}

export interface StructureRequest {
  readonly operation: StructureOperation;
  /** A line of the section: its heading line, or any line inside it (the innermost section). */
  readonly line: number;
  /** moveTo: the line of the heading the section is to follow. */
  readonly targetLine?: number;
}

export interface StructureOptions {
  /** The options the outline was built with; the result is parsed with them too. */
  readonly outline?: OutlineOptions;
  /**
   * Law articles renumbered (old number → new, null for a deleted one): the
   * edits that rewrite references to them in this document (§9), in its own
   * line numbers. Applied in the same edit, wherever their lines move.
   */
  readonly references?: (articles: ReadonlyMap<number, number | null>) => readonly TextEdit[];
}

export type StructureAnswer =
  | {
      readonly ok: true;
      /** Non-overlapping, in document order, on the version the outline was built from; a block that moves spans lines (endLine). */
      readonly edits: TextEdit[];
      /** Insert: where the cursor goes, just after the new marker, in the document after the edit. */
      readonly cursor?: Position;
      /** Law articles renumbered: old number → new number, null for a deleted article. */
      readonly articles: ReadonlyMap<number, number | null>;
    }
  | { readonly ok: false; readonly reason: StructureRefusal };

/** GB/T 9704's levels, outermost first (§8): 一、 → （一） → 1. → （1） → ①. */
const LEVELS: readonly HeadingStyle[] = ['item', 'paren-cn', 'arabic', 'paren-arabic', 'circled'];
const LAST_LEVEL = LEVELS.length - 1;
/** How GB/T 9704 writes each level, for a level the document does not write yet. */
const STANDARD_MARKERS: readonly string[] = ['一、', '（一）', '1.', '（1）', '①'];

/** The heading whose line is `line`, else the innermost section that holds the line. */
export function sectionAt(outline: Outline, line: number): Heading | undefined {
  const headings = outline.headings;
  const after = firstAtOrAfterLine(headings, line + 1);
  for (let h: Heading | undefined = headings[after - 1]; h !== undefined; h = h.parent) if (line <= h.endLine) return h;
  return undefined;
}

/** The heading on `line`, if there is one. */
export function headingOnLine(outline: Outline, line: number): Heading | undefined {
  const h = sectionAt(outline, line);
  return h?.line === line ? h : undefined;
}

/** Select section / copy section text: the section from the start of its heading line to the end of its last line. */
export function sectionTextRange(h: Heading): TextRange {
  return { start: { line: h.line, character: 0 }, end: { line: h.endLine, character: h.endCharacter } };
}

/** The section's text, heading line through last line, line breaks as written. */
export function sectionText(doc: OutlineDocument, h: Heading): string {
  const text = doc.getText();
  return text.slice(lineStart(doc, h.line), lineContentEnd(text, doc, h.endLine));
}

/**
 * The edits for one structure operation on `doc`, whose outline (built with
 * options.outline) is `outline`, or why it cannot be done.
 */
export function editStructure(doc: OutlineDocument, outline: Outline, request: StructureRequest, options: StructureOptions = {}): StructureAnswer {
  const planner = new Planner(doc, outline);
  const answer = attempt(planner, request, options, false);
  // A point moved to another list keeps its word (二要 stays 要) unless the
  // list rules would then read it into another list (§4); then it takes the target's.
  return !answer.ok && answer.reason === 'outlineWouldChange' && request.operation === 'moveTo' ? attempt(planner, request, options, true) : answer;
}

function attempt(planner: Planner, request: StructureRequest, options: StructureOptions, targetWord: boolean): StructureAnswer {
  const plan = planner.plan(request, targetWord);
  if (typeof plan === 'string') return { ok: false, reason: plan };
  const extra = plan.articles.size > 0 && options.references !== undefined ? options.references(plan.articles) : [];
  const rendered = planner.render(plan, extra);
  if (!planner.verify(plan, rendered, options.outline ?? DEFAULT_OPTIONS)) return { ok: false, reason: 'outlineWouldChange' };
  return { ok: true, edits: rendered.edits, cursor: rendered.cursor, articles: plan.articles };
}

/**
 * Whether each operation can be done, without writing its edits (for listing
 * code actions): undefined where it can, else why not. An operation this
 * allows can still be refused by editStructure when its result would not
 * parse as planned.
 */
export function structureRefusals(doc: OutlineDocument, outline: Outline, requests: readonly StructureRequest[]): (StructureRefusal | undefined)[] {
  const planner = new Planner(doc, outline);
  return requests.map((request) => {
    const plan = planner.plan(request);
    return typeof plan === 'string' ? plan : undefined;
  });
}

// ---------------------------------------------------------------- the plan

/** Lines first..last of the document. */
interface LineSpan {
  readonly first: number;
  readonly last: number;
}

/** How text moves: at most one block operation per structure edit. */
type Block =
  | { readonly kind: 'none' }
  /** `before` and `after` trade places across the lines between them. */
  | { readonly kind: 'swap'; readonly before: LineSpan; readonly after: LineSpan }
  /** `text` (starting with a line break) inserted at the end of line `line`. */
  | { readonly kind: 'insert'; readonly line: number; readonly text: string }
  /** Offsets from..to removed; lines removed.first..removed.last disappear; the section's lines were section. */
  | { readonly kind: 'delete'; readonly from: number; readonly to: number; readonly removed: LineSpan; readonly section: LineSpan };

/** How a marker is written: a marker written so, the whitespace after it, the indentation before it. */
interface MarkerStyle {
  readonly style: HeadingStyle;
  readonly kind: Heading['kind'];
  /** A marker as written in this style (（一）, 第三条, 1、): its brackets and punctuation are the style's. */
  readonly raw: string;
  readonly separator: string;
  readonly indent: string;
}

/** A heading the operation adds. */
interface NewHeading {
  readonly markerStyle: MarkerStyle;
  readonly parent: Heading | undefined;
  /** Its line in the document after the edit. */
  line: number;
  number: number;
  /** The new heading line's text, filled in when its list is numbered. */
  text: string;
}

type Member = Heading | NewHeading;

interface Plan {
  block: Block;
  /** Headings written in another style: the marker and the whitespace after it are rewritten. */
  readonly restyled: Map<Heading, MarkerStyle>;
  /** Headings whose parent changes (the moved section). */
  readonly parents: Map<Heading, Heading | undefined>;
  /** The list a heading joins (the moved section); undefined: a list of its own. */
  readonly joins: Map<Heading, HeadingList | undefined>;
  readonly deleted: Set<Heading>;
  inserted: { heading: NewHeading; list: HeadingList | undefined } | undefined;
  /** New marker text by heading, and new numbers, once the lists are numbered. */
  readonly markers: Map<Heading, string>;
  readonly numbers: Map<Heading, number>;
  readonly articles: Map<number, number | null>;
}

/** A list of the outline, or a heading that starts a list of its own (a section demoted under one without subsections). */
type ListKey = HeadingList | Member;

function isHeading(m: Member): m is Heading {
  return 'index' in m;
}

function isList(key: ListKey): key is HeadingList {
  return 'members' in key;
}

class Planner {
  private readonly text: string;
  private readonly levelStyles = new Map<number, MarkerStyle>();
  private listStartsCache: Map<HeadingList, number> | undefined;

  constructor(
    private readonly doc: OutlineDocument,
    private readonly outline: Outline,
  ) {
    this.text = doc.getText();
  }

  /** The plan of one operation; `targetWord`: a point moved to another list takes the target's word. */
  plan(request: StructureRequest, targetWord = false): Plan | StructureRefusal {
    const s = sectionAt(this.outline, request.line);
    if (s === undefined) return 'noSection';
    const plan: Plan = {
      block: { kind: 'none' },
      restyled: new Map(),
      parents: new Map(),
      joins: new Map(),
      deleted: new Set(),
      inserted: undefined,
      markers: new Map(),
      numbers: new Map(),
      articles: new Map(),
    };
    const refusal = this.planOperation(plan, s, request, targetWord);
    return refusal ?? this.number(plan) ?? plan;
  }

  private planOperation(plan: Plan, s: Heading, request: StructureRequest, targetWord: boolean): StructureRefusal | undefined {
    switch (request.operation) {
      case 'moveUp':
      case 'moveDown':
        return this.planMove(plan, s, request.operation === 'moveUp' ? -1 : 1);
      case 'promote':
        return this.planPromote(plan, s);
      case 'demote':
        return this.planDemote(plan, s);
      case 'moveTo': {
        const t = request.targetLine === undefined ? undefined : headingOnLine(this.outline, request.targetLine);
        return t === undefined ? 'noTarget' : this.planMoveTo(plan, s, t, targetWord);
      }
      case 'insertAfter':
        return this.planInsertAfter(plan, s);
      case 'insertChild':
        return this.planInsertChild(plan, s);
      case 'delete':
        return this.planDelete(plan, s);
    }
  }

  /** Move up / move down: trade places with the previous / next sibling. */
  private planMove(plan: Plan, s: Heading, direction: -1 | 1): StructureRefusal | undefined {
    if (s.kind === 'toc') return 'tableOfContents';
    const siblings = this.siblings(s);
    const other = siblings[siblings.indexOf(s) + direction];
    if (other === undefined) return direction < 0 ? 'firstSibling' : 'lastSibling';
    if (this.holdsTableOfContents(other)) return 'tableOfContents';
    const [before, after] = direction < 0 ? [other, s] : [s, other];
    plan.block = { kind: 'swap', before: span(before), after: span(after) };
    return undefined;
  }

  /** Promote: the next sibling of the parent, in its style, right after the parent's section (§8). */
  private planPromote(plan: Plan, s: Heading): StructureRefusal | undefined {
    const refusal = this.levelRefusal(s);
    if (refusal !== undefined) return refusal;
    const parent = s.parent;
    const parentLevel = parent === undefined ? undefined : levelOf(parent);
    if (parent === undefined || parentLevel === undefined) return 'topLevel';
    const delta = parentLevel - levelOf(s)!;
    const moved = this.restyleSubtree(plan, s, delta);
    if (moved !== undefined) return moved;
    plan.restyled.set(s, this.markerStyleOf(parent));
    plan.parents.set(s, parent.parent);
    plan.joins.set(s, parent.list);
    // The siblings after it stay with the old parent: they trade places with it.
    const rest = this.contentAfter(s.endLine, parent.endLine);
    if (rest !== undefined) {
      if (this.spanHoldsTableOfContents(rest)) return 'tableOfContents';
      plan.block = { kind: 'swap', before: span(s), after: rest };
    }
    return undefined;
  }

  /** Demote: the last child of the previous sibling, in the style of that sibling's other children (§8). */
  private planDemote(plan: Plan, s: Heading): StructureRefusal | undefined {
    const refusal = this.levelRefusal(s);
    if (refusal !== undefined) return refusal;
    const siblings = this.siblings(s);
    const previous = siblings[siblings.indexOf(s) - 1];
    if (previous === undefined) return 'nothingToGoUnder';
    if (previous.kind === 'toc') return 'tableOfContents';
    const last = lastSectionChild(previous);
    let target: MarkerStyle;
    let level: number | undefined;
    if (last !== undefined) {
      level = levelOf(last);
      if (level === undefined || last.kind !== undefined) return 'noLevels';
      target = this.markerStyleOf(last);
    } else {
      const previousLevel = levelOf(previous);
      if (previousLevel === undefined) return 'noLevels';
      level = previousLevel + 1;
      if (level > LAST_LEVEL) return 'tooDeep';
      target = this.levelStyle(level);
    }
    const moved = this.restyleSubtree(plan, s, level - levelOf(s)!);
    if (moved !== undefined) return moved;
    plan.restyled.set(s, target);
    plan.parents.set(s, previous);
    plan.joins.set(s, last === undefined ? undefined : last.list);
    return undefined;
  }

  /** Move to: the next sibling of the target, in the target's style, right after the target's section. */
  private planMoveTo(plan: Plan, s: Heading, t: Heading, targetWord: boolean): StructureRefusal | undefined {
    if (t === s) return 'alreadyThere';
    if (t.line > s.line && t.line <= s.endLine) return 'intoItself';
    if (s.kind === 'toc' || t.kind === 'toc') return 'tableOfContents';
    if ((s.style === 'enumeration') !== (t.style === 'enumeration')) return 'pointAndSection';
    const sameStyle = s.style === t.style && s.kind === t.kind;
    if (s.style === 'enumeration') {
      if (targetWord && t.list !== s.list) plan.restyled.set(s, this.markerStyleOf(t));
    } else if (!sameStyle) {
      const targetLevel = levelOf(t);
      if (targetLevel !== undefined && changesLevel(s)) {
        const moved = this.restyleSubtree(plan, s, targetLevel - levelOf(s)!);
        if (moved !== undefined) return moved;
        plan.restyled.set(s, this.markerStyleOf(t));
      } else if (s.rank !== t.rank || targetLevel !== undefined || levelOf(s) !== undefined) {
        return 'otherKind';
      }
      // Same rank outside the levels (前言 after 第一章): a sibling as it is written.
    }
    plan.parents.set(s, t.parent);
    if (plan.restyled.has(s) || (sameStyle && t.list !== s.list)) plan.joins.set(s, t.list);
    const already = !plan.restyled.has(s) && !plan.joins.has(s) && s.parent === t.parent;
    if (t.endLine < s.line) {
      const between = this.contentBetween(t.endLine, s.line);
      if (between === undefined) {
        if (already) return 'alreadyThere';
      } else {
        if (this.spanHoldsTableOfContents(between)) return 'tableOfContents';
        plan.block = { kind: 'swap', before: between, after: span(s) };
      }
    } else {
      const rest = this.contentAfter(s.endLine, t.endLine);
      if (rest === undefined) {
        if (already) return 'alreadyThere';
      } else {
        if (this.spanHoldsTableOfContents(rest)) return 'tableOfContents';
        plan.block = { kind: 'swap', before: span(s), after: rest };
      }
    }
    return undefined;
  }

  /** Insert heading after: the next number of the section's own list, after its section. */
  private planInsertAfter(plan: Plan, s: Heading): StructureRefusal | undefined {
    if (s.number <= 0 || s.list === undefined || isTitleLine(s)) return 'unnumbered';
    const siblings = this.siblings(s);
    const previous = siblings[siblings.indexOf(s) - 1];
    const gap = previous !== undefined ? this.gapBefore(s.line) : (this.gapAfter(s.endLine) ?? this.gapBefore(s.line));
    this.insert(plan, s.endLine, gap, this.markerStyleOf(s), s.parent, s.list);
    return undefined;
  }

  /** Insert subheading: a new last child, continuing the children's list or one level below. */
  private planInsertChild(plan: Plan, s: Heading): StructureRefusal | undefined {
    if (s.style === 'enumeration') return 'runInPoint';
    if (s.kind === 'toc') return 'tableOfContents';
    const last = lastSectionChild(s);
    if (last !== undefined) {
      if (last.number <= 0 || isTitleLine(last)) return 'unnumbered';
      this.insert(plan, s.endLine, this.gapBefore(last.line), this.markerStyleOf(last), s, last.list);
      return undefined;
    }
    const level = levelOf(s);
    let style: MarkerStyle;
    let list: HeadingList | undefined;
    if (level !== undefined) {
      if (level + 1 > LAST_LEVEL) return 'tooDeep';
      style = { ...this.levelStyle(level + 1), indent: this.indentOf(s) };
    } else if (s.rank < LEVELS_FIRST_RANK) {
      // Under a chapter, section or attachment: an article in a law, else the first level.
      const article = this.outline.headings.find((h) => h.kind === 'law');
      if (article !== undefined) {
        style = this.markerStyleOf(article);
        list = article.list;
      } else {
        style = { ...this.levelStyle(0), indent: this.indentOf(s) };
      }
    } else {
      return 'noLevels';
    }
    this.insert(plan, s.endLine, this.separatorAfter(s.endLine), style, s, list);
    return undefined;
  }

  /** Delete section: it and its children go; the blank lines before it go with it. */
  private planDelete(plan: Plan, s: Heading): StructureRefusal | undefined {
    for (const h of this.subtree(s)) plan.deleted.add(h);
    const before = this.lastContentBefore(s.line);
    const after = this.firstContentAfter(s.endLine);
    if (before !== undefined) {
      plan.block = { kind: 'delete', from: this.endOf(before), to: this.endOf(s.endLine), removed: { first: before + 1, last: s.endLine }, section: span(s) };
    } else if (after !== undefined) {
      plan.block = { kind: 'delete', from: this.startOf(s.line), to: this.startOf(after), removed: { first: s.line, last: after - 1 }, section: span(s) };
    } else {
      plan.block = { kind: 'delete', from: this.startOf(s.line), to: this.endOf(s.endLine), removed: { first: s.line + 1, last: s.endLine }, section: span(s) };
    }
    return undefined;
  }

  private insert(plan: Plan, line: number, gap: string, style: MarkerStyle, parent: Heading | undefined, list: HeadingList | undefined): void {
    const heading: NewHeading = { markerStyle: style, parent, line: line + lineBreaks(gap), number: 0, text: '' };
    plan.inserted = { heading, list };
    plan.block = { kind: 'insert', line, text: gap };
  }

  /** Promote and demote apply to the levels 一、 … ① only. */
  private levelRefusal(s: Heading): StructureRefusal | undefined {
    if (s.style === 'enumeration') return 'runInPoint';
    if (s.kind === 'toc') return 'tableOfContents';
    return changesLevel(s) ? undefined : 'noLevels';
  }

  /** Every heading below `s` goes `delta` levels deeper (out, when negative); run-in points stay as they are. */
  private restyleSubtree(plan: Plan, s: Heading, delta: number): StructureRefusal | undefined {
    if (delta === 0) return undefined;
    for (const d of this.subtree(s)) {
      if (d === s || d.style === 'enumeration') continue;
      const level = levelOf(d);
      if (level === undefined || d.kind !== undefined) return 'noLevels';
      const to = level + delta;
      if (to > LAST_LEVEL) return 'tooDeep';
      if (to < 0) return 'topLevel';
      plan.restyled.set(d, this.levelStyle(to));
    }
    return undefined;
  }

  // ---------------------------------------------------------------- numbering

  /**
   * Numbers every list the operation touches — the lists the moved section
   * leaves and joins, lists whose members change order or style, lists that
   * lose members — from 1 (law articles: from the law's first number), each
   * member in its own form or, when restyled, its new one — as §7's renumber
   * fix numbers a list (numbering.ts renumberMembers), from where that fix
   * starts it (listStarts: 1, the law's first article, on through volumes).
   */
  private number(plan: Plan): StructureRefusal | undefined {
    const newLine = lineMapping(plan.block);
    const lineOf = (m: Member): number => (isHeading(m) ? newLine(m.line)! : m.line);
    const keyOf = (h: Heading): ListKey | undefined => (plan.joins.has(h) ? (plan.joins.get(h) ?? h) : h.list);
    const touched = new Set<ListKey>();
    for (const h of plan.deleted) if (h.list !== undefined) touched.add(h.list);
    for (const [h, list] of plan.joins) {
      if (h.list !== undefined) touched.add(h.list);
      touched.add(list ?? h);
    }
    for (const h of plan.restyled.keys()) {
      const key = keyOf(h);
      if (key !== undefined) touched.add(key);
    }
    if (plan.inserted !== undefined) touched.add(plan.inserted.list ?? plan.inserted.heading);
    if (plan.block.kind === 'swap') {
      // Only a list with members in both blocks changes order (law articles, the two siblings' list).
      const before = new Set<HeadingList>();
      for (const h of this.headingsIn(plan.block.before)) if (h.list !== undefined) before.add(h.list);
      for (const h of this.headingsIn(plan.block.after)) if (h.list !== undefined && before.has(h.list)) touched.add(h.list);
    }
    const members = new Map<ListKey, Member[]>();
    for (const key of touched) members.set(key, isList(key) ? key.members.filter((h) => !plan.deleted.has(h) && keyOf(h) === key) : []);
    for (const [h, list] of plan.joins) {
      const key = list ?? h;
      if (!(isList(key) && h.list === key)) members.get(key)!.push(h);
    }
    if (plan.inserted !== undefined) members.get(plan.inserted.list ?? plan.inserted.heading)!.push(plan.inserted.heading);
    for (const [key, list] of members) {
      if (list.length === 0) continue; // every member deleted
      list.sort((a, b) => lineOf(a) - lineOf(b));
      const isLaw = isList(key) && key.kind === 'law';
      const start = isList(key) ? (this.starts().get(key) ?? 1) : 1;
      const written = renumberMembers(
        this.doc,
        list.map((m) => (isHeading(m) ? (plan.restyled.has(m) ? { raw: plan.restyled.get(m)!.raw } : m) : { raw: m.markerStyle.raw })),
        start,
      );
      for (let i = 0; i < list.length; i++) {
        const marker = written[i];
        if (marker === undefined) return 'numberTooLarge';
        const m = list[i];
        if (!isHeading(m)) {
          m.number = start + i;
          m.text = m.markerStyle.indent + marker + m.markerStyle.separator;
          continue;
        }
        plan.numbers.set(m, start + i);
        if (plan.restyled.has(m) || marker !== this.markerText(m)) plan.markers.set(m, marker);
        // Only what was an article before can have references to renumber (a promoted 项 is a new article).
        if (isLaw && m.kind === 'law' && m.number !== start + i) plan.articles.set(m.number, start + i);
      }
    }
    // Restyled headings outside any touched list (a list of one unnumbered heading) still get their marker.
    for (const [h, style] of plan.restyled) {
      if (plan.markers.has(h)) continue;
      const marker = renumberMembers(this.doc, [{ raw: style.raw }], plan.numbers.get(h) ?? Math.max(1, h.number))[0];
      if (marker === undefined) return 'numberTooLarge';
      plan.markers.set(h, marker);
    }
    for (const h of plan.deleted) if (h.kind === 'law') plan.articles.set(h.number, null);
    this.dropAmbiguousArticles(plan);
    return undefined;
  }

  /** A law that numbers two articles alike (a slip): which one a reference means is unknown, so neither is rewritten. */
  private dropAmbiguousArticles(plan: Plan): void {
    if (plan.articles.size === 0) return;
    const seen = new Map<number, number>();
    for (const h of this.outline.headings) if (h.kind === 'law') seen.set(h.number, (seen.get(h.number) ?? 0) + 1);
    for (const [number, count] of seen) if (count > 1) plan.articles.delete(number);
  }

  // ---------------------------------------------------------------- rendering

  /** The plan's edits on the document, and the document after them. */
  render(plan: Plan, extra: readonly TextEdit[]): Rendered {
    const lineEdits = this.lineEdits(plan, extra);
    const edits: OffsetEdit[] = [];
    const inPlace = (from: number, to: number) => {
      for (const e of lineEdits) if (e.from >= from && e.to <= to) edits.push(e);
    };
    const block = plan.block;
    let cursor: Position | undefined;
    switch (block.kind) {
      case 'none':
        inPlace(0, this.text.length);
        break;
      case 'swap': {
        const a = this.startOf(block.before.first);
        const aEnd = this.endOf(block.before.last);
        const b = this.startOf(block.after.first);
        const bEnd = this.endOf(block.after.last);
        const middle = this.text.slice(aEnd, b);
        inPlace(0, a);
        if (aEnd - a <= bEnd - b) {
          // The first block is the smaller: it moves down past the second.
          edits.push({ from: a, to: b, text: '' });
          inPlace(b, bEnd);
          edits.push({ from: bEnd, to: bEnd, text: middle + this.renderRange(a, aEnd, lineEdits) });
        } else {
          edits.push({ from: a, to: a, text: this.renderRange(b, bEnd, lineEdits) + middle });
          inPlace(a, aEnd);
          edits.push({ from: aEnd, to: bEnd, text: '' });
        }
        inPlace(bEnd, this.text.length);
        break;
      }
      case 'insert': {
        const at = this.endOf(block.line);
        const heading = plan.inserted!.heading;
        inPlace(0, at);
        edits.push({ from: at, to: at, text: block.text + heading.text });
        inPlace(at, this.text.length);
        cursor = { line: heading.line, character: heading.text.length };
        break;
      }
      case 'delete':
        inPlace(0, block.from);
        edits.push({ from: block.from, to: block.to, text: '' });
        inPlace(block.to, this.text.length);
        break;
    }
    const merged = mergeEdits(edits);
    return {
      edits: merged.map((e) => this.textEdit(e)),
      merged,
      text: applyOffsetEdits(this.text, merged),
      cursor,
      rewritten: lineEdits.map((e) => e.line!),
    };
  }

  /** Marker rewrites and the extra edits as offset edits on the document, in order; extras that overlap a marker are dropped. */
  private lineEdits(plan: Plan, extra: readonly TextEdit[]): OffsetEdit[] {
    const markers: OffsetEdit[] = [];
    for (const [h, marker] of plan.markers) {
      const begin = lineStart(this.doc, h.line);
      const from = begin + h.start;
      let to = begin + h.markerEnd;
      const style = plan.restyled.get(h);
      let text = marker;
      if (style !== undefined) {
        // A heading changing level is written as that level is written: its separator too.
        while (to < this.endOf(h.line) && isSpace(this.text.charCodeAt(to))) to++;
        text += style.separator;
      }
      markers.push({ from, to, text, line: h.line });
    }
    markers.sort((a, b) => a.from - b.from);
    const extras: OffsetEdit[] = [];
    for (const e of extra) {
      if (e.line < 0 || e.line >= this.doc.lineCount || (e.endLine !== undefined && e.endLine !== e.line)) continue;
      const begin = lineStart(this.doc, e.line);
      const end = this.endOf(e.line);
      const from = Math.min(begin + e.start, end);
      const to = Math.min(begin + e.end, end);
      if (to >= from && !overlapsAny(markers, from, to)) extras.push({ from, to, text: e.newText, line: e.line });
    }
    extras.sort((a, b) => a.from - b.from || a.to - b.to);
    // Of extras that overlap each other, the first stands.
    const kept = extras.filter((e, i) => i === 0 || extras[i - 1].to <= e.from);
    return markers.concat(kept).sort((a, b) => a.from - b.from || a.to - b.to);
  }

  /** text[from, to) with the line edits inside it applied. */
  private renderRange(from: number, to: number, lineEdits: readonly OffsetEdit[]): string {
    return applyOffsetEdits(this.text.slice(from, to), lineEdits.filter((e) => e.from >= from && e.to <= to).map((e) => ({ from: e.from - from, to: e.to - from, text: e.text })));
  }

  // ---------------------------------------------------------------- verifying

  /**
   * Whether `result` (the document after the edits) parses to the planned
   * outline: the same headings on the planned lines, each with its planned
   * style, number and parent. Table-of-contents entries, before or after,
   * are left out: the document proper is what moved (§3). A 目录 whose first
   * entry no longer repeats, or repeats again, is the 目录 check's to report.
   */
  verify(plan: Plan, rendered: Rendered, options: OutlineOptions): boolean {
    const newLine = lineMapping(plan.block);
    const entries = new Set<number>();
    let doc: OutlineDocument;
    let markers: Marker[];
    let firstLine = 0;
    const window = this.outline.headings.some((h) => h.kind === 'toc') ? undefined : this.window(rendered);
    if (window !== undefined) {
      // Only the top-level sections the edit touched are parsed again.
      const inside = rendered.merged.map((e) => ({ from: e.from - window.from, to: e.to - window.from, text: e.text }));
      doc = new PlainTextDocument(this.doc.uri, applyOffsetEdits(this.text.slice(window.from, window.to), inside));
      markers = scanDocument(doc, this.outline.rules);
      firstLine = window.line;
    } else {
      doc = this.editedDocument(rendered);
      for (const table of this.outline.tablesOfContents) {
        for (const entry of table.entries) {
          const moved = newLine(entry.line);
          if (moved !== undefined) entries.add(moved);
        }
      }
      markers = this.editedMarkers(plan, rendered, doc, newLine).filter((m) => !entries.has(m.line));
    }
    // The same scanner as the outline's: the user's rules (§10) included.
    const reparsed = buildOutline(doc, markers, { ...options, rules: this.outline.rules });
    for (const table of reparsed.tablesOfContents) for (const entry of table.entries) entries.add(entry.line + firstLine);
    const lastLine = firstLine + doc.lineCount - 1;
    type Planned = { line: number; style: HeadingStyle; kind: Heading['kind']; number: number; parent: number };
    const planned: Planned[] = [];
    const add = (p: Planned) => {
      if (p.line >= firstLine && p.line <= lastLine && !entries.has(p.line)) planned.push(p);
    };
    for (const h of this.outline.headings) {
      if (plan.deleted.has(h)) continue;
      const line = newLine(h.line)!;
      if (line < firstLine || line > lastLine) continue;
      const parent = plan.parents.has(h) ? plan.parents.get(h) : h.parent;
      const style = plan.restyled.get(h);
      add({
        line,
        style: style?.style ?? h.style,
        kind: style === undefined ? h.kind : style.kind,
        number: plan.numbers.get(h) ?? h.number,
        parent: parent === undefined ? -1 : newLine(parent.line)!,
      });
    }
    const inserted = plan.inserted?.heading;
    if (inserted !== undefined) {
      const { style, kind } = inserted.markerStyle;
      add({ line: inserted.line, style, kind, number: inserted.number, parent: inserted.parent === undefined ? -1 : newLine(inserted.parent.line)! });
    }
    planned.sort((a, b) => a.line - b.line);
    const parsed = reparsed.headings;
    if (parsed.length !== planned.length) return false;
    return parsed.every((h, i) => {
      const p = planned[i];
      const parent = p.parent >= 0 && entries.has(p.parent) ? -1 : p.parent;
      return h.line + firstLine === p.line && h.style === p.style && h.kind === p.kind && h.number === p.number && (h.parent === undefined ? -1 : h.parent.line + firstLine) === parent;
    });
  }

  /**
   * The lines the edits fall in, widened to whole top-level sections that
   * start afresh: a top-level heading that is neither a run-in point nor an
   * ordinal (第二，) closes every section and list before it (§3, §4), so
   * the outline from there on does not depend on what comes before.
   * Undefined when that is the whole document.
   */
  private window(rendered: Rendered): { from: number; to: number; line: number } | undefined {
    if (rendered.merged.length === 0) return undefined;
    const roots = this.outline.roots;
    // A user rule of rank 10 ranks with the points and leaves their lists open (outline.ts, placeCustomPoint).
    const fresh = (h: Heading) => h.style !== 'enumeration' && h.kind !== 'ordinal' && !(h.style === 'custom' && h.rank >= 10);
    const firstEdit = this.positionAt(rendered.merged[0].from).line;
    const lastEdit = this.positionAt(rendered.merged[rendered.merged.length - 1].to).line;
    // A top-level heading the edit rewrites or moves may not stay one: start before it.
    let r = rootAt(roots, firstEdit);
    if (r >= 0 && roots[r].line === firstEdit) r--;
    while (r >= 0 && !fresh(roots[r])) r--;
    const first = r < 0 ? 0 : roots[r].line;
    let next = rootAt(roots, lastEdit) + 1;
    while (next < roots.length && !fresh(roots[next])) next++;
    const last = next < roots.length ? roots[next].line - 1 : this.doc.lineCount - 1;
    if (first === 0 && last === this.doc.lineCount - 1) return undefined;
    return { from: lineStart(this.doc, first), to: this.endOf(last), line: first };
  }

  /**
   * The document after the edits, its line starts carried over from this
   * one's: no edit splits a line break or joins two (they start and end at
   * line starts and line ends), so only the edits' own breaks are new.
   */
  private editedDocument(rendered: Rendered): OutlineDocument {
    const starts: number[] = [];
    const lineCount = this.doc.lineCount;
    let line = 0;
    let delta = 0;
    for (const e of rendered.merged) {
      if (joinsBreaks(this.text, e)) return new PlainTextDocument(this.doc.uri, rendered.text);
      for (let start = lineStart(this.doc, line); line < lineCount && start <= e.from; start = lineStart(this.doc, ++line)) starts.push(start + delta);
      while (line < lineCount && lineStart(this.doc, line) <= e.to) line++;
      const breaks = /\r\n|\r|\n/g;
      for (let m = breaks.exec(e.text); m !== null; m = breaks.exec(e.text)) starts.push(e.from + delta + m.index + m[0].length);
      delta += e.text.length - (e.to - e.from);
    }
    for (; line < lineCount; line++) starts.push(lineStart(this.doc, line) + delta);
    return new PlainTextDocument(this.doc.uri, rendered.text, 0, starts);
  }

  /**
   * The markers of the document after the edits (§2: a line's marker depends
   * on that line alone): this one's carried to their new lines, and the lines
   * whose text was rewritten scanned again.
   */
  private editedMarkers(plan: Plan, rendered: Rendered, doc: OutlineDocument, newLine: (line: number) => number | undefined): Marker[] {
    const rescan = new Set<number>();
    for (const line of rendered.rewritten) rescan.add(newLine(line)!);
    if (plan.inserted !== undefined) rescan.add(plan.inserted.heading.line);
    if (this.text.charCodeAt(0) === 0xfeff) {
      // A byte-order mark stays at the start: the first line gains it, the old first line loses it.
      rescan.add(0);
      const moved = newLine(0);
      if (moved !== undefined) rescan.add(moved);
    }
    const markers: Marker[] = [];
    const deleted = plan.block.kind === 'delete' ? plan.block.section : undefined;
    const carry = (m: Marker) => {
      if (deleted !== undefined && m.line >= deleted.first && m.line <= deleted.last) return;
      const line = newLine(m.line);
      if (line !== undefined && !rescan.has(line)) markers.push(markerOnLine(m, line));
    };
    for (const h of this.outline.headings) carry(h);
    for (const r of this.outline.rejected) carry(r.marker);
    for (const table of this.outline.tablesOfContents) for (const entry of table.entries) carry(entry);
    const text = doc.getText();
    for (const line of rescan) {
      if (line >= doc.lineCount) continue;
      const m = scanLine(text, line, lineStart(doc, line), lineContentEnd(text, doc, line), this.outline.rules);
      if (m !== undefined) markers.push(m);
    }
    return markers.sort((a, b) => a.line - b.line);
  }

  // ---------------------------------------------------------------- the document

  /** The siblings a section trades places with: a point's list, else the sections (not points) of its parent. */
  private siblings(h: Heading): readonly Heading[] {
    if (h.style === 'enumeration') return h.list?.members ?? [h];
    return (h.parent?.children ?? this.outline.roots).filter((c) => c.style !== 'enumeration');
  }

  /** The section and everything in it, in document order. */
  private subtree(h: Heading): Heading[] {
    const out: Heading[] = [];
    const headings = this.outline.headings;
    for (let i = h.index; i < headings.length && (i === h.index || headings[i].line <= h.endLine); i++) out.push(headings[i]);
    return out;
  }

  /** Where each list starts once renumbered (numbering.ts), computed once. */
  private starts(): Map<HeadingList, number> {
    return (this.listStartsCache ??= listStarts(this.doc, this.outline));
  }

  /** The headings on lines first..last. */
  private *headingsIn(lines: LineSpan): Generator<Heading> {
    const headings = this.outline.headings;
    for (let i = firstAtOrAfterLine(headings, lines.first); i < headings.length && headings[i].line <= lines.last; i++) yield headings[i];
  }

  private holdsTableOfContents(h: Heading): boolean {
    return this.spanHoldsTableOfContents(span(h));
  }

  private spanHoldsTableOfContents(lines: LineSpan): boolean {
    for (const h of this.headingsIn(lines)) if (h.kind === 'toc') return true;
    return false;
  }

  /** How `h` writes its marker, for a heading that takes its style. */
  private markerStyleOf(h: Heading): MarkerStyle {
    const markerEnd = lineStart(this.doc, h.line) + h.markerEnd;
    const lineEnd = this.endOf(h.line);
    let end = markerEnd;
    while (end < lineEnd && isSpace(this.text.charCodeAt(end))) end++;
    return { style: h.style, kind: h.kind, raw: this.markerText(h), separator: this.text.slice(markerEnd, end), indent: this.indentOf(h) };
  }

  /** How the document writes a level: as its first heading of that level does, else as GB/T 9704 does. */
  private levelStyle(level: number): MarkerStyle {
    let style = this.levelStyles.get(level);
    if (style === undefined) {
      const first = this.outline.headings.find((h) => h.style === LEVELS[level] && h.kind === undefined);
      style = first !== undefined ? this.markerStyleOf(first) : { style: LEVELS[level], kind: undefined, raw: STANDARD_MARKERS[level], separator: '', indent: '' };
      this.levelStyles.set(level, style);
    }
    return style;
  }

  /** The marker as written on its line. */
  private markerText(h: Heading): string {
    const begin = lineStart(this.doc, h.line);
    return this.text.slice(begin + h.start, begin + h.markerEnd);
  }

  private indentOf(h: Heading): string {
    const begin = this.startOf(h.line);
    return this.text.slice(begin, lineStart(this.doc, h.line) + h.start);
  }

  /** Offset where a line's text starts (after a byte-order mark, which is not text). */
  private startOf(line: number): number {
    const start = lineStart(this.doc, line);
    return start === 0 && this.text.charCodeAt(0) === 0xfeff ? 1 : start;
  }

  private endOf(line: number): number {
    return lineContentEnd(this.text, this.doc, line);
  }

  private isBlank(line: number): boolean {
    const end = this.endOf(line);
    for (let i = this.startOf(line); i < end; i++) if (!isIndent(this.text.charCodeAt(i))) return false;
    return true;
  }

  private firstContentAfter(line: number): number | undefined {
    for (let l = line + 1; l < this.doc.lineCount; l++) if (!this.isBlank(l)) return l;
    return undefined;
  }

  private lastContentBefore(line: number): number | undefined {
    for (let l = line - 1; l >= 0; l--) if (!this.isBlank(l)) return l;
    return undefined;
  }

  /** The lines after `line` up to `last`, blank lines at the start left out; undefined when there are none. */
  private contentAfter(line: number, last: number): LineSpan | undefined {
    const first = this.firstContentAfter(line);
    return first === undefined || first > last ? undefined : { first, last };
  }

  /** The lines strictly between two lines, blank lines at both ends left out. */
  private contentBetween(above: number, below: number): LineSpan | undefined {
    const first = this.firstContentAfter(above);
    const last = this.lastContentBefore(below);
    return first === undefined || last === undefined || first > last ? undefined : { first, last };
  }

  /** The line break and blank lines between the last content before `line` and `line`. */
  private gapBefore(line: number): string {
    const before = this.lastContentBefore(line);
    return before === undefined ? this.separatorAfter(line) : this.text.slice(this.endOf(before), this.startOf(line));
  }

  /** The line break and blank lines after `line` up to the next content, when there is content after it. */
  private gapAfter(line: number): string | undefined {
    const after = this.firstContentAfter(line);
    return after === undefined ? undefined : this.text.slice(this.endOf(line), this.startOf(after));
  }

  /** The line break after `line`, or the document's first one (\n in a one-line document) after its last line. */
  private separatorAfter(line: number): string {
    if (line + 1 < this.doc.lineCount) return this.text.slice(this.endOf(line), lineStart(this.doc, line + 1));
    const lf = this.text.search(/\r\n|\r|\n/);
    return lf < 0 ? '\n' : this.text.startsWith('\r\n', lf) ? '\r\n' : this.text[lf];
  }

  private textEdit(e: OffsetEdit): TextEdit {
    const start = this.positionAt(e.from);
    const end = this.positionAt(e.to);
    return end.line === start.line ? { line: start.line, start: start.character, end: end.character, newText: e.text } : { line: start.line, start: start.character, endLine: end.line, end: end.character, newText: e.text };
  }

  private positionAt(offset: number): Position {
    const line = Math.max(0, partitionPoint(this.doc.lineCount, (l) => lineStart(this.doc, l) > offset) - 1);
    return { line, character: offset - lineStart(this.doc, line) };
  }
}

/** The rank of the first level (一、): headings outside the levels with a smaller rank hold levels. */
const LEVELS_FIRST_RANK = 5;

/** Index of the last root on or before `line`, -1 when there is none. */
function rootAt(roots: readonly Heading[], line: number): number {
  return firstAtOrAfterLine(roots, line + 1) - 1;
}

function span(h: Heading): LineSpan {
  return { first: h.line, last: h.endLine };
}

/** The heading's level among 一、 … ①; law articles and ordinals (第一，) count as the first level. */
function levelOf(h: Heading): number | undefined {
  const level = LEVELS.indexOf(h.style);
  return level < 0 ? undefined : level;
}

/** Only the plain levels change level: not 第X条 or 第一，, not points, not chapters. */
function changesLevel(h: Heading): boolean {
  return levelOf(h) !== undefined && h.kind === undefined;
}

/** The last child that is a section, not a run-in point (points come first in a section, §4). */
function lastSectionChild(h: Heading): Heading | undefined {
  for (let i = h.children.length - 1; i >= 0; i--) if (h.children[i].style !== 'enumeration') return h.children[i];
  return undefined;
}

/** A speech collection's title line (在……讲话篇2): its marker is the whole line. */
function isTitleLine(h: Heading): boolean {
  return h.style === 'article' && h.marker === h.name && !h.marker.startsWith('第');
}

/** Where each line of the document before the edit is after it; undefined for a removed line. */
function lineMapping(block: Block): (line: number) => number | undefined {
  switch (block.kind) {
    case 'none':
      return (line) => line;
    case 'swap': {
      const { before: x, after: y } = block;
      const xLines = x.last - x.first + 1;
      const between = y.first - x.last - 1;
      const yLines = y.last - y.first + 1;
      return (line) => {
        if (line < x.first || line > y.last) return line;
        if (line <= x.last) return line + yLines + between;
        if (line < y.first) return line + yLines - xLines;
        return line - xLines - between;
      };
    }
    case 'insert': {
      const added = lineBreaks(block.text);
      return (line) => (line <= block.line ? line : line + added);
    }
    case 'delete': {
      const { first, last } = block.removed;
      return (line) => (line < first ? line : line > last ? line - (last - first + 1) : undefined);
    }
  }
}

function lineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

interface OffsetEdit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
  /** A line edit's line, in the document before the edit. */
  readonly line?: number;
}

interface Rendered {
  readonly edits: TextEdit[];
  /** The same edits as offsets, sorted, touching ones joined. */
  readonly merged: readonly OffsetEdit[];
  /** The document after the edits. */
  readonly text: string;
  readonly cursor?: Position;
  /** Lines (before the edit) whose text a marker or reference rewrite changes. */
  readonly rewritten: readonly number[];
}

/** Whether [from, to) overlaps one of the sorted, disjoint edits. */
function overlapsAny(sorted: readonly OffsetEdit[], from: number, to: number): boolean {
  const i = partitionPoint(sorted.length, (k) => sorted[k].to > from);
  return i < sorted.length && sorted[i].from < to;
}

/** Sorted edits with touching ones joined, so a client never sees two edits meet at one point. */
function mergeEdits(edits: readonly OffsetEdit[]): OffsetEdit[] {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.from - b.e.from || a.i - b.i);
  const out: OffsetEdit[] = [];
  for (const { e } of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && e.from <= last.to) out[out.length - 1] = { from: last.from, to: Math.max(last.to, e.to), text: last.text + e.text };
    else out.push(e);
  }
  return out.filter((e) => e.from !== e.to || e.text !== '');
}

function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.from) + e.text;
    at = e.to;
  }
  return out + text.slice(at);
}

/** Whether an edit would join a line break across its edges (\r then \n): then the line starts are counted afresh. */
function joinsBreaks(text: string, e: OffsetEdit): boolean {
  const before = e.from > 0 ? text.charCodeAt(e.from - 1) : -1;
  const after = e.to < text.length ? text.charCodeAt(e.to) : -1;
  const first = e.text.length > 0 ? e.text.charCodeAt(0) : after;
  const last = e.text.length > 0 ? e.text.charCodeAt(e.text.length - 1) : before;
  return (before === 0x0d && first === 0x0a) || (last === 0x0d && after === 0x0a) || (e.text.length === 0 && before === 0x0d && after === 0x0a);
}


// The heading model: what the engine computes once per document version and
// every feature (symbols, folding, selection ranges, the CLI, diagnostics)
// is derived from.

import type { CompiledRules } from './customRules';

/**
 * Heading styles from outermost to innermost with their ranks (docs/headings.md
 * §2): the one list of styles. HeadingStyle and HEADING_STYLES are derived
 * from it, so a style cannot be missing from one of them.
 */
export const RANK = {
  volume: 1, // 第一卷 第二编 第三部
  article: 2, // 第一篇 / a title line ending in 篇1
  part: 2, // 第一部分
  chapter: 3, // 第一章 第十二回
  named: 3, // 前言 目录 附件1： … (like a chapter)
  section: 4, // 第一节
  item: 5, // 一、 第一条 第一，(ordinal list)
  'paren-cn': 6, // （一） ㈠
  arabic: 7, // 1. 1、
  'paren-arabic': 8, // （1） 1）
  stem: 8, // 甲、 （甲） (甲): the ten heavenly stems, as a list only
  circled: 9, // ① ⑴ ⒈
  enumeration: 10, // 一是 二要 三关于
} as const satisfies Record<string, number>;

/**
 * A built-in style, or 'custom': a heading of a user-defined rule
 * (tigang.customRules, docs/headings.md §10), whose rank is the rule's.
 */
export type HeadingStyle = keyof typeof RANK | 'custom';

/** Every style: the built-in ones outermost first (the order of RANK), then 'custom'. */
export const HEADING_STYLES: readonly HeadingStyle[] = Object.freeze([...(Object.keys(RANK) as HeadingStyle[]), 'custom']);

/**
 * A line that looks like a heading on its own, before the document-level
 * rules (lists, table of contents) decide whether it is one. Context-free, so
 * an edit only needs the edited lines scanned again.
 */
export interface Marker {
  /** 0-based line. */
  readonly line: number;
  readonly style: HeadingStyle;
  /** RANK[style], or a custom rule's rank (1–10). */
  readonly rank: number;
  /** A 'custom' marker: the index of its rule in tigang.customRules (each rule numbers a list of its own); undefined for the built-in styles. */
  readonly rule?: number;
  /**
   * Finer kind within a style where the rules differ: 'ordinal' (第一，) and
   * 'law' (第一条) among items, the word of a 'named' heading: 'toc' (目录)
   * and 'attachment' (附件, which may take its title from the next line).
   */
  readonly kind?: 'ordinal' | 'law' | 'toc' | 'attachment';
  /** The number the marker carries (1 for 一、); 0 when it has none. */
  readonly number: number;
  /**
   * An inserted article or chapter (第一百二十条之一, 第 2-1 條) keeps its base
   * in `number` (120, 2) and its place after the base here (1); undefined for
   * every other marker. Numbering checks treat an inserted article as
   * following its base, never as a skip or a repeat.
   */
  readonly sub?: number;
  /** Enumeration word: 是, 要 or 关于. */
  readonly word?: string;
  /** The marker as written (一、 （一） 第三章 一是), whitespace folded. */
  readonly marker: string;
  /** UTF-16 column where the marker starts (after indentation). */
  readonly start: number;
  /**
   * UTF-16 column just after the marker as written: `marker` is folded, so
   * `start + marker.length` is wrong for 第 三 章 or 第　三　章.
   */
  readonly markerEnd: number;
  /**
   * UTF-16 column just after a colon between the marker and the title
   * (第一篇：讲话, 附件1：名单, whitespace before it allowed), markerEnd when
   * there is none or no title follows. The marker's semantic token ends here.
   */
  readonly colonEnd: number;
  /**
   * UTF-16 column where the title starts, past the whitespace (invisible
   * characters too) and colon after the marker; titleEnd when there is no
   * title. Kept apart from `name`: a name folds whitespace and drops
   * invisible characters, so moving one (第一章 \u200b总则 → 第一章 总\u200b则)
   * keeps the name but moves the title.
   */
  readonly titleStart: number;
  /** UTF-16 column just after the title (the end of the heading's name span). */
  readonly titleEnd: number;
  /** Marker and title, whitespace folded, not yet truncated; capped in length. */
  readonly name: string;
}

/** One heading of the outline; its section is `line`..`endLine`. */
export interface Heading {
  readonly name: string;
  readonly style: HeadingStyle;
  readonly rank: number;
  /** See Marker.rule. */
  readonly rule?: number;
  readonly number: number;
  /** See Marker.sub. */
  readonly sub?: number;
  readonly marker: string;
  readonly word?: string;
  readonly kind?: Marker['kind'];
  /** 0-based line of the heading. */
  readonly line: number;
  readonly start: number;
  readonly markerEnd: number;
  /** See Marker.colonEnd and Marker.titleStart. */
  readonly colonEnd: number;
  readonly titleStart: number;
  readonly titleEnd: number;
  /** 0-based last line of the section (trailing blank lines excluded). */
  endLine: number;
  /** UTF-16 length of the last line: the section's end column. */
  endCharacter: number;
  readonly parent: Heading | undefined;
  readonly children: readonly Heading[];
  /** 0 for a top-level heading. */
  readonly depth: number;
  /** Position in Outline.headings. */
  readonly index: number;
  /** The list the heading is a member of; undefined for a heading without a number (前言, 目录). */
  readonly list: HeadingList | undefined;
}

/**
 * Where a numbered marker stands and what it says: a heading, or the inline
 * first item of an 附件说明 (附件：1.……) that is not a heading of its own.
 */
export interface ListMarker {
  readonly line: number;
  readonly start: number;
  readonly markerEnd: number;
  readonly number: number;
  /** The marker as written, whitespace folded. */
  readonly marker: string;
}

/**
 * What holds a list together (docs/headings.md §7):
 * - 'siblings': headings of one style under one parent (一、二、; （一）（二）;
 *   第一章 第二章; 附件1 附件2), a new list at each member numbered 1;
 * - 'enumeration': a list of run-in points 一是 二是 (§4);
 * - 'ordinal': 第一， 第二， (§4);
 * - 'law': the articles 第一条 第二条 … of the whole document, across chapters.
 */
export type ListKind = 'siblings' | 'enumeration' | 'ordinal' | 'law';

/** One list of numbered headings, whose numbers should run 1, 2, 3 … */
export interface HeadingList {
  readonly kind: ListKind;
  readonly style: HeadingStyle;
  /** The heading the members sit under; undefined at the top level, and for law articles (which span chapters). */
  readonly parent: Heading | undefined;
  /** In document order; never empty. */
  readonly members: readonly Heading[];
  /** Enumeration words along the list in order of first use (是, 要, 关于); empty for other kinds. */
  readonly words: readonly string[];
  /** The number the next member should carry: one more than the last member's. */
  readonly next: number;
  /**
   * An inline first item on the parent's own line, which the members
   * continue: the 1. of `附件：1.……` followed by 2. and 3. lines.
   */
  readonly lead: ListMarker | undefined;
}

/** Why the list rules (§4), or quoted text (§1), turned a candidate marker down; it is prose in the tree. */
export type RejectReason =
  /** A point numbered n > 1 that continues no open list (三要素……). */
  | 'no-list'
  /** An ordinal 第n， with no open ordinal list standing at n − 1. */
  | 'out-of-sequence'
  /** A point that would open a list deeper than MAX_LIST_DEPTH. */
  | 'too-deep'
  /** A 甲、 that no 乙、 follows: a stem list needs two points. */
  | 'lone-stem'
  /** A marker on a line of quoted text (§1: an amendment quoting its new （一）（二）). */
  | 'quoted'
  /** A paragraph beginning with an article it cites, out of the law's sequence (§2). */
  | 'citation';

export interface RejectedMarker {
  readonly marker: Marker;
  readonly reason: RejectReason;
}

/** A 目录 and its entries (§3): the heading-like lines that are not sections. */
export interface TableOfContents {
  readonly heading: Heading;
  /** In document order; never empty. */
  readonly entries: readonly Marker[];
}

export interface Outline {
  /** Top-level headings. */
  readonly roots: readonly Heading[];
  /** Every heading in document order (parents before their children). */
  readonly headings: readonly Heading[];
  /** Every list, in the order of their first members. */
  readonly lists: readonly HeadingList[];
  /** Candidate markers the list rules turned down, in document order. */
  readonly rejected: readonly RejectedMarker[];
  /** Tables of contents whose entries the document proper repeats. */
  readonly tablesOfContents: readonly TableOfContents[];
  /**
   * The user-defined rules the markers were scanned with (OutlineOptions.rules):
   * whatever parses the document again after an edit (numbering fixes,
   * structure edits) scans with these.
   */
  readonly rules: CompiledRules;
  /**
   * Set when the outline cache made this outline from the one it built last
   * (`base`) by renaming headings in place after edits to their titles
   * (renamedOutline in outline.ts): the two share every heading, and
   * `headings` are all those renamed since `base`. Whatever was derived from
   * `base`, or from another outline renamed from it, holds but for these.
   */
  readonly renamed?: { readonly base: Outline; readonly headings: readonly Heading[] };
}

export interface OutlineOptions {
  /** Include run-in points 一是/一要/一关于 (rank 10). */
  readonly enumerations: boolean;
  /** User-defined rules (docs/headings.md §10); none when absent. */
  readonly rules?: CompiledRules;
}

export const DEFAULT_OPTIONS: OutlineOptions = { enumerations: true };

// The heading model: what the engine computes once per document version and
// every feature (symbols, folding, selection ranges, the CLI, diagnostics)
// is derived from.

/** Heading styles from outermost to innermost (docs/headings.md §2). */
export type HeadingStyle =
  | 'volume' // 第一卷 第二编 第三部
  | 'article' // 第一篇 / a title line ending in 篇1
  | 'part' // 第一部分
  | 'chapter' // 第一章 第十二回
  | 'named' // 前言 目录 附件1： … (rank 3, like a chapter)
  | 'section' // 第一节
  | 'item' // 一、 第一条 第一，(ordinal list)
  | 'paren-cn' // （一） ㈠
  | 'arabic' // 1. 1、
  | 'paren-arabic' // （1） 1）
  | 'circled' // ① ⑴ ⒈
  | 'enumeration'; // 一是 二要 三关于

export const RANK: Readonly<Record<HeadingStyle, number>> = {
  volume: 1,
  article: 2,
  part: 2,
  chapter: 3,
  named: 3,
  section: 4,
  item: 5,
  'paren-cn': 6,
  arabic: 7,
  'paren-arabic': 8,
  circled: 9,
  enumeration: 10,
};

/**
 * A line that looks like a heading on its own, before the document-level
 * rules (lists, table of contents) decide whether it is one. Context-free, so
 * an edit only needs the edited lines scanned again.
 */
export interface Marker {
  /** 0-based line. */
  readonly line: number;
  readonly style: HeadingStyle;
  /**
   * Finer kind within a style where the rules differ: 'ordinal' (第一，) and
   * 'law' (第一条) among items, the word of a 'named' heading (目录 …).
   */
  readonly kind?: 'ordinal' | 'law' | 'toc';
  /** The number the marker carries (1 for 一、); 0 when it has none. */
  readonly number: number;
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
  readonly number: number;
  readonly marker: string;
  readonly word?: string;
  readonly kind?: Marker['kind'];
  /** 0-based line of the heading. */
  readonly line: number;
  readonly start: number;
  readonly markerEnd: number;
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
}

export interface Outline {
  /** Top-level headings. */
  readonly roots: readonly Heading[];
  /** Every heading in document order (parents before their children). */
  readonly headings: readonly Heading[];
}

export interface OutlineOptions {
  /** Include run-in points 一是/一要/一关于 (rank 10). */
  readonly enumerations: boolean;
}

export const DEFAULT_OPTIONS: OutlineOptions = { enumerations: true };

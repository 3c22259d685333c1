// The heading model: what the engine computes once per document version and
// every feature (symbols, folding, selection ranges, the CLI, diagnostics)
// is derived from.

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
  circled: 9, // ① ⑴ ⒈
  enumeration: 10, // 一是 二要 三关于
} as const satisfies Record<string, number>;

export type HeadingStyle = keyof typeof RANK;

/** Every style, outermost first (the order of RANK). */
export const HEADING_STYLES: readonly HeadingStyle[] = Object.freeze(Object.keys(RANK) as HeadingStyle[]);

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

// textDocument/semanticTokens/full and /full/delta: each heading's marker and
// title on the heading's own line, by level, and nothing else in the text.
// A TextMate grammar cannot do this: whether 三是 or 第二， is a heading
// depends on its list (docs/headings.md §4). package.json maps the tokens to
// the Markdown heading scopes (contributes.semanticTokenScopes), so every
// theme colours them as it colours Markdown headings.

import { SemanticTokens, SemanticTokensDelta, SemanticTokensEdit, SemanticTokensLegend } from 'vscode-languageserver';
import { Heading, Outline, OutlineDocument } from '../engine';

/** Markdown has six heading levels; deeper headings share the sixth. */
export const TOKEN_LEVELS = 6;

/**
 * One token type, `heading`; the modifiers `level1`…`level6` (the heading's
 * depth in the outline, 1 for a top-level heading) and `marker` (the 一、 or
 * 第一章 before the title).
 */
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: ['heading'],
  tokenModifiers: [...Array.from({ length: TOKEN_LEVELS }, (_, i) => `level${i + 1}`), 'marker'],
};

const HEADING_TYPE = 0;
const MARKER_BIT = 1 << TOKEN_LEVELS;

/** The level modifier of a heading: bit 0 is level1. */
function levelBit(h: Heading): number {
  return 1 << Math.min(h.depth, TOKEN_LEVELS - 1);
}

/**
 * The tokens of every heading, encoded as LSP wants them (five integers a
 * token, positions relative to the token before, UTF-16 columns). A heading
 * with a title after its marker is two tokens, marker and title; a heading
 * that is all marker (第一章 alone, 前言, a title line ending in 篇2) is one
 * title token.
 */
export function headingTokens(outline: Outline): number[] {
  return tokensOf(outline).data;
}

interface Tokens {
  readonly data: number[];
  /** Where the tokens of each heading start in `data`, by heading index. */
  readonly starts: Int32Array;
}

function tokensOf(outline: Outline): Tokens {
  const headings = outline.headings;
  const data: number[] = [];
  const starts = new Int32Array(headings.length);
  for (let i = 0; i < headings.length; i++) {
    starts[i] = data.length;
    pushTokens(data, headings[i], i > 0 ? headings[i - 1].line : 0);
  }
  return { data, starts };
}

/**
 * Appends the tokens of one heading; `previousLine` is the line of the
 * heading before it (0 for the first). The spans are the heading's columns
 * alone (Marker.colonEnd, Marker.titleStart), never read again from the text:
 * the outline cache keeps a heading as long as its columns stay, so tokens
 * kept with it stay right too.
 */
function pushTokens(data: number[], h: Heading, previousLine: number): void {
  const level = levelBit(h);
  // One heading a line: the first token of a line is relative to the line start.
  const deltaLine = h.line - previousLine;
  if (h.titleStart >= h.titleEnd) {
    data.push(deltaLine, h.start, h.titleEnd - h.start, HEADING_TYPE, level);
  } else {
    data.push(deltaLine, h.start, h.colonEnd - h.start, HEADING_TYPE, level | MARKER_BIT, 0, h.titleStart - h.start, h.titleEnd - h.titleStart, HEADING_TYPE, level);
  }
}

/**
 * The tokens of `outline` from those of an outline it shares its headings
 * with (Outline.renamed: the same headings on the same lines, some renamed
 * since), recomputing only the renamed headings' tokens; undefined when the
 * two are not so related, or a renamed heading's tokens changed in number.
 */
function renamedTokens(kept: Kept, outline: Outline): Tokens | undefined {
  const renamed = outline.renamed;
  if (renamed === undefined || kept.outline.headings !== outline.headings) return undefined;
  if (kept.outline !== renamed.base && kept.outline.renamed?.base !== renamed.base) return undefined;
  const headings = outline.headings;
  const data = kept.data.slice();
  const one: number[] = [];
  for (const h of renamed.headings) {
    const i = h.index;
    const at = kept.starts[i];
    const length = (i + 1 < headings.length ? kept.starts[i + 1] : kept.data.length) - at;
    one.length = 0;
    pushTokens(one, h, i > 0 ? headings[i - 1].line : 0);
    if (one.length !== length) return undefined;
    for (let k = 0; k < length; k++) data[at + k] = one[k];
  }
  return { data, starts: kept.starts };
}

/**
 * The edits that turn `previous` into `next`: one edit covering what lies
 * between their common prefix and common suffix (none when they are equal).
 * A keystroke in a paragraph changes nothing or one token's line delta, so
 * the edit is a few integers whatever the document's size.
 */
export function tokenEdits(previous: readonly number[], next: readonly number[]): SemanticTokensEdit[] {
  const shorter = Math.min(previous.length, next.length);
  let prefix = 0;
  while (prefix < shorter && previous[prefix] === next[prefix]) prefix++;
  if (prefix === previous.length && prefix === next.length) return [];
  let suffix = 0;
  while (suffix < shorter - prefix && previous[previous.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  return [{ start: prefix, deleteCount: previous.length - prefix - suffix, data: next.slice(prefix, next.length - suffix) }];
}

/** The last result sent for a document. */
interface Kept {
  readonly resultId: string;
  readonly data: readonly number[];
  readonly starts: Int32Array;
  readonly outline: Outline;
}

/**
 * The last result sent for each open document, so that a delta request can
 * be answered against it. One per document: a request names the newest
 * result it has, and an older one is answered in full.
 */
export class SemanticTokensResults {
  private readonly results = new Map<string, Kept>();
  private counter = 0;

  /** A full result for the document and its outline, remembered for the next delta. */
  full(doc: OutlineDocument, outline: Outline): SemanticTokens {
    const tokens = this.tokensOf(doc, outline);
    // Sent as it is; nothing writes to a result once it is kept.
    return { resultId: this.remember(doc.uri, tokens, outline), data: tokens.data as number[] };
  }

  /** Edits against the previous result when it is the one named, else a full result. */
  delta(doc: OutlineDocument, previousResultId: string, outline: Outline): SemanticTokens | SemanticTokensDelta {
    const previous = this.results.get(doc.uri);
    if (previous === undefined || previous.resultId !== previousResultId) return this.full(doc, outline);
    const tokens = this.tokensOf(doc, outline);
    const edits = tokens.data === previous.data ? [] : tokenEdits(previous.data, tokens.data);
    return { resultId: this.remember(doc.uri, tokens, outline), edits };
  }

  forget(uri: string): void {
    this.results.delete(uri);
  }

  /**
   * The outline cache hands out the same Outline object for a new version
   * only when every heading kept its line and columns (typing in a
   * paragraph: OutlineCache.edited in engine/outlineCache.ts), and the
   * tokens depend on nothing else: the data sent last still holds. After a
   * keystroke in a heading's title it hands out the same headings with that
   * one renamed (Outline.renamed): only the renamed headings' tokens are
   * computed again.
   */
  private tokensOf(doc: OutlineDocument, outline: Outline): { readonly data: readonly number[]; readonly starts: Int32Array } {
    const kept = this.results.get(doc.uri);
    if (kept !== undefined && kept.outline === outline) return kept;
    return (kept !== undefined ? renamedTokens(kept, outline) : undefined) ?? tokensOf(outline);
  }

  private remember(uri: string, tokens: { readonly data: readonly number[]; readonly starts: Int32Array }, outline: Outline): string {
    const resultId = String(++this.counter);
    this.results.set(uri, { resultId, data: tokens.data, starts: tokens.starts, outline });
    return resultId;
  }
}

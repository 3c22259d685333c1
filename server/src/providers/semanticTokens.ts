// textDocument/semanticTokens/full and /full/delta: each heading's marker and
// title on the heading's own line, by level, and nothing else in the text.
// A TextMate grammar cannot do this: whether 三是 or 第二， is a heading
// depends on its list (docs/headings.md §4). package.json maps the tokens to
// the Markdown heading scopes (contributes.semanticTokenScopes), so every
// theme colours them as it colours Markdown headings.

import { SemanticTokens, SemanticTokensDelta, SemanticTokensEdit, SemanticTokensLegend } from 'vscode-languageserver';
import { Heading, Outline, OutlineDocument, lineStart } from '../engine';
import { isSpace } from '../engine/names';

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
export function headingTokens(doc: OutlineDocument, outline: Outline): number[] {
  const text = doc.getText();
  const headings = outline.headings;
  const data: number[] = [];
  let previousLine = 0;
  for (const h of headings) {
    const level = levelBit(h);
    const offset = lineStart(doc, h.line);
    const markerEnd = markerEndColumn(text, offset, h);
    let titleStart = markerEnd;
    while (titleStart < h.titleEnd && isSpace(text.charCodeAt(offset + titleStart))) titleStart++;
    // One heading a line: the first token of a line is relative to the line start.
    const deltaLine = h.line - previousLine;
    previousLine = h.line;
    if (titleStart >= h.titleEnd) {
      data.push(deltaLine, h.start, h.titleEnd - h.start, HEADING_TYPE, level);
    } else {
      data.push(deltaLine, h.start, markerEnd - h.start, HEADING_TYPE, level | MARKER_BIT, 0, titleStart - h.start, h.titleEnd - titleStart, HEADING_TYPE, level);
    }
  }
  return data;
}

/**
 * The column where the marker token ends. The model keeps the marker with
 * its whitespace folded (目　　录 → 目 录, 附件 1); walking it over the line
 * finds where it ends in the text. A colon between marker and title
 * (第一篇：…, 附件1：…) goes with the marker. Never past the title's end.
 */
function markerEndColumn(text: string, lineOffset: number, h: Heading): number {
  let i = lineOffset + h.start;
  const end = lineOffset + h.titleEnd;
  for (let k = 0; k < h.marker.length && i < end; k++) {
    if (h.marker.charCodeAt(k) === 0x20) {
      while (i < end && isSpace(text.charCodeAt(i))) i++;
    } else {
      i++;
    }
  }
  let j = i;
  while (j < end && isSpace(text.charCodeAt(j))) j++;
  if (j < end && (text.charCodeAt(j) === 0xff1a || text.charCodeAt(j) === 0x3a)) i = j + 1; // ： or :
  return i - lineOffset;
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

/**
 * The last result sent for each open document, so that a delta request can
 * be answered against it. One per document: a request names the newest
 * result it has, and an older one is answered in full.
 */
export class SemanticTokensResults {
  private readonly results = new Map<string, { resultId: string; data: readonly number[]; outline: Outline }>();
  private counter = 0;

  /** A full result, remembered for the next delta. `tokens` computes the data of `outline`. */
  full(uri: string, outline: Outline, tokens: () => number[]): SemanticTokens {
    const data = this.dataOf(uri, outline, tokens);
    // Sent as it is; nothing writes to a result once it is kept.
    return { resultId: this.remember(uri, data, outline), data: data as number[] };
  }

  /** Edits against the previous result when it is the one named, else a full result. */
  delta(uri: string, previousResultId: string, outline: Outline, tokens: () => number[]): SemanticTokens | SemanticTokensDelta {
    const previous = this.results.get(uri);
    if (previous === undefined || previous.resultId !== previousResultId) return this.full(uri, outline, tokens);
    const data = this.dataOf(uri, outline, tokens);
    const edits = data === previous.data ? [] : tokenEdits(previous.data, data);
    return { resultId: this.remember(uri, data, outline), edits };
  }

  forget(uri: string): void {
    this.results.delete(uri);
  }

  /**
   * The outline cache hands out the same Outline object for a new version
   * only when every heading kept its line and columns (typing in a
   * paragraph: OutlineCache.edited in engine/outlineCache.ts), and the
   * tokens depend on nothing else: the data sent last still holds.
   */
  private dataOf(uri: string, outline: Outline, tokens: () => number[]): readonly number[] {
    const kept = this.results.get(uri);
    return kept !== undefined && kept.outline === outline ? kept.data : tokens();
  }

  private remember(uri: string, data: readonly number[], outline: Outline): string {
    const resultId = String(++this.counter);
    this.results.set(uri, { resultId, data, outline });
    return resultId;
  }
}

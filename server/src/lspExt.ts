// Requests beyond LSP that the Tigang client uses, typed once (as
// rust-analyzer's lsp_ext.ts): the server registers each RequestType and the
// client sends it, both importing this module as `@tigang/protocol`
// (tsconfig.json paths, which esbuild follows). Other editors call them by
// their method names.

import { RequestType } from 'vscode-languageserver-protocol';


export interface OutlineParams {
  textDocument: { uri: string };
}

export interface OutlineItem {
  name: string;
  style: string;
  rank: number;
  /** 0-based line of the heading. */
  line: number;
  /** Columns of the marker and title on the heading line. */
  start: number;
  titleEnd: number;
  /** 0-based last line of the section. */
  endLine: number;
  /** Non-whitespace characters in the section, its subsections included. */
  characters: number;
  children: OutlineItem[];
}

export interface OutlineResult {
  /** The document version the outline was computed from. */
  version: number;
  items: OutlineItem[];
}

/** `tigang/outline`: the outline of an open document with section statistics, for the 提纲 view; null for a document the server does not have. */
export const OutlineRequest = new RequestType<OutlineParams, OutlineResult | null, void>('tigang/outline');

// ---------------------------------------------------------------- workspace

/**
 * `tigang/searchSections`: headings of every document in the workspace that
 * match a query, ranked exact > prefix > substring > pinyin > fuzzy. Unlike
 * workspace/symbol, whose results VS Code filters again with its own fuzzy
 * matcher, these are meant to be shown as they are (QuickPick items marked
 * `alwaysShow`), so pinyin hits stay.
 */

export interface SearchSectionsParams {
  /** What the user typed: Chinese, pinyin (full, initials or mixed), or any part of a name. Empty: the first headings. */
  query: string;
  /** At most this many results; default 200, at most 1000. */
  limit?: number;
}

export interface SectionMatch {
  /** Marker and title, shortened to tigang.maxNameLength like the outline's names. */
  name: string;
  /** The document: a file: URI (the open document's own URI when it is open). */
  uri: string;
  /** 0-based line of the heading. */
  line: number;
  /** Columns of the marker and title on the heading line (UTF-16). */
  start: number;
  titleEnd: number;
  /** The parent heading's name, shortened; absent for a top-level heading. */
  containerName?: string;
  /** Heading style: volume, chapter, item, paren-cn, … (as in OutlineItem). */
  style: string;
  /**
   * The file's path relative to its workspace folder, / separated; prefixed
   * with the folder's name when the workspace has several folders.
   */
  file: string;
}

export interface SearchSectionsResult {
  /** Best first. */
  items: SectionMatch[];
  /** True while the workspace is still being indexed: more may match later. */
  indexing: boolean;
}

export const SearchSectionsRequest = new RequestType<SearchSectionsParams, SearchSectionsResult, void>('tigang/searchSections');

/**
 * `tigang/indexStatus`: how far the workspace index is (a status bar item,
 * tests, the benchmark). Progress also goes out as LSP work-done progress
 * when the client supports it.
 */

export interface IndexStatus {
  /** Whether folders are being listed or files read right now. */
  indexing: boolean;
  /** Files in the index, those without headings included. */
  files: number;
  /** Headings in the index. */
  headings: number;
  /** Files found and waiting to be read. */
  queued: number;
  /** Files skipped: too large, binary, unreadable. */
  skipped: number;
}

export const IndexStatusRequest = new RequestType<void, IndexStatus, void>('tigang/indexStatus');

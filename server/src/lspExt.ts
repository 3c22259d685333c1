// Requests beyond LSP that the Tigang client uses, typed once (as
// rust-analyzer's lsp_ext.ts): the server registers each RequestType and the
// client sends it, both importing this module as `@tigang/protocol`
// (tsconfig.json paths, which esbuild follows). Other editors call them by
// their method names.

import { NotificationType, Position, RequestType, WorkspaceEdit } from 'vscode-languageserver-protocol';


export interface OutlineParams {
  textDocument: { uri: string };
  /**
   * The resultId of the last answer the client holds for this document. When
   * the headings are still the same (names, styles, nesting), the answer
   * carries only their numbers (`numbers`), not the tree again.
   */
  previousResultId?: string;
}

export interface OutlineItem {
  /** The name as shown, shortened to tigang.maxNameLength. */
  name: string;
  /** The whole name when `name` is shortened: what the pickers match, as the workspace search does. */
  fullName?: string;
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
  /**
   * How many references of this document cite the heading (docs/headings.md
   * §9): for an article those to it and to its 款 and 项. Absent when none do,
   * and in documents without law articles.
   */
  citations?: number;
  children: OutlineItem[];
}

export interface OutlineResult {
  /** The document version the outline was computed from. */
  version: number;
  /** Names this answer, for the next request's previousResultId. */
  resultId: string;
  /** The whole tree; absent when `numbers` updates the tree of previousResultId. */
  items?: OutlineItem[];
  /**
   * With the same headings as previousResultId: for each heading in document
   * order (parents before children), OUTLINE_NUMBERS values — line, start,
   * titleEnd, endLine, characters.
   */
  numbers?: number[];
  /** With `numbers`: each heading's OutlineItem.citations, in the same order; absent when no heading is cited. */
  citations?: number[];
  /** How many law articles (第X条) the document has; absent when none (重新编号条文 is offered for documents that have some). */
  articles?: number;
}

/** Values per heading in OutlineResult.numbers. */
export const OUTLINE_NUMBERS = 5;

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

/**
 * The tree of a previous answer with the numbers of a new one (OutlineResult.numbers
 * and .citations), or undefined when they do not fit (another number of headings).
 */
export function withOutlineNumbers(items: readonly OutlineItem[], numbers: readonly number[], citations?: readonly number[]): OutlineItem[] | undefined {
  let at = 0;
  const update = (item: OutlineItem): OutlineItem => {
    const i = at;
    at += OUTLINE_NUMBERS;
    const cited = citations?.[i / OUTLINE_NUMBERS] ?? 0;
    const { citations: _old, ...rest } = item;
    const updated: OutlineItem = { ...rest, line: numbers[i], start: numbers[i + 1], titleEnd: numbers[i + 2], endLine: numbers[i + 3], characters: numbers[i + 4], children: [] };
    // Absent rather than 0, as in a whole tree (outlineItems in server/src/providers/outline.ts).
    if (cited > 0) updated.citations = cited;
    updated.children = item.children.map(update);
    return updated;
  };
  const updated = items.map(update);
  return at === numbers.length && (citations === undefined || citations.length * OUTLINE_NUMBERS === numbers.length) ? updated : undefined;
}

// ---------------------------------------------------------------- editing the structure (§8)

/** What `tigang/structureEdit` does to the section (docs/headings.md §8). */
export type StructureOperation = 'moveUp' | 'moveDown' | 'promote' | 'demote' | 'moveTo' | 'insertAfter' | 'insertChild' | 'delete';

export interface StructureEditParams {
  /** The document and the version the client shows: an edit of another version is refused, not guessed. */
  textDocument: { uri: string; version: number };
  /** On the section's heading line (or anywhere in the section: its innermost one). */
  position: Position;
  operation: StructureOperation;
  /** moveTo: a position on the line of the heading the section is to follow (the drop target). */
  target?: Position;
}

/**
 * The edit, one undo step: versioned `documentChanges` when the client
 * declared workspace.workspaceEdit.documentChanges, else `changes`.
 */
export interface StructureEditResult extends WorkspaceEdit {
  /** insertAfter, insertChild: where the cursor goes — just after the new marker — in the document after the edit. */
  cursor?: Position;
}

/**
 * `tigang/structureEdit`: the edit for one structure operation on an open
 * document. An operation that cannot be done, a version other than the
 * server's and a document the server does not have answer RequestFailed
 * (-32803) with a message in the UI language and `data: { reason }`.
 */
export const StructureEditRequest = new RequestType<StructureEditParams, StructureEditResult, StructureEditFailure>('tigang/structureEdit');

export interface StructureEditFailure {
  /**
   * Why: an engine refusal (firstSibling, lastSibling, nothingToGoUnder,
   * topLevel, tooDeep, runInPoint, noLevels, tableOfContents, noTarget,
   * intoItself, alreadyThere, otherKind, pointAndSection, unnumbered,
   * numberTooLarge, outlineWouldChange, noSection), or 'staleVersion',
   * 'unknownDocument'.
   */
  reason: string;
}

// ---------------------------------------------------------------- user-defined rules

/** What the server tells of rules it left out (docs/headings.md §10). */
export interface RuleProblemsParams {
  /** The notification's text, in the UI language: how many rules are left out, and why the first is. */
  message: string;
  /** The setting to open: `tigang.customRules` or `tigang.notHeadings`. */
  setting: string;
  /** One line per rule left out, for the log. */
  problems: string[];
}

/**
 * `tigang/ruleProblems` (server → client): rules the server left out, each
 * reported once. Sent to a client that asks for it in initializationOptions
 * (`{ ruleProblems: true }`), which shows it with a button that opens the
 * setting; other clients get window/showMessage.
 */
export const RuleProblemsNotification = new NotificationType<RuleProblemsParams>('tigang/ruleProblems');

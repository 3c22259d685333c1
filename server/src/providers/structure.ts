// Editing the structure over LSP (docs/headings.md §8): the edit of
// tigang/structureEdit as a WorkspaceEdit, and the same operations as code
// actions at a heading — refactor.move for move, promote and demote,
// refactor.rewrite for insert and delete — listed with their titles and
// resolved lazily like the numbering fixes (codeActions.ts). The engine
// computes the edits (engine/structure.ts).

import { CodeAction, CodeActionKind } from 'vscode-languageserver';
import { StructureEditResult, StructureOperation } from '@tigang/protocol';
import { Outline, OutlineDocument, OutlineOptions, STRUCTURE_REFUSALS, TextEdit, editStructure, headingOnLine, structureRefusals } from '../engine';
import { L10n, MessageKey } from '../l10n';
import { CodeActionData, EditOptions, workspaceEdit } from './codeActions';

export interface StructureEditOptions {
  /** The options the outline was built with. */
  readonly outline: OutlineOptions;
  readonly l10n: L10n;
  readonly edit: EditOptions;
  /**
   * §9: the edits that rewrite this document's references to renumbered law
   * articles (old number → new, null when deleted), applied in the same edit.
   */
  readonly references?: (articles: ReadonlyMap<number, number | null>) => readonly TextEdit[];
}

/** An operation that cannot be done: why, for RequestFailed. */
export interface StructureFailure {
  readonly reason: string;
  readonly message: string;
}

/** The edit of one structure operation on this version of the document, or why there is none. */
export function structureEdit(
  doc: OutlineDocument,
  outline: Outline,
  request: { operation: StructureOperation; line: number; targetLine?: number },
  options: StructureEditOptions,
): StructureEditResult | StructureFailure {
  const answer = editStructure(doc, outline, request, { outline: options.outline, references: options.references });
  if (!answer.ok) return { reason: answer.reason, message: STRUCTURE_REFUSALS[answer.reason][options.l10n.locale] };
  const edit: StructureEditResult = workspaceEdit(doc, answer.edits, options.edit);
  if (answer.cursor !== undefined) edit.cursor = answer.cursor;
  return edit;
}

export function isStructureFailure(result: StructureEditResult | StructureFailure): result is StructureFailure {
  return 'reason' in result;
}

/** LSP 3.18's CodeActionKind.RefactorMove, which this protocol version does not name yet. */
const REFACTOR_MOVE = 'refactor.move';

/** The code action kinds of the structure operations (the codeActionProvider capability lists them). */
export const STRUCTURE_ACTION_KINDS: readonly string[] = [REFACTOR_MOVE, CodeActionKind.RefactorRewrite];

/** The code actions, in the order a menu shows them. moveTo needs a target, so it is a request only (drag and drop). */
const ACTIONS: readonly { operation: StructureOperation; kind: string; title: MessageKey }[] = [
  { operation: 'moveUp', kind: REFACTOR_MOVE, title: 'structure.moveUp' },
  { operation: 'moveDown', kind: REFACTOR_MOVE, title: 'structure.moveDown' },
  { operation: 'promote', kind: REFACTOR_MOVE, title: 'structure.promote' },
  { operation: 'demote', kind: REFACTOR_MOVE, title: 'structure.demote' },
  { operation: 'insertAfter', kind: CodeActionKind.RefactorRewrite, title: 'structure.insertAfter' },
  { operation: 'insertChild', kind: CodeActionKind.RefactorRewrite, title: 'structure.insertChild' },
  { operation: 'delete', kind: CodeActionKind.RefactorRewrite, title: 'structure.delete' },
];

export interface StructureActionOptions extends StructureEditOptions {
  /** Leave the edits to codeAction/resolve. */
  readonly lazy: boolean;
}

/**
 * The structure operations that can be done at the heading on `line`, as
 * code actions of the kinds `only` asks for (all when absent); none off a
 * heading line.
 */
export function structureCodeActions(doc: OutlineDocument, outline: Outline, line: number, only: readonly string[] | undefined, options: StructureActionOptions): CodeAction[] {
  if (headingOnLine(outline, line) === undefined) return [];
  const wanted = ACTIONS.filter(({ kind }) => only === undefined || only.some((k) => kind === k || kind.startsWith(`${k}.`)));
  const refusals = structureRefusals(doc, outline, wanted.map(({ operation }) => ({ operation, line })));
  const actions: CodeAction[] = [];
  for (const [i, { operation, kind, title }] of wanted.entries()) {
    if (refusals[i] !== undefined) continue;
    const action: CodeAction = { title: options.l10n.t(title), kind };
    if (options.lazy) {
      action.data = { action: 'structure.edit', uri: doc.uri, version: doc.version, line, operation } satisfies CodeActionData;
    } else {
      const edit = structureEdit(doc, outline, { operation, line }, options);
      if (isStructureFailure(edit)) continue;
      action.edit = edit;
    }
    actions.push(action);
  }
  return actions;
}

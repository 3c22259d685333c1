// Code actions: the numbering checks' quick fixes (kind quickfix), all of
// them at once (source.fixAll.tigang, for editor.codeActionsOnSave),
// 重新编号全文 (source.renumberDocument.tigang, the tigang.renumberDocument
// command) and 重新编号条文 (source.renumberArticles.tigang, the
// tigang.renumberArticles command: a law's articles and the references to them). Titles come with the list; the edits are resolved lazily
// (codeAction/resolve) for clients that can, so a light bulb costs no edit.

import { CodeAction, CodeActionKind, Diagnostic, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver';
import {
  FIX_TITLES,
  NumberingFix,
  NumberingOptions,
  Outline,
  OutlineDocument,
  STRUCTURE_OPERATIONS,
  TextEdit,
  fixAllNumbering,
  formatMessage,
  numberingFixes,
  renumberArticles,
  renumberDocument,
  withReferencesFollowing,
} from '../engine';
import { StructureOperation } from '@tigang/protocol';
import { L10n } from '../l10n';
import { DIAGNOSTIC_SOURCE, DiagnosticData } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.tigang`;
export const RENUMBER_DOCUMENT_KIND = `${CodeActionKind.Source}.renumberDocument.tigang`;
export const RENUMBER_ARTICLES_KIND = `${CodeActionKind.Source}.renumberArticles.tigang`;

/** What an action carries to codeAction/resolve. */
export type CodeActionData =
  | { readonly action: 'numbering.fix'; readonly uri: string; readonly version: number; readonly at: DiagnosticData; readonly index: number }
  | { readonly action: 'numbering.fixAll' | 'numbering.renumberDocument' | 'articles.renumber'; readonly uri: string; readonly version: number }
  /** A structure operation at the heading on `line` (providers/structure.ts). */
  | { readonly action: 'structure.edit'; readonly uri: string; readonly version: number; readonly line: number; readonly operation: StructureOperation };

export interface EditOptions {
  /** The client applies versioned documentChanges (workspace.workspaceEdit.documentChanges). */
  readonly documentChanges: boolean;
}

/** A WorkspaceEdit of one document's text edits: one undo step. */
export function workspaceEdit(doc: OutlineDocument, edits: readonly TextEdit[], options: EditOptions): WorkspaceEdit {
  const lsp: LspTextEdit[] = edits.map((e) => ({ range: { start: { line: e.line, character: e.start }, end: { line: e.endLine ?? e.line, character: e.end } }, newText: e.newText }));
  return options.documentChanges ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: lsp }] } : { changes: { [doc.uri]: lsp } };
}

function title(kind: keyof typeof FIX_TITLES, args: readonly string[], l10n: L10n): string {
  const template = FIX_TITLES[kind];
  return formatMessage(l10n.locale === 'zh-cn' ? template['zh-cn'] : template.en, args);
}

function isDiagnosticData(value: unknown): value is DiagnosticData {
  const d = value as Partial<DiagnosticData> | null;
  return typeof d?.code === 'string' && Number.isInteger(d.line) && Number.isInteger(d.start);
}

/** Whether `only` (the client's filter) lets actions of `kind` through. */
function wanted(only: readonly string[] | undefined, kind: string): boolean {
  return only === undefined || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * How a document-wide source action is listed: `asked` when the client asked
 * for its kind (listed whatever it would do); `offered` to an unfiltered request
 * a user made (Neovim's plain `vim.lsp.buf.code_action()`, VS Code's Ctrl+.,
 * which hides source actions itself), listed only where it would change
 * something; not at all to a light bulb asking as the cursor moves.
 */
function sourceListing(input: { readonly only: readonly string[] | undefined; readonly automatic: boolean }, kind: string): 'asked' | 'offered' | undefined {
  if (input.only !== undefined) return wanted(input.only, kind) ? 'asked' : undefined;
  return input.automatic ? undefined : 'offered';
}

export interface CodeActionInput {
  readonly doc: OutlineDocument;
  readonly outline: Outline;
  readonly diagnostics: readonly Diagnostic[];
  readonly only: readonly string[] | undefined;
  readonly numbering: NumberingOptions;
  /** tigang.diagnostics.enabled: with the checks off there are no fixes, but 重新编号全文 is a command and stays. */
  readonly checks: boolean;
  readonly l10n: L10n;
  /** Leave the edits to codeAction/resolve. */
  readonly lazy: boolean;
  /** The request is a light bulb's as the cursor moves (CodeActionTriggerKind.Automatic). */
  readonly automatic: boolean;
  readonly edit: EditOptions;
}

/** The numbering actions for a range: quick fixes of its diagnostics (with the checks on), then fix-all (with the checks on) and 重新编号全文 (always, in a document with lists). */
export function numberingCodeActions(input: CodeActionInput): CodeAction[] {
  const { doc, outline, l10n } = input;
  const actions: CodeAction[] = [];
  if (input.checks && wanted(input.only, CodeActionKind.QuickFix)) {
    for (const diagnostic of input.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isDiagnosticData(diagnostic.data)) continue;
      const at = diagnostic.data;
      numberingFixes(doc, outline, at, input.numbering).forEach((fix: NumberingFix, index) => {
        const action: CodeAction = { title: title(fix.kind, fix.args, l10n), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred };
        if (input.lazy) action.data = { action: 'numbering.fix', uri: doc.uri, version: doc.version, at, index } satisfies CodeActionData;
        else action.edit = workspaceEdit(doc, withReferencesFollowing(doc, outline, fix.edits), input.edit);
        actions.push(action);
      });
    }
  }
  for (const [kind, action] of [
    [FIX_ALL_KIND, 'numbering.fixAll'],
    [RENUMBER_DOCUMENT_KIND, 'numbering.renumberDocument'],
  ] as const) {
    const listing = sourceListing(input, kind);
    if (listing === undefined || (action === 'numbering.fixAll' && !input.checks)) continue;
    // Offered unasked only where it would change something; asked for, it is listed (and then answers with no change).
    const edits = listing === 'offered' || !input.lazy ? sourceEdits(action, doc, outline, input.numbering) : undefined;
    if (listing === 'offered' && edits!.length === 0) continue;
    const codeAction: CodeAction = { title: title(action === 'numbering.fixAll' ? 'fixAll' : 'renumberDocument', [], l10n), kind };
    if (input.lazy) codeAction.data = { action, uri: doc.uri, version: doc.version } satisfies CodeActionData;
    else codeAction.edit = workspaceEdit(doc, edits!, input.edit);
    actions.push(codeAction);
  }
  return actions;
}

/**
 * 重新编号条文, listed (as sourceListing says) in a document that has law
 * articles, whether the numbering checks are on or not: it is a command, not
 * a fix. Its edit renumbers the articles and their references at once.
 */
export function articleCodeActions(input: Pick<CodeActionInput, 'doc' | 'outline' | 'only' | 'automatic' | 'l10n' | 'lazy' | 'edit'>): CodeAction[] {
  const { doc, outline } = input;
  const listing = sourceListing(input, RENUMBER_ARTICLES_KIND);
  if (listing === undefined || !outline.headings.some((h) => h.kind === 'law')) return [];
  const edits = listing === 'offered' || !input.lazy ? renumberArticles(doc, outline) : undefined;
  if (listing === 'offered' && edits!.length === 0) return [];
  const action: CodeAction = { title: title('renumberArticles', [], input.l10n), kind: RENUMBER_ARTICLES_KIND };
  if (input.lazy) action.data = { action: 'articles.renumber', uri: doc.uri, version: doc.version } satisfies CodeActionData;
  else action.edit = workspaceEdit(doc, edits!, input.edit);
  return [action];
}

/** Fix-all and 重新编号全文; references to renumbered articles follow (renumbering.ts). */
function sourceEdits(action: 'numbering.fixAll' | 'numbering.renumberDocument', doc: OutlineDocument, outline: Outline, numbering: NumberingOptions): TextEdit[] {
  const edits = action === 'numbering.fixAll' ? fixAllNumbering(doc, outline, numbering) : renumberDocument(doc, outline, numbering);
  return withReferencesFollowing(doc, outline, edits);
}

export function isCodeActionData(value: unknown): value is CodeActionData {
  const d = value as { action?: unknown; uri?: unknown; version?: unknown; line?: unknown; operation?: unknown } | null;
  if (typeof d?.uri !== 'string' || !Number.isInteger(d.version)) return false;
  if (d.action === 'structure.edit') return Number.isInteger(d.line) && STRUCTURE_OPERATIONS.includes(d.operation as StructureOperation);
  return d.action === 'numbering.fix' || d.action === 'numbering.fixAll' || d.action === 'numbering.renumberDocument' || d.action === 'articles.renumber';
}

/** The edit of a lazily listed action, computed on the document version it was listed for. */
export function resolveNumberingEdit(data: Exclude<CodeActionData, { action: 'structure.edit' }>, doc: OutlineDocument, outline: Outline, numbering: NumberingOptions, edit: EditOptions): WorkspaceEdit | undefined {
  if (data.action === 'numbering.fix') {
    const fix = numberingFixes(doc, outline, data.at, numbering)[data.index];
    return fix === undefined ? undefined : workspaceEdit(doc, withReferencesFollowing(doc, outline, fix.edits), edit);
  }
  if (data.action === 'articles.renumber') return workspaceEdit(doc, renumberArticles(doc, outline), edit);
  return workspaceEdit(doc, sourceEdits(data.action, doc, outline, numbering), edit);
}

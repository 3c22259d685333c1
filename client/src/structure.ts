// Editing the structure in VS Code (docs/headings.md §8): the commands that
// move, promote, demote, insert and delete a section ask the server
// (tigang/structureEdit) and apply its answer as one WorkspaceEdit, so one
// Ctrl+Z undoes it; the cursor and the 提纲 view follow the section. Select
// and copy need no server: the section's range is the one the server uses
// (engine/structure.ts sectionTextRange), from the outline the client holds.

import * as vscode from 'vscode';
import { LSPErrorCodes } from 'vscode-languageclient/node';
import { StructureEditParams, StructureEditRequest, StructureEditResult, StructureOperation } from '@tigang/protocol';
import { flash, writeClipboard } from './editorUtil';
import { formatCount } from './format';
import { DocumentHeadings, HeadingEntry, MovingOperation, headingAt, sectionLineAfter } from './headings';
import { HeadingTreeNode } from './headingTree';
import { OutlineService } from './outlineService';
import { OutlineView } from './outlineView';
import { ServerManager } from './server';

/**
 * What a structure command acts on: nothing (the section under the cursor),
 * a 提纲 view item (its context menu passes the node), or `{ from: 'view' }`
 * (a key pressed in the view: its selected item).
 */
export type SectionArgs = HeadingTreeNode | { from: 'view' } | { line: number; uri?: string } | undefined;

/** What a command did; the suite and other extensions read it. */
export interface StructureOutcome {
  /** Whether the document changed. */
  readonly applied: boolean;
  /** Why nothing changed, as the user was told (the server's message for a refusal). */
  readonly message?: string;
  /** The refusal's reason (StructureEditFailure.reason), when the server refused. */
  readonly reason?: string;
  /** Where the section's heading is now (a move), or the new heading (an insert). */
  readonly line?: number;
}

/** A section of a document: the document, its headings of the same version, the section. */
interface Section {
  readonly doc: vscode.TextDocument;
  readonly headings: DocumentHeadings;
  readonly heading: HeadingEntry;
  /** Whether the command came from the 提纲 view (the view then keeps the focus). */
  readonly fromView: boolean;
}

export class StructureEditing {
  constructor(
    private readonly server: ServerManager,
    private readonly outlines: OutlineService,
    private readonly view: OutlineView,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Move up / down, promote, demote, insert after / a subheading, delete: the server's edit, one undo step. */
  async edit(operation: Exclude<StructureOperation, 'moveTo'>, args?: SectionArgs): Promise<StructureOutcome> {
    const section = await this.section(args);
    if (section === undefined) return { applied: false };
    return this.apply(section, operation);
  }

  /**
   * Move to (drag and drop in the 提纲 view): the section on `line` becomes
   * the next sibling of the heading on `targetLine`, both lines of `version`
   * (the server refuses another version rather than guess).
   */
  async moveTo(uri: string, version: number, line: number, targetLine: number): Promise<StructureOutcome> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    const headings = doc !== undefined ? await this.outlines.get(doc) : undefined;
    const heading = headings?.all.find((h) => h.line === line) ?? (headings !== undefined ? headingAt(headings, line) : undefined);
    if (doc === undefined || headings === undefined || heading === undefined) return { applied: false };
    return this.apply({ doc, headings, heading, fromView: true }, 'moveTo', { version, target: headings.all.find((h) => h.line === targetLine), targetLine });
  }

  /** Selects the section: its heading line through the end of its last line. */
  async select(args?: SectionArgs): Promise<vscode.Range | undefined> {
    const section = await this.section(args);
    if (section === undefined) return undefined;
    const range = sectionRange(section.doc, section.heading);
    const editor = await this.editorOf(section.doc, section.fromView);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return range;
  }

  /** Copies the section's text, line breaks as written; resolves with the text. */
  async copy(args?: SectionArgs): Promise<string | undefined> {
    const section = await this.section(args);
    if (section === undefined) return undefined;
    const text = section.doc.getText(sectionRange(section.doc, section.heading));
    if (!(await writeClipboard(text, this.log))) return undefined;
    flash(vscode.l10n.t('Tigang: copied {0} ({1} characters)', section.heading.name, formatCount(section.heading.characters)), 4000);
    return text;
  }

  private async apply(section: Section, operation: StructureOperation, drop?: { version: number; target: HeadingEntry | undefined; targetLine: number }): Promise<StructureOutcome> {
    const { doc, headings, heading } = section;
    const target = drop?.target;
    const client = await this.server.ready();
    if (client === undefined) return { applied: false };
    const params: StructureEditParams = {
      textDocument: { uri: doc.uri.toString(), version: drop?.version ?? headings.version },
      position: { line: heading.line, character: 0 },
      operation,
    };
    if (drop !== undefined) params.target = { line: drop.targetLine, character: 0 };
    let result: StructureEditResult;
    try {
      result = await client.sendRequest(StructureEditRequest, params);
    } catch (error) {
      const e = error as { code?: number; message?: string; data?: { reason?: string } };
      if (e.code === LSPErrorCodes.RequestFailed && typeof e.message === 'string') {
        // Cannot be done (the first section moved up, a level past ①), or the document changed meanwhile: nothing changes.
        void vscode.window.showWarningMessage(e.message);
        return { applied: false, message: e.message, reason: e.data?.reason };
      }
      this.log.warn(`${StructureEditRequest.method} failed: ${e.message ?? String(error)}`);
      return { applied: false };
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result);
    // A new heading's title is typed in the editor, wherever the command came from.
    const inserts = operation === 'insertAfter' || operation === 'insertChild';
    const keepViewFocus = section.fromView && !inserts;
    const editor = await this.editorOf(doc, keepViewFocus);
    const cursor = editor.selection.active;
    const version = doc.version;
    const moves = operation !== 'delete' && !inserts;
    const line = moves ? sectionLineAfter(headings, heading, operation as MovingOperation, target) : undefined;
    // The view's item of the section keeps its id, and so its expansion state, at its new place.
    if (line !== undefined) this.view.provider.expectMove(doc.uri.toString(), version + 1, heading.line, line);
    if (!(await vscode.workspace.applyEdit(edit)) || doc.version === version) return { applied: false };
    const at = this.placeCursor(editor, section, cursor, result, line);
    if (operation === 'delete') this.sayDeleted(editor, heading);
    await this.view.revealSection(doc, at, { focus: keepViewFocus });
    return { applied: true, line: at };
  }

  /**
   * The cursor after the edit: where the new heading's title is typed, at the
   * same place in the moved section (`line`: its heading's new line), or
   * where the deleted section was. Returns the section's heading line.
   */
  private placeCursor(editor: vscode.TextEditor, { doc, heading }: Section, cursor: vscode.Position, result: StructureEditResult, line: number | undefined): number {
    let position: vscode.Position;
    if (result.cursor !== undefined) {
      position = doc.validatePosition(new vscode.Position(result.cursor.line, result.cursor.character));
    } else if (line === undefined) {
      position = doc.validatePosition(new vscode.Position(heading.line, 0));
    } else {
      // On the heading when the cursor was outside the section (a view item, the blank line after it).
      const inside = cursor.line >= heading.line && cursor.line <= heading.endLine;
      position = doc.validatePosition(inside ? new vscode.Position(line + cursor.line - heading.line, cursor.character) : new vscode.Position(line, heading.start));
    }
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return line ?? position.line;
  }

  /** Delete is one undo step, so it asks nothing; it says what went and that Undo brings it back (README, "Editing the structure"). */
  private sayDeleted(editor: vscode.TextEditor, heading: HeadingEntry): void {
    const doc = editor.document;
    const version = doc.version;
    const undo = vscode.l10n.t('Undo');
    void vscode.window.showInformationMessage(vscode.l10n.t('Tigang: deleted {0} ({1} characters). Undo brings it back.', heading.name, formatCount(heading.characters)), undo).then(async (choice) => {
      if (choice !== undo) return;
      if (doc.isClosed || doc.version !== version) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Tigang: the document has changed since; use Undo in the editor.'));
        return;
      }
      await vscode.window.showTextDocument(doc, { viewColumn: editor.viewColumn });
      await vscode.commands.executeCommand('undo');
    });
  }

  /** The section a command acts on, with the headings of the document's current version; undefined (and why, in the status bar) when there is none. */
  private async section(args: SectionArgs): Promise<Section | undefined> {
    if (args instanceof HeadingTreeNode || (args !== undefined && 'from' in args)) {
      const node = args instanceof HeadingTreeNode ? args : this.view.treeView.selection[0];
      const uri = this.view.provider.uri;
      const doc = uri !== undefined ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
      if (node === undefined || doc === undefined) return undefined;
      return this.sectionAt(doc, node.heading.line, true);
    }
    if (args !== undefined && typeof args.line === 'number') {
      const doc = args.uri !== undefined ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === args.uri) : vscode.window.activeTextEditor?.document;
      return doc !== undefined ? this.sectionAt(doc, args.line, false) : undefined;
    }
    const found = await this.outlines.active({ withHeadings: true });
    if (found === undefined) return undefined;
    return this.sectionAt(found.editor.document, found.editor.selection.active.line, false);
  }

  private async sectionAt(doc: vscode.TextDocument, line: number, fromView: boolean): Promise<Section | undefined> {
    const headings = await this.outlines.get(doc);
    if (headings === undefined) return undefined;
    const heading = headingAt(headings, line);
    if (heading === undefined) {
      flash(vscode.l10n.t('Tigang: the cursor is above the first heading, in no section'));
      return undefined;
    }
    return { doc, headings, heading, fromView };
  }

  /** The document's editor, shown (the view keeps the focus when the command came from it). */
  private async editorOf(doc: vscode.TextDocument, fromView: boolean): Promise<vscode.TextEditor> {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    if (visible !== undefined && (fromView || vscode.window.activeTextEditor === visible)) return visible;
    return vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn, preserveFocus: fromView });
  }
}

/** A section's range as the server's (engine/structure.ts sectionTextRange): the start of its heading line to the end of its last line. */
export function sectionRange(doc: vscode.TextDocument, heading: HeadingEntry): vscode.Range {
  const last = Math.min(heading.endLine, doc.lineCount - 1);
  return new vscode.Range(heading.line, 0, last, doc.lineAt(last).text.length);
}

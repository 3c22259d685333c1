// Shared by the VS Code suite: the extension's API, the fixture workspace,
// polling (never fixed sleeps for the server), screenshots.

import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TigangApi, TigangTesting } from '../../../client/src/extension';
import type { DocumentHeadings } from '../../../client/src/headings';
import type { HeadingTreeNode } from '../../../client/src/headingTree';

export const EXTENSION_ID = 'tigang.tigang';

/** The extension's API and, as the suite runs it in ExtensionMode.Test, the parts it drives. */
export type Tigang = TigangTesting & Pick<TigangApi, 'getHeadings' | 'onDidChangeHeadings'>;

let cachedApi: Tigang | undefined;

export async function api(): Promise<Tigang> {
  if (cachedApi !== undefined) return cachedApi;
  const ext = vscode.extensions.getExtension<TigangApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  const exported = await ext.activate();
  assert.ok(exported.testing, 'the extension runs in ExtensionMode.Test and hands the suite its parts');
  cachedApi = { ...exported.testing, getHeadings: exported.getHeadings, onDidChangeHeadings: exported.onDidChangeHeadings };
  return cachedApi;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite runs with the fixture workspace open');
  return folder.uri;
}

export function fixture(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

/** Polls until the condition returns a truthy value; fails with `what` after the timeout. */
export async function waitFor<T>(condition: () => T | undefined | null | false | PromiseLike<T | undefined | null | false>, what: string | (() => string), timeoutMs = 10_000, intervalMs = 20): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}${last ? `: ${String(last)}` : ''}`);
    await delay(intervalMs);
  }
}

/**
 * Presses the 提纲 view's Collapse All until `collapsed` holds. The button acts on the rows the workbench has
 * rendered; when the tree of a document just shown is still being fetched, its rows arrive after the press,
 * expanded, so one press is not always enough (a person presses again too). Call it once the view has drawn the
 * refreshes sent to it (a reveal waits for them, as setCursorAndFollow's does): the extension host forgets every row
 * while a whole-tree refresh is in flight and drops the collapse events of those rows, so the provider would go on
 * taking them for expanded and no press would tell it otherwise.
 */
export async function collapseOutlineView(collapsed: () => boolean, what: () => string): Promise<void> {
  let polls = 0;
  await waitFor(async () => {
    if (collapsed()) return true;
    if (polls++ % 25 === 0) await vscode.commands.executeCommand('workbench.actions.treeView.tigang.outline.collapseAll');
    return false;
  }, what);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Opens a fixture in the first editor group and waits until the server has its headings and the view shows them. */
export async function openFixture(relative: string): Promise<{ editor: vscode.TextEditor; headings: DocumentHeadings }> {
  const doc = await vscode.workspace.openTextDocument(fixture(relative));
  return showAndWait(doc);
}

export async function showAndWait(doc: vscode.TextDocument): Promise<{ editor: vscode.TextEditor; headings: DocumentHeadings }> {
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
  const tigang = await api();
  const headings = await waitFor(() => tigang.getHeadings(doc), `the headings of ${doc.uri.path}`);
  await waitFor(() => tigang.view.provider.uri === doc.uri.toString() && tigang.view.provider.headings?.version === doc.version, `the 提纲 view to show ${doc.uri.path}`);
  return { editor, headings };
}

export async function documentSymbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  return waitFor(async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
    return symbols !== undefined ? symbols : undefined;
  }, `document symbols of ${uri.path}`);
}

/** name → nested names, the shape the spec fixtures are written in. */
export type Tree = (string | [string, Tree])[];

export function symbolTree(symbols: readonly vscode.DocumentSymbol[]): Tree {
  return symbols.map((s) => (s.children.length > 0 ? [s.name, symbolTree(s.children)] : s.name));
}

export function setCursor(editor: vscode.TextEditor, line: number, character = 0): void {
  const p = new vscode.Position(line, character);
  editor.selection = new vscode.Selection(p, p);
}

/**
 * Puts the cursor on a line and has the 提纲 view follow it now, as its debounced follow (outlineView.ts scheduleFollow)
 * would 50 ms later, and waits until the view selects the cursor's section. The later follow then finds that section
 * followed already and leaves the view alone, so a test may select another item without the follow landing on top of it.
 */
export async function setCursorAndFollow(editor: vscode.TextEditor, line: number, character = 0): Promise<HeadingTreeNode> {
  const tigang = await api();
  setCursor(editor, line, character);
  // A view just opened tells the extension host it is visible a moment after the command that opened it.
  await waitFor(() => tigang.view.treeView.visible, 'the 提纲 view to be visible');
  await waitFor(() => tigang.view.provider.headings?.version === editor.document.version, 'the 提纲 view to show the document as it is');
  // again: even when that section was followed last and another item has been selected since.
  const node = await tigang.view.followSelection({ again: true });
  assert.ok(node, `a section at line ${line} followed by the 提纲 view (is it visible?)`);
  await waitFor(() => tigang.view.treeView.selection[0] === node, () => `the 提纲 view to select ${node.heading.name}, not ${tigang.view.treeView.selection[0]?.heading.name}`);
  return node;
}

export function lineOf(doc: vscode.TextDocument, startsWith: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.trimStart().startsWith(startsWith)) return i;
  throw new Error(`no line starting with ${startsWith} in ${doc.uri.path}`);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  const dot = key.lastIndexOf('.');
  const section = key.slice(0, dot);
  const name = key.slice(dot + 1);
  await vscode.workspace.getConfiguration(section).update(name, value, vscode.ConfigurationTarget.Global);
}

/** Closes every editor without saving (the fixtures are copies, but keep them clean). */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && !doc.isUntitled) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Asks the runner (runInCodeServer.mjs) for a screenshot of the whole
 * workbench and waits until the file exists. Without a screenshot folder
 * (test-electron, or no --screenshots) it does nothing.
 */
export async function screenshot(name: string): Promise<string | undefined> {
  const dir = process.env.TIGANG_E2E_SCREENSHOT_DIR;
  if (!dir) return undefined;
  const file = join(dir, `${name}.png`);
  console.log(`TIGANG_SCREENSHOT ${name}`);
  await waitFor(() => existsSync(file), `screenshot ${file}`, 30_000, 100);
  return file;
}

/** Whether the runner presses keys for the suite (runInCodeServer.mjs does; test-electron does not). */
export const CAN_PRESS_KEYS = process.env.TIGANG_E2E_KEYS === '1';

/**
 * Has the runner press keys in the browser, as a user would (Playwright's
 * names: Control+Alt+KeyJ). The caller waits for the effect.
 */
export function pressKeys(keys: string): void {
  assert.ok(CAN_PRESS_KEYS, 'this runner presses no keys');
  assert.match(keys, /^[A-Za-z0-9+]+$/);
  console.log(`TIGANG_KEYS ${keys}`);
}

/**
 * Has the runner drag one row of a tree view onto another with the mouse, as
 * a user does (rows found by the start of their labels), and, with a name and
 * a screenshot folder, take a picture of the drag over its target before the
 * release. The caller waits for the effect.
 */
export function dragInView(view: string, from: string, to: string, screenshotName?: string): void {
  assert.ok(CAN_PRESS_KEYS, 'this runner drives no mouse');
  const shot = screenshotName !== undefined && process.env.TIGANG_E2E_SCREENSHOT_DIR ? screenshotName : undefined;
  console.log(`TIGANG_DRAG ${JSON.stringify({ view, from, to, ...(shot !== undefined ? { screenshot: shot } : {}) })}`);
}

/**
 * Has the runner right-click in the active editor, as a user opens its
 * context menu, and answers what the menu offers (its when clauses
 * evaluated by VS Code itself). The menu is closed again.
 */
export async function editorContextMenu(): Promise<{ label: string; enabled: boolean }[]> {
  assert.ok(CAN_PRESS_KEYS, 'this runner drives no mouse');
  const file = join(tmpdir(), `tigang-menu-${process.pid}-${++menus}.json`);
  console.log(`TIGANG_MENU ${JSON.stringify({ file })}`);
  await waitFor(() => existsSync(file), 'the context menu', 20_000, 50);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { label: string; enabled: boolean }[];
  } finally {
    rmSync(file, { force: true });
  }
}
let menus = 0;

/**
 * Whether the line is shown at the top of the editor. Revealing "at top"
 * leaves room for sticky scroll (editor.stickyScroll.maxLineCount lines,
 * where the heading's parents show), so the line may sit that far below the
 * first visible line.
 */
export function isAtTop(editor: vscode.TextEditor, line: number): boolean {
  const start = editor.visibleRanges[0]?.start.line;
  if (start === undefined) return false;
  const config = vscode.workspace.getConfiguration('editor', editor.document);
  const room = config.get<boolean>('stickyScroll.enabled') ? (config.get<number>('stickyScroll.maxLineCount') ?? 5) : 0;
  return start <= line && line - start <= room;
}

/** The durations a text shows, written as Tigang writes them (3′42″, server/src/engine/duration.ts). */
export function durationsIn(text: string): string[] {
  return [...text.matchAll(/\d+′\d\d″/g)].map((m) => m[0]);
}

/** Durations written any other way: in words (3 分 42 秒, 约 2 分钟, 3 min 42 s, 13 s) or as a clock (3:42). */
export function otherDurationForms(text: string): string[] {
  return [...text.matchAll(/\d+\s*(?:分钟|分(?!摊)|秒|min\b|s\b)|\d+:\d\d(?!\d)/g)].map((m) => m[0]);
}

/** Seconds as a timing sheet writes them, computed here independently of the extension: 0′38″, 3′42″, 75′00″. */
export function primes(seconds: number): string {
  return `${Math.floor(seconds / 60)}′${String(seconds % 60).padStart(2, '0')}″`;
}

/** What a tooltip says, as text: Markdown's escapes and &nbsp; undone. */
export function tooltipText(tooltip: string | vscode.MarkdownString | undefined): string {
  return (typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '')).replace(/\\(.)/g, '$1').replace(/&nbsp;/g, ' ');
}

/** A row of the Problems panel as it renders it (runInCodeServer.mjs problemsRows): a file row, an entry, or an entry's related item. */
export interface ProblemsRow {
  index: number;
  /** 1: the file; 2: an entry; 3: the item an entry was compared with. */
  level: number;
  focused: boolean;
  label: string;
  resource?: string;
  count?: string;
  severity?: 'error' | 'warning' | 'info';
  /** The codicon the entry's icon draws (codicon-warning). */
  sign?: string;
  message?: string;
  source?: string;
  code?: string;
  /** As the panel writes it: [Ln 36, Col 1]. */
  at?: string;
  related?: string;
  description?: string;
}

/** A squiggle the active editor draws: its class, the line number beside it in the gutter, the characters under it. */
export interface Squiggle {
  kind: string;
  line?: number;
  lineText?: string;
  text: string;
}

/** A row of the code action menu (Ctrl+., the light bulb's): a group header or an action. */
export interface CodeActionMenuRow {
  header: boolean;
  label: string;
  focused: boolean;
  disabled: boolean;
}

interface UiParts {
  problems: ProblemsRow[];
  squiggles: Squiggle[];
  lightBulb: { icon?: string; line?: number } | null;
  codeActions: CodeActionMenuRow[];
  clickProblem: true;
  /** Clicks the row of a side-bar view (the 提纲 view) whose accessible label begins with `text`. */
  clickRow: true;
  /** Where the keyboard focus is: 'problems', 'editor', 'view' (a side-bar view's tree), 'nothing' or the focused element (tag.classes). */
  focus: string;
}

/**
 * Has the runner read one part of the workbench from the page, as a user sees
 * it rendered (the Problems panel's rows, the editor's squiggles, the light
 * bulb, the code action menu), or click the Problems row whose text includes
 * `text` (or the side-bar row whose label begins with it), and answers what it found. The part must be showing: the caller
 * opens it first, with keys.
 */
export async function readUi<P extends keyof UiParts>(part: P, text?: string): Promise<UiParts[P]> {
  assert.ok(CAN_PRESS_KEYS, 'this runner reads no page');
  const file = join(tmpdir(), `tigang-ui-${process.pid}-${++uiReads}.json`);
  console.log(`TIGANG_UI ${JSON.stringify({ part, file, ...(text !== undefined ? { text } : {}) })}`);
  await waitFor(() => existsSync(file), `the runner to read ${part}`, 30_000, 50);
  try {
    const { value } = JSON.parse(readFileSync(file, 'utf8')) as { value: UiParts[P] | { error: string } };
    if (value !== null && typeof value === 'object' && 'error' in value) throw new Error(`the runner could not read ${part}: ${value.error}`);
    return value as UiParts[P];
  } finally {
    rmSync(file, { force: true });
  }
}
let uiReads = 0;

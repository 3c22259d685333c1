// The 提纲 view's level control (显示 1–N 级): a submenu in the view's title
// bar whose entries fold the editor to that level and collapse the view to
// the same level together. Entries beyond the document's deepest level are
// hidden through the context key tigang.outlineLevels.

import * as vscode from 'vscode';
import { foldToLevel } from './commands';
import { maxLevel } from './headings';
import { OutlineService, trackContextKey } from './outlineService';
import { OutlineView } from './outlineView';

/** Levels offered in the submenu. */
export const LEVELS = [1, 2, 3, 4, 5, 6] as const;

/** Folds the editor and collapses the 提纲 view to `level`; returns the level shown (clamped to the document's). */
export async function showLevels(outlines: OutlineService, view: OutlineView, level: number): Promise<number | undefined> {
  const found = await outlines.active({ withHeadings: true });
  if (found === undefined) return undefined;
  const { editor, headings: outline } = found;
  const shown = Math.max(1, Math.min(Math.floor(level), maxLevel(outline)));
  view.expandToLevel(shown);
  await foldToLevel(editor, outline, shown);
  return shown;
}

/** Keeps the context key tigang.outlineLevels (the deepest level of the active document) for the submenu's entries. */
export function trackLevels(outlines: OutlineService): vscode.Disposable {
  return trackContextKey(outlines, 'tigang.outlineLevels', (headings) => (headings !== undefined ? maxLevel(headings) : 0));
}

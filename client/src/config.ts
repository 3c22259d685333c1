// The tigang.* settings the client reads itself. The server reads the parsing
// settings (tigang.enumerations, tigang.maxNameLength) through
// workspace/configuration; the client only needs to know when they change.

import * as vscode from 'vscode';

const SECTION = 'tigang';

export type OutlineFormat = 'text' | 'markdown';

/** Settings whose change alters the outline the server computes. */
export const PARSING_SETTINGS = ['tigang.enumerations', 'tigang.maxNameLength'] as const;

function section(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope);
}

/** Language ids served, never empty: an empty or malformed list falls back to plaintext. */
export function languages(): string[] {
  const value = section().get<unknown>('languages');
  const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
  return list.length > 0 ? [...new Set(list)] : ['plaintext'];
}

export function charactersPerMinute(scope?: vscode.ConfigurationScope): number {
  const value = section(scope).get<number>('charactersPerMinute', 220);
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? value : 220;
}

export function followCursor(): boolean {
  return section().get<boolean>('outline.followCursor', true) !== false;
}

export function outlineFormat(scope?: vscode.ConfigurationScope): OutlineFormat {
  return section(scope).get<string>('outlineFormat', 'text') === 'markdown' ? 'markdown' : 'text';
}

export function reopenGbkFiles(scope?: vscode.ConfigurationScope): boolean {
  return section(scope).get<boolean>('reopenGbkFiles', true) !== false;
}

/** Depth (0-based) down to which new tree nodes start expanded: 1 shows two levels. */
export function expandDepth(): number {
  const value = section().get<number>('outline.initialExpandDepth', 1);
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 1;
}

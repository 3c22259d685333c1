// The tigang.* settings the client reads itself, one class for all of them
// (as rust-analyzer's Config). Defaults, minimums and maximums are package.json's
// (settingSchema.ts); none is written here. The server reads the parsing
// settings (tigang.enumerations, tigang.maxNameLength, tigang.customRules,
// tigang.notHeadings) through
// workspace/configuration; the client only needs to know when they change.

import * as vscode from 'vscode';
import { SettingSchema, checkedValue, settingSchema } from './settingSchema';

export type OutlineFormat = 'text' | 'markdown' | 'table';

/** Settings whose change alters the outline the server computes. */
export const PARSING_SETTINGS = ['tigang.enumerations', 'tigang.maxNameLength', 'tigang.customRules', 'tigang.notHeadings'] as const;

export class Config {
  private readonly schema: SettingSchema;

  /** `packageJson`: the extension's manifest (context.extension.packageJSON). */
  constructor(packageJson: unknown) {
    this.schema = settingSchema(packageJson);
  }

  private get<T>(name: string, scope?: vscode.ConfigurationScope): T {
    return checkedValue(this.schema, `tigang.${name}`, vscode.workspace.getConfiguration('tigang', scope).get(name)) as T;
  }

  /** Language ids served, never empty: an empty list, or one of blanks, gives the default. */
  languages(): string[] {
    const list = this.get<string[]>('languages')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    return list.length > 0 ? [...new Set(list)] : (this.schema.get('tigang.languages')?.default as string[]);
  }

  charactersPerMinute(scope?: vscode.ConfigurationScope): number {
    return this.get('charactersPerMinute', scope);
  }

  followCursor(): boolean {
    return this.get('outline.followCursor');
  }

  /** Depth (0-based) down to which new tree nodes start expanded: 1 shows two levels. */
  expandDepth(): number {
    return this.get('outline.initialExpandDepth');
  }

  outlineFormat(scope?: vscode.ConfigurationScope): OutlineFormat {
    return this.get('outlineFormat', scope);
  }

  reopenGbkFiles(scope?: vscode.ConfigurationScope): boolean {
    return this.get('reopenGbkFiles', scope);
  }
}

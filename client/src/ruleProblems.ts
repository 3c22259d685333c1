// User-defined rules the server left out (tigang/ruleProblems, lspExt.ts;
// docs/headings.md §10): each in the log, and one notification with a button
// that opens the setting.

import * as vscode from 'vscode';
import type { RuleProblemsParams } from '@tigang/protocol';

/** A notification shown, as the VS Code suite checks it. */
export interface RuleNotice {
  readonly message: string;
  readonly actions: readonly string[];
  readonly setting: string;
}

export function showRuleProblems(params: RuleProblemsParams, log: vscode.LogOutputChannel, shown?: RuleNotice[]): void {
  for (const problem of params.problems) log.warn(problem);
  const open = vscode.l10n.t('Open Settings');
  shown?.push({ message: params.message, actions: [open], setting: params.setting });
  void vscode.window.showWarningMessage(params.message, open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', params.setting);
  });
}

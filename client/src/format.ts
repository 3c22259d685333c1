// Runtime strings shown with sections: counts and speaking time, localized
// through vscode.l10n (l10n/bundle.l10n.zh-cn.json).

import * as vscode from 'vscode';
import { Section, minutesSeconds, speakingSeconds } from './outline';

const numberFormat = new Intl.NumberFormat(vscode.env.language);

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** "3分20秒" / "3 min 20 s"; under a minute only seconds. */
export function formatDuration(totalSeconds: number): string {
  const { minutes, seconds } = minutesSeconds(totalSeconds);
  if (minutes === 0) return vscode.l10n.t('{0} s', seconds);
  if (seconds === 0) return vscode.l10n.t('{0} min', minutes);
  return vscode.l10n.t('{0} min {1} s', minutes, seconds);
}

/** "1,234字 · 约5分36秒" for the tree and QuickPicks. */
export function formatStats(section: Section, perMinute: number): string {
  return vscode.l10n.t('{0} chars · {1}', formatCount(section.characters), formatDuration(speakingSeconds(section.characters, perMinute)));
}

/** 1-based line for display. */
export function formatLine(line: number): string {
  return vscode.l10n.t('line {0}', line + 1);
}

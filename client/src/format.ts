// Runtime strings shown with headings: counts, lines and speaking time,
// localized through vscode.l10n (l10n/bundle.l10n.zh-cn.json).

import * as vscode from 'vscode';
import { Wording, speakingTimeText, statsText } from './timeTexts';

const numberFormat = new Intl.NumberFormat(vscode.env.language);

/** Joins the ends of a range so that no line break falls inside it (U+2060 WORD JOINER around the dash). */
const RANGE_DASH = '\u2060–\u2060';

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** The display language's wording for the texts with durations (timeTexts.ts). */
export const WORDING: Wording = { l10n: vscode.l10n, count: formatCount };

/** "1,234 chars · 5′36″" / "1,234 字 · 5′36″": the tree's description and the jump picker's (timeTexts.ts statsText). */
export function formatStats(characters: number, perMinute: number, time?: string): string {
  return statsText(WORDING, characters, perMinute, time);
}

/** "Lines 42–80" / "第 42–80 行" (1-based), or one line. */
export function formatLineRange(line: number, endLine: number): string {
  return endLine > line ? vscode.l10n.t('Lines {0}', `${line + 1}${RANGE_DASH}${endLine + 1}`) : formatLine(line, true);
}

/** "1,234 characters · about 5′36″ to speak at 220 characters a minute" (timeTexts.ts speakingTimeText). */
export function formatSpeakingTime(characters: number, perMinute: number): string {
  return speakingTimeText(WORDING, characters, perMinute);
}

/** "Cited 3 times" / "被引用 3 处": how many references cite a law's article or chapter. */
export function formatCitations(n: number): string {
  return n === 1 ? vscode.l10n.t('Cited once') : vscode.l10n.t('Cited {0} times', formatCount(n));
}

/** 1-based line for display: "line 8" in a list, "Line 8" on its own. */
export function formatLine(line: number, capital = false): string {
  return capital ? vscode.l10n.t('Line {0}', line + 1) : vscode.l10n.t('line {0}', line + 1);
}

/** The one item of a picker whose query matched nothing: what happened, and what can be typed. */
export function noMatchItem(query: string): vscode.QuickPickItem {
  return {
    label: `$(info) ${vscode.l10n.t('No heading matches "{0}"', query.trim())}`,
    detail: vscode.l10n.t('Type part of a heading in Chinese (冷链), its full pinyin (lenglian) or its initials (ll)'),
    alwaysShow: true,
  };
}

/** Text as Markdown that shows it as it is: Markdown's own characters escaped (MarkdownString.appendText would also make every space &nbsp;). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-!~|<>]/g, (c) => `\\${c}`);
}

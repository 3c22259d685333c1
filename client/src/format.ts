// Runtime strings shown with headings: counts, lines and speaking time,
// localized through vscode.l10n (l10n/bundle.l10n.zh-cn.json).

import * as vscode from 'vscode';
import { primeDuration, speakingSeconds } from './headings';

const numberFormat = new Intl.NumberFormat(vscode.env.language);

/** Joins the ends of a range so that no line break falls inside it (U+2060 WORD JOINER around the dash). */
const RANGE_DASH = '\u2060–\u2060';

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** "1,234 chars · 5′36″" / "1,234 字 · 5′36″": the tree's description and the jump picker's; `time` in place of the speaking time when a limit is shown ("1,234 字 · 0:38 / 5:00"). */
export function formatStats(characters: number, perMinute: number, time = primeDuration(speakingSeconds(characters, perMinute))): string {
  return vscode.l10n.t('{0} chars · {1}', formatCount(characters), time);
}

/** "Lines 42–80" / "第 42–80 行" (1-based), or one line. */
export function formatLineRange(line: number, endLine: number): string {
  return endLine > line ? vscode.l10n.t('Lines {0}', `${line + 1}${RANGE_DASH}${endLine + 1}`) : formatLine(line, true);
}

/** "1,234 characters · about 5′36″ to speak at 220 characters a minute". */
export function formatSpeakingTime(characters: number, perMinute: number): string {
  return vscode.l10n.t('{0} characters · about {1} to speak at {2} characters a minute', formatCount(characters), primeDuration(speakingSeconds(characters, perMinute)), formatCount(perMinute));
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

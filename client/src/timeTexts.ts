// Every text of the client that shows a duration: the 提纲 view's
// description and tooltip, the status bar's length and section, what the
// time limits add to both and say when set, and the picker descriptions. Each
// writes its durations with formatDuration (server/src/engine/duration.ts),
// the function the inlay hints use too, so that there is one form everywhere
// (3′42″, 3′42″ / 5′00″). No vscode import: the callers pass vscode.l10n and
// the number format (format.ts WORDING), and test/unit/client/durations.test.ts
// reads every one of these texts with the real zh-cn bundle.

import { formatDuration, speakingSeconds } from '../../server/src/engine/duration';

/** What the texts need of the display language: vscode.l10n (its strings in l10n/bundle.l10n.zh-cn.json) and its number format. */
export interface Wording {
  readonly l10n: { t(message: string, ...args: (string | number)[]): string };
  readonly count: (n: number) => string;
}

/** A time limit as shown: its seconds, and whether the section's own or a share of its parent's. */
export interface ShownLimit {
  readonly seconds: number;
  readonly own: boolean;
}

/** Section names longer than this are shortened in the status bar (the tooltip has them whole). */
export const STATUS_NAME_WIDTH = 16;

/** "1,234 字 · 5′36″": the 提纲 view's description and the jump picker's; `time` in place of the speaking time when a limit is shown ("1,234 字 · 0′38″ / 5′00″"). */
export function statsText(w: Wording, characters: number, perMinute: number, time = formatDuration(speakingSeconds(characters, perMinute))): string {
  return w.l10n.t('{0} chars · {1}', w.count(characters), time);
}

/** "1,234 字 · 按每分钟 220 字计，讲完约需 5′36″": the 提纲 view's tooltip. */
export function speakingTimeText(w: Wording, characters: number, perMinute: number): string {
  return w.l10n.t('{0} characters · about {1} to speak at {2} characters a minute', w.count(characters), formatDuration(speakingSeconds(characters, perMinute)), w.count(perMinute));
}

/** "3′42″ / 5′00″" and whether it runs over. */
export function limitText(spokenSeconds: number, limitSeconds: number): { text: string; over: boolean } {
  return { text: `${formatDuration(spokenSeconds)} / ${formatDuration(limitSeconds)}`, over: spokenSeconds > limitSeconds };
}

/** What a screen reader hears of a limit: "限时 5′00″", or "超出限时 5′00″，多了 0′38″". */
export function limitAccessibility(w: Wording, spokenSeconds: number, limitSeconds: number): string {
  return spokenSeconds > limitSeconds
    ? w.l10n.t('over the limit of {0} by {1}', formatDuration(limitSeconds), formatDuration(spokenSeconds - limitSeconds))
    : w.l10n.t('limit {0}', formatDuration(limitSeconds));
}

/** What a limit puts in a 提纲 view item's description in place of the speaking time: "0′38″ / 5′00″（分摊） 超时". */
export function limitDecorationText(w: Wording, spokenSeconds: number, limit: ShownLimit): { time: string; over: boolean; accessibility: string } {
  const { text, over } = limitText(spokenSeconds, limit.seconds);
  const share = limit.own ? '' : w.l10n.t(' (share)');
  return { time: `${text}${share}${over ? ` ${w.l10n.t('over')}` : ''}`, over, accessibility: limitAccessibility(w, spokenSeconds, limit.seconds) };
}

/** The status bar's length with a selection: "选中 814 字 · 3′42″". */
export function selectionLengthText(w: Wording, characters: number, perMinute: number): string {
  return w.l10n.t('Selected {0} chars · {1}', w.count(characters), formatDuration(speakingSeconds(characters, perMinute)));
}

/** The status bar's length of the whole document: "全文 12,345 字 · 56′07″", or against its limit "全文 12,345 字 · 56′07″ / 60′00″" (the time said once, as in the 提纲 view), "… 超时" over it. */
export function documentLengthText(w: Wording, characters: number, perMinute: number, limitSeconds: number | undefined): { text: string; over: boolean } {
  const spoken = speakingSeconds(characters, perMinute);
  if (limitSeconds === undefined) return { text: w.l10n.t('Total {0} chars · {1}', w.count(characters), formatDuration(spoken)), over: false };
  const { text, over } = limitText(spoken, limitSeconds);
  return { text: w.l10n.t('Total {0} chars · {1}', w.count(characters), text) + (over ? ` ${w.l10n.t('over')}` : ''), over };
}

/** A section as the status bar shows it. */
export interface StatusSection {
  readonly name: string;
  readonly characters: number;
  /** Names from the top-level section down to this one. */
  readonly path: readonly string[];
}

/**
 * The status bar's section under the cursor: "$(list-tree) 二、重点任务 · 3′42″",
 * or against its limit "$(watch) 二、重点任务 3′42″ / 3′00″ 超时"; the tooltip's
 * paragraphs and what a screen reader hears.
 */
export function sectionStatusTexts(w: Wording, section: StatusSection, perMinute: number, limit: ShownLimit | undefined): { text: string; over: boolean; tooltip: string[]; accessibility: string } {
  const spoken = speakingSeconds(section.characters, perMinute);
  const chars = [...section.name];
  const name = chars.length > STATUS_NAME_WIDTH ? chars.slice(0, STATUS_NAME_WIDTH - 1).join('') + '…' : section.name;
  const stats = w.l10n.t('{0} chars · {1}', w.count(section.characters), formatDuration(spoken));
  const tooltip = [section.path.join(' › '), stats];
  if (limit === undefined) {
    tooltip.push(w.l10n.t('Click to jump to a section.'));
    return { text: `$(list-tree) ${name} · ${formatDuration(spoken)}`, over: false, tooltip, accessibility: `${section.name}, ${stats}` };
  }
  const { text, over } = limitText(spoken, limit.seconds);
  tooltip.push(limit.own ? w.l10n.t('Time limit {0}', formatDuration(limit.seconds)) : w.l10n.t('Its share of the parent section’s time limit: {0}', formatDuration(limit.seconds)));
  tooltip.push(w.l10n.t('Click to jump to a section.'));
  return {
    text: `$(${over ? 'watch' : 'list-tree'}) ${name} ${text}${over ? ` ${w.l10n.t('over')}` : ''}`,
    over,
    tooltip,
    accessibility: `${section.name}, ${formatDuration(spoken)}, ${limitAccessibility(w, spoken, limit.seconds)}`,
  };
}

/** Set Time Limit's prompt: "分钟数（如 4.5 或 4:30），留空即清除。现有 814 字，讲完约需 3′42″。" */
export function limitPromptText(w: Wording, characters: number, perMinute: number): string {
  return w.l10n.t('Minutes (4.5 or 4:30); empty to clear. Now {0} chars, about {1} to speak.', w.count(characters), formatDuration(speakingSeconds(characters, perMinute)));
}

/** What Set Time Limit says when done: "Tigang：限时已设为 5′00″". */
export function limitSetText(w: Wording, minutes: number): string {
  return minutes > 0 ? w.l10n.t('Tigang: time limit set to {0}', formatDuration(minutes * 60)) : w.l10n.t('Tigang: time limit cleared');
}

// The server's own user-visible strings (inlay hints, reference diagnostics and links), in
// English and Simplified Chinese, as plain data tables. The client sends its
// display language in initialize (params.locale); the client's strings live
// in l10n/bundle.l10n.zh-cn.json and follow VS Code's language the same way.

import type { RuleError } from './engine/customRules';

/** The languages the server speaks. */
export type Locale = 'en' | 'zh-cn';

const EN = {
  /** An inlay hint after a heading: its section's characters and speaking time (`814 chars · 3′42″`). */
  'section.stats': '{0} chars · {1}',
  /** The inlay hint's tooltip; {1} written as everywhere (engine/duration.ts formatDuration). */
  'section.stats.tooltip': 'This section: {0} characters, about {1} to speak at {2} characters a minute',
  /** A diagnostic's related location: the item it was compared with. */
  'diagnostic.comparedWith': 'compared with this',
  /** reference.missing (docs/headings.md §9): {0} how the document calls itself (law), {1} the article (article 101). */
  'reference.missing.article': 'this {0} has no {1}',
  /** {0} the article (article 1), {1} the 款 (paragraph 3). */
  'reference.missing.paragraph': '{0} has no {1}',
  /** {0} the 款 or article (paragraph 1 of article 3), {1} the 项 (item 3). */
  'reference.missing.item': '{0} has no {1}',
  /** A reference's link tooltip: {0} what it names (paragraph 2 of article 10). */
  'reference.link': 'Go to {0}',
  // Editing the structure (providers/structure.ts): code action titles and the refusals of the protocol.
  'structure.moveUp': 'Move Section Up',
  'structure.moveDown': 'Move Section Down',
  'structure.promote': 'Promote Section',
  'structure.demote': 'Demote Section',
  'structure.insertAfter': 'Insert Heading After',
  'structure.insertChild': 'Insert Subheading',
  'structure.delete': 'Delete Section',
  'structure.staleVersion': 'The document has changed since; nothing was changed. Try again.',
  'structure.unknownDocument': 'The server does not have this document open.',
  // User-defined rules (docs/headings.md §10, engine/customRules.ts): why a rule was left out.
  /** {0} the setting (tigang.customRules), {1} the rule's position from 1, {2} the pattern, {3} the problem. */
  'rules.error': '{0}, rule {1} ({2}): {3}. It is left out; the other rules apply.',
  'rules.notAnObject': 'a rule must be an object { "pattern", "rank", "name"? }',
  /** {0} the regular expression engine's own message. */
  'rules.invalidPattern': 'not a valid regular expression ({0})',
  'rules.missingRank': 'it has no "rank" (1 to 10)',
  'rules.rankOutOfRange': '"rank" must be a whole number from 1 to 10',
  'rules.matchesEmpty': 'it matches the empty string, so every line would be a heading',
  'rules.backtracks': 'it backtracks catastrophically: it takes too long on a long line',
  'rules.invalidName': '"name" must be "line" or "match"',
  /** The notification: {0} how many rules, {1} the first one's message. */
  'rules.notification': 'Tigang: {0} user-defined rule(s) cannot be used and are left out. {1}',
};

export type MessageKey = keyof typeof EN;

const MESSAGES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = {
  en: EN,
  'zh-cn': {
    'section.stats': '{0} 字 · {1}',
    'section.stats.tooltip': '本节 {0} 字，按每分钟 {2} 字计，讲完约需 {1}',
    'diagnostic.comparedWith': '对照此处',
    'reference.missing.article': '本{0}没有{1}',
    'reference.missing.paragraph': '{0}没有{1}',
    'reference.missing.item': '{0}没有{1}',
    'reference.link': '转到{0}',
    'structure.moveUp': '上移本节',
    'structure.moveDown': '下移本节',
    'structure.promote': '升级本节',
    'structure.demote': '降级本节',
    'structure.insertAfter': '插入同级标题',
    'structure.insertChild': '插入下级标题',
    'structure.delete': '删除本节',
    'structure.staleVersion': '文档已有改动，未作修改，请重试。',
    'structure.unknownDocument': '服务器没有打开这个文档。',
    'rules.error': '{0} 第 {1} 条规则（{2}）：{3}。已略去此条，其他规则照常生效。',
    'rules.notAnObject': '规则须为对象 { "pattern", "rank", "name"? }',
    'rules.invalidPattern': '不是有效的正则表达式（{0}）',
    'rules.missingRank': '缺少 "rank"（1 至 10）',
    'rules.rankOutOfRange': '"rank" 须为 1 至 10 的整数',
    'rules.matchesEmpty': '能匹配空字符串，会使每一行都成为标题',
    'rules.backtracks': '回溯过多：在长行上耗时过长',
    'rules.invalidName': '"name" 须为 "line" 或 "match"',
    'rules.notification': 'Tigang：{0} 条自定义规则无法使用，已略去。{1}',
  },
};

/** zh, zh-cn, zh-sg and zh-hans(-…) read Simplified Chinese; everything else English (as the client's bundles do). */
export function pickLocale(tag: string | undefined): Locale {
  const t = (tag ?? '').toLowerCase().replace(/_/g, '-');
  return t === 'zh' || t === 'zh-cn' || t === 'zh-sg' || t === 'zh-hans' || t.startsWith('zh-hans-') ? 'zh-cn' : 'en';
}

/** The strings of one locale. Numbers among the arguments are formatted for it (12,345). */
export class L10n {
  private current: Locale;
  private numbers: Intl.NumberFormat;

  constructor(tag?: string) {
    this.current = pickLocale(tag);
    this.numbers = numberFormat(this.current);
  }

  get locale(): Locale {
    return this.current;
  }

  /** From initialize's params.locale. */
  setLocale(tag: string | undefined): void {
    this.current = pickLocale(tag);
    this.numbers = numberFormat(this.current);
  }

  /** The message for `key` with {0}, {1} … replaced by the arguments. */
  t(key: MessageKey, ...args: (string | number)[]): string {
    return MESSAGES[this.current][key].replace(/\{(\d+)\}/g, (match, i: string) => {
      const arg = args[Number(i)];
      if (arg === undefined) return match;
      return typeof arg === 'number' ? this.numbers.format(arg) : arg;
    });
  }
}

function numberFormat(locale: Locale): Intl.NumberFormat {
  return new Intl.NumberFormat(locale === 'zh-cn' ? 'zh-CN' : 'en');
}

/** One rule left out, as the log and the notification say it (docs/headings.md §10). */
export function ruleErrorMessage(l10n: L10n, error: RuleError): string {
  const problem = error.problem === 'invalidPattern' ? l10n.t('rules.invalidPattern', error.detail ?? '') : l10n.t(`rules.${error.problem}`);
  return l10n.t('rules.error', `tigang.${error.setting}`, String(error.index + 1), error.rule, problem);
}

/** Every message table, for the test that checks both locales have the same keys and placeholders. */
export const MESSAGE_TABLES = MESSAGES;

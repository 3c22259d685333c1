// Message templates of the numbering checks and their fixes, in English and
// Chinese: plain data, so the engine stays free of the server's l10n. {0} {1}
// … are a diagnostic's (or a fix's) args. A message is chosen by the code,
// or by code/detail where a code has several (toc.mismatch/entry).

import type { NumberingDiagnostic, NumberingFix } from './numbering';

export type MessageLocale = 'en' | 'zh-cn';
export interface MessageTemplate {
  readonly en: string;
  readonly 'zh-cn': string;
}

export const NUMBERING_MESSAGES: Readonly<Record<string, MessageTemplate>> = {
  'numbering.skipped': { en: 'Numbering is not consecutive: expected {0}', 'zh-cn': '序号不连续：应为 {0}' },
  'numbering.repeated': { en: 'Number repeated: expected {0}', 'zh-cn': '序号重复：应为 {0}' },
  'numbering.start': { en: 'The list starts at {1}: expected {0}', 'zh-cn': '序号未从头开始：应为 {0}' },
  'numbering.form': { en: 'Written differently from the list’s first item {1}: expected {0}', 'zh-cn': '序号写法与本组第一项 {1} 不一致：应为 {0}' },
  'numbering.order': { en: '{0} comes after the lower level {1} under the same heading', 'zh-cn': '上一级序号 {0} 出现在下一级序号 {1} 之后' },
  'numbering.gbt9704': { en: 'Not the GB/T 9704 form of this level: expected {0}', 'zh-cn': '不是 GB/T 9704 规定的本层级序号写法：应为 {0}' },
  'toc.mismatch/entry': { en: 'No heading in the document matches this 目录 entry: {0}', 'zh-cn': '正文中没有与此目录条目对应的标题：{0}' },
  'toc.mismatch/missing': { en: 'The 目录 lacks the heading {0}', 'zh-cn': '目录缺少标题：{0}' },
  'toc.mismatch/order': { en: 'The 目录 lists {0} in another order than the document', 'zh-cn': '目录中“{0}”的顺序与正文不一致' },
  'attachment.mismatch/missing': { en: 'The 附件说明 lists {0} attachments, {1} follow', 'zh-cn': '附件说明列出 {0} 个附件，正文只有 {1} 个' },
  'attachment.mismatch/extra': { en: '{0} is not listed in the 附件说明 ({1} listed)', 'zh-cn': '附件说明未列出 {0}（只列出 {1} 个）' },
  'attachment.mismatch/title': { en: 'The 附件说明 lists this attachment as {0}', 'zh-cn': '附件说明中此附件名称为：{0}' },
  'attachment.mismatch/order': { en: '{0} is listed at position {1} in the 附件说明', 'zh-cn': '{0} 在附件说明中列为第 {1} 个' },
  'attachment.mismatch/number': { en: '{0} is listed as attachment {1}', 'zh-cn': '{0} 在附件说明中的序号为 {1}' },
  'docnumber.form': { en: 'Document number not in the standard form: expected {0}', 'zh-cn': '发文字号格式不规范：应为 {0}' },
  'date.form': { en: 'Date not in the standard form: expected {0}', 'zh-cn': '成文日期格式不规范：应为 {0}' },
};

/** Titles of the fixes, by kind; fixAll, renumberDocument and renumberArticles take no args. */
export const FIX_TITLES: Readonly<Record<NumberingFix['kind'] | 'fixAll' | 'renumberDocument' | 'renumberArticles', MessageTemplate>> = {
  renumber: { en: 'Renumber this list from {0}', 'zh-cn': '本组序号从 {0} 起重新编号' },
  'first-item-form': { en: 'Write as the list’s first item: {0}', 'zh-cn': '按本组第一项改写为 {0}' },
  'standard-form': { en: 'Write the whole list in the GB/T 9704 form', 'zh-cn': '全组改为 GB/T 9704 序号写法' },
  toc: { en: 'Rewrite the 目录 from the headings', 'zh-cn': '按正文标题重写目录' },
  docnumber: { en: 'Write {0}', 'zh-cn': '改为 {0}' },
  date: { en: 'Write {0}', 'zh-cn': '改为 {0}' },
  fixAll: { en: 'Fix all numbering problems', 'zh-cn': '修正全部序号问题' },
  renumberDocument: { en: 'Renumber the whole document', 'zh-cn': '重新编号全文' },
  renumberArticles: { en: 'Renumber the articles', 'zh-cn': '重新编号条文' },
};

/** The key of a diagnostic's message in NUMBERING_MESSAGES. */
export function messageKey(d: Pick<NumberingDiagnostic, 'code' | 'detail'>): string {
  return d.detail === undefined ? d.code : `${d.code}/${d.detail}`;
}

/** Fills {0} {1} … of a template with args. */
export function formatMessage(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => args[Number(i)] ?? whole);
}

/** A diagnostic's message in a locale (zh-cn for any Chinese locale, English otherwise). */
export function numberingMessage(d: Pick<NumberingDiagnostic, 'code' | 'detail' | 'args'>, locale: string): string {
  const template = NUMBERING_MESSAGES[messageKey(d)];
  if (template === undefined) return d.code;
  return formatMessage(locale.toLowerCase().startsWith('zh') ? template['zh-cn'] : template.en, d.args);
}

// Is this text Chinese? Two questions the client asks before changing what
// VS Code decided about a document: reopening bytes as GB18030
// (encoding.ts), and setting an untitled draft back to plain text after
// VS Code's language detection called it something else
// (untitledLanguage.ts). No vscode import.

import { isSpace } from '../../server/src/engine/names';

/** Whitespace as the section statistics count it (server/src/engine/stats.ts): line breaks, isSpace, BOM. */
function isWhitespace(code: number): boolean {
  return code === 0x0a || code === 0x0d || isSpace(code) || code === 0xfeff;
}

/**
 * CJK ideographs (the basic block, extension A, compatibility), CJK
 * punctuation (U+3000–303F), full-width forms, and the quotation marks, dash
 * and ellipsis Chinese text uses (“ ” ‘ ’ — …).
 */
export function isChineseCharacter(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xff00 && code <= 0xffef) ||
    code === 0x2014 ||
    code === 0x2026 ||
    (code >= 0x2018 && code <= 0x201d)
  );
}

/** Shares of Chinese characters: among the non-whitespace characters, and among the non-ASCII ones. */
export function chineseShare(text: string): { ofVisible: number; ofNonAscii: number } {
  let visible = 0;
  let nonAscii = 0;
  let chinese = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (isWhitespace(code)) continue;
    visible++;
    if (code < 0x80) continue;
    nonAscii++;
    if (isChineseCharacter(code)) chinese++;
  }
  return { ofVisible: visible > 0 ? chinese / visible : 0, ofNonAscii: nonAscii > 0 ? chinese / nonAscii : 0 };
}

/**
 * Whether GB18030-decoded bytes read as Chinese: at least 90% of the
 * non-ASCII characters are Chinese. Latin-1 or Windows-1252 files can form
 * valid GB18030 pairs too, and decode to scattered rare ideographs among
 * Latin text; reopening one of those would turn what VS Code shows as a few
 * replacement characters into nonsense.
 */
export function readsAsChinese(text: string): boolean {
  return chineseShare(text).ofNonAscii >= 0.9;
}

/** Whether a draft is mostly Chinese: at least half of its non-whitespace characters are. */
export function mostlyChinese(text: string): boolean {
  return chineseShare(text).ofVisible >= 0.5;
}

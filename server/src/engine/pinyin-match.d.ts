// pinyin-match ships its dictionary as an ES module without types; the
// reading table reads it directly (pinyin.ts). Pinned by package-lock; a unit test fails
// should an upgrade move it.
declare module 'pinyin-match/src/simplified_dict.js' {
  /** Toneless syllable (ü written v) → every character with that reading. */
  export const dict: Record<string, string>;
}

// Speaking time, and the one way Tigang writes a duration: 3′42″ — minutes,
// a prime, seconds in two digits, a double prime, as a timing sheet (节目单,
// 串联单) writes 时长. The same in Chinese and English, and the same in every
// place: the 提纲 view's descriptions and tooltips, the status bar, the time
// limits and their messages, Copy Outline's table (client/src) and the inlay
// hints (providers/inlayHints.ts) all call formatDuration. It has one shape
// for every length (2′00″ beside 1′50″, never "2 分钟" beside "1 分 50 秒"),
// is narrow enough for a tree item's description, and needs no words, so it
// reads the same inside a sentence (超出限时 5′00″，多了 0′38″).

/** Speaking time in whole seconds at the given pace (characters per minute). */
export function speakingSeconds(characters: number, perMinute: number): number {
  return Math.round((characters / perMinute) * 60);
}

/** 0′38″, 3′42″, 75′00″ (minutes are not carried into hours: a rehearsal plan counts minutes). */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  return `${Math.floor(s / 60)}′${String(s % 60).padStart(2, '0')}″`;
}

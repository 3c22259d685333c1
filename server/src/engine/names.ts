// Heading names (docs/headings.md §5).

/** The longest name kept in the model; the maxNameLength setting is capped below it. */
export const NAME_CAP = 240;

/** Whitespace inside a line: ASCII space, tab, U+3000 ideographic space, U+00A0. */
export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x3000 || code === 0xa0;
}

/** Indentation before a marker: whitespace and the quote marks > and ＞. */
export function isIndent(code: number): boolean {
  return isSpace(code) || code === 0x3e || code === 0xff1e;
}

/**
 * text[start, end) with each run of whitespace folded to one space, at most
 * `cap` UTF-16 units long (never splitting a surrogate pair).
 */
export function foldWhitespace(text: string, start: number, end: number, cap = NAME_CAP): string {
  let out = '';
  let runStart = start;
  let i = start;
  while (i < end && out.length < cap) {
    if (isSpace(text.charCodeAt(i))) {
      out += text.slice(runStart, i) + ' ';
      while (i < end && isSpace(text.charCodeAt(i))) i++;
      runStart = i;
    } else {
      i++;
    }
  }
  out += text.slice(runStart, i);
  if (out.length > cap) out = out.slice(0, isHighSurrogate(out.charCodeAt(cap - 1)) ? cap - 1 : cap);
  return out;
}

/** text[start, end) with all whitespace removed, capped like foldWhitespace. */
export function stripWhitespace(text: string, start: number, end: number, cap = NAME_CAP): string {
  // Copies runs between whitespace rather than one character at a time.
  let out = '';
  let runStart = start;
  let i = start;
  for (; i < end && out.length + (i - runStart) < cap; i++) {
    if (isSpace(text.charCodeAt(i))) {
      out += text.slice(runStart, i);
      runStart = i + 1;
    }
  }
  out += text.slice(runStart, i);
  return out.length > cap ? out.slice(0, cap) : out;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

const CUT_BEFORE = new Set(['，', ',', '、', '：']);
/** A cut before punctuation must leave at least this many characters. */
const MIN_KEPT = 10;

/**
 * Shortens a name longer than `max` characters: before the last ，,、：
 * among its first `max` characters when at least 10 characters remain, else
 * after `max` characters; then appends …. Characters are code points.
 */
export function truncateName(name: string, max: number): string {
  if (name.length <= max) return name; // UTF-16 length ≥ code points
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const head = chars.slice(0, max);
  for (let i = head.length - 1; i >= MIN_KEPT; i--) {
    if (CUT_BEFORE.has(head[i])) return head.slice(0, i).join('') + '…';
  }
  return head.join('') + '…';
}

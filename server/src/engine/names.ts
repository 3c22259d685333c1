// Heading names (docs/headings.md §5).

/** The longest name kept in the model; the maxNameLength setting is capped below it. */
export const NAME_CAP = 240;

/**
 * Whitespace inside a line (§1): tab, every Unicode space separator (ASCII
 * space, U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000) and the
 * invisible U+200B–U+200D, U+2060 and U+FEFF that text pasted from web pages
 * and Word carries. Most characters of a Chinese text are above U+3000, so
 * that test comes first.
 */
export function isSpace(code: number): boolean {
  if (code > 0x3000) return code === 0xfeff;
  if (code < 0x2000) return code === 0x20 || code === 0x09 || code === 0xa0 || code === 0x1680;
  return code <= 0x200d || code === 0x3000 || code === 0x202f || code === 0x205f || code === 0x2060;
}

/** The zero-width characters among the whitespace: U+200B–U+200D, U+2060, U+FEFF. */
export function isInvisible(code: number): boolean {
  return (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;
}

/** Indentation before a marker: whitespace and the quote marks > and ＞. */
export function isIndent(code: number): boolean {
  return isSpace(code) || code === 0x3e || code === 0xff1e;
}

/**
 * text[start, end) with each run of whitespace folded to one space, at most
 * `cap` UTF-16 units long (never splitting a surrogate pair). A run of only
 * zero-width characters is dropped: it showed as nothing (总\u200b则 is 总则).
 */
export function foldWhitespace(text: string, start: number, end: number, cap = NAME_CAP): string {
  let out = '';
  let runStart = start;
  let i = start;
  while (i < end && out.length < cap) {
    if (isSpace(text.charCodeAt(i))) {
      out += text.slice(runStart, i);
      let visible = false;
      while (i < end && isSpace(text.charCodeAt(i))) {
        if (!isInvisible(text.charCodeAt(i))) visible = true;
        i++;
      }
      if (visible) out += ' ';
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

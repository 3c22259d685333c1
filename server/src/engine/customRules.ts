// User-defined heading rules (docs/headings.md §10): `tigang.customRules`
// adds heading styles the built-in rules do not know, `tigang.notHeadings`
// removes lines the built-in rules would take. Rules are checked once, when
// the settings are read; a bad rule is reported by name and left out, and the
// others keep working.

/** A rule as the user writes it in settings. */
export interface CustomRuleSetting {
  pattern: string;
  rank: number;
  name?: 'line' | 'match';
}

export interface CustomRule {
  /** The pattern as written, for messages. */
  readonly source: string;
  /** Sticky: tried at the first character after indentation. */
  readonly regex: RegExp;
  /** 1–10: where the rule sits among the built-in styles (docs/headings.md §2); equal ranks are siblings. */
  readonly rank: number;
  /** 'line': the heading is named after its line (up to a sentence end, as run-in headings); 'match': after the matched text alone. */
  readonly name: 'line' | 'match';
}

export type RuleProblem = 'notAnObject' | 'invalidPattern' | 'missingRank' | 'rankOutOfRange' | 'matchesEmpty' | 'backtracks' | 'invalidName';

export interface RuleError {
  /** Which setting the rule is in. */
  readonly setting: 'customRules' | 'notHeadings';
  /** Position of the rule in its list. */
  readonly index: number;
  /** The pattern as written, or the JSON of the entry when it has none. */
  readonly rule: string;
  readonly problem: RuleProblem;
  /** The regular expression engine's own message, for invalidPattern. */
  readonly detail?: string;
}

export interface CompiledRules {
  readonly headings: readonly CustomRule[];
  readonly notHeadings: readonly RegExp[];
  readonly errors: readonly RuleError[];
  /** Equal for two rule sets that parse alike: part of the outline cache's key. */
  readonly fingerprint: string;
  /**
   * The code units a heading rule's match can begin with, 1 for each (a
   * 64 KiB table), or undefined when some rule may begin with anything (`.`,
   * `\S`, a negated class): a line whose first character no rule can begin
   * with costs one look-up, so rules do not slow down a document they do not
   * match (docs/headings.md §10).
   */
  readonly firstUnits: Uint8Array | undefined;
  /** The same table for the notHeadings patterns: a heading line none of them can begin with is not tried. */
  readonly notFirstUnits: Uint8Array | undefined;
  /** Each notHeadings pattern's literal beginning (一是因为 of `一是因为`, 第 of `第[一二]节课`; '' when none can be told): a line without it is not handed to the pattern. */
  readonly notPrefixes: readonly string[];
}

export const NO_RULES: CompiledRules = { headings: [], notHeadings: [], errors: [], fingerprint: '', firstUnits: new Uint8Array(0x10000), notFirstUnits: new Uint8Array(0x10000), notPrefixes: [] };

/**
 * A rule is matched against at most this many UTF-16 units of a line: a
 * heading's marker is at its start, and the bound keeps a 1 MB line from
 * costing more than a short one.
 */
export const RULE_INPUT_MAX = 256;

/** A pattern that takes longer than this on one probe string is refused as backtracking catastrophically. */
const PROBE_BUDGET_MS = 20;

export function compileRules(customRules: unknown, notHeadings: unknown): CompiledRules {
  const errors: RuleError[] = [];
  const headings: CustomRule[] = [];
  const never: RegExp[] = [];
  const list = (value: unknown) => (Array.isArray(value) ? value : []);

  list(customRules).forEach((entry: unknown, index) => {
    const fail = (problem: RuleProblem, detail?: string): void => {
      errors.push({ setting: 'customRules', index, rule: ruleText(entry), problem, ...(detail === undefined ? {} : { detail }) });
    };
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return fail('notAnObject');
    const { pattern, rank, name } = entry as Record<string, unknown>;
    if (typeof pattern !== 'string') return fail('invalidPattern', 'pattern must be a string');
    if (rank === undefined || rank === null) return fail('missingRank');
    if (typeof rank !== 'number' || !Number.isInteger(rank) || rank < 1 || rank > 10) return fail('rankOutOfRange');
    if (name !== undefined && name !== 'line' && name !== 'match') return fail('invalidName');
    const regex = compile(pattern, (problem, detail) => fail(problem, detail));
    if (regex !== undefined) headings.push({ source: pattern, regex, rank, name: name ?? 'line' });
  });
  list(notHeadings).forEach((entry: unknown, index) => {
    if (typeof entry !== 'string') {
      errors.push({ setting: 'notHeadings', index, rule: ruleText(entry), problem: 'invalidPattern', detail: 'a pattern must be a string' });
      return;
    }
    const regex = compile(entry, (problem, detail) => errors.push({ setting: 'notHeadings', index, rule: entry, problem, ...(detail === undefined ? {} : { detail }) }));
    if (regex !== undefined) never.push(regex);
  });
  const fingerprint = headings.length + never.length === 0 ? '' : JSON.stringify([headings.map((r) => [r.source, r.rank, r.name]), never.map((r) => r.source)]);
  return { headings, notHeadings: never, errors, fingerprint, firstUnits: firstUnitTable(headings.map((r) => r.source)), notFirstUnits: firstUnitTable(never.map((r) => r.source)), notPrefixes: never.map((r) => literalPrefix(r.source)) };
}

/**
 * The characters every match of `pattern` begins with, read up to its first
 * special character; a literal a quantifier follows is left out (`ab?` → a),
 * and a pattern of alternatives has none.
 */
export function literalPrefix(pattern: string): string {
  if (splitAlternatives(pattern).length > 1) return '';
  let i = pattern.startsWith('^') ? 1 : 0;
  const from = i;
  while (i < pattern.length && !'\\^$.|?*+()[]{}'.includes(pattern[i])) i++;
  let prefix = pattern.slice(from, i);
  if (i < pattern.length && '?*{+'.includes(pattern[i])) prefix = Array.from(prefix).slice(0, -1).join('');
  return prefix;
}

/** CompiledRules.firstUnits of a list of patterns. */
function firstUnitTable(patterns: readonly string[]): Uint8Array | undefined {
  const table = new Uint8Array(0x10000);
  for (const pattern of patterns) {
    const units = firstUnits(pattern);
    if (units === undefined) return undefined;
    for (const [from, to] of units) table.fill(1, from, to + 1);
  }
  return table;
}

type UnitRanges = [from: number, to: number][];

/**
 * The ranges of UTF-16 code units a match of `pattern` can begin with, read
 * from the pattern's first atom in each alternative (a literal, an escape, a
 * class, a group); undefined when that cannot be told (`.`, `\S`, `[^…]`, a
 * look-around, a first atom that may be absent). Erring on "undefined" is
 * safe: the rules are then tried on every line.
 */
export function firstUnits(pattern: string): UnitRanges | undefined {
  const out: UnitRanges = [];
  for (const alternative of splitAlternatives(pattern)) {
    const ranges = firstOfSequence(alternative);
    if (ranges === undefined) return undefined;
    out.push(...ranges);
  }
  return out;
}

/** The top-level alternatives of a pattern (or of a group's inside). */
function splitAlternatives(pattern: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      parts.push(pattern.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(pattern.slice(from));
  return parts;
}

function firstOfSequence(seq: string): UnitRanges | undefined {
  let i = 0;
  while (seq[i] === '^') i++;
  if (i >= seq.length) return undefined; // an empty alternative matches anything
  const ch = seq[i];
  let ranges: UnitRanges | undefined;
  let end: number; // just after the atom
  if (ch === '(') {
    const close = closingParen(seq, i);
    if (close < 0) return undefined;
    let inner = seq.slice(i + 1, close);
    if (inner.startsWith('?:')) inner = inner.slice(2);
    else if (inner.startsWith('?<') && !inner.startsWith('?<=') && !inner.startsWith('?<!')) inner = inner.slice(inner.indexOf('>') + 1);
    else if (inner.startsWith('?')) return undefined; // a look-around
    ranges = firstUnits(inner);
    end = close + 1;
  } else if (ch === '[') {
    const read = classRanges(seq, i);
    if (read === undefined) return undefined;
    ranges = read.ranges;
    end = read.end;
  } else if (ch === '\\') {
    const read = escapeRanges(seq, i);
    if (read === undefined) return undefined;
    ranges = read.ranges;
    end = read.end;
  } else if ('.*+?{)|$'.includes(ch)) {
    return undefined;
  } else {
    const cp = seq.codePointAt(i)!;
    ranges = [unitRange(cp)];
    end = i + (cp > 0xffff ? 2 : 1);
  }
  // An atom that may be absent (a?, a*, a{0,2}) lets the match begin with what follows: not worth following.
  const q = seq[end];
  if (q === '?' || q === '*' || (q === '{' && /^\{0+[,}]/.test(seq.slice(end)))) return undefined;
  return ranges;
}

/** The first code unit of a code point, as a range of one. */
function unitRange(cp: number): [number, number] {
  const unit = cp > 0xffff ? 0xd800 + ((cp - 0x10000) >> 10) : cp;
  return [unit, unit];
}

function closingParen(seq: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < seq.length; i++) {
    const ch = seq[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The ranges a class `[…]` at `open` matches, or undefined for a negated class or one with \s \w \p. */
function classRanges(seq: string, open: number): { ranges: UnitRanges; end: number } | undefined {
  if (seq[open + 1] === '^') return undefined;
  const ranges: UnitRanges = [];
  let i = open + 1;
  while (i < seq.length && seq[i] !== ']') {
    let from: number;
    if (seq[i] === '\\') {
      const read = escapeRanges(seq, i);
      if (read === undefined) return undefined;
      i = read.end;
      if (read.ranges.length !== 1 || read.ranges[0][0] !== read.ranges[0][1] || read.single === undefined) {
        ranges.push(...read.ranges);
        continue;
      }
      from = read.single;
    } else {
      from = seq.codePointAt(i)!;
      i += from > 0xffff ? 2 : 1;
    }
    if (seq[i] === '-' && seq[i + 1] !== ']' && i + 1 < seq.length) {
      let to: number;
      if (seq[i + 1] === '\\') {
        const read = escapeRanges(seq, i + 1);
        if (read?.single === undefined) return undefined;
        to = read.single;
        i = read.end;
      } else {
        to = seq.codePointAt(i + 1)!;
        i += 1 + (to > 0xffff ? 2 : 1);
      }
      if (from > 0xffff || to > 0xffff) return undefined; // astral ranges span many high surrogates
      ranges.push([from, to]);
    } else {
      ranges.push(unitRange(from));
    }
  }
  return i < seq.length ? { ranges, end: i + 1 } : undefined;
}

/** An escape at `at`: its ranges, and the code point when it stands for one character. */
function escapeRanges(seq: string, at: number): { ranges: UnitRanges; end: number; single?: number } | undefined {
  const ch = seq[at + 1];
  if (ch === undefined) return undefined;
  if (ch === 'd') return { ranges: [[0x30, 0x39]], end: at + 2 };
  if (ch === 'u' && seq[at + 2] === '{') {
    const close = seq.indexOf('}', at);
    const cp = parseInt(seq.slice(at + 3, close), 16);
    return close < 0 || !Number.isFinite(cp) ? undefined : { ranges: [unitRange(cp)], end: close + 1, single: cp };
  }
  if (ch === 'u' || ch === 'x') {
    const width = ch === 'u' ? 4 : 2;
    const cp = parseInt(seq.slice(at + 2, at + 2 + width), 16);
    return Number.isFinite(cp) ? { ranges: [[cp, cp]], end: at + 2 + width, single: cp } : undefined;
  }
  const controls: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, v: 11 };
  if (controls[ch] !== undefined) return { ranges: [[controls[ch], controls[ch]]], end: at + 2, single: controls[ch] };
  if (/[A-Za-z0-9]/.test(ch)) return undefined; // \s \w \p{…} \b \1 …: too many to list, or no character at all
  const cp = seq.codePointAt(at + 1)!;
  return { ranges: [unitRange(cp)], end: at + 1 + (cp > 0xffff ? 2 : 1), single: cp };
}

/** The sticky regular expression of a pattern, or undefined after reporting why it cannot be used. */
function compile(pattern: string, fail: (problem: RuleProblem, detail?: string) => void): RegExp | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'yu');
  } catch (error) {
    fail('invalidPattern', error instanceof Error ? error.message : String(error));
    return undefined;
  }
  regex.lastIndex = 0;
  if (regex.test('') || matchesEmptyAnywhere(regex)) {
    fail('matchesEmpty');
    return undefined;
  }
  if (backtracks(regex, pattern)) {
    fail('backtracks');
    return undefined;
  }
  return regex;
}

/** A pattern such as `(第)?` matches the empty string at the start of any line: it would make every line a heading. */
function matchesEmptyAnywhere(regex: RegExp): boolean {
  for (const probe of ['x', '。', '一', ' ']) {
    regex.lastIndex = 0;
    const m = regex.exec(probe);
    if (m !== null && m[0].length === 0) return true;
  }
  return false;
}

/**
 * Times the pattern on strings built from its own characters with a tail
 * that does not match — the inputs on which nested quantifiers explode —
 * growing a fifth at a time up to RULE_INPUT_MAX, so that an exploding pattern
 * is caught at the first length that passes the budget, before it can take
 * seconds. A heuristic: no finite probe proves a pattern safe; RULE_INPUT_MAX
 * bounds what any line can cost.
 */
function backtracks(regex: RegExp, pattern: string): boolean {
  const letters = Array.from(new Set(Array.from(pattern.replace(/\\[dDwWsSbB]|[\\^$.*+?()[\]{}|]/g, '')))).join('') || 'a';
  for (const unit of [letters, 'a', '1', '一', ' ']) {
    for (let length = 8; length <= RULE_INPUT_MAX; length = Math.min(RULE_INPUT_MAX + 1, Math.ceil(length * 1.2))) {
      const probe = unit.repeat(Math.ceil(length / unit.length)).slice(0, length - 1) + '\u0000';
      if (overBudget(regex, probe)) return true;
    }
  }
  return false;
}

/**
 * Whether the probe takes the pattern longer than the budget, three times in
 * a row: a pattern that backtracks is slow every time, while a busy machine
 * (another process, a garbage collection) slows one run now and then — a
 * good rule must not be refused because the editor was busy.
 */
function overBudget(regex: RegExp, probe: string): boolean {
  for (let attempt = 0; attempt < 3; attempt++) {
    const start = Date.now();
    regex.lastIndex = 0;
    regex.test(probe);
    if (Date.now() - start <= PROBE_BUDGET_MS) return false;
  }
  return true;
}

function ruleText(entry: unknown): string {
  if (entry !== null && typeof entry === 'object' && typeof (entry as { pattern?: unknown }).pattern === 'string') return (entry as { pattern: string }).pattern;
  try {
    return JSON.stringify(entry) ?? String(entry);
  } catch {
    return String(entry);
  }
}

/** The end of a custom rule's match at `s` (the first character after indentation), or -1. */
export function matchRule(rule: CustomRule, text: string, s: number, e: number): number {
  const input = e - s > RULE_INPUT_MAX ? text.slice(s, s + RULE_INPUT_MAX) : text.slice(s, e);
  rule.regex.lastIndex = 0;
  const m = rule.regex.exec(input);
  return m === null || m[0].length === 0 ? -1 : s + m[0].length;
}

/**
 * The first heading rule (in the order of the setting) that matches the line
 * text[s, e) at `s`, and where its match ends; undefined when none does. A
 * line whose first character no rule can begin with costs one look-up.
 */
export function matchHeadingRules(rules: CompiledRules, text: string, s: number, e: number): { index: number; end: number } | undefined {
  const { headings, firstUnits } = rules;
  if (headings.length === 0 || (firstUnits !== undefined && firstUnits[text.charCodeAt(s)] === 0)) return undefined;
  const input = text.slice(s, e - s > RULE_INPUT_MAX ? s + RULE_INPUT_MAX : e);
  for (let i = 0; i < headings.length; i++) {
    const regex = headings[i].regex;
    regex.lastIndex = 0;
    const m = regex.exec(input);
    if (m !== null && m[0].length > 0) return { index: i, end: s + m[0].length };
  }
  return undefined;
}

/** Whether a notHeadings pattern matches the line at `s`. */
export function isNotHeading(rules: CompiledRules, text: string, s: number, e: number): boolean {
  const { notHeadings, notFirstUnits } = rules;
  if (notHeadings.length === 0 || (notFirstUnits !== undefined && notFirstUnits[text.charCodeAt(s)] === 0)) return false;
  let input: string | undefined;
  for (let i = 0; i < notHeadings.length; i++) {
    const prefix = rules.notPrefixes[i];
    if (prefix !== undefined && prefix !== '' && !text.startsWith(prefix, s)) continue;
    input ??= text.slice(s, e - s > RULE_INPUT_MAX ? s + RULE_INPUT_MAX : e);
    const regex = notHeadings[i];
    regex.lastIndex = 0;
    if (regex.test(input)) return true;
  }
  return false;
}

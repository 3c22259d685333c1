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
}

export const NO_RULES: CompiledRules = { headings: [], notHeadings: [], errors: [], fingerprint: '' };

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
  return { headings, notHeadings: never, errors, fingerprint };
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
      const start = Date.now();
      regex.lastIndex = 0;
      regex.test(probe);
      if (Date.now() - start > PROBE_BUDGET_MS) return true;
    }
  }
  return false;
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

/** Whether a notHeadings pattern matches the line at `s`. */
export function isNotHeading(rules: CompiledRules, text: string, s: number, e: number): boolean {
  if (rules.notHeadings.length === 0) return false;
  const input = e - s > RULE_INPUT_MAX ? text.slice(s, s + RULE_INPUT_MAX) : text.slice(s, e);
  for (const regex of rules.notHeadings) {
    regex.lastIndex = 0;
    if (regex.test(input)) return true;
  }
  return false;
}

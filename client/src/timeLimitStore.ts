// Time limits of sections, as stored in the workspace's .vscode/tigang-limits.json,
// and the questions asked of them: which section has which limit now that the
// document changed, and what share of its parent's limit a section without
// its own gets. No vscode import (timeLimits.ts does the files and the UI).
//
// A limit is keyed by the file (workspace-relative) and the path of heading
// names from the top, each name with the number of its marker replaced by
// '#' (三、加强领导 → #、加强领导), so renumbering keeps it. Beside the path
// it keeps each step's position among its siblings and their count: a
// heading whose name is not found any more is taken to be renamed when the
// heading at its position has a name no other limit claims and the number of
// siblings is the same as when it was stored. Otherwise — the section was
// deleted, or renamed while siblings were added or removed — the limit is
// dropped (when the document is saved: timeLimits.ts). Two siblings of the
// same name (第一条 第二条 with no title) are told apart by position: the
// nearest to the stored one wins.

/** What the store needs of a section (client/src/outline.ts's Section has it). */
export interface LimitSection {
  readonly name: string;
  /** Non-whitespace characters, subsections included. */
  readonly characters: number;
  readonly children: readonly LimitSection[];
}

export interface StoredLimit {
  /** Heading names from the top with their numbers replaced (headingKey). */
  path: string[];
  /** Each step's index among its siblings, and how many siblings there were. */
  positions: number[];
  siblings: number[];
  minutes: number;
}

export interface FileLimits {
  /** The limit of the whole document, in minutes. */
  document?: number;
  sections: StoredLimit[];
}

export interface LimitsFile {
  version: 1;
  /** Keyed by the document's path relative to its workspace folder, with '/'. */
  files: Record<string, FileLimits>;
}

export const EMPTY_LIMITS: LimitsFile = { version: 1, files: {} };

/** Numerals a marker may carry: Chinese (also financial), ASCII and full-width digits, circled and parenthesized forms. */
const NUMERAL = '[〇零一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟0-9０-９]+|[①-⑳⑴-⒇⒈-⒛㈠-㈩❶-❿]';
const LEADING_NUMBER = new RegExp(`^([第（(［\\[【〔]?)(?:${NUMERAL})`);

/** The name of a heading without the number of its marker: 第三章　总则 → 第#章　总则, （二）思想建设 → （#）思想建设. */
export function headingKey(name: string): string {
  return name.replace(LEADING_NUMBER, '$1#');
}

/** The chain of sections from a root down to `target`, or undefined when it is not in the tree. */
export function pathTo(roots: readonly LimitSection[], target: LimitSection): LimitSection[] | undefined {
  for (const root of roots) {
    if (root === target) return [root];
    const below = pathTo(root.children, target);
    if (below !== undefined) return [root, ...below];
  }
  return undefined;
}

function storedFor(roots: readonly LimitSection[], chain: readonly LimitSection[], minutes: number): StoredLimit {
  const limit: StoredLimit = { path: [], positions: [], siblings: [], minutes };
  let siblings = roots;
  for (const section of chain) {
    limit.path.push(headingKey(section.name));
    limit.positions.push(siblings.indexOf(section));
    limit.siblings.push(siblings.length);
    siblings = section.children;
  }
  return limit;
}

export interface ResolvedLimits {
  /** Sections with a limit of their own, in minutes. */
  readonly own: Map<LimitSection, number>;
  /** The stored limits brought up to date with the document (renamed, renumbered or moved paths rewritten; unresolved ones dropped). */
  readonly file: FileLimits;
  /** Whether `file` differs from what was stored. */
  readonly changed: boolean;
}

/** Which section each stored limit belongs to now (see the file comment for the rules). */
export function resolveLimits(stored: FileLimits | undefined, roots: readonly LimitSection[]): ResolvedLimits {
  const own = new Map<LimitSection, number>();
  const kept: StoredLimit[] = [];
  const entries = stored?.sections ?? [];
  for (const entry of entries) {
    const chain = resolvePath(entry, entries, roots);
    if (chain === undefined) continue;
    const section = chain[chain.length - 1];
    if (own.has(section)) continue; // two limits came to one section: the first stored wins
    own.set(section, entry.minutes);
    kept.push(storedFor(roots, chain, entry.minutes));
  }
  const file: FileLimits = { ...(stored?.document !== undefined ? { document: stored.document } : {}), sections: kept };
  return { own, file, changed: JSON.stringify(file) !== JSON.stringify({ ...(stored?.document !== undefined ? { document: stored.document } : {}), sections: entries }) };
}

function resolvePath(entry: StoredLimit, all: readonly StoredLimit[], roots: readonly LimitSection[]): LimitSection[] | undefined {
  if (entry.path.length === 0) return undefined;
  const chain: LimitSection[] = [];
  let siblings = roots;
  for (let k = 0; k < entry.path.length; k++) {
    const keys = siblings.map((s) => headingKey(s.name));
    const position = entry.positions[k] ?? -1;
    let found = -1;
    keys.forEach((key, i) => {
      if (key === entry.path[k] && (found < 0 || Math.abs(i - position) < Math.abs(found - position))) found = i;
    });
    if (found < 0 && entry.siblings[k] === siblings.length && position >= 0 && position < siblings.length) {
      // Renamed? Only if no stored limit under the same parent names the heading now at that position.
      const prefix = JSON.stringify(entry.path.slice(0, k));
      const claimed = all.some((other) => other.path.length > k && JSON.stringify(other.path.slice(0, k)) === prefix && other.path[k] === keys[position]);
      if (!claimed) found = position;
    }
    if (found < 0) return undefined;
    chain.push(siblings[found]);
    siblings = siblings[found].children;
  }
  return chain;
}

/**
 * The limits with one set (minutes > 0), replaced or cleared (minutes
 * undefined) — for a section, or for the whole document when section is undefined.
 */
export function withLimit(stored: FileLimits | undefined, roots: readonly LimitSection[], section: LimitSection | undefined, minutes: number | undefined): FileLimits {
  const { own, file } = resolveLimits(stored, roots);
  if (section === undefined) {
    const next: FileLimits = { sections: file.sections };
    if (minutes !== undefined) next.document = minutes;
    return next;
  }
  const chain = pathTo(roots, section);
  if (chain === undefined) return file;
  const sections = file.sections.filter((_, i) => [...own.keys()][i] !== section);
  if (minutes !== undefined) sections.push(storedFor(roots, chain, minutes));
  return { ...(file.document !== undefined ? { document: file.document } : {}), sections };
}

export interface EffectiveLimit {
  readonly seconds: number;
  /** The section's own limit, or (false) its share of its parent's (or of the document's). */
  readonly own: boolean;
}

/**
 * Every section's limit: its own, else its parent's (or the document's)
 * effective limit times its share of the parent's characters. A share is
 * only a guide for rehearsing: siblings' own limits are not subtracted from it.
 */
export function effectiveLimits(roots: readonly LimitSection[], totalCharacters: number, own: ReadonlyMap<LimitSection, number>, documentMinutes: number | undefined): Map<LimitSection, EffectiveLimit> {
  const result = new Map<LimitSection, EffectiveLimit>();
  const walk = (sections: readonly LimitSection[], parentSeconds: number | undefined, parentCharacters: number) => {
    for (const s of sections) {
      const minutes = own.get(s);
      let limit: EffectiveLimit | undefined;
      if (minutes !== undefined) limit = { seconds: Math.round(minutes * 60), own: true };
      else if (parentSeconds !== undefined && parentCharacters > 0) limit = { seconds: Math.round((parentSeconds * s.characters) / parentCharacters), own: false };
      if (limit !== undefined) result.set(s, limit);
      walk(s.children, limit?.seconds, s.characters);
    }
  };
  walk(roots, documentMinutes !== undefined ? Math.round(documentMinutes * 60) : undefined, totalCharacters);
  return result;
}

/** Reads the file's text; a clear message for anything that is not a limits file (the caller then leaves the file alone). */
export function parseLimitsFile(text: string): { ok: true; limits: LimitsFile } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, limits: { version: 1, files: {} } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (typeof value !== 'object' || value === null || typeof (value as { files?: unknown }).files !== 'object' || (value as { files?: unknown }).files === null) {
    return { ok: false, message: 'expected an object with "files"' };
  }
  const files: Record<string, FileLimits> = {};
  for (const [file, raw] of Object.entries((value as { files: Record<string, unknown> }).files)) {
    if (typeof raw !== 'object' || raw === null) return { ok: false, message: `"${file}": expected an object` };
    const { document, sections } = raw as { document?: unknown; sections?: unknown };
    if (document !== undefined && !isMinutes(document)) return { ok: false, message: `"${file}": "document" must be a number of minutes above 0` };
    if (sections !== undefined && !Array.isArray(sections)) return { ok: false, message: `"${file}": "sections" must be a list` };
    const list: StoredLimit[] = [];
    for (const s of (sections as unknown[] | undefined) ?? []) {
      const e = s as Partial<StoredLimit>;
      if (!isStrings(e.path) || !isMinutes(e.minutes)) return { ok: false, message: `"${file}": each section needs "path" (names) and "minutes" above 0` };
      list.push({ path: e.path, positions: isNumbers(e.positions) ? e.positions : [], siblings: isNumbers(e.siblings) ? e.siblings : [], minutes: e.minutes });
    }
    files[file] = { ...(document !== undefined ? { document: document as number } : {}), sections: list };
  }
  return { ok: true, limits: { version: 1, files } };
}

/** The file's text: sorted by file, two-space JSON, a final newline (stable diffs in version control). */
export function serializeLimits(limits: LimitsFile): string {
  const files: Record<string, FileLimits> = {};
  for (const key of Object.keys(limits.files).sort()) {
    const f = limits.files[key];
    if (f.document !== undefined || f.sections.length > 0) files[key] = f;
  }
  return JSON.stringify({ version: 1, files }, undefined, 2) + '\n';
}

function isMinutes(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string');
}

function isNumbers(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x));
}

/**
 * Parses what the user typed as minutes: "5", "4.5", "4:30" (minutes:seconds), full-width digits too, and a duration
 * as Tigang writes it ("4′30″", server/src/engine/duration.ts: the box opens with the current limit so), or typed with
 * ASCII quotes (4'30"). Undefined when it is none of these.
 */
export function parseMinutes(input: string): number | undefined {
  const text = input.trim().replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/[：]/g, ':').replace(/．/g, '.');
  const clockMatch = /^(\d+)(?::|[′'](?=\d))([0-5]?\d)[″"]?$/.exec(text) ?? /^(\d+)[′']()$/.exec(text);
  const minutes = clockMatch !== null ? Number(clockMatch[1]) + Number(clockMatch[2] || 0) / 60 : /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  return Number.isFinite(minutes) && minutes > 0 ? minutes : undefined;
}

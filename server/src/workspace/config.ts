// Settings that decide which files the workspace index reads, per workspace
// folder: tigang.files.include / exclude / maxFileSizeMB, VS Code's
// files.exclude, and the outline settings that shape the names.

import { DEFAULT_SETTINGS, normalizeSettings } from '../settings';
import { ExcludeMatcher, ExcludeRule, GlobMatcher, compileExcludes, compileGlobs } from './glob';

export const DEFAULT_INCLUDE = ['**/*.txt'];
export const DEFAULT_EXCLUDE = ['**/node_modules', '**/.git'];
export const DEFAULT_MAX_FILE_SIZE_MB = 20;

export interface FolderConfig {
  readonly include: readonly string[];
  /** tigang.files.exclude and files.exclude together. */
  readonly exclude: readonly ExcludeRule[];
  readonly maxBytes: number;
  readonly enumerations: boolean;
  readonly maxNameLength: number;
  /** Compiled include. */
  readonly isIncluded: GlobMatcher;
  readonly excluder: ExcludeMatcher;
}

/**
 * From what workspace/configuration returns for the sections `tigang` and
 * `files` (either may be null or malformed: defaults then).
 *
 * tigang.files.include: a glob or an array of globs.
 * tigang.files.exclude: an array of globs, or an object { glob: true } like files.exclude.
 * tigang.files.maxFileSizeMB: a positive number (fractions allowed).
 */
export function folderConfig(tigang: unknown, files: unknown): FolderConfig {
  const t = asObject(tigang);
  const own = asObject(t.files);
  const include = globList(own.include) ?? DEFAULT_INCLUDE;
  const exclude = [...(excludeRules(own.exclude) ?? DEFAULT_EXCLUDE.map((glob) => ({ glob }))), ...(excludeRules(asObject(files).exclude) ?? [])];
  const size = own.maxFileSizeMB;
  const maxFileSizeMB = typeof size === 'number' && Number.isFinite(size) && size > 0 ? size : DEFAULT_MAX_FILE_SIZE_MB;
  const outline = tigang === undefined || tigang === null ? DEFAULT_SETTINGS : normalizeSettings(tigang);
  return {
    include,
    exclude,
    maxBytes: Math.floor(maxFileSizeMB * 1048576),
    enumerations: outline.enumerations,
    maxNameLength: outline.maxNameLength,
    isIncluded: compileGlobs(include),
    excluder: compileExcludes(exclude),
  };
}

export const DEFAULT_FOLDER_CONFIG = folderConfig(undefined, undefined);

/** Whether two configurations select and parse the same files the same way (names may still differ in length). */
export function sameSelection(a: FolderConfig, b: FolderConfig): boolean {
  return a.maxBytes === b.maxBytes && a.enumerations === b.enumerations && JSON.stringify([a.include, a.exclude]) === JSON.stringify([b.include, b.exclude]);
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function globList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : [value];
  if (Array.isArray(value)) {
    const globs = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    return globs.length > 0 ? globs : undefined;
  }
  return undefined;
}

/** An array of globs, or a files.exclude-style object: `true` excludes, `false` does not, `{ when }` conditionally. */
function excludeRules(value: unknown): ExcludeRule[] | undefined {
  if (Array.isArray(value) || typeof value === 'string') return globList(value)?.map((glob) => ({ glob })) ?? [];
  if (value === null || typeof value !== 'object') return undefined;
  const rules: ExcludeRule[] = [];
  for (const [glob, on] of Object.entries(value as Record<string, unknown>)) {
    if (on === true) rules.push({ glob });
    else if (on !== null && typeof on === 'object' && typeof (on as { when?: unknown }).when === 'string') rules.push({ glob, when: (on as { when: string }).when });
  }
  return rules;
}

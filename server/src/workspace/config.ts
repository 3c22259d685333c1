// What the workspace index needs of the settings for one workspace folder:
// the typed Settings (configuration.ts, the one pipeline) with its globs
// compiled once.

import { Settings, normalizeSettings } from '../configuration';
import { CompiledRules } from '../engine/customRules';
import { ExcludeMatcher, ExcludeRule, GlobMatcher, compileExcludes, compileGlobs } from './glob';

export interface FolderConfig {
  readonly include: readonly string[];
  /** tigang.files.exclude and files.exclude together. */
  readonly exclude: readonly ExcludeRule[];
  readonly maxBytes: number;
  readonly enumerations: boolean;
  /** tigang.customRules and tigang.notHeadings (docs/headings.md §10): closed files parse with them as open ones do. */
  readonly rules: CompiledRules;
  readonly maxNameLength: number;
  /** Globs ignore case (the file system does: WorkspaceFs.ignoresCase). */
  readonly ignoreCase: boolean;
  /** Compiled include. */
  readonly isIncluded: GlobMatcher;
  readonly excluder: ExcludeMatcher;
}

export function folderConfigOf(settings: Settings, ignoreCase = false): FolderConfig {
  return {
    include: settings.files.include,
    exclude: settings.files.exclude,
    maxBytes: Math.floor(settings.files.maxFileSizeMB * 1048576),
    enumerations: settings.enumerations,
    rules: settings.rules,
    maxNameLength: settings.maxNameLength,
    ignoreCase,
    isIncluded: compileGlobs(settings.files.include, ignoreCase),
    excluder: compileExcludes(settings.files.exclude, ignoreCase),
  };
}

/**
 * From what workspace/configuration returns for the sections `tigang` and
 * `files` (either may be null or malformed: defaults then).
 */
export function folderConfig(tigang: unknown, files: unknown, ignoreCase = false): FolderConfig {
  return folderConfigOf(normalizeSettings(tigang, files), ignoreCase);
}

export const DEFAULT_FOLDER_CONFIG = folderConfig(undefined, undefined);

/** Whether two configurations select and parse the same files the same way (names may still differ in length). */
export function sameSelection(a: FolderConfig, b: FolderConfig): boolean {
  return a.maxBytes === b.maxBytes && a.enumerations === b.enumerations && a.rules.fingerprint === b.rules.fingerprint && a.ignoreCase === b.ignoreCase && JSON.stringify([a.include, a.exclude]) === JSON.stringify([b.include, b.exclude]);
}

// The one settings pipeline of the server: which `tigang.*` and `files.*`
// settings it reads, their defaults and bounds (one table, checked against
// package.json by test/unit/configuration.test.ts), how a client's raw values
// become one typed Settings object, and one cache per scope.
//
// Pull or push is decided once, from the client's capabilities: a client
// that answers workspace/configuration is asked per scope (a document or a
// workspace folder) and the answers are cached until it says something
// changed; a client that cannot is read from what it pushes with
// workspace/didChangeConfiguration (lsp-sample's pattern).

import { NAME_CAP } from './engine';
import { CompiledRules, compileRules } from './engine/customRules';
import type { ExcludeRule } from './workspace/glob';

/** One setting the server reads: its key below `tigang.` and its schema in package.json. */
interface SettingSpec {
  readonly type: 'boolean' | 'integer' | 'number' | 'array' | 'object';
  readonly default: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  /** package.json says exclusiveMinimum. */
  readonly exclusiveMinimum?: number;
}

/**
 * Every `tigang.*` setting the server reads, as package.json declares it.
 * The client's own settings (tigang.outline.*, tigang.languages, …) are read
 * by the client through VS Code, which applies package.json's defaults.
 */
export const SETTINGS = {
  enumerations: { type: 'boolean', default: true },
  maxNameLength: { type: 'integer', default: 40, minimum: 10, maximum: NAME_CAP - 1 },
  charactersPerMinute: { type: 'number', default: 220, minimum: 60, maximum: 1000 },
  semanticHighlighting: { type: 'boolean', default: true },
  inlayHints: { type: 'boolean', default: false },
  'diagnostics.enabled': { type: 'boolean', default: true },
  'diagnostics.gbt9704': { type: 'boolean', default: true },
  'files.include': { type: 'array', default: ['**/*.txt'] },
  'files.exclude': { type: 'object', default: { '**/node_modules': true, '**/.git': true } },
  'files.maxFileSizeMB': { type: 'number', default: 20, exclusiveMinimum: 0 },
  // User-defined rules (docs/headings.md §10), checked when read (engine/customRules.ts).
  customRules: { type: 'array', default: [] },
  notHeadings: { type: 'array', default: [] },
} as const satisfies Record<string, SettingSpec>;

export interface Settings {
  /** Include run-in points 一是/一要/一关于. */
  readonly enumerations: boolean;
  /** Names longer than this many characters are shortened with …. */
  readonly maxNameLength: number;
  /** Reading speed for speaking times. */
  readonly charactersPerMinute: number;
  /** Semantic tokens for headings (providers/semanticTokens.ts); off: empty token data. */
  readonly semanticHighlighting: boolean;
  /** Section length and speaking time after heading lines (providers/inlayHints.ts). */
  readonly inlayHints: boolean;
  /** Numbering checks (docs/headings.md §7): on, and with the GB/T 9704 form advice. */
  readonly diagnostics: { readonly enabled: boolean; readonly gbt9704: boolean };
  /** Which files the workspace index reads (tigang.files.*, and VS Code's files.exclude). */
  readonly files: {
    readonly include: readonly string[];
    /** tigang.files.exclude, then files.exclude. */
    readonly exclude: readonly ExcludeRule[];
    readonly maxFileSizeMB: number;
  };
  /** tigang.customRules and tigang.notHeadings, compiled; `errors` says which rules were left out and why. */
  readonly rules: CompiledRules;
}

/**
 * The settings that change how a document parses. The outline cache keys its
 * outlines by this, so settings that only change names or counts reuse them.
 */
export function parsingFingerprint(settings: Settings): string {
  return (settings.enumerations ? 'e1' : 'e0') + settings.rules.fingerprint;
}

/** The last rule sets compiled, by their JSON: every scope (each open document) reads the same rules, and compiling checks each pattern's cost. */
const compiled = new Map<string, CompiledRules>();
const COMPILED_KEPT = 8;

function readRules(customRules: unknown, notHeadings: unknown): CompiledRules {
  let key: string;
  try {
    key = JSON.stringify([customRules ?? null, notHeadings ?? null]);
  } catch {
    return compileRules(customRules, notHeadings);
  }
  let rules = compiled.get(key);
  if (rules === undefined) {
    rules = compileRules(customRules, notHeadings);
    if (compiled.size >= COMPILED_KEPT) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, rules);
  }
  return rules;
}

/** From the raw `tigang` and `files` sections a client sends; anything missing or malformed takes its default. */
export function normalizeSettings(tigang: unknown, files?: unknown): Settings {
  const t = asObject(tigang);
  const own = asObject(t.files);
  return {
    enumerations: readBoolean(t.enumerations, SETTINGS.enumerations),
    maxNameLength: Math.round(readNumber(t.maxNameLength, SETTINGS.maxNameLength)),
    charactersPerMinute: readNumber(t.charactersPerMinute, SETTINGS.charactersPerMinute),
    semanticHighlighting: readBoolean(t.semanticHighlighting, SETTINGS.semanticHighlighting),
    inlayHints: readBoolean(t.inlayHints, SETTINGS.inlayHints),
    diagnostics: {
      enabled: readBoolean(asObject(t.diagnostics).enabled, SETTINGS['diagnostics.enabled']),
      gbt9704: readBoolean(asObject(t.diagnostics).gbt9704, SETTINGS['diagnostics.gbt9704']),
    },
    files: {
      include: globList(own.include) ?? SETTINGS['files.include'].default,
      exclude: [...(excludeRules(own.exclude) ?? excludeRules(SETTINGS['files.exclude'].default)!), ...(excludeRules(asObject(files).exclude) ?? [])],
      maxFileSizeMB: readNumber(own.maxFileSizeMB, SETTINGS['files.maxFileSizeMB']),
    },
    rules: readRules(t.customRules, t.notHeadings),
  };
}

export const DEFAULT_SETTINGS: Settings = normalizeSettings(undefined, undefined);

function readBoolean(value: unknown, spec: { default: boolean }): boolean {
  return typeof value === 'boolean' ? value : spec.default;
}

/** A finite number clamped to the schema's bounds; a value at or below an exclusive minimum takes the default. */
function readNumber(value: unknown, spec: SettingSpec & { default: number }): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return spec.default;
  if (spec.exclusiveMinimum !== undefined && value <= spec.exclusiveMinimum) return spec.default;
  return Math.min(Math.max(value, spec.minimum ?? -Infinity), spec.maximum ?? Infinity);
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A glob or an array of globs; blanks dropped; undefined when nothing is left. */
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

/** What the manager needs of the client: one workspace/configuration request. */
export interface ConfigurationSource {
  /** The `tigang` and `files` sections for a scope (a document or folder URI; undefined: the window). Asked only after initialize({ pull: true }). */
  pull(scopeUri: string | undefined): Promise<[unknown, unknown]>;
}

export interface SettingsProvider {
  /** The settings for a document or folder. */
  get(scopeUri: string | undefined): Promise<Settings>;
  /** A document closed: settings cached for it can go. */
  forget(scopeUri: string): void;
}

export class ConfigurationManager implements SettingsProvider {
  private readonly perScope = new Map<string, Promise<Settings>>();
  /** Whether the client answers workspace/configuration; decided once, at initialize. */
  private pulling = false;
  /** What the client pushed, for clients that cannot be asked. */
  private pushed: { tigang?: unknown; files?: unknown } = {};
  private pushedSettings: Settings = DEFAULT_SETTINGS;
  private readonly listeners = new Set<() => void>();
  private readonly readListeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly source: ConfigurationSource,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** From initialize: pull when the client answers workspace/configuration, else read what it pushes. */
  initialize(options: { pull: boolean }): void {
    this.pulling = options.pull;
    this.perScope.clear();
  }

  get pulls(): boolean {
    return this.pulling;
  }

  get(scopeUri: string | undefined): Promise<Settings> {
    if (!this.pulling) return Promise.resolve(this.pushedSettings);
    const key = scopeUri ?? '';
    let settings = this.perScope.get(key);
    if (settings === undefined) {
      settings = this.source.pull(scopeUri).then(
        ([tigang, files]) => this.read(normalizeSettings(tigang, files)),
        (error: unknown) => {
          this.log(`Tigang could not read the settings for ${scopeUri ?? 'the window'}: ${String(error)}; using what was pushed or the defaults.`);
          return this.pushedSettings;
        },
      );
      this.perScope.set(key, settings);
    }
    return settings;
  }

  /** workspace/didChangeConfiguration: drops every cached answer, keeps what was pushed, and tells the listeners once. */
  changed(pushed: unknown): void {
    this.perScope.clear();
    if (pushed !== null && typeof pushed === 'object') {
      const { tigang, files } = pushed as { tigang?: unknown; files?: unknown };
      this.pushed = { tigang: tigang ?? this.pushed.tigang, files: files ?? this.pushed.files };
      this.pushedSettings = this.read(normalizeSettings(this.pushed.tigang, this.pushed.files));
    }
    for (const listener of this.listeners) listener();
  }

  forget(scopeUri: string): void {
    this.perScope.delete(scopeUri);
  }

  /** Settings as read from the client, for each scope asked and each push: user-defined rules are reported from here (server.ts). */
  onDidRead(listener: (settings: Settings) => void): { dispose(): void } {
    this.readListeners.add(listener);
    return { dispose: () => this.readListeners.delete(listener) };
  }

  private read(settings: Settings): Settings {
    for (const listener of this.readListeners) listener(settings);
    return settings;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}

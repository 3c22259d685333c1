// tigang.* settings, read per document through workspace/configuration and
// cached until the client says they changed (the lsp-sample pattern).

import { Connection } from 'vscode-languageserver';
import { NAME_CAP } from './engine';

export interface Settings {
  /** Include run-in points 一是/一要/一关于. */
  readonly enumerations: boolean;
  /** Names longer than this many characters are shortened with …. */
  readonly maxNameLength: number;
}

export const DEFAULT_SETTINGS: Settings = { enumerations: true, maxNameLength: 40 };

/** Accepts what a client sends, keeping defaults for anything missing or malformed. */
export function normalizeSettings(raw: unknown): Settings {
  const value = (raw ?? {}) as Record<string, unknown>;
  const enumerations = typeof value.enumerations === 'boolean' ? value.enumerations : DEFAULT_SETTINGS.enumerations;
  const length = typeof value.maxNameLength === 'number' && Number.isFinite(value.maxNameLength) ? Math.round(value.maxNameLength) : DEFAULT_SETTINGS.maxNameLength;
  return { enumerations, maxNameLength: Math.min(Math.max(length, 10), NAME_CAP - 1) };
}

export class SettingsCache {
  private readonly perDocument = new Map<string, Promise<Settings>>();
  /** Settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
  private global: Settings = DEFAULT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly pull: () => boolean,
  ) {}

  get(uri: string): Promise<Settings> {
    if (!this.pull()) return Promise.resolve(this.global);
    let settings = this.perDocument.get(uri);
    if (settings === undefined) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'tigang' })
        .then(normalizeSettings, () => this.global);
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  changed(pushed: unknown): void {
    this.perDocument.clear();
    const section = (pushed as { tigang?: unknown } | null | undefined)?.tigang;
    if (section !== undefined) this.global = normalizeSettings(section);
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }
}

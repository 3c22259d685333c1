// Time limits of sections (设置本节限时): the command that sets them, the
// workspace file that keeps them (.vscode/tigang-limits.json, read and
// written here; its rules are timeLimitStore.ts's), and what the 提纲 view
// and the status bar show of them: "3′42″ / 5′00″" (timeTexts.ts), marked when
// a section runs over with the theme colour tigang.overTime and the word 超时 / over.
//
// Limits are brought up to date with the document (renamed paths rewritten,
// deleted sections dropped) when the document is saved, not on every edit: a
// heading deleted by mistake and restored with Undo keeps its limit.

import * as vscode from 'vscode';
import { Config } from './config';
import { flash } from './editorUtil';
import { WORDING, formatCount } from './format';
import { formatDuration, speakingSeconds } from '../../server/src/engine/duration';
import { DocumentHeadings, HeadingEntry, headingAt } from './headings';
import { OutlineService } from './outlineService';
import { ItemDecoration, OutlineView } from './outlineView';
import { outlineTable } from './outlineTable';
import { countCharacters } from './textCount';
import { limitDecorationText, limitPromptText, limitSetText } from './timeTexts';
import { EffectiveLimit, EMPTY_LIMITS, FileLimits, LimitSection, LimitsFile, effectiveLimits, parseLimitsFile, parseMinutes, resolveLimits, serializeLimits, withLimit } from './timeLimitStore';

/** The file, relative to a workspace folder. */
export const LIMITS_FILE = '.vscode/tigang-limits.json';

export const OVER_TIME_COLOR = 'tigang.overTime';

export interface SetTimeLimitArgs {
  /** The section whose heading is on (or contains) this 0-based line; with neither line nor section, the whole document. */
  line?: number;
  /** Set the whole document's limit. */
  document?: boolean;
  /** Minutes without asking; 0 clears the limit. */
  minutes?: number;
}

/** The limits of one document version, as shown. */
export interface DocumentLimits {
  /** Non-whitespace characters of the whole document (text before the first heading too). */
  readonly characters: number;
  /** The whole document's limit in seconds. */
  readonly document: number | undefined;
  readonly sections: ReadonlyMap<LimitSection, EffectiveLimit>;
}

/** Characters of the whole document: the text before the first heading and the top-level sections (which hold everything after it). */
export function documentCharacters(doc: vscode.TextDocument, outline: DocumentHeadings): number {
  const first = outline.roots[0];
  if (first === undefined) return countCharacters(doc.getText());
  let n = countCharacters(doc.getText(new vscode.Range(0, 0, first.line, 0)));
  for (const root of outline.roots) n += root.characters;
  return n;
}

export class TimeLimits implements vscode.Disposable {
  /** Per workspace folder: the file as read last (undefined until the first read ends), or the message why it could not be. */
  private readonly files = new Map<string, LimitsFile | { error: string } | undefined>();
  /** Per workspace folder: the read in progress and its number; a read older than the last one or a write is discarded. */
  private readonly reads = new Map<string, { seq: number; done: Promise<void> }>();
  private readSeq = 0;
  private readonly shown = new Map<string, { version: number; outline: DocumentHeadings; limits: DocumentLimits }>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Limits changed (set, read from disk, settings): the status bar and the view show them anew. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly config: Config,
    private readonly outlines: OutlineService,
    private readonly view: OutlineView,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${LIMITS_FILE}`);
    // Changed on disk (by us, by git, by hand): read again, and show the last content until the new one is in,
    // so that a command right after a write does not find the limits gone.
    const reload = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder !== undefined && this.files.has(folder.uri.toString())) this.startRead(folder);
    };
    this.disposables.push(
      this.changed,
      watcher,
      watcher.onDidChange(reload),
      watcher.onDidCreate(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidSaveTextDocument((doc) => void this.reconcile(doc)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tigang.charactersPerMinute')) this.refresh();
      }),
    );
    view.provider.decorate = (uri, section) => this.decoration(uri, section);
  }

  private refresh(): void {
    this.shown.clear();
    this.view.provider.relabel();
    this.changed.fire();
  }

  /** The document's limits for this outline; empty until the workspace file has been read (onDidChange follows). */
  limitsOf(doc: vscode.TextDocument, outline: DocumentHeadings): DocumentLimits {
    const key = doc.uri.toString();
    const cached = this.shown.get(key);
    if (cached !== undefined && cached.version === doc.version && cached.outline === outline) return cached.limits;
    const characters = documentCharacters(doc, outline);
    const place = this.place(doc.uri);
    const file = place !== undefined ? this.fileOf(place.folder) : undefined;
    const stored = file !== undefined && !('error' in file) && place !== undefined ? file.files[place.path] : undefined;
    const { own } = resolveLimits(stored, outline.roots);
    const limits: DocumentLimits = {
      characters,
      document: stored?.document !== undefined ? Math.round(stored.document * 60) : undefined,
      sections: effectiveLimits(outline.roots, characters, own, stored?.document),
    };
    // Kept unless the workspace file is still being read (its arrival clears this cache).
    if (place === undefined || file !== undefined) this.shown.set(key, { version: doc.version, outline, limits });
    return limits;
  }

  /** The 提纲 view's hook: "3′42″ / 5′00″" after the statistics, a clock icon in the theme's over-time colour when it runs over. */
  private decoration(uri: string, section: HeadingEntry): ItemDecoration | undefined {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    // The headings the view shows (the service's cache may be between versions while the view still shows these).
    const outline = doc === undefined ? undefined : this.view.provider.uri === uri ? this.view.provider.headings : this.outlines.peek(doc);
    if (doc === undefined || outline === undefined) return undefined;
    const limit = this.limitsOf(doc, outline).sections.get(outline.all[section.index] ?? section);
    if (limit === undefined) return undefined;
    const { time, over, accessibility } = limitDecorationText(WORDING, speakingSeconds(section.characters, this.config.charactersPerMinute(doc.uri)), limit);
    return over ? { time, accessibility, iconPath: new vscode.ThemeIcon('watch', new vscode.ThemeColor(OVER_TIME_COLOR)) } : { time, accessibility };
  }

  /** The workspace folder of a document and its path there; undefined for untitled documents and files outside the workspace. */
  private place(uri: vscode.Uri): { folder: vscode.WorkspaceFolder; path: string } | undefined {
    if (uri.scheme !== 'file') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (folder === undefined) return undefined;
    const base = folder.uri.path.endsWith('/') ? folder.uri.path : folder.uri.path + '/';
    return uri.path.startsWith(base) ? { folder, path: uri.path.slice(base.length) } : undefined;
  }

  /** The document's limits once the workspace file has been read: for commands, which must not answer "no limits" while it is. */
  async limitsWhenRead(doc: vscode.TextDocument, outline: DocumentHeadings): Promise<DocumentLimits> {
    const place = this.place(doc.uri);
    if (place !== undefined) {
      this.fileOf(place.folder);
      const key = place.folder.uri.toString();
      // A read may start while one is awaited (the watcher saw a write): wait for the last.
      for (let read = this.reads.get(key); read !== undefined; read = this.reads.get(key)) {
        await read.done;
        if (this.reads.get(key) === read) break;
      }
    }
    return this.limitsOf(doc, outline);
  }

  /** The folder's limits file as read last; starts reading it (and returns undefined) the first time. */
  private fileOf(folder: vscode.WorkspaceFolder): LimitsFile | { error: string } | undefined {
    const key = folder.uri.toString();
    if (this.files.has(key)) return this.files.get(key);
    this.files.set(key, undefined);
    this.startRead(folder);
    return undefined;
  }

  private startRead(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    const seq = ++this.readSeq;
    const done = this.read(folder).then((file) => {
      if (this.reads.get(key)?.seq !== seq) return; // a newer read or a write came after
      this.reads.delete(key);
      const before = this.files.get(key);
      this.files.set(key, file);
      if (before === undefined || serializedOf(before) !== serializedOf(file)) this.refresh();
    });
    this.reads.set(key, { seq, done });
  }

  private async read(folder: vscode.WorkspaceFolder): Promise<LimitsFile | { error: string }> {
    const uri = vscode.Uri.joinPath(folder.uri, LIMITS_FILE);
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return EMPTY_LIMITS; // no file yet
    }
    const parsed = parseLimitsFile(text);
    if (parsed.ok) return parsed.limits;
    this.log.warn(`${uri.fsPath}: ${parsed.message}`);
    return { error: parsed.message };
  }

  /** Reads the file afresh, changes one document's limits and writes it back; refuses (with a message) when the file is not a limits file. */
  private async update(folder: vscode.WorkspaceFolder, path: string, change: (stored: FileLimits | undefined) => FileLimits): Promise<boolean> {
    const uri = vscode.Uri.joinPath(folder.uri, LIMITS_FILE);
    const current = await this.read(folder);
    if ('error' in current) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Tigang: {0} is not a time limits file ({1}); it was left as it is.', LIMITS_FILE, current.error));
      return false;
    }
    const next: LimitsFile = { version: 1, files: { ...current.files, [path]: change(current.files[path]) } };
    const text = serializeLimits(next);
    if (text === serializeLimits(current)) return true;
    try {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder.uri, '.vscode'));
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Tigang: could not write {0}: {1}', LIMITS_FILE, error instanceof Error ? error.message : String(error)));
      return false;
    }
    // What was written is what the file holds: a read begun before the write is out of date.
    this.reads.delete(folder.uri.toString());
    this.files.set(folder.uri.toString(), next);
    this.refresh();
    return true;
  }

  /** On save: limits follow renamed and renumbered headings into the file, and leave with deleted ones. */
  private async reconcile(doc: vscode.TextDocument): Promise<void> {
    const place = this.place(doc.uri);
    if (place === undefined || !this.outlines.serves(doc)) return;
    // Read afresh: the cached copy may be on its way (the file watcher drops it after every write).
    const file = await this.read(place.folder);
    if ('error' in file || file.files[place.path] === undefined) return;
    const outline = await this.outlines.get(doc);
    if (outline === undefined || outline.version !== doc.version) return;
    if (!resolveLimits(file.files[place.path], outline.roots).changed) return;
    await this.update(place.folder, place.path, (stored) => resolveLimits(stored, outline.roots).file);
  }

  /**
   * tigang.setTimeLimit: asks which (the section under the cursor, one of
   * its ancestors, or the whole document) unless told, then the minutes.
   * Returns the minutes set (0 when cleared), undefined when nothing changed.
   */
  async setTimeLimit(args?: SetTimeLimitArgs | { heading?: HeadingEntry }): Promise<number | undefined> {
    const found = await this.outlines.active();
    if (found === undefined) return undefined;
    const { editor, headings: outline } = found;
    const place = this.place(editor.document.uri);
    if (place === undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Tigang: time limits are kept in the workspace folder ({0}); this document is not in one.', LIMITS_FILE));
      return undefined;
    }
    const a = (args ?? {}) as SetTimeLimitArgs;
    // From the 提纲 view's context menu the argument is its node, which holds the section.
    const fromView = (args as { heading?: HeadingEntry } | undefined)?.heading;
    let target: HeadingEntry | 'document' | undefined =
      a.document === true ? 'document' : fromView !== undefined ? outline.all[fromView.index] : a.line !== undefined ? headingAt(outline, a.line) : undefined;
    if (target === undefined && a.minutes !== undefined) target = 'document';
    if (target === undefined) target = await this.pickTarget(outline, editor);
    if (target === undefined) return undefined;
    const section = target === 'document' ? undefined : target;
    const limits = await this.limitsWhenRead(editor.document, outline);
    const ownLimit = section !== undefined ? limits.sections.get(section) : undefined;
    const currentSeconds = section === undefined ? limits.document : ownLimit?.own ? ownLimit.seconds : undefined;
    let minutes = a.minutes;
    if (minutes === undefined) {
      const perMinute = this.config.charactersPerMinute(editor.document.uri);
      const characters = section?.characters ?? limits.characters;
      const input = await vscode.window.showInputBox({
        title: section !== undefined ? vscode.l10n.t('Time limit for {0}', section.name) : vscode.l10n.t('Time limit for the whole document'),
        prompt: limitPromptText(WORDING, characters, perMinute),
        // The limit as it is shown everywhere (5′00″); parseMinutes reads it back.
        value: currentSeconds !== undefined ? formatDuration(currentSeconds) : '',
        validateInput: (value) => (value.trim() === '' || parseMinutes(value) !== undefined ? undefined : vscode.l10n.t('A number of minutes above 0, such as 5, 4.5 or 4:30')),
      });
      if (input === undefined) return undefined;
      minutes = input.trim() === '' ? 0 : parseMinutes(input);
      if (minutes === undefined) return undefined;
    }
    if (!Number.isFinite(minutes) || minutes < 0) return undefined;
    const ok = await this.update(place.folder, place.path, (stored) => withLimit(stored, outline.roots, section, minutes > 0 ? minutes : undefined));
    if (!ok) return undefined;
    flash(limitSetText(WORDING, minutes));
    return minutes;
  }

  private async pickTarget(outline: DocumentHeadings, editor: vscode.TextEditor): Promise<HeadingEntry | 'document' | undefined> {
    // The section under the cursor first (Enter takes it), then its ancestors, then the whole document.
    const items: (vscode.QuickPickItem & { target: HeadingEntry | 'document' })[] = [];
    for (let s = headingAt(outline, editor.selection.active.line); s !== undefined; s = s.parent) {
      items.push({ label: s.name, description: s.parent !== undefined ? vscode.l10n.t('level {0}', s.depth + 1) : undefined, target: s });
    }
    items.push({ label: vscode.l10n.t('The whole document'), target: 'document' });
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Tigang: set a time limit'),
      placeHolder: vscode.l10n.t('For which section?'),
    });
    return picked?.target;
  }

  dispose(): void {
    this.view.provider.decorate = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

/** A file as read, comparable: an error by its message. */
function serializedOf(file: LimitsFile | { error: string }): string {
  return 'error' in file ? `error: ${file.error}` : serializeLimits(file);
}

/** Copy DocumentHeadings's `table` format, with the document's limits (outlineTable.ts). */
export async function outlineTableText(doc: vscode.TextDocument, outline: DocumentHeadings, limits: TimeLimits, perMinute: number, eol: string): Promise<string> {
  const columns = { level: vscode.l10n.t('Level'), heading: vscode.l10n.t('Heading'), characters: vscode.l10n.t('Chars'), duration: vscode.l10n.t('Duration'), limit: vscode.l10n.t('Limit') };
  const { sections } = await limits.limitsWhenRead(doc, outline);
  return outlineTable(outline.all, columns, (s) => speakingSeconds(s.characters, perMinute), sections, formatCount, eol);
}

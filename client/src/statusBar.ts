// The writer's status bar: the document's length (全文 12,345 字 · 约 56 分钟)
// or, with a selection, the selection's (选中 812 字 · 3 分 42 秒); beside it
// the section under the cursor with its speaking time against its time limit
// (二、重点任务 3:42 / 5:00), on the warning background with the word 超时 /
// over when it runs over. Clicking either opens Jump to HeadingEntry. Counts are
// the server's (non-whitespace code points; selections counted here with
// textCount.ts), at tigang.charactersPerMinute.

import * as vscode from 'vscode';
import { Config } from './config';
import { formatCount } from './format';
import { DocumentHeadings, HeadingEntry, headingAt, speakingSeconds } from './headings';
import { OutlineService } from './outlineService';
import { countSelections } from './textCount';
import { TimeLimits, formatDuration, limitText } from './timeLimits';

/** HeadingEntry names longer than this are shortened in the status bar (the tooltip has them whole). */
const NAME_WIDTH = 16;

/** "约 56 分钟" / "about 56 min" for a whole document: minutes are enough. */
export function formatAbout(seconds: number): string {
  return seconds >= 60 ? vscode.l10n.t('about {0} min', Math.round(seconds / 60)) : vscode.l10n.t('about {0} s', seconds);
}

export class WriterStatusBar implements vscode.Disposable {
  /** The document's or the selection's length. */
  readonly length = vscode.window.createStatusBarItem('tigang.length', vscode.StatusBarAlignment.Right, 101);
  /** The section under the cursor. */
  readonly section = vscode.window.createStatusBarItem('tigang.section', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;

  constructor(
    private readonly config: Config,
    private readonly outlines: OutlineService,
    private readonly limits: TimeLimits,
  ) {
    this.length.name = vscode.l10n.t('Tigang: length');
    this.section.name = vscode.l10n.t('Tigang: section under the cursor');
    this.length.command = 'tigang.jumpToSection';
    this.section.command = 'tigang.jumpToSection';
    const soon = () => this.schedule();
    this.disposables.push(
      this.length,
      this.section,
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) soon();
      }),
      outlines.onDidChange(soon),
      limits.onDidChange(soon),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tigang.charactersPerMinute')) soon();
      }),
    );
    void this.update();
  }

  /** Selections change with every arrow key: show them after a short pause. */
  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, 50);
  }

  /** Shows the active editor's length and section; hides both for documents Tigang does not serve. Resolves when shown. */
  async update(): Promise<void> {
    const seq = ++this.seq;
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined || !this.outlines.serves(editor.document)) {
      this.length.hide();
      this.section.hide();
      return;
    }
    const doc = editor.document;
    const outline = this.outlines.peek(doc) ?? (await this.outlines.get(doc));
    if (seq !== this.seq) return;
    if (outline === undefined || outline.version !== doc.version) return; // the next outline brings an update
    this.show(editor, outline);
  }

  private show(editor: vscode.TextEditor, outline: DocumentHeadings): void {
    const doc = editor.document;
    const perMinute = this.config.charactersPerMinute(doc.uri);
    const limits = this.limits.limitsOf(doc, outline);
    const selected = editor.selections.filter((s) => !s.isEmpty);
    if (selected.length > 0) {
      const n = countSelections(selected.map((s) => doc.getText(s)));
      this.length.text = vscode.l10n.t('Selected {0} chars · {1}', formatCount(n), formatDuration(speakingSeconds(n, perMinute)));
    } else {
      const spoken = speakingSeconds(limits.characters, perMinute);
      this.length.text = vscode.l10n.t('Total {0} chars · {1}', formatCount(limits.characters), formatAbout(spoken));
      if (limits.document !== undefined) this.length.text += ` · ${limitText(spoken, limits.document).text}`;
    }
    const documentOver = selected.length === 0 && limits.document !== undefined && speakingSeconds(limits.characters, perMinute) > limits.document;
    this.length.backgroundColor = documentOver ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    if (documentOver) this.length.text += ` ${vscode.l10n.t('over')}`;
    this.length.tooltip = vscode.l10n.t('{0} characters a minute (tigang.charactersPerMinute). Click to jump to a section.', perMinute);
    this.length.accessibilityInformation = { label: this.length.text };
    this.length.show();

    const section = headingAt(outline, editor.selection.active.line);
    if (section === undefined || editor.selection.active.line < section.line) {
      this.section.hide();
      return;
    }
    this.showSection(section, perMinute, limits.sections.get(section));
  }

  private showSection(section: HeadingEntry, perMinute: number, limit: { seconds: number; own: boolean } | undefined): void {
    const spoken = speakingSeconds(section.characters, perMinute);
    const name = [...section.name].length > NAME_WIDTH ? [...section.name].slice(0, NAME_WIDTH - 1).join('') + '…' : section.name;
    const path: string[] = [];
    for (let s: HeadingEntry | undefined = section; s !== undefined; s = s.parent) path.unshift(s.name);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(path.join(' › '));
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(vscode.l10n.t('{0} chars · {1}', formatCount(section.characters), formatDuration(spoken)));
    if (limit === undefined) {
      this.section.text = `$(list-tree) ${name} · ${formatDuration(spoken)}`;
      this.section.backgroundColor = undefined;
      this.section.accessibilityInformation = { label: `${section.name}, ${vscode.l10n.t('{0} chars · {1}', formatCount(section.characters), formatDuration(spoken))}` };
    } else {
      const { text, over } = limitText(spoken, limit.seconds);
      this.section.text = `$(${over ? 'watch' : 'list-tree'}) ${name} ${text}${over ? ` ${vscode.l10n.t('over')}` : ''}`;
      this.section.backgroundColor = over ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      tooltip.appendMarkdown('\n\n');
      tooltip.appendText(limit.own ? vscode.l10n.t('Time limit {0}', formatDuration(limit.seconds)) : vscode.l10n.t('Its share of the parent section’s time limit: {0}', formatDuration(limit.seconds)));
      this.section.accessibilityInformation = {
        label: `${section.name}, ${formatDuration(spoken)}, ${over ? vscode.l10n.t('over the limit of {0} by {1}', formatDuration(limit.seconds), formatDuration(spoken - limit.seconds)) : vscode.l10n.t('limit {0}', formatDuration(limit.seconds))}`,
      };
    }
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(vscode.l10n.t('Click to jump to a section.'));
    this.section.tooltip = tooltip;
    this.section.show();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

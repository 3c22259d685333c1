// The writer's status bar: the document's length (全文 12,345 字 · 56′07″)
// or, with a selection, the selection's (选中 814 字 · 3′42″); beside it
// the section under the cursor with its speaking time against its time limit
// (二、重点任务 3′42″ / 5′00″), on the warning background with the word 超时 /
// over when it runs over. Clicking either opens Jump to Section. Counts are
// the server's (non-whitespace code points; selections counted here with
// textCount.ts), at tigang.charactersPerMinute; the texts are timeTexts.ts's.

import * as vscode from 'vscode';
import { Config } from './config';
import { WORDING } from './format';
import { DocumentHeadings, HeadingEntry, headingAt } from './headings';
import { OutlineService } from './outlineService';
import { countSelections } from './textCount';
import { TimeLimits } from './timeLimits';
import { ShownLimit, documentLengthText, sectionStatusTexts, selectionLengthText } from './timeTexts';

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
    let documentOver = false;
    if (selected.length > 0) {
      this.length.text = selectionLengthText(WORDING, countSelections(selected.map((s) => doc.getText(s))), perMinute);
    } else {
      const { text, over } = documentLengthText(WORDING, limits.characters, perMinute, limits.document);
      this.length.text = text;
      documentOver = over;
    }
    this.length.backgroundColor = documentOver ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
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

  private showSection(section: HeadingEntry, perMinute: number, limit: ShownLimit | undefined): void {
    const path: string[] = [];
    for (let s: HeadingEntry | undefined = section; s !== undefined; s = s.parent) path.unshift(s.name);
    const { text, over, tooltip, accessibility } = sectionStatusTexts(WORDING, { name: section.name, characters: section.characters, path }, perMinute, limit);
    this.section.text = text;
    this.section.backgroundColor = over ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const markdown = new vscode.MarkdownString();
    tooltip.forEach((paragraph, i) => {
      if (i > 0) markdown.appendMarkdown('\n\n');
      markdown.appendText(paragraph);
    });
    this.section.tooltip = markdown;
    this.section.accessibilityInformation = { label: accessibility };
    this.section.show();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

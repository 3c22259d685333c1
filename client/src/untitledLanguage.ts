// A draft pasted into a new untitled editor is plain text until VS Code's
// language detection (workbench.editor.languageDetection) guesses otherwise:
// Chinese drafts with numbered headings come out as "Ini" within a second,
// and Tigang would stop outlining them. An untitled document that Tigang
// outlined with headings, that is mostly Chinese, and whose language then
// changed to one Tigang does not serve, is set back to the language it had —
// once per document, so a user who picks another language on purpose and
// picks it again keeps it.

import * as vscode from 'vscode';
import { mostlyChinese } from './chineseText';
import { OutlineService } from './outlineService';

interface DraftState {
  /** The served language the draft had when Tigang found headings in it. */
  language: string | undefined;
  /** Set back once already. */
  restored: boolean;
}

export class UntitledLanguageGuard implements vscode.Disposable {
  private readonly drafts = new Map<string, DraftState>();
  /** Drafts just closed: a language change opens them again at once (Untitled-1 is reused for the next new file). */
  private readonly closing = new Map<string, DraftState>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly outlines: OutlineService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      outlines.onDidChange((uri) => {
        if (uri.scheme === 'untitled') this.note(uri);
      }),
      // A language change closes the document and opens it again, in the same turn, with the new language id.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const key = doc.uri.toString();
        const state = this.drafts.get(key);
        if (state === undefined) return;
        this.drafts.delete(key);
        this.closing.set(key, state);
        setTimeout(() => this.closing.delete(key), 0);
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => void this.reopened(doc)),
    );
  }

  private note(uri: vscode.Uri): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc === undefined || !this.outlines.serves(doc)) return;
    const headings = this.outlines.peek(doc);
    if (headings === undefined || headings.all.length === 0) return;
    const key = uri.toString();
    const state = this.drafts.get(key);
    if (state === undefined) this.drafts.set(key, { language: doc.languageId, restored: false });
    else state.language = doc.languageId;
  }

  private async reopened(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const state = this.closing.get(key);
    if (state === undefined) return;
    this.closing.delete(key);
    this.drafts.set(key, state);
    const language = state.language;
    if (language === undefined || state.restored || this.outlines.serves(doc) || !mostlyChinese(doc.getText())) return;
    state.restored = true;
    this.log.info(`${key} was detected as ${doc.languageId}; Tigang outlined it as ${language} (headings, mostly Chinese): set back to ${language}`);
    try {
      await vscode.languages.setTextDocumentLanguage(doc, language);
    } catch (error) {
      this.log.warn(`setting ${key} back to ${language}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

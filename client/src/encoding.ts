// GBK/GB18030 files. Many Chinese documents are still saved as GBK; VS Code
// opens them as UTF-8 (files.autoGuessEncoding is off by default, and a
// guess can mistake short texts or Latin-1 files), showing replacement
// characters and no headings. A plain-text file Tigang serves whose bytes
// the server's own detection (server/src/decode.ts: a BOM, else valid UTF-8,
// else GB18030 — the rule the workspace index and the CLI read files by)
// finds to be GB18030, and that reads as Chinese, is reopened with that
// encoding. The second condition is the client's alone: reopening changes
// what the user sees, and a Latin-1 file that happens to decode as GB18030
// would turn into nonsense (the index only reads names, and such a file has
// none). Turned off with tigang.reopenGbkFiles.

import * as vscode from 'vscode';
import { decodeText } from '../../server/src/decode';
import { readsAsChinese } from './chineseText';
import { Config } from './config';
import { rememberView } from './editorUtil';

/** Files larger than this are left as VS Code opened them. */
const MAX_BYTES = 50 * 1024 * 1024;

/** Whether these bytes are a GB18030 text that VS Code should not read as UTF-8. */
export function looksLikeGb18030(bytes: Uint8Array): boolean {
  const decoded = decodeText(bytes);
  return 'text' in decoded && decoded.encoding === 'gb18030' && readsAsChinese(decoded.text);
}

export class EncodingFixer implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** One check per open document; a second caller waits for the same one. */
  private readonly checks = new Map<string, Promise<boolean>>();

  constructor(
    private readonly serves: (doc: vscode.TextDocument) => boolean,
    private readonly config: Config,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => void this.check(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.checks.delete(doc.uri.toString())),
    );
    for (const doc of vscode.workspace.textDocuments) void this.check(doc);
  }

  /** Reopens the document as GB18030 when it should be; resolves with whether it did. */
  check(doc: vscode.TextDocument): Promise<boolean> {
    if (doc.uri.scheme !== 'file' || doc.isDirty || !this.serves(doc)) return Promise.resolve(false);
    if (!this.config.reopenGbkFiles(doc.uri)) return Promise.resolve(false);
    const key = doc.uri.toString();
    let check = this.checks.get(key);
    if (check === undefined) {
      check = doc.encoding === 'gb18030' || doc.encoding === 'gbk' || !doc.getText().includes('\ufffd') ? Promise.resolve(false) : this.reopen(doc);
      this.checks.set(key, check);
    }
    return check;
  }

  private async reopen(doc: vscode.TextDocument): Promise<boolean> {
    try {
      const stat = await vscode.workspace.fs.stat(doc.uri);
      if (stat.size > MAX_BYTES) return false;
      const bytes = await vscode.workspace.fs.readFile(doc.uri);
      if (!looksLikeGb18030(bytes) || doc.isDirty || doc.isClosed) return false;
      // Reloading the text puts VS Code's cursor at the end of the file while
      // the editor still shows the top: the first character typed would land
      // out of sight. Keep each editor's cursor and scroll position; an editor
      // that appears meanwhile starts at the top, as any file opened does.
      const views = new Map(this.editorsOf(doc).map((editor) => [editor, rememberView(editor)]));
      await vscode.workspace.openTextDocument(doc.uri, { encoding: 'gb18030' });
      for (const editor of this.editorsOf(doc)) {
        const restore = views.get(editor);
        if (restore !== undefined) restore(editor);
        else revealTop(editor);
      }
      this.log.info(`${doc.uri.fsPath} is not UTF-8 but GB18030 (GBK): reopened with that encoding`);
      return true;
    } catch (error) {
      this.log.warn(`could not check the encoding of ${doc.uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  private editorsOf(doc: vscode.TextDocument): vscode.TextEditor[] {
    return vscode.window.visibleTextEditors.filter((editor) => editor.document === doc);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function revealTop(editor: vscode.TextEditor): void {
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
}

// GBK/GB18030 files. Many Chinese documents are still saved as GBK; VS Code
// opens them as UTF-8 (files.autoGuessEncoding is off by default, and a
// guess can mistake short texts or Latin-1 files), showing replacement
// characters and no headings. When a plain-text file Tigang serves is not
// valid UTF-8, has no BOM, and decodes as GB18030 (a superset of GBK) into
// text that is mostly Chinese, it is reopened with that encoding — the same
// rule the server uses to index files on disk (BOM, else valid UTF-8, else
// GB18030). Turned off with tigang.reopenGbkFiles.

import * as vscode from 'vscode';
import * as config from './config';

/** Files larger than this are left as VS Code opened them. */
const MAX_BYTES = 50 * 1024 * 1024;

/** Whether these bytes are a GB18030 text that VS Code should not read as UTF-8. */
export function looksLikeGb18030(bytes: Uint8Array): boolean {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return false;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false; // valid UTF-8
  } catch {
    // not UTF-8: try GB18030
  }
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // Latin-1 or Windows-1252 bytes can form valid GB18030 pairs too; they
  // decode to scattered rare ideographs among Latin text. Require that most
  // non-ASCII characters are common CJK characters or full-width punctuation.
  let nonAscii = 0;
  let chinese = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) continue;
    nonAscii++;
    if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xffef) || code === 0x2014 || code === 0x2026 || (code >= 0x2018 && code <= 0x201d)) chinese++;
  }
  return nonAscii > 0 && chinese / nonAscii >= 0.9;
}

export class EncodingFixer implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** One check per open document; a second caller waits for the same one. */
  private readonly checks = new Map<string, Promise<boolean>>();

  constructor(
    private readonly serves: (doc: vscode.TextDocument) => boolean,
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
    if (!config.reopenGbkFiles(doc.uri)) return Promise.resolve(false);
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
      await vscode.workspace.openTextDocument(doc.uri, { encoding: 'gb18030' });
      this.log.info(`${doc.uri.fsPath} is not UTF-8 but GB18030 (GBK): reopened with that encoding`);
      return true;
    } catch (error) {
      this.log.warn(`could not check the encoding of ${doc.uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

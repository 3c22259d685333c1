// Wiring: the language client, the outline service, the 提纲 view and the
// commands. activate() returns a small API: the tests drive the extension
// through it, and other extensions may read outlines through it.

import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { previewDecoration } from './editorUtil';
import { EncodingFixer } from './encoding';
import { JumpToSection } from './jump';
import { Outline } from './outline';
import { OutlineService } from './outlineService';
import { OutlineView } from './outlineView';
import { SearchSections } from './search';
import { ServerManager } from './server';

export interface TigangApi {
  /** The outline of a document (undefined when Tigang does not serve it). */
  getOutline(document: vscode.TextDocument): Promise<Outline | undefined>;
  readonly server: ServerManager;
  readonly outlines: OutlineService;
  readonly view: OutlineView;
  readonly jump: JumpToSection;
  readonly search: SearchSections;
  readonly encodings: EncodingFixer;
  readonly log: vscode.LogOutputChannel;
}

let server: ServerManager | undefined;

export function activate(context: vscode.ExtensionContext): TigangApi {
  const log = vscode.window.createOutputChannel('Tigang 提纲', { log: true });
  context.subscriptions.push(log, previewDecoration);
  log.info(`Tigang ${String(context.extension.packageJSON.version)} activating (VS Code ${vscode.version}, ${vscode.env.language})`);

  server = new ServerManager(context, log);
  const encodings = new EncodingFixer((doc) => server!.serves(doc), log);
  const outlines = new OutlineService(server, log);
  const view = new OutlineView(outlines, log);
  const jump = new JumpToSection(outlines);
  const search = new SearchSections(server, encodings);
  context.subscriptions.push(encodings, outlines, view, jump, search);
  registerCommands(context, server, outlines, view, log);

  // Start the server at once when there is something for it to do: an open
  // document it serves, or a workspace whose headings it indexes for
  // workspace symbols. Otherwise it starts with the first such document.
  const hasFolder = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  if (hasFolder || vscode.workspace.textDocuments.some((d) => server!.serves(d))) void server.ready();

  const manager = server;
  return {
    getOutline: (document) => outlines.get(document),
    server: manager,
    outlines,
    view,
    jump,
    search,
    encodings,
    log,
  };
}

export async function deactivate(): Promise<void> {
  const s = server;
  server = undefined;
  await s?.dispose();
}

// Wiring: the settings, the language client, the headings of open
// documents, the 提纲 view, the pickers and the command table. activate()
// returns the small API other extensions may use (README, "For other
// extensions"); in ExtensionMode.Test it also hands the suite the parts it
// drives (test/e2e).

import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Config } from './config';
import { previewDecoration } from './editorUtil';
import { EncodingFixer } from './encoding';
import { OutlineFilter } from './filter';
import { SectionFocus } from './focus';
import { DocumentHeadings } from './headings';
import { JumpToSection } from './jump';
import { trackLevels } from './levels';
import { trackArticles } from './numbering';
import { OutlineService } from './outlineService';
import { OutlineView } from './outlineView';
import { SearchSections } from './search';
import { RequestCounts, ServerManager } from './server';
import { WriterStatusBar } from './statusBar';
import { StructureEditing } from './structure';
import { TimeLimits } from './timeLimits';
import { UntitledLanguageGuard } from './untitledLanguage';

export interface TigangApi {
  /**
   * The headings of a document as they are now, with each section's
   * character count; undefined when Tigang does not outline the document or
   * its language server is not available.
   */
  getHeadings(document: vscode.TextDocument): Promise<DocumentHeadings | undefined>;
  /** Fires with a document's uri when its headings changed (an edit, a settings change, a server restart). */
  readonly onDidChangeHeadings: vscode.Event<vscode.Uri>;
  /** The parts the VS Code suite drives; only in ExtensionMode.Test. */
  readonly testing?: TigangTesting;
}

export interface TigangTesting {
  readonly server: ServerManager;
  readonly outlines: OutlineService;
  readonly view: OutlineView;
  readonly jump: JumpToSection;
  readonly search: SearchSections;
  readonly encodings: EncodingFixer;
  readonly limits: TimeLimits;
  readonly statusBar: WriterStatusBar;
  readonly focus: SectionFocus;
  readonly filter: OutlineFilter;
  readonly structure: StructureEditing;
  /** Requests VS Code made through the language client. */
  readonly requests: RequestCounts;
  /** The language server's process id. */
  pid(): number | undefined;
}

let server: ServerManager | undefined;

export function activate(context: vscode.ExtensionContext): TigangApi {
  const log = vscode.window.createOutputChannel('Tigang 提纲', { log: true });
  context.subscriptions.push(log, previewDecoration);
  log.info(`Tigang ${String(context.extension.packageJSON.version)} activating (VS Code ${vscode.version}, ${vscode.env.language})`);

  const config = new Config(context.extension.packageJSON);
  const manager = new ServerManager(context, config, log);
  server = manager;
  const encodings = new EncodingFixer((doc) => manager.serves(doc), config, log);
  const outlines = new OutlineService(manager, log);
  const view = new OutlineView(context, config, manager, outlines, log);
  const jump = new JumpToSection(outlines, config);
  const search = new SearchSections(manager, encodings);
  const untitled = new UntitledLanguageGuard(outlines, log);
  const limits = new TimeLimits(config, outlines, view, log);
  const statusBar = new WriterStatusBar(config, outlines, limits);
  const focus = new SectionFocus(outlines);
  const filter = new OutlineFilter(view);
  const structure = new StructureEditing(manager, outlines, view, log);
  view.dragAndDrop.moveTo = (uri, version, line, targetLine) => structure.moveTo(uri, version, line, targetLine);
  context.subscriptions.push(encodings, outlines, view, jump, search, untitled, limits, statusBar, focus, filter, trackLevels(outlines), trackArticles(outlines));
  context.subscriptions.push(registerCommands({ config, server: manager, outlines, view, jump, search, log, limits, focus, filter, structure }));

  // Start the server at once when there is something for it to do: an open
  // document it serves, or a workspace whose headings it indexes for
  // workspace symbols. Otherwise it starts with the first such document.
  const hasFolder = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  if (hasFolder || vscode.workspace.textDocuments.some((d) => manager.serves(d))) void manager.ready();

  const api: TigangApi = {
    getHeadings: (document) => outlines.get(document),
    onDidChangeHeadings: outlines.onDidChange,
  };
  if (context.extensionMode !== vscode.ExtensionMode.Test || manager.requests === undefined) return api;
  const requests = manager.requests;
  return { ...api, testing: { server: manager, outlines, view, jump, search, encodings, limits, statusBar, focus, filter, structure, requests, pid: () => manager.testPid() } };
}

export async function deactivate(): Promise<void> {
  const s = server;
  server = undefined;
  await s?.dispose();
}

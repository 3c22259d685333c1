// TEMPORARY: the connection side of the workspace feature, until server.ts
// (the one place that registers connection.on* handlers) takes it over. Both
// parts move there as they are: the WorkspaceHost built from the connection,
// and one handler per request or notification calling a WorkspaceFeature
// method.

import { Connection, DidChangeWatchedFilesNotification, InitializeParams, TextDocuments, WorkspaceSymbolRequest } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SettingsProvider } from '../configuration';
import { OutlineCache } from '../engine';
import { IndexStatusRequest, SearchSectionsRequest } from '@tigang/protocol';
import { WorkspaceFeature, WorkspaceHost } from './feature';
import { WorkspaceFs } from './fs';

/** The feature's needs, answered by the connection, the open documents and their outlines, and the settings pipeline. */
export function connectionHost(connection: Connection, documents: TextDocuments<TextDocument>, outlines: OutlineCache, settings: SettingsProvider): WorkspaceHost {
  return {
    log: (message) => connection.console.log(message),
    openDocument: (uri) => {
      const doc = documents.get(uri);
      return doc === undefined ? undefined : { uri: doc.uri, outline: (options) => outlines.get(doc, options) };
    },
    folderSettings: (scopeUri) => settings.get(scopeUri),
    watchFiles: (watchers) => connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }),
    createProgress: () => connection.window.createWorkDoneProgress(),
  };
}

/**
 * Creates the feature and registers its handlers. server.ts calls
 * initialize(), start() and configurationChanged() of what this returns from
 * its onInitialize, onInitialized and onDidChangeConfiguration (the
 * connection takes one handler per notification).
 */
export function registerWorkspaceHandlers(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  outlines: OutlineCache,
  fs: WorkspaceFs,
  settings: SettingsProvider,
): Pick<WorkspaceFeature, 'initialize' | 'start' | 'configurationChanged'> {
  const feature = new WorkspaceFeature(connectionHost(connection, documents, outlines, settings), fs);
  let folderEvents = false;
  connection.onRequest(WorkspaceSymbolRequest.type, (params, token) => feature.workspaceSymbols(params, token));
  connection.onRequest(SearchSectionsRequest.method, (params: unknown, token) => feature.searchSections(params, token));
  connection.onRequest(IndexStatusRequest, () => feature.indexStatus());
  connection.onDidChangeWatchedFiles((params) => feature.watchedFilesChanged(params));
  documents.onDidChangeContent((e) => feature.documentChanged(e.document.uri));
  documents.onDidClose((e) => feature.documentClosed(e.document.uri));
  return {
    initialize(params: InitializeParams) {
      folderEvents = params.capabilities.workspace?.workspaceFolders === true;
      feature.initialize(params);
    },
    start() {
      // Only after initialize: the library registers the notification with the client then.
      if (folderEvents) connection.workspace.onDidChangeWorkspaceFolders((e) => void feature.workspaceFoldersChanged(e));
      return feature.start();
    },
    configurationChanged: () => feature.configurationChanged(),
  };
}

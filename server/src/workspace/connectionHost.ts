// The workspace feature's host answered by the connection: its log, the open
// documents and their outlines, the settings pipeline, file watchers the
// client registers, work-done progress. server.ts registers the handlers.

import { Connection, DidChangeWatchedFilesNotification, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SettingsProvider } from '../configuration';
import { OutlineCache } from '../engine';
import { WorkspaceHost } from './feature';

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

// The benchmark's peer: vscode-markdown-languageservice (the engine of VS
// Code's Markdown outline) behind a minimal LSP server over stdio, parsing
// with markdown-it as VS Code does. Self-contained: markdown-it runs in this
// process, so no tokens cross the pipe (the server VS Code ships asks its
// client for them with markdown/parse instead; see lspClient.ts for that mode).
//
// Answers textDocument/documentSymbol, selectionRange and foldingRange, with
// incremental sync, for the documents the client opens.
//
// Bundled on its own by bench.ts (esbuild, all packages inlined) to
// out/bench/markdownServer.js; run as `node markdownServer.js --stdio`.

import MarkdownIt from 'markdown-it';
import {
  createConnection,
  Emitter,
  InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { URI } from 'vscode-uri';
import {
  createLanguageService,
  githubSlugifier,
  ILogger,
  IMdParser,
  ITextDocument,
  IWorkspace,
  LogLevel,
} from 'vscode-markdown-languageservice';

const connection = createConnection();
const documents = new TextDocuments(TextDocument);

// markdown-it configured like VS Code's Markdown engine (html on; VS Code adds
// plugins for front matter, KaTeX etc. that plain prose never triggers).
const md = new MarkdownIt({ html: true, linkify: true });

/**
 * VS Code's MarkdownItEngine keeps the tokens of the last document version it
 * tokenized; the language service asks for them more than once per request
 * (smart select and the table of contents both tokenize).
 */
let tokenCache: { uri: string; version: number; tokens: ReturnType<MarkdownIt['parse']> } | undefined;

const parser: IMdParser = {
  slugifier: githubSlugifier,
  async tokenize(document: ITextDocument) {
    if (tokenCache?.uri === document.uri && tokenCache.version === document.version) return tokenCache.tokens;
    const tokens = md.parse(document.getText(), {});
    tokenCache = { uri: document.uri, version: document.version, tokens };
    return tokens;
  },
};

const onDidChange = new Emitter<ITextDocument>();
const onDidCreate = new Emitter<ITextDocument>();
const onDidDelete = new Emitter<URI>();

/** A workspace of the open documents only: no folders, no file system. */
const workspace: IWorkspace = {
  get workspaceFolders() {
    return [];
  },
  onDidChangeMarkdownDocument: onDidChange.event,
  onDidCreateMarkdownDocument: onDidCreate.event,
  onDidDeleteMarkdownDocument: onDidDelete.event,
  async getAllMarkdownDocuments() {
    return documents.all();
  },
  hasMarkdownDocument(resource) {
    return documents.get(resource.toString()) !== undefined;
  },
  async openMarkdownDocument(resource) {
    return documents.get(resource.toString());
  },
  async stat() {
    return undefined;
  },
  async readDirectory() {
    return [];
  },
};

documents.onDidOpen((e) => onDidCreate.fire(e.document));
documents.onDidChangeContent((e) => onDidChange.fire(e.document));

const logger: ILogger = {
  get level() {
    return LogLevel.Off;
  },
  log() {},
};

const mdLs = createLanguageService({ workspace, parser, logger });

connection.onInitialize(
  (): InitializeResult => ({
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      selectionRangeProvider: true,
    },
    serverInfo: { name: 'vscode-markdown-languageservice (bench peer)' },
  }),
);

// As VS Code's Markdown server answers them.
connection.onDocumentSymbol(async (params, token) => {
  const document = documents.get(params.textDocument.uri);
  return document ? mdLs.getDocumentSymbols(document, { includeLinkDefinitions: true }, token) : [];
});
connection.onFoldingRanges(async (params, token) => {
  const document = documents.get(params.textDocument.uri);
  return document ? mdLs.getFoldingRanges(document, token) : [];
});
connection.onSelectionRanges(async (params, token) => {
  const document = documents.get(params.textDocument.uri);
  return document ? mdLs.getSelectionRanges(document, params.positions, token) : [];
});

documents.listen(connection);
connection.listen();

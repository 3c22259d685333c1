// Open documents in the index: their text wins over the disk. Which changed
// since a query last took their text, and taking it (before each query, so
// typing costs nothing until someone searches).

import { Outline, OutlineOptions } from '../engine';
import { FileTable } from './fileTable';
import { Folder, FolderRegistry } from './folders';
import { PinyinTable } from '../engine/pinyin';
import { fileSymbols } from './symbols';

export interface OpenDocument {
  readonly uri: string;
  outline(options: OutlineOptions): Outline;
}

export class OpenDocuments {
  /** Open documents changed since the index last took their text (canonical URIs). */
  private readonly dirty = new Set<string>();

  constructor(
    /** The open document whose canonical URI this is (IndexHost.openDocument). */
    private readonly lookUp: (key: string) => OpenDocument | undefined,
    private readonly folders: FolderRegistry,
    private readonly files: FileTable,
    private readonly pinyin: PinyinTable,
    /** Has the disk read again for a file whose document closed or left the workspace. */
    private readonly reread: (key: string, folder: Folder) => void,
    private readonly log: (message: string) => void,
  ) {}

  isOpen(key: string): boolean {
    return this.lookUp(key) !== undefined;
  }

  /** A document opened or changed, or one whose scope may have changed: take its text at the next query. */
  changed(key: string): void {
    this.dirty.add(key);
  }

  /** Every open document in the index: folders came or went, or their settings changed. */
  changedAll(keys: Iterable<string> = this.files.openKeys()): void {
    for (const key of keys) this.dirty.add(key);
  }

  /** A document closed: the disk speaks for it again (read again, when it belongs to a folder). */
  closed(key: string): void {
    this.dirty.delete(key);
    const entry = this.files.get(key);
    if (entry !== undefined) {
      if (entry.openUri === undefined) return; // read from disk already
      this.files.delete(key);
    }
    // With no entry too: a file open when indexing reached it was left to the
    // open document (Indexer.settle), whose text no query took before it closed.
    const folder = entry !== undefined ? entry.folder : this.folders.scopeOf(key)?.folder;
    if (folder !== undefined) this.reread(key, folder);
  }

  /** Takes the current text of open documents that changed. */
  refresh(): void {
    for (const key of this.dirty) {
      this.dirty.delete(key);
      const doc = this.lookUp(key);
      const scope = this.folders.scopeOf(key);
      if (doc === undefined || scope === undefined) {
        // Closed, or out of the workspace now: the disk speaks again (if it belongs).
        const entry = this.files.get(key);
        if (entry?.openUri !== undefined) {
          this.files.delete(key);
          if (scope?.folder !== undefined) this.reread(key, scope.folder);
        }
        continue;
      }
      const config = scope.folder?.config;
      const options = { enumerations: config?.enumerations ?? true, rules: config?.rules };
      let symbols;
      try {
        symbols = fileSymbols(doc.outline(options), this.pinyin);
      } catch (error) {
        this.log(`Tigang could not index ${doc.uri}: ${String(error)}`);
        continue;
      }
      this.files.set({ key, folder: scope.folder, rel: scope.rel, symbols, openUri: doc.uri });
    }
  }
}

// The workspace folders the index reads: in the client's order (results
// follow it), each with its settings, and which folder a URI belongs to (the
// innermost: a folder nested in another is a folder of its own).

import { FolderConfig } from './config';
import { displayUri, isAtOrUnder, joinUri, parentUri, relativePath } from './uris';

export interface FolderSpec {
  /** Canonical (normalizeUri). */
  readonly uri: string;
  readonly name: string;
  readonly config: FolderConfig;
}

export interface Folder extends FolderSpec {
  config: FolderConfig;
  /** Set once the folder is removed: work still under way for it is dropped. */
  removed: boolean;
  /** Position among the workspace folders, for result order. */
  order: number;
}

export class FolderRegistry {
  private folders: Folder[] = [];

  /** `exists` answers files.exclude `when` clauses (WorkspaceFs.exists). */
  constructor(private readonly exists: (uri: string) => boolean) {}

  get size(): number {
    return this.folders.length;
  }

  all(): readonly Folder[] {
    return this.folders;
  }

  get(uri: string): Folder | undefined {
    return this.folders.find((f) => f.uri === uri);
  }

  /** Adds a folder at the end; undefined when it is there already. */
  add(spec: FolderSpec): Folder | undefined {
    if (this.get(spec.uri) !== undefined) return undefined;
    const folder: Folder = { ...spec, removed: false, order: this.folders.length };
    this.folders.push(folder);
    return folder;
  }

  /** Removes a folder (marking it removed); undefined when it was not there. */
  remove(uri: string): Folder | undefined {
    const folder = this.get(uri);
    if (folder === undefined) return undefined;
    folder.removed = true;
    this.folders = this.folders.filter((f) => f !== folder);
    this.folders.forEach((f, i) => (f.order = i));
    return folder;
  }

  /** Removes them all (the index is disposed). */
  clear(): void {
    for (const folder of this.folders) folder.removed = true;
    this.folders = [];
  }

  /** The innermost workspace folder holding a URI. */
  folderOf(uri: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.folders) {
      if (isAtOrUnder(uri, folder.uri) && (best === undefined || folder.uri.length > best.uri.length)) best = folder;
    }
    return best;
  }

  /** Whether a subfolder of `folder` is a workspace folder of its own (listed on its own, not twice). */
  isOtherFolder(uri: string, folder: Folder): boolean {
    return this.folders.some((f) => f !== folder && f.uri === uri);
  }

  /** Whether a folder's settings exclude a URI (rel: its path in the folder), `when` clauses answered by looking at its siblings. */
  excluded(folder: Folder, rel: string, uri: string): boolean {
    const dir = parentUri(uri);
    return folder.config.excluder.excludes(rel, (name) => dir !== undefined && this.exists(joinUri(dir, name)));
  }

  /** The folder and relative path of a file that is part of the workspace (included, not excluded), or undefined. */
  scopeOf(uri: string): { folder: Folder | undefined; rel: string } | undefined {
    if (this.folders.length === 0) return { folder: undefined, rel: displayUri(uri) }; // no folders: open documents only
    const folder = this.folderOf(uri);
    if (folder === undefined) return undefined;
    const rel = relativePath(folder.uri, uri);
    if (rel === '' || !folder.config.isIncluded(rel) || this.excluded(folder, rel, uri)) return undefined;
    return { folder, rel };
  }

  /** How the log names a URI: relative to its folder, with the folder's name when there are several. */
  display(folder: Folder, uri: string): string {
    const rel = relativePath(folder.uri, uri) || '.';
    return this.folders.length > 1 ? `${folder.name}/${rel}` : rel;
  }
}

// The walker: lists a folder and says what each entry is to the index — a
// file to read, a folder to list next, something skipped — following
// symbolic links unless they lead back into a folder being listed (a loop).

import { DirectoryEntry, WorkspaceFs } from './fs';
import { Folder } from './folders';
import { describeError } from './reader';
import { encodeSegment, joinUri } from './uris';

/** Deepest folder nesting followed. */
export const MAX_DEPTH = 64;

/** Real URIs of the folders being listed, innermost first: a symbolic link back into one is a loop. */
interface Chain {
  readonly real: string;
  readonly up: Chain | undefined;
  readonly depth: number;
}

/** A folder to list. */
export interface Walk {
  readonly uri: string;
  /** Relative to the workspace folder ('' for the folder itself). */
  readonly rel: string;
  readonly folder: Folder;
  readonly chain: Chain;
}

/** What the walker tells the index. */
export interface WalkSink {
  /** A file to read. */
  file(uri: string, rel: string, folder: Folder): void;
  /** A folder to list after this one. */
  folder(walk: Walk): void;
  /** Something left out, and why (for the log). */
  skip(uri: string, folder: Folder, reason: string): void;
  /** Whether a subfolder is a workspace folder of its own. */
  isOtherFolder(uri: string, folder: Folder): boolean;
}

/**
 * What listing a folder gave: the (escaped) segments of the entries handed
 * on as a file or a folder, or why it could not be listed (undefined: it is
 * not there).
 */
export type Listing = { readonly kept: ReadonlySet<string> } | { readonly failed: string | undefined };

export class Walker {
  constructor(
    private readonly fs: WorkspaceFs,
    private readonly sink: WalkSink,
  ) {}

  /** The walk of a workspace folder; throws (FsError) when its real URI cannot be looked up. */
  async root(folder: Folder): Promise<Walk> {
    const real = await this.fs.realpath(folder.uri);
    return { uri: folder.uri, rel: '', folder, chain: { real, up: undefined, depth: 0 } };
  }

  /** The walk of a folder met on its own (a path that changed turned out to be one). */
  async at(uri: string, rel: string, folder: Folder): Promise<Walk> {
    const real = await this.fs.realpath(uri).catch(() => uri);
    return { uri, rel, folder, chain: { real, up: undefined, depth: rel.split('/').length } };
  }

  /** Lists a folder: subfolders to list, files to read. */
  async list(walk: Walk): Promise<Listing> {
    const { folder, sink } = { folder: walk.folder, sink: this.sink };
    let entries: DirectoryEntry[];
    try {
      entries = await this.fs.readDirectory(walk.uri);
    } catch (error) {
      const { missing, reason } = describeError(error);
      return { failed: missing ? undefined : reason };
    }
    const kept = new Set<string>();
    if (folder.removed) return { kept };
    const config = folder.config;
    const names = new Set(entries.map((e) => e.name));
    const sibling = (name: string) => names.has(name);
    const links: { uri: string; rel: string; name: string }[] = [];
    for (const entry of entries) {
      const uri = joinUri(walk.uri, entry.name);
      const rel = walk.rel === '' ? entry.name : `${walk.rel}/${entry.name}`;
      if (config.excluder.matches(rel, sibling)) continue;
      if (entry.type === 'directory') {
        if (walk.chain.depth >= MAX_DEPTH || sink.isOtherFolder(uri, folder)) continue;
        kept.add(encodeSegment(entry.name));
        sink.folder({ uri, rel, folder, chain: { real: joinUri(walk.chain.real, entry.name), up: walk.chain, depth: walk.chain.depth + 1 } });
      } else if (entry.type === 'file') {
        if (!config.isIncluded(rel)) continue;
        kept.add(encodeSegment(entry.name));
        sink.file(uri, rel, folder);
      } else if (entry.type === 'symlink') {
        links.push({ uri, rel, name: entry.name });
      } else if (config.isIncluded(rel)) {
        sink.skip(uri, folder, 'not a regular file');
      }
    }
    for (const l of links) if (await this.link(walk, l.uri, l.rel)) kept.add(encodeSegment(l.name));
    return { kept };
  }

  /** A symbolic link met while listing: follow it, unless it loops. True when it was handed on. */
  private async link(walk: Walk, uri: string, rel: string): Promise<boolean> {
    const { folder, sink } = { folder: walk.folder, sink: this.sink };
    const included = folder.config.isIncluded(rel);
    let isDirectory: boolean;
    try {
      isDirectory = (await this.fs.stat(uri)).type === 'directory';
    } catch (error) {
      const { missing, reason } = describeError(error);
      if (included) sink.skip(uri, folder, missing ? 'broken symbolic link' : reason);
      return false;
    }
    if (folder.removed) return false;
    if (!isDirectory) {
      if (!included) return false;
      sink.file(uri, rel, folder);
      return true;
    }
    let real: string;
    try {
      real = await this.fs.realpath(uri);
    } catch (error) {
      sink.skip(uri, folder, describeError(error).reason);
      return false;
    }
    for (let c: Chain | undefined = walk.chain; c !== undefined; c = c.up) {
      if (c.real === real) {
        sink.skip(uri, folder, 'symbolic link loop (links back to a folder it is in)');
        return false;
      }
    }
    if (folder.removed || walk.chain.depth >= MAX_DEPTH || sink.isOtherFolder(uri, folder)) return false;
    sink.folder({ uri, rel, folder, chain: { real, up: walk.chain, depth: walk.chain.depth + 1 } });
    return true;
  }
}

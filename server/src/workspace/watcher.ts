// The server's own file watching, for clients that do not watch files for it
// (no dynamic registration of workspace/didChangeWatchedFiles), through
// WorkspaceFs.watch.
//
// Where recursive watches are native and cheap (macOS, Windows:
// WorkspaceFs.watchesRecursively) one per workspace folder. Elsewhere (Linux:
// Node 20 does support `recursive` there, but it walks and watches every
// folder, node_modules and .git included) the index watches each folder it
// lists (excluded ones are never listed), one inotify watch each, so the
// watched tree is exactly the indexed one. Events are coalesced for a moment
// and handed on as URIs to look at again.

import { Disposable, FsError, WorkspaceFs } from './fs';
import { isAtOrUnder } from './uris';

/** Events within this window after the first are handed on together. */
export const SETTLE_MS = 30;

export class FileWatchers {
  private readonly watchers = new Map<string, Disposable>();
  private readonly changed = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failed = false;

  constructor(
    private readonly watch: NonNullable<WorkspaceFs['watch']>,
    /** WorkspaceFs.watchesRecursively */
    private readonly recursive: boolean,
    /** Called with each URI that was created, changed, deleted or renamed (either name). */
    private readonly onChange: (uri: string) => void,
    private readonly log: (message: string) => void,
  ) {}

  /** Watches a workspace folder (recursively where that is native). */
  watchFolder(uri: string): void {
    if (this.recursive) this.add(uri, true);
  }

  /** Watches one listed folder (where recursion is not native). */
  watchDirectory(uri: string): void {
    if (!this.recursive) this.add(uri, false);
  }

  /** Stops watching a folder and everything below it. */
  unwatch(uri: string): void {
    for (const [dir, watcher] of this.watchers) {
      if (isAtOrUnder(dir, uri)) {
        watcher.dispose();
        this.watchers.delete(dir);
      }
    }
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.dispose();
    this.watchers.clear();
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  private add(dir: string, recursive: boolean): void {
    if (this.watchers.has(dir) || this.failed) return;
    let watcher: Disposable;
    try {
      watcher = this.watch(
        dir,
        { recursive },
        (uri) => this.queue(uri),
        () => {
          if (this.watchers.get(dir) === watcher) this.watchers.delete(dir);
          this.queue(dir);
        },
      );
    } catch (error) {
      if (error instanceof FsError && error.kind === 'exhausted') {
        // Out of inotify watches or file handles: say so once, watch no more.
        this.failed = true;
        this.log(`Tigang stops watching more folders (${error.code ?? error.kind}): ${this.watchers.size} are watched; changes elsewhere show after a reload.`);
      }
      return; // gone or unreadable: nothing to watch
    }
    this.watchers.set(dir, watcher);
  }

  private queue(uri: string): void {
    this.changed.add(uri);
    if (this.timer !== undefined) return; // the burst's window is open already
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const uris = [...this.changed];
      this.changed.clear();
      for (const u of uris) this.onChange(u);
    }, SETTLE_MS);
  }
}

// The server's own file watching, for clients that do not watch files for it
// (no dynamic registration of workspace/didChangeWatchedFiles).
//
// On macOS and Windows one recursive fs.watch per workspace folder: native
// and cheap there. On Linux, Node 20 does support `recursive`, but it walks
// and watches every folder, node_modules and .git included; instead the
// index watches each folder it lists (excluded ones are never listed), one
// inotify watch each, so the watched tree is exactly the indexed one.
// Events are coalesced for a moment and handed on as paths to look at again.

import { FSWatcher, watch } from 'node:fs';
import { join, sep } from 'node:path';

/** Events within this window after the first are handed on together. */
const SETTLE_MS = 30;

export const RECURSIVE_WATCH = process.platform === 'darwin' || process.platform === 'win32';

export class FileWatchers {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly changed = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private failed = false;

  constructor(
    /** Called with each path that was created, changed, deleted or renamed (either name). */
    private readonly onChange: (path: string) => void,
    private readonly log: (message: string) => void,
  ) {}

  /** Watches a workspace folder (recursively where that is native). */
  watchFolder(path: string): void {
    if (RECURSIVE_WATCH) this.add(path, true);
  }

  /** Watches one listed folder (Linux and other platforms without native recursion). */
  watchDirectory(path: string): void {
    if (!RECURSIVE_WATCH) this.add(path, false);
  }

  /** Stops watching a folder and everything below it. */
  unwatch(path: string): void {
    const prefix = path.endsWith(sep) ? path : path + sep;
    for (const [dir, watcher] of this.watchers) {
      if (dir === path || dir.startsWith(prefix)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  private add(dir: string, recursive: boolean): void {
    if (this.watchers.has(dir) || this.failed) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { recursive, persistent: false }, (_event, name) => {
        // No name: something changed in the folder; look at the folder again.
        this.queue(name ? join(dir, name.toString()) : dir);
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EMFILE') {
        // Out of inotify watches or file handles: say so once, watch no more.
        this.failed = true;
        this.log(`Tigang stops watching more folders (${code}): ${this.watchers.size} are watched; changes elsewhere show after a reload.`);
      }
      return; // gone or unreadable: nothing to watch
    }
    watcher.on('error', () => {
      watcher.close();
      if (this.watchers.get(dir) === watcher) this.watchers.delete(dir);
      this.queue(dir);
    });
    this.watchers.set(dir, watcher);
  }

  private queue(path: string): void {
    this.changed.add(path);
    if (this.timer !== undefined) return; // the burst's window is open already
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const paths = [...this.changed];
      this.changed.clear();
      for (const p of paths) this.onChange(p);
    }, SETTLE_MS);
  }
}

// The index's background work as one driver loop: folder listings and reads
// of large files go to the file system (a few at a time), and the CPU work on
// what they return — decode, outline, the compact symbol arrays — happens one
// file at a time on the main thread, in slices of SLICE_MS after which the
// loop yields (TimeSlicer, slices.ts). Requests for open documents are
// answered between slices. What to do with a read or a listing is the
// index's (indexing.ts); this file only schedules it.

import { Folder } from './folders';
import { FileRead, LARGE } from './reader';
import { TimeSlicer } from './slices';
import { Walk } from './walker';

/** Folder listings in flight at once. */
const WALK_CONCURRENCY = 4;
/** Reads of large files in flight at once (libuv's thread pool has 4 threads). */
const READ_CONCURRENCY = 2;

/** A URI to look at: read it, and settle what it is now. */
export interface Visit {
  readonly uri: string;
  readonly folder: Folder;
  /** Read even when size and mtime are unchanged. */
  force: boolean;
  cancelled: boolean;
  /** The asynchronous read of a large file, and its result once there. */
  read?: Promise<FileRead>;
  result?: FileRead;
}

/** The work itself, done by the index. */
export interface QueueWork {
  /** Reads a visit's file in one step, or answers LARGE: then readLater(). */
  readNow(visit: Visit): FileRead | typeof LARGE;
  readLater(visit: Visit): Promise<FileRead>;
  /** Takes what reading gave. */
  settle(visit: Visit, read: FileRead): Promise<void>;
  list(walk: Walk): Promise<void>;
  /** Whether one more file may be queued (the index's size limit). */
  admit(uri: string): boolean;
  log(message: string): void;
  /** Called as a run of background work goes on, and with undefined when it ends. */
  progress?(state: { readonly done: number; readonly total: number } | undefined): void;
}

export class WorkQueue {
  readonly slicer = new TimeSlicer();
  private readonly pending = new Map<string, Visit>();
  /** Large reads under way, oldest first. */
  private readonly inflight: Visit[] = [];
  /** Visits taken from `pending` and not settled yet (being read or indexed). */
  private readonly running = new Map<string, Visit>();
  private readonly walks: Walk[] = [];
  private walking = 0;
  /** Tasks (a folder's real URI looked up) after which folders are listed. */
  private preparing = 0;
  private driving = false;
  private wake: (() => void) | undefined;
  private readonly idleWaiters: (() => void)[] = [];
  private run = { done: 0, total: 0 };

  constructor(private readonly work: QueueWork) {}

  /** Queues a visit of a URI; `force` reads it even when it looks unchanged. */
  enqueue(uri: string, folder: Folder, force: boolean): void {
    const queued = this.pending.get(uri);
    if (queued !== undefined) {
      queued.force ||= force;
      return;
    }
    const running = this.running.get(uri);
    // A cancelled read will do nothing: queue this one whatever it is.
    if (running !== undefined && !running.cancelled) {
      if (!force) return; // a listing found it again: the read under way will do
      running.cancelled = true; // changed while being read: read it again
    }
    if (!this.work.admit(uri)) return;
    this.pending.set(uri, { uri, folder, force, cancelled: false });
    this.run.total++;
    this.kick();
  }

  /** Queues a folder listing. */
  addWalk(walk: Walk): void {
    this.walks.push(walk);
    this.kick();
  }

  /**
   * Runs a task that comes before listing (a folder's real URI looked up):
   * whenIdle() waits for it, and for what `then` queues with its result.
   */
  async prepare<T>(task: () => Promise<T>, then: (result: T) => void, failed: (error: unknown) => void): Promise<void> {
    this.preparing++;
    let outcome: { result: T } | undefined;
    try {
      outcome = { result: await task() };
    } catch (error) {
      failed(error);
    }
    this.preparing--;
    if (outcome !== undefined) then(outcome.result);
    this.releaseIfIdle(); // when nothing was queued
  }

  /** Drops queued visits and listings, and cancels reads under way, for which `which` holds. */
  cancel(which: (visit: { readonly uri: string; readonly folder: Folder }) => boolean): void {
    for (const [uri, visit] of this.pending) if (which(visit)) this.pending.delete(uri);
    for (const visit of this.running.values()) if (which(visit)) visit.cancelled = true;
    for (let i = this.walks.length - 1; i >= 0; i--) if (which(this.walks[i])) this.walks.splice(i, 1);
  }

  /** Pending plus running visits and listings: the work left. */
  get queued(): number {
    return this.pending.size + this.running.size + this.walks.length + this.walking;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  get indexing(): boolean {
    return this.driving || this.preparing > 0;
  }

  /** Resolves when no background work is left. */
  whenIdle(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  clear(): void {
    this.pending.clear();
    this.walks.length = 0;
  }

  private hasWork(): boolean {
    return this.pending.size > 0 || this.running.size > 0 || this.walks.length > 0 || this.walking > 0;
  }

  private idle(): boolean {
    return !this.driving && this.preparing === 0 && !this.hasWork();
  }

  /** Resolves whenIdle() once nothing runs: not while a task before listing still runs (prepare). */
  private releaseIfIdle(): void {
    if (this.idle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private kick(): void {
    if (this.driving) {
      this.wake?.();
      return;
    }
    void this.drive();
  }

  private startListing(): void {
    while (this.walking < WALK_CONCURRENCY && this.walks.length > 0) {
      const walk = this.walks.shift()!;
      this.walking++;
      void this.work
        .list(walk)
        .catch((error) => this.work.log(`Tigang could not list ${walk.uri}: ${String(error)}`))
        .finally(() => {
          this.walking--;
          this.wake?.();
        });
    }
  }

  /**
   * The next visit to settle with what reading gave: a large file whose
   * asynchronous read is done, else the next pending URI read right here
   * (readNow), else the oldest large read, awaited. Undefined when only
   * folder listings (or nothing) are left.
   */
  private async nextRead(): Promise<{ visit: Visit; read: FileRead } | undefined> {
    for (;;) {
      const head = this.inflight[0];
      if (head?.result !== undefined) {
        this.inflight.shift();
        return { visit: head, read: head.result };
      }
      const visit: Visit | undefined = this.pending.values().next().value;
      if (visit !== undefined) {
        this.pending.delete(visit.uri);
        this.running.set(visit.uri, visit);
        const read = this.work.readNow(visit);
        if (read.kind !== 'large') return { visit, read };
        if (this.inflight.length >= READ_CONCURRENCY) await this.inflight[0].read;
        visit.read = this.work.readLater(visit).then((r) => (visit.result = r));
        this.inflight.push(visit);
        continue;
      }
      if (head !== undefined) {
        await head.read;
        continue;
      }
      return undefined;
    }
  }

  private async drive(): Promise<void> {
    this.driving = true;
    this.slicer.restart(); // called from a handler that has only just started its turn
    this.run = { done: 0, total: this.pending.size };
    this.work.progress?.(this.run);
    try {
      for (;;) {
        this.startListing();
        const next = await this.nextRead();
        if (next === undefined) {
          if (this.walking > 0 || this.walks.length > 0) {
            await new Promise<void>((resolve) => (this.wake = resolve));
            this.wake = undefined;
            continue;
          }
          break;
        }
        const { visit, read } = next;
        if (!visit.cancelled && !visit.folder.removed) {
          try {
            await this.work.settle(visit, read);
          } catch (error) {
            this.work.log(`Tigang could not index ${visit.uri}: ${String(error)}`);
          }
        }
        if (this.running.get(visit.uri) === visit) this.running.delete(visit.uri);
        this.run.done++;
        this.work.progress?.(this.run);
        await this.slicer.maybeYield();
      }
    } finally {
      this.driving = false;
      this.work.progress?.(undefined);
      this.releaseIfIdle();
    }
  }
}

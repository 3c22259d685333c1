// Cooperative time slicing: background work runs in slices of a few
// milliseconds and then lets the event loop run (setImmediate), so requests
// for open documents are answered between two slices.

/**
 * Work per slice before yielding, in milliseconds. A request waits for at
 * most about two slices (vscode-jsonrpc handles one message per turn of the
 * event loop, and an edit plus a request are two).
 */
export const SLICE_MS = 4;

/** How long background work stands aside after the user edits a document. */
export const EDIT_PAUSE_MS = 15;

export class TimeSlicer {
  private sliceStart = performance.now();
  private pausedUntil = 0;

  constructor(private readonly budgetMs = SLICE_MS) {}

  /** Starts a slice now (when work begins after a pause). */
  restart(): void {
    this.sliceStart = performance.now();
  }

  /** Whether the current slice has used its budget. */
  get expired(): boolean {
    return performance.now() - this.sliceStart >= this.budgetMs;
  }

  /**
   * Makes the next yield wait until `ms` from now: an edit is followed by
   * requests for the edited document (symbols, folding), which then find the
   * event loop free.
   */
  pause(ms = EDIT_PAUSE_MS): void {
    this.pausedUntil = Math.max(this.pausedUntil, performance.now() + ms);
  }

  /** Yields to the event loop when the slice is used up or work is paused; otherwise returns at once. */
  async maybeYield(): Promise<void> {
    if (this.expired || performance.now() < this.pausedUntil) await this.yield();
  }

  /** Always yields (for as long as work is paused), then starts a new slice. */
  async yield(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (let wait = this.pausedUntil - performance.now(); wait > 0; wait = this.pausedUntil - performance.now()) {
      await new Promise<void>((resolve) => setTimeout(resolve, wait));
    }
    this.sliceStart = performance.now();
  }
}

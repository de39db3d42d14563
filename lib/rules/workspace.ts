/**
 * Preallocated buffers for the aggregation kernels, so that a Monte Carlo or
 * SGD loop calling a rule thousands of times does not allocate its scratch
 * memory (distance matrices, column blocks) on every call.
 *
 * A buffer is named by its purpose and grows to the largest length asked for
 * (by 1.5× steps, so alternating sizes do not reallocate); its contents are
 * unspecified on return. Rules use {@link sharedWorkspace}, one per thread
 * (each worker thread loads its own copy of this module). A buffer is only
 * valid until the next request for the same purpose, so purposes are distinct
 * per rule and kernel; a caller that keeps a result must copy it (the rules
 * return freshly allocated aggregates and diagnostics).
 *
 * @example
 *   const ws = new Workspace();
 *   const a = ws.floats('dist', 9); // 9 doubles
 *   ws.floats('dist', 4).buffer === a.buffer // true: the same memory, no new buffer
 */
export class Workspace {
  private readonly buffers = new Map<string, Float64Array>();

  /** A Float64Array of exactly `length` doubles, backed by the buffer of `purpose`. */
  floats(purpose: string, length: number): Float64Array {
    let buffer = this.buffers.get(purpose);
    if (!buffer || buffer.length < length) {
      buffer = new Float64Array(Math.max(length, Math.floor((buffer?.length ?? 0) * 1.5)));
      this.buffers.set(purpose, buffer);
    }
    return buffer.length === length ? buffer : buffer.subarray(0, length);
  }

  /** Total doubles held. */
  get size(): number {
    let s = 0;
    for (const b of this.buffers.values()) s += b.length;
    return s;
  }

  /** Drops every buffer (after a run with a huge dimension, say). */
  release(): void {
    this.buffers.clear();
  }
}

/** The workspace of this thread, used by the rules. */
export const sharedWorkspace = new Workspace();

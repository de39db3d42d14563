/**
 * Timing of one call, robust to a busy 2-core machine: one warm-up call (JIT,
 * caches), then repeated calls until at least `minReps` calls and
 * `minSeconds` of total time (at most `maxReps`); a call slower than
 * 2·minSeconds ends the series early. Kept: the median and the minimum
 * wall-clock time and the median CPU time of this process. On a loaded
 * machine the minimum is the best estimate of the uncontended cost and CPU
 * time the least disturbed; the benchmark reports all three.
 *
 * @example time(() => Math.sqrt(2), { minSeconds: 0.1 }).median // seconds per call
 */
export interface Timing {
  /** Median seconds per call. */
  median: number;
  /** Fastest call, seconds. */
  min: number;
  /** Calls timed (after the warm-up). */
  reps: number;
  /** Median CPU seconds per call of this process (all its threads), which other processes' load does not inflate. */
  cpu: number;
}

export interface TimingOptions {
  minSeconds: number;
  minReps?: number;
  maxReps?: number;
  /** Skip the warm-up call (for calls so slow that one is all the budget allows). */
  noWarmup?: boolean;
}

export function time(fn: () => unknown, options: TimingOptions): Timing {
  const minReps = options.minReps ?? 3;
  const maxReps = options.maxReps ?? 50;
  if (!options.noWarmup) fn();
  const seconds: number[] = [];
  const cpu: number[] = [];
  let total = 0;
  while (seconds.length < maxReps && (seconds.length < minReps || total < options.minSeconds)) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    seconds.push(s);
    cpu.push((c.user + c.system) / 1e6);
    total += s;
    if (s > 2 * options.minSeconds) break;
  }
  return summarise(seconds, cpu);
}

/** Median, minimum and count of a list of per-call seconds (and the median of their CPU seconds). */
export function summarise(seconds: readonly number[], cpu: readonly number[]): Timing {
  return { median: median(seconds), min: Math.min(...seconds), reps: seconds.length, cpu: median(cpu) };
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The least-squares slope of log(time) against log(size): the empirical
 * exponent p in time ∝ size^p. Null with fewer than two points.
 *
 * @example fittedExponent([10, 100], [1, 100]) // 2
 */
export function fittedExponent(sizes: readonly number[], seconds: readonly number[]): number | null {
  if (sizes.length < 2) return null;
  const x = sizes.map(Math.log), y = seconds.map(Math.log);
  const mx = x.reduce((a, b) => a + b, 0) / x.length, my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxx === 0 ? null : sxy / sxx;
}

/**
 * Worker-thread throughput rows of the benchmark: Monte Carlo trials per
 * second (Lemma 1's check) and SGD steps per second, with 1 and 2 threads,
 * and whether the results are identical.
 */
export interface ParallelRow {
  what: string;
  perSecond1: number | null;
  perSecond2: number | null;
  speedup: number | null;
  identical: boolean | null;
  note?: string;
}

export function measureParallel(_quick: boolean): ParallelRow[] {
  return [
    { what: 'Monte Carlo trials/s (Lemma 1)', perSecond1: null, perSecond2: null, speedup: null, identical: null, note: 'not measured: module absent' },
    { what: 'SGD steps/s', perSecond1: null, perSecond2: null, speedup: null, identical: null, note: 'not measured: module absent' },
  ];
}

import { streamFor, type Stream } from '../random/stream';

/**
 * Runs `trials` independent trials of one setting. Trial t draws only from
 * `streamFor(seed, checkName, settingKey, t)`, so its numbers depend on the
 * seed and its own name, never on how many trials ran before it or in which
 * order.
 *
 * @example runTrials(42, 'L1', 'n=7,f=1', 3, (s) => s.normal()) // three reproducible draws
 */
export function runTrials<T>(seed: number, checkName: string, settingKey: string, trials: number, trial: (stream: Stream, t: number) => T): T[] {
  return runTrialRange(seed, checkName, settingKey, 0, trials, trial);
}

/**
 * Trials `from` … `to − 1` of the same series: `runTrials(…, T, fn)` is the
 * concatenation of `runTrialRange(…, a, b, fn)` over any split of [0, T), so
 * chunks can run on different threads.
 */
export function runTrialRange<T>(seed: number, checkName: string, settingKey: string, from: number, to: number, trial: (stream: Stream, t: number) => T): T[] {
  const out: T[] = [];
  for (let t = from; t < to; t++) out.push(trial(streamFor(seed, checkName, settingKey, t), t));
  return out;
}

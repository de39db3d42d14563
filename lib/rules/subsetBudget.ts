import { AdmissibilityError } from '../errors';
import { binomial, humanSeconds } from './inputs';

/**
 * The cost guard of the rules that enumerate subsets (MDA, SMEA): their
 * work is C(n, f) subsets of n − f inputs, times a cost per subset; a call
 * whose estimate exceeds `maxSeconds` is refused before it starts, in one
 * line with the estimate:
 *
 *     MDA needs at most 10 s of subset enumeration (maxSeconds); got n = 51, f = 12, subsets = C(51, 12) = 1.6e+11, estimate = 2.7e+2 years
 *
 * `secondsPerUnit` is the measured time of one unit of work on the machine
 * the workbook was benchmarked on (scripts/bench.ts prints the current one),
 * so the estimate is a rough order of magnitude, not a promise.
 *
 * @returns the number of subsets
 */
export function checkSubsetBudget(rule: string, n: number, f: number, unitsPerSubset: number, secondsPerUnit: number, maxSeconds: number): number {
  const subsets = binomial(n, f);
  const seconds = subsets * unitsPerSubset * secondsPerUnit;
  if (!(seconds <= maxSeconds)) {
    throw new AdmissibilityError(rule, `at most ${maxSeconds} s of subset enumeration (maxSeconds)`, {
      n, f, subsets: `C(${n}, ${f}) = ${subsets.toPrecision(2)}`, estimate: humanSeconds(seconds),
    });
  }
  return subsets;
}

/**
 * Steps `idx` (ascending indices in [0, n)) to the next k-subset in
 * lexicographic order; false after the last one.
 *
 * @example const s = [0, 1]; nextSubset(s, 3); s // [0, 2]
 */
export function nextSubset(idx: number[], n: number): boolean {
  const k = idx.length;
  let i = k - 1;
  while (i >= 0 && idx[i] === n - k + i) i--;
  if (i < 0) return false;
  idx[i]++;
  for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  return true;
}

import { AdmissibilityError } from '../errors';
import { makeGar, type RuleParameters } from '../rules/catalogue';
import { exactRatio, exactVectors, fractionToNumber, type ExactValue } from './exactRatio';
import { exactRuleOutput } from './exactRules';
import { robustnessRatio } from './ratio';

/**
 * A witness: one input and one honest set, with the ratio its finder
 * claimed. Plain JSON (it crosses worker threads and goes into results.json);
 * the inputs are float64 numbers, each an exact dyadic rational.
 *
 * {@link replayWitness} recomputes the ratio with no rounding:
 *
 * - `certificate: 'exact'` — a selection rule (exactRules.ts): the rule's
 *   output is recomputed in exact rational arithmetic, so the ratio is the
 *   exact value of the rule as defined; κ̂ = that value is a certified lower
 *   bound on the rule's robustness coefficient.
 * - `certificate: 'implementation'` — an iterative or spectral rule
 *   (geometric median, CAF, SMEA, centered clipping, …): the rule's float
 *   output is replayed (the workbook's implementation, deterministic) and the
 *   ratio is computed exactly from it, so the value certifies a lower bound on
 *   the coefficient of the implementation, not of the exact mathematical rule.
 *
 * @example replayWitness({ rule: 'median', n: 3, f: 1, d: 1, honest: [0, 1], inputs: [[1], [0], [0]], claimedRatio: 1 }).text // '1'
 */
export interface Witness {
  rule: string;
  /** Catalogue parameters (numbers and strings only), as makeGar takes them. */
  params?: Record<string, number | string>;
  n: number;
  f: number;
  d: number;
  /** The honest set S, |S| = n − f. */
  honest: number[];
  inputs: number[][];
  /** The ratio the search computed in floating point. */
  claimedRatio: number;
}

export interface Replay extends ExactValue {
  certificate: 'exact' | 'implementation';
  /** |value − claimed| / max(1, |claimed|) (0 when both are +∞). */
  relativeDifference: number;
}

/** Checks a witness's shape: one line naming what is wrong. */
export function checkWitness(w: Witness): void {
  const bad = (condition: string, values: Record<string, number | string>) => { throw new AdmissibilityError('robustness witness', condition, values); };
  if (!Number.isInteger(w.n) || !Number.isInteger(w.f) || !Number.isInteger(w.d) || w.f < 0 || w.d < 1 || w.n <= 2 * w.f) bad('integers n > 2f, f >= 0, d >= 1', { n: w.n, f: w.f, d: w.d });
  if (w.inputs.length !== w.n || w.inputs.some((r) => r.length !== w.d)) bad('n input rows of d coordinates', { n: w.n, d: w.d, rows: w.inputs.length });
  const hs = new Set(w.honest);
  if (w.honest.length !== w.n - w.f || hs.size !== w.honest.length || w.honest.some((i) => !Number.isInteger(i) || i < 0 || i >= w.n)) bad('n − f distinct honest indices in [0, n)', { n: w.n, f: w.f, honest: w.honest.length });
}

/** The rule's float output on the witness's inputs. */
export function floatOutput(w: Pick<Witness, 'rule' | 'params' | 'inputs' | 'f'>): Float64Array {
  const gar = makeGar(w.rule, (w.params ?? {}) as RuleParameters);
  return gar.aggregate(w.inputs.map((r) => Float64Array.from(r)), w.f);
}

/** Recomputes a witness's ratio in exact arithmetic (see {@link Witness}). */
export function replayWitness(w: Witness): Replay {
  checkWitness(w);
  const inputs = exactVectors(w.inputs);
  const exact = exactRuleOutput(w.rule, inputs, w.f, (w.params ?? {}) as RuleParameters);
  const output = exact ?? exactVectors([floatOutput(w)])[0];
  const r = exactRatio(inputs, w.honest, output);
  const claimed = w.claimedRatio;
  const relativeDifference = r.value === claimed ? 0 : Math.abs(r.value - claimed) / Math.max(1, Math.abs(claimed));
  return { text: r.text, value: r.fraction ? fractionToNumber(r.fraction) : r.value, certificate: exact ? 'exact' : 'implementation', relativeDifference };
}

/** The float ratio of a witness's input (what a search claims). */
export function floatRatio(w: Pick<Witness, 'rule' | 'params' | 'inputs' | 'f' | 'honest'>): number {
  return robustnessRatio(w.inputs, w.honest, floatOutput(w));
}

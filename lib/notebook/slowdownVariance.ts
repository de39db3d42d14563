/**
 * The mechanism of the slowdown (Theorem 1 (ii), A1, Theorem 2 (ii)) in one
 * Monte Carlo: with no Byzantine worker, averaging n i.i.d. gradients has
 * squared error E‖avg − g‖² = dσ²/n, while a rule that keeps m̃ of them has
 * about dσ²/m̃ (a little more: it keeps the ones that cluster together, not
 * a random subset). SGD's progress per step is limited by that variance, so
 * the rule's speed relative to averaging is of order √(m̃/n).
 *
 * For each n: f = ⌊(n − 3)/4⌋ declared (so that AGGREGATHOR is admissible), no
 * attack, d-dimensional Gaussian gradients; each rule's E‖GAR − g‖²/(dσ²) over
 * `trials` draws (trial t from `streamFor(seed, 'slowdown-variance', n, t)`,
 * the same draws for every rule), and 1/n, 1/m̃ for comparison.
 *
 * @example slowdownVariance({ ns: [11, 19], d: 20, trials: 100, seed: 1 })[0].mse['multi-krum'] // ≈ 1/m̃ = 1/7
 */
import { sampleAround } from '../random/distributions';
import { streamFor } from '../random/stream';
import { makeGar } from '../rules/catalogue';
import { squaredDistance } from '../vectors';

export interface SlowdownVarianceOptions {
  ns: number[];
  d: number;
  trials: number;
  seed: number;
  rules?: string[];
}

export interface SlowdownVarianceRow {
  n: number;
  f: number;
  /** MULTI-KRUM's m̃ = n − f − 2. */
  mTilde: number;
  /** E‖GAR − g‖² / (dσ²) per rule. */
  mse: Record<string, number>;
}

export function slowdownVariance(o: SlowdownVarianceOptions): SlowdownVarianceRow[] {
  const rules = o.rules ?? ['average', 'multi-krum', 'aggregathor'];
  const g = new Float64Array(o.d).fill(1);
  return o.ns.map((n) => {
    const f = Math.max(0, Math.floor((n - 3) / 4));
    const gars = rules.map((r) => makeGar(r));
    const sums = rules.map(() => 0);
    for (let t = 0; t < o.trials; t++) {
      const stream = streamFor(o.seed, 'slowdown-variance', n, t);
      const inputs = Array.from({ length: n }, (_, j) => sampleAround(g, 1, 'gaussian', stream.split('worker', j)));
      gars.forEach((gar, i) => (sums[i] += squaredDistance(gar.aggregate(inputs, f), g)));
    }
    const mse: Record<string, number> = {};
    rules.forEach((r, i) => (mse[r] = sums[i] / o.trials / o.d));
    return { n, f, mTilde: n - f - 2, mse };
  });
}

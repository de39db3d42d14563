import { requireThat } from '../errors';
import type { Stream } from '../random/stream';
import type { Problem } from './types';

/**
 * A convex quadratic with a known optimum, where rates can be read off exactly:
 *
 *     Q(x) = ½ Σ_j λ_j (x_j − x*_j)²,   ∇Q(x) = Λ (x − x*),   G(x, ξ) = ∇Q(x) + σ ξ
 *
 * with ξ i.i.d. standard normal per coordinate (constant noise, E‖G − ∇Q‖² = dσ²).
 * Curvatures λ_j are spread log-uniformly over [λmin, λmax]; x* = (1, …, 1);
 * x_0 = 0 + startOffset·(−1, …, −1) away from x*, deterministic so that rule
 * comparisons start from the same point.
 *
 * Under γ_t = γ0/(t + t0) with γ0 λ_j > 1/2, averaging b unbiased gradients
 * gives E(x_t,j − x*_j)² ≈ γ0² σ² / (b (2γ0 λ_j − 1) t): the error scales as
 * the step noise variance, which is what the slowdown checks measure.
 *
 * @example quadratic({ d: 10 }).loss(new Float64Array(10).fill(1)) // 0
 */
export interface QuadraticOptions {
  d: number;
  sigma?: number;
  lambdaMin?: number;
  lambdaMax?: number;
  /** Distance of x_0 from x* per coordinate (default 1). */
  startOffset?: number;
}

export function quadratic(options: QuadraticOptions): Problem & { optimum: Float64Array; lambda: Float64Array; sigma: number } {
  const { d } = options;
  requireThat(Number.isInteger(d) && d >= 1, 'quadratic', 'an integer d >= 1', { d });
  const sigma = options.sigma ?? 1;
  const lo = options.lambdaMin ?? 1;
  const hi = options.lambdaMax ?? 1;
  requireThat(lo > 0 && hi >= lo, 'quadratic', '0 < λmin <= λmax', { lambdaMin: lo, lambdaMax: hi });
  requireThat(sigma >= 0, 'quadratic', 'σ >= 0', { sigma });
  const lambda = new Float64Array(d);
  for (let j = 0; j < d; j++) lambda[j] = d === 1 ? lo : lo * Math.pow(hi / lo, j / (d - 1));
  const optimum = new Float64Array(d).fill(1);
  const offset = options.startOffset ?? 1;
  const gradient = (x: Float64Array, out: Float64Array) => {
    for (let j = 0; j < d; j++) out[j] = lambda[j] * (x[j] - optimum[j]);
    return out;
  };
  return {
    name: `quadratic(d=${d}, σ=${sigma})`,
    d,
    optimum,
    lambda,
    sigma,
    loss(x) {
      let q = 0;
      for (let j = 0; j < d; j++) q += 0.5 * lambda[j] * (x[j] - optimum[j]) ** 2;
      return q;
    },
    gradient,
    sampleGradient(x, stream: Stream, out) {
      gradient(x, out);
      for (let j = 0; j < d; j++) out[j] += sigma * stream.normal();
      return out;
    },
    initial() {
      const x = new Float64Array(d);
      for (let j = 0; j < d; j++) x[j] = optimum[j] - offset;
      return x;
    },
    metrics(x) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[j] - optimum[j]) ** 2;
      return { distanceSquared: s };
    },
  };
}

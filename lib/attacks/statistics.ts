import { meanOf } from '../vectors';

/**
 * Per-coordinate statistics of the correct vectors that several attacks use
 * (the attacker is omniscient: it sees every correct vector).
 *
 *     μ_c = (1/N) Σ_j V_{j,c},   s_c = sqrt( (1/(N − 1)) Σ_j (V_{j,c} − μ_c)² )
 *
 * @example coordinateStd([Float64Array.of(0, 1), Float64Array.of(2, 1)]) // Float64Array [√2, 0]
 */
export function correctMean(correct: readonly Float64Array[]): Float64Array {
  return meanOf(correct);
}

/** Sample standard deviation of each coordinate (N − 1 denominator; 0 when N = 1). */
export function coordinateStd(correct: readonly Float64Array[], mu = correctMean(correct)): Float64Array {
  const d = mu.length;
  const s = new Float64Array(d);
  const N = correct.length;
  if (N < 2) return s;
  for (const v of correct) for (let c = 0; c < d; c++) { const t = v[c] - mu[c]; s[c] += t * t; }
  for (let c = 0; c < d; c++) s[c] = Math.sqrt(s[c] / (N - 1));
  return s;
}

/** Root-mean-square distance of the correct vectors to their mean: the natural length scale of the correct spread. */
export function spreadScale(correct: readonly Float64Array[], mu = correctMean(correct)): number {
  let s = 0;
  for (const v of correct) for (let c = 0; c < mu.length; c++) { const t = v[c] - mu[c]; s += t * t; }
  return Math.sqrt(s / correct.length);
}

/** f copies of one vector (fresh arrays, so a caller may mutate one without touching the others). */
export function copies(v: Float64Array, f: number): Float64Array[] {
  return Array.from({ length: f }, () => v.slice());
}

/** x + t·u, as a new vector. */
export function along(x: Float64Array, u: Float64Array, t: number): Float64Array {
  const r = new Float64Array(x.length);
  for (let c = 0; c < x.length; c++) r[c] = x[c] + t * u[c];
  return r;
}

/** u / ‖u‖ (the zero vector is returned unchanged). */
export function unit(u: Float64Array): Float64Array {
  let s = 0;
  for (let c = 0; c < u.length; c++) s += u[c] * u[c];
  const k = s > 0 ? 1 / Math.sqrt(s) : 0;
  return u.map((x) => x * k);
}

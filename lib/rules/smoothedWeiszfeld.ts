import { requireInteger, requireThat } from '../errors';
import { checkInputs, distanceOf, finiteVector, weightedSum } from './inputs';
import { outsideGuarantee, type OutsideGuarantee } from './nonfinite';
import { checkOptions } from './options';
import { coordinateMedianOf } from './orderStatistic';
import type { Aggregation, InputVectors } from './types';

export interface SmoothedWeiszfeldOptions {
  f?: number;
  /** Smoothing constant ν > 0: distances below ν count as ν. Default 0.1 (ByzFL). */
  smoothing?: number;
  /** Fixed number of iterations T >= 1. Default 3 (ByzFL). */
  iterations?: number;
  /** z_0: the origin (ByzFL) or the coordinate-wise median. Default 'zero'. */
  start?: 'zero' | 'median';
}

/**
 * The geometric median the way ByzFL computes it (its `GeometricMedian`, after
 * Pillutla, Kakade, Harchaoui's smoothed Weiszfeld): T iterations from z_0 of
 *
 *     β_i = max(ν, ‖x_i − z_t‖),   z_{t+1} = Σ_i x_i/β_i / Σ_i 1/β_i
 *
 * with no convergence test. An approximation of argmin_z Σ ‖z − x_i‖ whose
 * quality depends on ν, T and z_0 — absolute, not relative to the inputs'
 * scale, so it is neither scale- nor (from the origin) translation-
 * equivariant. The workbook's own GEOMETRIC-MEDIAN (lib/rules/geometricMedian.ts)
 * iterates to a relative tolerance. Inputs with a non-finite coordinate get
 * weight 0 (ByzFL drops inputs with an infinite coordinate and lets NaN
 * through); more than f of them are outside the guarantee.
 *
 * Worked example (ν = 0.1, T = 1, start 0, d = 1): inputs 1, 2, 4: β = 1, 2, 4;
 * z_1 = (1 + 1 + 1)/(1 + 1/2 + 1/4) = 12/7.
 *
 * @example smoothedWeiszfeld([1, 2, 4].map((x) => Float64Array.of(x)), { iterations: 1 }).aggregate // [1.714…]
 */
export function smoothedWeiszfeld(vectors: InputVectors, options: SmoothedWeiszfeldOptions = {}): Aggregation<{ iterations: number; smoothing: number; ignored: number[]; outsideGuarantee?: OutsideGuarantee }> {
  const rule = 'GEOMETRIC-MEDIAN';
  checkOptions(rule, options, ['f', 'smoothing', 'iterations', 'start'], { start: ['zero', 'median'] });
  const d = checkInputs(rule, vectors);
  const n = vectors.length;
  const f = options.f ?? 0;
  const nu = options.smoothing ?? 0.1;
  const iterations = options.iterations ?? 3;
  requireInteger(rule, 'f', f, 0);
  requireThat(n >= 2 * f + 1, rule, 'n >= 2f + 1', { n, f });
  requireThat(nu > 0 && nu < Infinity, rule, 'smoothing > 0, finite', { smoothing: nu });
  requireInteger(rule, 'iterations', iterations, 1, 1e6);
  const ignored: number[] = [];
  const usable = vectors.map((x, i) => { const ok = finiteVector(x); if (!ok) ignored.push(i); return ok; });
  let z = options.start === 'median' ? coordinateMedianOf(vectors, { f: 0 }).aggregate : new Float64Array(d);
  for (let c = 0; c < d; c++) if (z[c] !== z[c]) z[c] = 0;
  const w = new Float64Array(n);
  if (ignored.length < n) {
    for (let t = 0; t < iterations; t++) {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        w[i] = usable[i] ? 1 / Math.max(nu, distanceOf(vectors[i], z)) : 0;
        sum += w[i];
      }
      for (let i = 0; i < n; i++) w[i] /= sum; // normalised first: w·x never overflows
      z = weightedSum(vectors, w, new Float64Array(d));
    }
  } else z.fill(NaN);
  const nan = ignored.length === n ? { nan: d, first: 0 } : { nan: 0, first: -1 };
  const notice = outsideGuarantee(rule, f, nan, ignored.length);
  const diagnostics = { iterations, smoothing: nu, ignored };
  return { aggregate: z, diagnostics: notice ? { ...diagnostics, outsideGuarantee: notice } : diagnostics };
}

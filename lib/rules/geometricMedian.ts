import { requireThat, requireInteger } from '../errors';
import { checkVectors, isFiniteVector, type Vectors } from '../vectors';
import { coordinateMedian } from './coordinatewise';
import type { Aggregation } from './types';

export interface GeometricMedianOptions {
  f?: number;
  /** Smoothing ν: distances below ν count as ν, so no weight is infinite. Default 1e-8. */
  smoothing?: number;
  /** Stop when ‖z_{t+1} − z_t‖ <= tolerance · max(1, ‖z_t‖). Default 1e-10. */
  tolerance?: number;
  /** Iteration cap. Default 500. */
  maxIterations?: number;
}

export interface GeometricMedianDiagnostics {
  converged: boolean;
  iterations: number;
  /** Σ_i ‖z − x_i‖ over the finite inputs at the returned z. */
  objective: number;
  /** Inputs with a non-finite coordinate, given zero weight. */
  ignored: number[];
}

/**
 * Geometric median by smoothed Weiszfeld iterations (Pillutla, Kakade,
 * Harchaoui, 2022):
 *
 *     z_{t+1} = Σ_i w_i x_i / Σ_i w_i,   w_i = 1 / max(ν, ‖z_t − x_i‖)
 *
 * started at the coordinate-wise median. Inputs with a non-finite coordinate
 * are infinitely far and get weight 0. Breakdown point 1/2: requires
 * n >= 2f + 1.
 */
export function geometricMedian(vectors: Vectors, options: GeometricMedianOptions = {}): Aggregation<GeometricMedianDiagnostics> {
  const rule = 'GEOMETRIC-MEDIAN';
  const d = checkVectors(rule, vectors);
  const n = vectors.length;
  const f = options.f ?? 0;
  requireInteger(rule, 'f', f, 0);
  requireThat(n >= 2 * f + 1, rule, 'n >= 2f + 1', { n, f });
  const nu = options.smoothing ?? 1e-8;
  const tol = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 500;
  requireThat(nu > 0 && tol > 0, rule, 'smoothing > 0 and tolerance > 0', { smoothing: nu, tolerance: tol });
  requireInteger(rule, 'maxIterations', maxIterations, 1);
  const ignored: number[] = [];
  const used: Float64Array[] = [];
  vectors.forEach((v, i) => (isFiniteVector(v) ? used.push(v) : ignored.push(i)));
  if (used.length === 0) return { aggregate: new Float64Array(d).fill(NaN), diagnostics: { converged: false, iterations: 0, objective: NaN, ignored } };
  let z = coordinateMedian(used, 0).aggregate;
  const next = new Float64Array(d);
  const dists = new Float64Array(used.length);
  let converged = false;
  let iterations = 0;
  for (; iterations < maxIterations && !converged; iterations++) {
    let wsum = 0;
    next.fill(0);
    for (let i = 0; i < used.length; i++) {
      const w = 1 / Math.max(nu, distance(z, used[i]));
      wsum += w;
      const x = used[i];
      for (let c = 0; c < d; c++) next[c] += w * x[c];
    }
    let step = 0, zn = 0;
    for (let c = 0; c < d; c++) {
      const v = next[c] / wsum;
      step += (v - z[c]) ** 2;
      zn += z[c] * z[c];
      next[c] = v;
    }
    converged = Math.sqrt(step) <= tol * Math.max(1, Math.sqrt(zn));
    z = Float64Array.from(next);
  }
  for (let i = 0; i < used.length; i++) dists[i] = distance(z, used[i]);
  return { aggregate: z, diagnostics: { converged, iterations, objective: dists.reduce((a, b) => a + b, 0), ignored } };
}

function distance(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let c = 0; c < x.length; c++) {
    const t = x[c] - y[c];
    s += t * t;
  }
  return Math.sqrt(s);
}

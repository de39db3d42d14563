import { requireThat, requireInteger } from '../errors';
import { checkVectors, isFiniteVector, type RuleInputs as Vectors } from '../vectors';
import { coordinateMedian } from './coordinatewise';
import { distancesTo, weightedSum } from './inputs';
import { outsideGuarantee, type OutsideGuarantee } from './nonfinite';
import { checkOptions } from './options';
import type { Aggregation } from './types';

export interface GeometricMedianOptions {
  f?: number;
  /**
   * Relative coincidence radius ν: inputs within ν × (mean distance from the
   * starting point to the inputs) of the iterate count as sitting on it
   * (Vardi–Zhang step). Default 1e-8.
   */
  smoothing?: number;
  /** Stop when ‖z_{t+1} − z_t‖ <= tolerance · (mean distance from z_t to the inputs). Default 1e-10. */
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
  /** Present when more than f inputs were ignored or the output is NaN (no finite input); see lib/rules/nonfinite.ts. */
  outsideGuarantee?: OutsideGuarantee;
}

/**
 * Geometric median, argmin_z Σ_i ‖z − x_i‖, by Weiszfeld iterations with
 * Vardi and Zhang's (PNAS 2000) treatment of an iterate that sits on inputs:
 *
 *     T(z) = Σ_i w_i x_i / Σ_i w_i,   w_i = 1/‖z − x_i‖ over the inputs with ‖z − x_i‖ > ν·s₀
 *     z_{t+1} = T(z_t)                                  when no input is within ν·s₀ of z_t
 *     z_{t+1} = (1 − η/r) T(z_t) + (η/r) z_t             when η inputs are, r = Σw·‖T(z_t) − z_t‖
 *     stop at z_t                                       when r <= η (z_t is optimal)
 *
 * where s₀ is the mean distance from the starting point to the inputs (so the
 * rule is equivariant under translation and scaling). The iteration starts at
 * the coordinate-wise median. (Plain smoothed Weiszfeld, with
 * w_i = 1/max(ν, ‖z − x_i‖), crawls by about ν per step when started on an
 * input that is not the median, and its step-size test then reports false
 * convergence: on (2,0), (2,1), (0,0) shifted by (−25, −54) it stopped after 2
 * iterations at the input (2,0) + t, objective 3 instead of 2.909.)
 * Inputs with a non-finite coordinate are infinitely far and get weight 0.
 * Breakdown point 1/2: requires n >= 2f + 1.
 *
 * @example geometricMedian([[0, 0], [4, 0], [4, 2], [0, 6]].map(v => Float64Array.from(v))).aggregate // ≈ [3, 1.5], where the diagonals cross
 */
export function geometricMedian(vectors: Vectors, options: GeometricMedianOptions = {}): Aggregation<GeometricMedianDiagnostics> {
  const rule = 'GEOMETRIC-MEDIAN';
  checkOptions(rule, options, ['f', 'smoothing', 'tolerance', 'maxIterations']);
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
  let used: (Float64Array | Float32Array)[] = [];
  vectors.forEach((v, i) => (isFiniteVector(v) ? used.push(v) : ignored.push(i)));
  if (used.length === 0) {
    const diagnostics: GeometricMedianDiagnostics = { converged: false, iterations: 0, objective: NaN, ignored };
    diagnostics.outsideGuarantee = outsideGuarantee(rule, f, { nan: d, first: 0 }, ignored.length);
    return { aggregate: new Float64Array(d).fill(NaN), diagnostics };
  }
  // Inputs near the largest double: run on the inputs scaled by 2^−e (exact;
  // the iteration is scale-equivariant, so the result is the same rounded
  // iterate times 2^−e) and scale back, so that no difference or sum overflows.
  let big = 0;
  for (const x of used) for (let c = 0; c < d; c++) { const a = Math.abs(x[c]); if (a > big) big = a; }
  const e = big > 2 ** HUGE_LOG2 ? Math.floor(Math.log2(big)) - TARGET_LOG2 : 0;
  if (e > 0) { const s = 2 ** -e; used = used.map((x) => x.map((t) => t * s)); }
  const r = weiszfeld(used, d, nu, tol, maxIterations);
  let objective = r.objective;
  if (e > 0) {
    const s = 2 ** e;
    for (let c = 0; c < d; c++) r.z[c] *= s;
    objective *= s;
  }
  const diagnostics: GeometricMedianDiagnostics = { converged: r.converged, iterations: r.iterations, objective, ignored };
  const notice = outsideGuarantee(rule, f, { nan: 0, first: -1 }, ignored.length);
  if (notice) diagnostics.outsideGuarantee = notice;
  return { aggregate: r.z, diagnostics };
}

/** Inputs larger than 2^HUGE_LOG2 in magnitude are scaled to about 2^TARGET_LOG2 (ordinary inputs are never scaled: their results stay bit-identical). */
const HUGE_LOG2 = 510;
const TARGET_LOG2 = 500;

function weiszfeld(used: readonly (Float64Array | Float32Array)[], d: number, nu: number, tol: number, maxIterations: number): { z: Float64Array; converged: boolean; iterations: number; objective: number } {
  let z = coordinateMedian(used, 0).aggregate;
  const next = new Float64Array(d);
  const dists = new Float64Array(used.length);
  const weights = new Float64Array(used.length);
  // The coincidence radius is relative to the spread of the inputs around the
  // start, so that the result is equivariant under scaling as well as translation.
  let spread0 = 0, finiteCount = 0;
  for (const x of used) {
    const r = distance(z, x);
    if (r < Infinity) { spread0 += r; finiteCount++; }
  }
  const radius = finiteCount > 0 ? nu * (spread0 / finiteCount) : 0;
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations && !converged) {
    iterations++;
    // Weiszfeld over the inputs not at z, with weights normalised before they
    // multiply the inputs (with inputs of 1e300 an unnormalised w·x overflows).
    let wsum = 0, atZ = 0, spread = 0, counted = 0;
    // ‖z − x_i‖ in WebAssembly SIMD (distancesTo: within d·2⁻⁵³ relative of a sequential sum); with the weighted
    // sum below, 159 → 89 ms at n = 25, d = 10⁵ (15 iterations).
    const radii = distancesTo(used, z);
    for (let i = 0; i < used.length; i++) {
      const r = radii[i];
      weights[i] = 0;
      if (r <= radius) atZ++;
      else if (r < Infinity) {
        weights[i] = 1 / r;
        wsum += weights[i];
        spread += r;
        counted++;
      }
    }
    if (!(wsum > 0)) { converged = true; break; } // every input is at z (or infinitely far)
    // T(z) = Σ (w_i/Σw) x_i: weightedSum adds the terms with w_i ≠ 0 in index order from 0, as a loop
    // `next[c] += w_i·x_i[c]` does (bit for bit), in WebAssembly SIMD from 256 coordinates on.
    for (let i = 0; i < used.length; i++) weights[i] /= wsum;
    weightedSum(used, weights, next);
    if (atZ > 0) {
      // Vardi–Zhang: z sits on `atZ` inputs. The others pull with force
      // ‖Σ (x_i − z)/‖x_i − z‖‖ = Σw · ‖T − z‖; if that is at most atZ, z is the
      // geometric median; otherwise step part of the way to the Weiszfeld point T.
      const pull = wsum * distance(next, z);
      if (pull <= atZ) { converged = true; break; }
      const a = atZ / pull;
      for (let c = 0; c < d; c++) next[c] = (1 - a) * next[c] + a * z[c];
    }
    // relative to the mean distance to the inputs: translation- and scale-free
    converged = distance(next, z) <= tol * (spread / counted);
    z = Float64Array.from(next);
  }
  for (let i = 0; i < used.length; i++) dists[i] = distance(z, used[i]);
  return { z, converged, iterations, objective: dists.reduce((a, b) => a + b, 0) };
}

/** ‖x − y‖, rescaled when the sum of squares overflows (differences up to 1e308 stay finite). */
function distance(x: Float64Array | Float32Array, y: Float64Array | Float32Array): number {
  let s = 0;
  for (let c = 0; c < x.length; c++) {
    const t = x[c] - y[c];
    s += t * t;
  }
  if (s < Infinity || s !== s) return Math.sqrt(s);
  let big = 0;
  for (let c = 0; c < x.length; c++) big = Math.max(big, Math.abs(x[c] - y[c]));
  if (big === Infinity) return Infinity;
  let r = 0;
  for (let c = 0; c < x.length; c++) {
    const t = (x[c] - y[c]) / big;
    r += t * t;
  }
  return big * Math.sqrt(r);
}

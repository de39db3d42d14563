/**
 * Input checks and overflow-safe vector arithmetic shared by the rules of the
 * catalogue (lib/rules/index.ts) that are not in the AggregaThor paper. Every
 * function reads Float64Array and Float32Array inputs alike, in place, and
 * accumulates in float64.
 */
import { checkVectors, type Vectors } from '../vectors';
import { arenaMean, stagedMean, stagedSquaredDistances, stagedWeightedSum } from './kernels/arena';
import { finishMean } from './nonfinite';
import type { FloatVector, InputVectors } from './types';

/**
 * Checks the shape of a rule's input (lib/vectors.ts's checkVectors: at least
 * one vector, every one a Float64Array or a Float32Array of the same positive
 * dimension; values are not checked).
 *
 * @returns the dimension d
 * @example checkInputs('MDA', [Float32Array.of(1, 2)]) // 2
 */
export function checkInputs(rule: string, vectors: InputVectors): number {
  return checkVectors(rule, vectors);
}

/** True when every coordinate of `v` is finite. */
export function finiteVector(v: FloatVector): boolean {
  for (let c = 0; c < v.length; c++) {
    const x = v[c];
    if (x - x !== 0) return false;
  }
  return true;
}

/**
 * ‖x − y‖, finite for any finite x and y (the sum of squares is redone on
 * differences divided by the largest one when it overflows); +Infinity when a
 * coordinate is non-finite. `y` null means the origin (‖x‖).
 */
export function distanceOf(x: FloatVector, y: FloatVector | null): number {
  let s = 0;
  for (let c = 0; c < x.length; c++) {
    const t = y ? x[c] - y[c] : x[c];
    s += t * t;
  }
  if (s < Infinity) return Math.sqrt(s);
  let big = 0;
  for (let c = 0; c < x.length; c++) {
    const a = y ? Math.abs(x[c] / 2 - y[c] / 2) : Math.abs(x[c] / 2);
    if (!(a <= big)) big = a; // NaN too
  }
  if (!(big < Infinity)) return Infinity;
  let r = 0;
  for (let c = 0; c < x.length; c++) {
    const t = (y ? x[c] / 2 - y[c] / 2 : x[c] / 2) / big;
    r += t * t;
  }
  return 2 * big * Math.sqrt(r);
}

/**
 * ‖x_i − y‖ for every input (y = `point`, or the origin when null): from
 * 256 coordinates on with WebAssembly SIMD over staged blocks
 * (lib/rules/kernels/arena.ts's stagedSquaredDistances: two partial sums per
 * block, so within d·2⁻⁵³ relative of {@link distanceOf}'s sequential sum,
 * and the same for float32 inputs and their float64 copies); an entry that
 * comes out non-finite (overflow, or a non-finite coordinate) is redone by
 * distanceOf, whose scaling and +Infinity convention then hold as before.
 */
export function distancesTo(vectors: InputVectors, point: FloatVector | null): Float64Array {
  const n = vectors.length;
  const fast = point === null || point instanceof Float64Array ? stagedSquaredDistances(vectors, point as Float64Array | null) : null;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = fast ? fast[i] : Infinity;
    out[i] = s < Infinity ? Math.sqrt(s) : distanceOf(vectors[i], point);
  }
  return out;
}

/**
 * Σ_i w_i x_i over the vectors with w_i ≠ 0 (a weighted sum; with weights
 * summing to at most 1 a convex combination), into `out`. A coordinate that
 * comes out non-finite although every term is finite (an overflowing partial
 * sum) is redone on halved inputs, as 2·Σ w_i (x_i/2); one with a non-finite
 * term is NaN.
 */
export function weightedSum(vectors: InputVectors, weights: ArrayLike<number>, out: Float64Array): Float64Array {
  const d = out.length;
  // The longest prefix of one element type is summed in WebAssembly SIMD (staged blocks, the
  // same additions in the same order); the rest, if any, one vector at a time after it.
  let prefix = 0;
  if (d === vectors[0].length) {
    const per = vectors[0].BYTES_PER_ELEMENT;
    let m = 1;
    while (m < vectors.length && vectors[m].BYTES_PER_ELEMENT === per) m++;
    if (stagedWeightedSum(vectors, m, weights, out)) prefix = m;
  }
  if (prefix === 0) out.fill(0);
  for (let i = prefix; i < vectors.length; i++) {
    const w = weights[i];
    if (w === 0) continue;
    const x = vectors[i];
    for (let c = 0; c < d; c++) out[c] += w * x[c];
  }
  for (let c = 0; c < d; c++) {
    if (out[c] - out[c] === 0) continue;
    let s = 0;
    for (let i = 0; i < vectors.length; i++) {
      const w = weights[i];
      if (w === 0) continue;
      const x = vectors[i][c];
      if (x - x !== 0) { s = NaN; break; }
      s += w * (x / 2);
    }
    const y = 2 * s;
    out[c] = y - y === 0 ? y : NaN;
  }
  return out;
}

/**
 * The mean of vectors[indices]: summed in the order given, then divided by
 * the count (so 1, 3, 10 give 14/3 correctly rounded). A coordinate that
 * overflows although its values are finite is redone by scaled summation
 * (lib/rules/nonfinite.ts); one with a non-finite value is NaN.
 */
export function meanOfIndices(vectors: InputVectors, indices: readonly number[], out = new Float64Array(vectors[0].length)): Float64Array {
  const m = indices.length, d = out.length;
  // rows in one arena, or staged a block at a time: WebAssembly SIMD, the same sums
  const inPlace = m > 0 && d === vectors[0].length ? arenaMean(vectors, indices, out, 'divide') ?? stagedMean(vectors, indices, out, 'divide') : null;
  if (inPlace) {
    if (!inPlace.finite) finishMean(out, vectors as Vectors, indices);
    return out;
  }
  out.fill(0);
  for (const i of indices) {
    const x = vectors[i];
    for (let c = 0; c < d; c++) out[c] += x[c];
  }
  for (let c = 0; c < d; c++) out[c] /= m;
  finishMean(out, vectors as Vectors, indices);
  return out;
}

/**
 * Binomial coefficient C(n, k) as a double (exact below 2^53), for the cost
 * estimates of the rules that enumerate subsets.
 */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  k = Math.min(k, n - k);
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** "3.2 s", "4.1 min", "7.5 h", "2.0e3 years": a duration for a one-line message. */
export function humanSeconds(s: number): string {
  if (s < 60) return `${s.toPrecision(2)} s`;
  if (s < 3600) return `${(s / 60).toPrecision(2)} min`;
  if (s < 86400 * 365) return `${(s / 3600).toPrecision(2)} h`;
  return `${(s / (86400 * 365)).toPrecision(2)} years`;
}

import { requireInteger, requireThat } from '../errors';
import { checkVectors, type RuleInputs as Vectors } from '../vectors';
import { medianColumns, trimmedMeanColumns } from './kernels/columnBlocks';
import { allFinite, nanForNonFinite, outsideGuarantee, scaledSum, type OutsideGuarantee } from './nonfinite';
import { orderKey, quickselectValues } from './select';
import { sharedWorkspace } from './workspace';
import type { Aggregation } from './types';

/**
 * Coordinate-wise median: for each coordinate c, the median of x_1c, …, x_nc
 * (the mean of the two middle values when n is even), a block of coordinates
 * at a time by a sorting network (lib/rules/kernels/columnBlocks.ts):
 * branch-free, O(n log² n) per coordinate, faster than quickselect's O(n)
 * for the n of this workbook.
 *
 * Non-finite values are extreme: −Infinity sorts first, NaN and +Infinity
 * last. Robustness (Yin et al., ICML 2018): with n >= 2f + 1 and at most f
 * Byzantine inputs, each output coordinate lies within the range of the
 * correct values of that coordinate.
 *
 * @example coordinateMedian([[1, 9], [2, 8], [100, -50]].map(v => Float64Array.from(v)), 1).aggregate // [2, 8]
 */
export function coordinateMedian(vectors: Vectors, f = 0): Aggregation<{ n: number; f: number; outsideGuarantee?: OutsideGuarantee }> {
  const d = checkVectors('MEDIAN', vectors);
  const n = vectors.length;
  requireInteger('MEDIAN', 'f', f, 0);
  requireThat(n >= 2 * f + 1, 'MEDIAN', 'n >= 2f + 1', { n, f });
  const out = medianColumns(vectors, new Float64Array(d), sharedWorkspace);
  // the midpoint never overflows: a non-finite median is a non-finite input value reaching the output
  const notice = outsideGuarantee('MEDIAN', f, nanForNonFinite(out));
  return { aggregate: out, diagnostics: notice ? { n, f, outsideGuarantee: notice } : { n, f } };
}

/** (a + b)/2 without overflow for huge finite values. */
export function midpoint(a: number, b: number): number {
  if (a === b) return a;
  const m = a / 2 + b / 2;
  return Number.isNaN(m) ? NaN : m;
}

/**
 * Coordinate-wise trimmed mean: for each coordinate, drop the f largest and
 * the f smallest values and average the n − 2f that remain.
 *
 *     TM_c = (1/(n − 2f)) Σ_{i = f+1}^{n−f} x_(i)c
 *
 * Non-finite values are extreme (as for the median), so with at most f of
 * them in a coordinate they are all trimmed. Robustness (Yin et al., ICML
 * 2018): with n >= 2f + 1, each output coordinate lies within the range of the
 * correct values. Sorted by a network, a block of coordinates at a time, and
 * summed in ascending order (as the reference does).
 *
 * @example trimmedMean([[0], [1], [2], [1e9]].map(v => Float64Array.from(v)), 1).aggregate // [1.5]
 */
export function trimmedMean(vectors: Vectors, f: number): Aggregation<{ n: number; f: number; kept: number; outsideGuarantee?: OutsideGuarantee }> {
  const d = checkVectors('TRIMMED-MEAN', vectors);
  const n = vectors.length;
  requireInteger('TRIMMED-MEAN', 'f', f, 0);
  requireThat(n >= 2 * f + 1, 'TRIMMED-MEAN', 'n >= 2f + 1', { n, f });
  const kept = n - 2 * f;
  const out = trimmedMeanColumns(vectors, f, new Float64Array(d), sharedWorkspace);
  let nan = { nan: 0, first: -1 };
  if (!allFinite(out)) {
    nan = { nan: 0, first: -1 };
    for (let c = 0; c < d; c++) {
      if (out[c] - out[c] === 0) continue;
      out[c] = trimmedMeanOfCoordinate(vectors, f, c);
      if (out[c] !== out[c]) { nan.nan++; if (nan.first < 0) nan.first = c; }
    }
  }
  const notice = outsideGuarantee('TRIMMED-MEAN', f, nan);
  return { aggregate: out, diagnostics: notice ? { n, f, kept, outsideGuarantee: notice } : { n, f, kept } };
}

/**
 * The slow path of one coordinate of the trimmed mean, taken only when the
 * fast path gave a non-finite value: NaN when a non-finite value survives the
 * trimming (more than f at one end), else the kept values summed in ascending
 * order by scaled summation (their plain sum overflowed).
 */
export function trimmedMeanOfCoordinate(vectors: Vectors, f: number, c: number): number {
  const n = vectors.length;
  const vals = Float64Array.from(vectors, (v) => orderKey(v[c])).sort();
  for (let p = f; p < n - f; p++) if (vals[p] - vals[p] !== 0) return NaN;
  return scaledSum(vals, f, n - f, n - 2 * f);
}

/**
 * Per coordinate, the average of the β values closest to the median of
 * `values[0..len)` — BULYAN's second stage. Ties in distance are broken by
 * the value's position. Uses and clobbers `scratch` (length ≥ 2·len).
 */
export function closestToMedianAverage(values: Float64Array, len: number, beta: number, scratch: Float64Array): number {
  // scratch[0, len): the values, partially ordered by quickselect, later the
  // distances again; scratch[len, 2·len): the distances in position order.
  // Offsets instead of subarrays: this runs once per coordinate, and a
  // subarray is an allocation.
  for (let i = 0; i < len; i++) scratch[i] = orderKey(values[i]);
  const lo = (len - 1) >> 1, hi = len >> 1;
  const a = quickselectValues(scratch, 0, len - 1, lo);
  let med = a;
  if (hi !== lo) {
    let b = Infinity;
    for (let i = hi; i < len; i++) if (scratch[i] < b) b = scratch[i];
    med = midpoint(a, b);
  }
  // distance to the median; select the β smallest by (distance, position)
  for (let i = 0; i < len; i++) {
    const t = Math.abs(orderKey(values[i]) - med);
    const dist = t !== t ? Infinity : t;
    scratch[len + i] = dist;
    scratch[i] = dist;
  }
  // threshold: the β-th smallest distance
  const thr = quickselectValues(scratch, 0, len - 1, beta - 1);
  let below = 0;
  for (let i = 0; i < len; i++) if (scratch[len + i] < thr) below++;
  let atThr = beta - below;
  let s = 0;
  for (let i = 0; i < len; i++) {
    const dist = scratch[len + i];
    if (dist < thr) s += orderKey(values[i]);
    else if (dist === thr && atThr > 0) { s += orderKey(values[i]); atThr--; }
  }
  return s / beta;
}

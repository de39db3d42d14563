import type { RuleInputs as Vectors } from '../../vectors';
import { midpoint } from '../coordinatewise';
import { scaledSum } from '../nonfinite';
import { orderKey } from '../select';
import { sortColumns, sortingNetwork } from './sortingNetwork';
import { ensureMemory, instantiateSimd, type SimdKernels } from './wasm';
import type { Workspace } from '../workspace';

/**
 * Coordinate-wise statistics computed a block of coordinates at a time.
 *
 * The values of `width` consecutive coordinates of `len` rows are gathered
 * into a block `T[p·stride + c]` (row p, coordinate c0 + c), with NaN read as
 * +Infinity (the workbook's order: non-finite values are extreme). Each block
 * is sorted column-wise by a sorting network — the same comparators for every
 * coordinate, so the inner loops run over coordinates without data-dependent
 * branches — and the statistic is read off the sorted columns. Per coordinate
 * the work is O(len log² len) branch-free steps instead of O(len) badly
 * predicted ones; for the len ≤ ~100 of these rules that is several times
 * faster (see `npm run bench`).
 *
 * The network runs in WebAssembly SIMD (two coordinates per instruction,
 * simd.wat's sortColumns) where available, else in JavaScript.
 *
 * Results equal the reference implementations (lib/rules/reference.ts) bit
 * for bit: the same sorted values, summed in the same order (up to the sign of
 * a zero median: −0 and +0 compare equal and may trade places).
 */

/** Coordinates per block: a few blocks of len × 256 doubles stay in L2 for len ≤ ~100. */
export const COLUMN_BLOCK = 256;

/**
 * Three blocks of `len` rows × COLUMN_BLOCK doubles — T (the values), S
 * (sorted copies; at least two rows) and D (distances) — optionally a block
 * X of `inputRows` rows (inputs staged for {@link SimdKernels.addRows4}), and
 * a column sort of S. In WebAssembly memory when SIMD is available (the views
 * are valid until the next {@link columnArena} call of this thread), else
 * from the workspace.
 */
export interface ColumnArena {
  T: Float64Array;
  S: Float64Array;
  D: Float64Array;
  X: Float64Array;
  /** Sorts the first `width` columns of S's `len` rows. */
  sortS(width: number): void;
  /**
   * The WebAssembly kernels and the byte offsets of T and X in their memory, or null for the JavaScript path; and
   * four per-column rows (center, threshold, sum, ok flags) for {@link SimdKernels.closestSum}, with their offsets.
   */
  simd: { kernels: SimdKernels; tAt: number; xAt: number; center: Float64Array; threshold: Float64Array; sum: Float64Array; ok: Int32Array; auxAt: number } | null;
}

let columnKernel: SimdKernels | null | undefined;

export function columnArena(len: number, ws: Workspace, kernel: 'auto' | 'js' = 'auto', inputRows = 0): ColumnArena {
  const B = COLUMN_BLOCK;
  const rowsT = len, rowsS = Math.max(2, len), rowsD = len;
  if (columnKernel === undefined) columnKernel = instantiateSimd();
  const k = kernel === 'auto' ? columnKernel : null;
  if (!k) {
    const S = ws.floats('columns.sorted', rowsS * B);
    return {
      T: ws.floats('columns.values', rowsT * B), S, D: ws.floats('columns.distances', rowsD * B), X: ws.floats('columns.inputs', inputRows * B),
      sortS: (width) => sortColumns(S, len, B, width), simd: null,
    };
  }
  const net = sortingNetwork(len);
  const doubles = (rowsT + rowsS + rowsD + inputRows + 4) * B;
  ensureMemory(k, doubles * 8 + net.length * 4);
  const buffer = k.memory.buffer;
  const sAt = rowsT * B * 8, dAt = (rowsT + rowsS) * B * 8, xAt = (rowsT + rowsS + rowsD) * B * 8, netAt = doubles * 8;
  const auxAt = xAt + inputRows * B * 8;
  new Int32Array(buffer, netAt, net.length).set(net);
  return {
    T: new Float64Array(buffer, 0, rowsT * B),
    S: new Float64Array(buffer, sAt, rowsS * B),
    D: new Float64Array(buffer, dAt, rowsD * B),
    X: new Float64Array(buffer, xAt, inputRows * B),
    sortS: (width) => k.sortColumns(sAt, B * 8, (width + 1) & ~1, netAt, netAt + net.length * 4), // an odd width sorts one stale column too, harmlessly
    simd: {
      kernels: k, tAt: 0, xAt, auxAt,
      center: new Float64Array(buffer, auxAt, B), threshold: new Float64Array(buffer, auxAt + B * 8, B),
      sum: new Float64Array(buffer, auxAt + 2 * B * 8, B), ok: new Int32Array(buffer, auxAt + 3 * B * 8, 2 * B),
    },
  };
}

/** T[p·stride + c] = key(rows[which[p]][c0 + c]) for p < len, c < width. */
export function gatherColumns(rows: Vectors, which: readonly number[] | null, len: number, c0: number, width: number, T: Float64Array, stride: number): void {
  for (let p = 0; p < len; p++) {
    const v = rows[which ? which[p] : p];
    const base = p * stride - c0;
    for (let c = c0; c < c0 + width; c++) {
      const x = v[c];
      T[base + c] = x !== x ? Infinity : x;
    }
  }
}

/**
 * Coordinate-wise median of `vectors` into `out` (the mean of the two middle
 * values for an even count, by {@link midpoint}).
 *
 *     MED_c = x_(⌈n/2⌉)c  (n odd)
 *
 * @example medianColumns([Float64Array.of(1, 9), Float64Array.of(2, 8), Float64Array.of(100, -50)], new Float64Array(2), ws) // [2, 8]
 */
export function medianColumns(vectors: Vectors, out: Float64Array, ws: Workspace, kernel: 'auto' | 'js' = 'auto'): Float64Array {
  const n = vectors.length, d = vectors[0].length;
  const B = COLUMN_BLOCK;
  const { S, sortS } = columnArena(n, ws, kernel);
  const lo = (n - 1) >> 1, hi = n >> 1;
  for (let c0 = 0; c0 < d; c0 += B) {
    const width = Math.min(B, d - c0);
    gatherColumns(vectors, null, n, c0, width, S, B);
    sortS(width);
    for (let c = 0; c < width; c++) out[c0 + c] = lo === hi ? S[lo * B + c] : midpoint(S[lo * B + c], S[hi * B + c]);
  }
  return out;
}

/**
 * Coordinate-wise trimmed mean into `out`: per coordinate the sorted values
 * x_(f+1) … x_(n−f), summed in ascending order, divided by n − 2f.
 *
 * @example trimmedMeanColumns([0, 1, 2, 1e9].map((x) => Float64Array.of(x)), 1, new Float64Array(1), ws) // [1.5]
 */
export function trimmedMeanColumns(vectors: Vectors, f: number, out: Float64Array, ws: Workspace, kernel: 'auto' | 'js' = 'auto'): Float64Array {
  const n = vectors.length, d = vectors[0].length;
  const B = COLUMN_BLOCK;
  const { S, sortS } = columnArena(n, ws, kernel);
  const kept = n - 2 * f;
  for (let c0 = 0; c0 < d; c0 += B) {
    const width = Math.min(B, d - c0);
    gatherColumns(vectors, null, n, c0, width, S, B);
    sortS(width);
    for (let c = 0; c < width; c++) {
      let s = 0;
      for (let p = f; p < n - f; p++) s += S[p * B + c];
      out[c0 + c] = s / kept;
    }
  }
  return out;
}

/**
 * BULYAN's second stage on a gathered block: per coordinate c < width, the
 * average of the β values of `T` (len rows, keyed) closest to their median,
 * ties in distance broken by row — the rows summed in row order, as the
 * reference does. Writes out[o + c].
 *
 *     med_c = median_p T_pc,   out_c = (1/β) Σ_{p ∈ β closest} T_pc
 *
 * The arena's S and D are scratch (see {@link columnArena}); stride = COLUMN_BLOCK.
 */
export function aroundMedianOfBlock(arena: ColumnArena, len: number, width: number, beta: number, out: Float64Array, o: number): void {
  const { T, S, D } = arena;
  S.set(T.subarray(0, len * COLUMN_BLOCK));
  arena.sortS(width);
  columnMedians(S, len, width, perColumn.median);
  const { threshold: thr, sum } = closestSums(arena, len, width, beta, perColumn.median);
  for (let c = 0; c < width; c++) {
    const y = sum[c] / beta;
    // the slow path only where a distance or the sum may have overflowed: a β-th distance of
    // +Infinity (ties there would be broken by row, not by the true distance) or a non-finite mean
    out[o + c] = thr[c] === Infinity || y - y !== 0 ? aroundMedianOfColumn(T, len, c, beta) : y;
  }
}

/**
 * One column of {@link aroundMedianOfBlock} without overflow: distances to the
 * median as |x/2 − med/2| (exact halving: the same order as |x − med| where
 * that is finite, and no overflow for finite values), the β closest (ties by
 * row) summed in row order, by scaled summation when the plain sum of finite
 * values overflows. A non-finite value among the β gives a non-finite result,
 * as on the fast path (the rules turn it into NaN).
 */
export function aroundMedianOfColumn(T: Float64Array, len: number, c: number, beta: number): number {
  const vals: number[] = [];
  for (let p = 0; p < len; p++) vals.push(T[p * COLUMN_BLOCK + c]);
  return aroundMedianOfValues(vals, beta);
}

/** The β values of `vals` (keyed: no NaN) closest to their median, averaged as {@link aroundMedianOfColumn} does. */
export function aroundMedianOfValues(vals: readonly number[], beta: number): number {
  const len = vals.length;
  const sorted = [...vals].sort((a, b) => a - b);
  const lo = (len - 1) >> 1, hi = len >> 1;
  const med = lo === hi ? sorted[lo] : midpoint(sorted[lo], sorted[hi]);
  const half = med / 2;
  const dist = vals.map((x) => { const t = Math.abs(x / 2 - half); return t !== t ? Infinity : t; });
  const rows = vals.map((_, p) => p).sort((a, b) => (dist[a] < dist[b] ? -1 : dist[a] > dist[b] ? 1 : a - b)).slice(0, beta).sort((a, b) => a - b);
  let s = 0;
  for (const p of rows) s += vals[p];
  const y = s / beta;
  if (y - y === 0 || !rows.every((p) => vals[p] - vals[p] === 0)) return y;
  return scaledSum(rows.map((p) => vals[p]), 0, beta, beta);
}

/**
 * The closest-to-a-center stage on a gathered block for any center (PHOCAS: the
 * trimmed mean): sorts S from T, then per coordinate c < width the threshold
 * (the β-th smallest |T[p, c] − center[c0 + c]|, NaN read as +∞) and the sum,
 * in row order, of the β rows closest to the center (ties by row). The caller
 * divides by β and redoes a column whose threshold or mean is not finite.
 * `centerFromSorted`, when given, first fills center[c0, c0 + width) from the
 * sorted block (PHOCAS's trimmed mean, so that the block is sorted once).
 * Returns this thread's per-column arrays (valid until the next call).
 */
export function closestToCenterOfBlock(arena: ColumnArena, len: number, width: number, beta: number, center: Float64Array, c0: number, centerFromSorted?: (S: Float64Array, width: number, c0: number) => void): { threshold: Float64Array; sum: Float64Array } {
  const { T, S } = arena;
  S.set(T.subarray(0, len * COLUMN_BLOCK));
  arena.sortS(width);
  centerFromSorted?.(S, width, c0);
  const cen = perColumn.median;
  for (let c = 0; c < width; c++) cen[c] = center[c0 + c];
  return closestSums(arena, len, width, beta, cen);
}

/**
 * With S holding the block's sorted columns: per column the threshold (the
 * β-th smallest distance to cen[c]) and the sum, in row order, of the β rows
 * closest to cen[c], ties by row. In WebAssembly SIMD where the arena has it
 * (closestSum; a column where rows at the threshold must be left out is
 * redone here), else in JavaScript: the same rows, the same order, the same
 * bits.
 */
function closestSums(arena: ColumnArena, len: number, width: number, beta: number, cen: Float64Array): { threshold: Float64Array; sum: Float64Array } {
  const { T, S, D } = arena;
  const threshold = perColumn.threshold, sum = perColumn.sum;
  closestThresholds(S, len, width, beta, cen, 0, threshold);
  if (!arena.simd) {
    distancesToMedian(T, cen, len, width, D);
    sumClosest(T, D, threshold, len, width, beta, perColumn.quota, sum);
    return { threshold, sum };
  }
  const { kernels, tAt, auxAt, center: wc, threshold: wt, sum: ws, ok } = arena.simd;
  const B = COLUMN_BLOCK;
  wc.set(cen.subarray(0, width));
  wt.set(threshold.subarray(0, width));
  // an odd width runs one stale column too, whose results are not read
  kernels.closestSum(tAt, B * 8, len, (width + 1) & ~1, auxAt, auxAt + B * 8, auxAt + 2 * B * 8, auxAt + 3 * B * 8, beta);
  for (let c = 0; c < width; c++) sum[c] = ok[2 * c] !== 0 ? ws[c] : sumClosestColumn(T, len, c, cen[c], threshold[c], beta);
  return { threshold, sum };
}

/** {@link sumClosest} for column c alone, distances computed on the way. */
function sumClosestColumn(T: Float64Array, len: number, c: number, m: number, t: number, beta: number): number {
  const dist = (x: number) => { const d = Math.abs(x - m); return d !== d ? Infinity : d; };
  let quota = beta;
  for (let p = 0; p < len; p++) if (dist(T[p * COLUMN_BLOCK + c]) < t) quota--;
  let s = 0;
  for (let p = 0; p < len; p++) {
    const x = T[p * COLUMN_BLOCK + c], d = dist(x);
    if (d < t) s += x;
    else if (d === t && quota > 0) { s += x; quota--; }
  }
  return s;
}

/**
 * thr[c] = the β-th smallest of |S[p, c] − cen[c]| over the len rows of the
 * sorted column c (NaN read as +∞), without sorting the distances: along a
 * sorted column the computed distances first do not increase, then do not
 * decrease (rounding is monotone), so the largest distance of a window of
 * consecutive rows sits at one of its ends; dropping the farther end len − β
 * times leaves the β smallest distances (as a multiset: on a tie either end
 * leaves the same values), and the threshold is the larger of the two ends'.
 * O(len − β) per column instead of a second sort.
 */
function closestThresholds(S: Float64Array, len: number, width: number, beta: number, cen: Float64Array, co: number, thr: Float64Array): void {
  const B = COLUMN_BLOCK;
  for (let c = 0; c < width; c++) {
    const m = cen[co + c];
    let lo = c, hi = (len - 1) * B + c;
    let kl = Math.abs(S[lo] - m), kh = Math.abs(S[hi] - m);
    if (kl !== kl) kl = Infinity;
    if (kh !== kh) kh = Infinity;
    for (let drop = len - beta; drop > 0; drop--) {
      if (kl > kh) {
        lo += B;
        kl = Math.abs(S[lo] - m);
        if (kl !== kl) kl = Infinity;
      } else {
        hi -= B;
        kh = Math.abs(S[hi] - m);
        if (kh !== kh) kh = Infinity;
      }
    }
    thr[c] = kl > kh ? kl : kh;
  }
}

/** Per-column scratch of this thread: one value per coordinate of a block. */
const perColumn = {
  median: new Float64Array(COLUMN_BLOCK),
  threshold: new Float64Array(COLUMN_BLOCK),
  quota: new Float64Array(COLUMN_BLOCK),
  sum: new Float64Array(COLUMN_BLOCK),
};

/** med[c] = the median of sorted column c (the midpoint of the two middle values for an even len). */
function columnMedians(S: Float64Array, len: number, width: number, med: Float64Array): void {
  const lo = ((len - 1) >> 1) * COLUMN_BLOCK, hi = (len >> 1) * COLUMN_BLOCK;
  if (lo === hi) for (let c = 0; c < width; c++) med[c] = S[lo + c];
  else for (let c = 0; c < width; c++) med[c] = midpoint(S[lo + c], S[hi + c]);
}

/** dist[p, c] = |T[p, c] − med[c]|, with ∞ − ∞ = NaN read as +∞. */
function distancesToMedian(T: Float64Array, med: Float64Array, len: number, width: number, dist: Float64Array): void {
  for (let p = 0; p < len; p++) {
    const r = p * COLUMN_BLOCK;
    for (let c = 0; c < width; c++) {
      const t = Math.abs(T[r + c] - med[c]);
      dist[r + c] = t !== t ? Infinity : t;
    }
  }
}

/**
 * sum[c] = Σ T[p, c] over the β rows p closest to the median — distance below
 * the threshold, then the first rows (in row order) at the threshold — added
 * in row order.
 */
function sumClosest(T: Float64Array, D: Float64Array, threshold: Float64Array, len: number, width: number, beta: number, quota: Float64Array, sum: Float64Array): void {
  quota.fill(beta);
  for (let p = 0; p < len; p++) {
    const r = p * COLUMN_BLOCK;
    for (let c = 0; c < width; c++) quota[c] -= D[r + c] < threshold[c] ? 1 : 0;
  }
  // quota[c] is now how many rows at the threshold are taken
  sum.fill(0);
  for (let p = 0; p < len; p++) {
    const r = p * COLUMN_BLOCK;
    for (let c = 0; c < width; c++) {
      const dist = D[r + c], t = threshold[c];
      if (dist < t) sum[c] += T[r + c];
      else if (dist === t && quota[c] > 0) {
        sum[c] += T[r + c];
        quota[c]--;
      }
    }
  }
}

/**
 * Per coordinate, the average of the β values of rows[which[·]] closest to
 * their median, into `out` — BULYAN's second stage over the whole dimension.
 */
export function aroundMedianColumns(rows: Vectors, which: readonly number[], beta: number, out: Float64Array, ws: Workspace, kernel: 'auto' | 'js' = 'auto'): Float64Array {
  const len = which.length, d = out.length;
  const B = COLUMN_BLOCK;
  const arena = columnArena(len, ws, kernel);
  for (let c0 = 0; c0 < d; c0 += B) {
    const width = Math.min(B, d - c0);
    gatherColumns(rows, which, len, c0, width, arena.T, B);
    aroundMedianOfBlock(arena, len, width, beta, out, c0);
  }
  return out;
}

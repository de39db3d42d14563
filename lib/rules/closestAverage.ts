import { closestToCenterOfBlock, columnArena, COLUMN_BLOCK, gatherColumns } from './kernels/columnBlocks';
import { scaledSum } from './nonfinite';
import { quickselectValues } from './select';
import type { InputVectors } from './types';
import { sharedWorkspace } from './workspace';

/**
 * Per coordinate c, the average of the β input values closest to center_c —
 * the second step of MeaMed and Phocas (Xie, Koyejo, Gupta 2018) and of
 * BULYAN:
 *
 *     out_c = (1/β) Σ_{i ∈ N_c} x_ic,   N_c = the β indices with the smallest |x_ic − center_c|
 *
 * Ties in distance are broken by position (lower index first), and a
 * non-finite value is farther than any finite one (a finite value whose
 * distance overflows counts as MAX_VALUE away), so with at most n − β
 * non-finite values in a coordinate none is averaged. A coordinate whose
 * center is NaN, or whose β closest include a non-finite value, is NaN; a sum
 * of finite values that overflows is redone by scaled summation.
 *
 * Computed a block of 256 coordinates at a time (lib/rules/kernels/columnBlocks.ts):
 * the block's columns sorted by the sorting network, the β-th distance read off
 * each sorted column in O(n − β), then the β closest summed in row order. A
 * coordinate whose center or mean is not finite, or whose β-th distance reaches
 * MAX_VALUE, is redone alone as described above (quickselect, then one pass):
 * the same keys, the same rows, the same summation order, so the same bits.
 * With `centerFromSorted`, the center of each block is filled from the block's
 * sorted columns before it is used (PHOCAS: one sort per block, not two).
 *
 * @example closestToCenterAverage([0, 1, 5, 100].map((x) => Float64Array.of(x)), Float64Array.of(1), 3, new Float64Array(1)) // [2]: 0, 1 and 5 are the three closest to 1
 * @returns how many coordinates are NaN and the first of them (-1 when none)
 */
export function closestToCenterAverage(vectors: InputVectors, center: Float64Array, beta: number, out: Float64Array, kernel: 'auto' | 'js' = 'auto', centerFromSorted?: (S: Float64Array, width: number, c0: number) => void): { nan: number; first: number } {
  const n = vectors.length, d = out.length;
  const B = COLUMN_BLOCK;
  const arena = columnArena(n, sharedWorkspace, kernel);
  let nan = 0, first = -1;
  for (let c0 = 0; c0 < d; c0 += B) {
    const width = Math.min(B, d - c0);
    gatherColumns(vectors, null, n, c0, width, arena.T, B);
    const { threshold, sum } = closestToCenterOfBlock(arena, n, width, beta, center, c0, centerFromSorted);
    for (let c = 0; c < width; c++) {
      const cen = center[c0 + c];
      let y = sum[c] / beta;
      if (!(threshold[c] < Number.MAX_VALUE) || y - y !== 0 || cen - cen !== 0) y = closestOfCoordinate(vectors, c0 + c, cen, beta);
      out[c0 + c] = y;
      if (y !== y) { nan++; if (first < 0) first = c0 + c; }
    }
  }
  return { nan, first };
}

/** One coordinate of {@link closestToCenterAverage}, alone: keys min(|x − center|, MAX_VALUE), +∞ for a non-finite value; quickselect; row order. */
export function closestOfCoordinate(vectors: InputVectors, c: number, cen: number, beta: number): number {
  if (cen - cen !== 0) return NaN;
  const n = vectors.length;
  const keys = sharedWorkspace.floats('closest.keys', n);
  const scratch = sharedWorkspace.floats('closest.scratch', n);
  const picked = sharedWorkspace.floats('closest.picked', beta);
  for (let i = 0; i < n; i++) {
    const x = vectors[i][c];
    const k = x - x === 0 ? Math.min(Math.abs(x - cen), Number.MAX_VALUE) : Infinity;
    keys[i] = k;
    scratch[i] = k;
  }
  const thr = quickselectValues(scratch, 0, n - 1, beta - 1);
  let below = 0;
  for (let i = 0; i < n; i++) if (keys[i] < thr) below++;
  let atThr = beta - below, s = 0, p = 0;
  for (let i = 0; i < n && p < beta; i++) {
    const k = keys[i];
    if (k < thr || (k === thr && atThr-- > 0)) { const x = vectors[i][c]; s += x; picked[p++] = x; }
  }
  const y = s / beta;
  if (y - y === 0) return y;
  for (let q = 0; q < beta; q++) if (picked[q] - picked[q] !== 0) return NaN;
  return scaledSum(picked, 0, beta, beta);
}

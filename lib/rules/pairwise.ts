import type { Vectors } from '../vectors';

/** How a distance between two inputs is measured in a score. */
export type DistanceKind = 'squared' | 'euclidean';

/** Coordinates per cache block: n blocks of 512 doubles (4 KiB each) stay in L2 for n ≤ ~100. */
const BLOCK = 512;

/**
 * All pairwise distances, computed once per call: an n×n row-major matrix with
 * zeros on the diagonal. The loop is blocked over d so that a block of every
 * vector stays in cache while all pairs consume it, and unrolled by four with
 * independent accumulators.
 *
 * A pair with a non-finite coordinate on either side (or whose squared
 * distance overflows) is +Infinity apart: NaN never reaches a score.
 *
 *     ‖x_i − x_j‖² = Σ_c (x_ic − x_jc)²
 */
export function pairwiseDistances(vectors: Vectors, kind: DistanceKind = 'squared', out?: Float64Array): Float64Array {
  const n = vectors.length;
  const d = vectors[0].length;
  const dist = out ?? new Float64Array(n * n);
  dist.fill(0);
  for (let b0 = 0; b0 < d; b0 += BLOCK) {
    const b1 = Math.min(d, b0 + BLOCK);
    for (let i = 0; i < n; i++) {
      const x = vectors[i];
      for (let j = i + 1; j < n; j++) {
        const y = vectors[j];
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        let c = b0;
        for (; c + 3 < b1; c += 4) {
          const t0 = x[c] - y[c], t1 = x[c + 1] - y[c + 1], t2 = x[c + 2] - y[c + 2], t3 = x[c + 3] - y[c + 3];
          s0 += t0 * t0; s1 += t1 * t1; s2 += t2 * t2; s3 += t3 * t3;
        }
        for (; c < b1; c++) {
          const t = x[c] - y[c];
          s0 += t * t;
        }
        dist[i * n + j] += (s0 + s1) + (s2 + s3);
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let v = dist[i * n + j];
      if (!(v < Infinity)) v = Infinity; // NaN and overflow
      else if (kind === 'euclidean') v = Math.sqrt(v);
      dist[i * n + j] = v;
      dist[j * n + i] = v;
    }
  }
  return dist;
}

import type { RuleInputs as Vectors } from '../vectors';
import { accumulateSquaredDistances, type DistanceKernel } from './kernels/squaredDistances';

/** How a distance between two inputs is measured in a score. */
export type DistanceKind = 'squared' | 'euclidean';

/**
 * All pairwise distances, computed once per call: an n×n row-major matrix with
 * zeros on the diagonal. The sums come from {@link accumulateSquaredDistances}:
 * blocked over d so that a block of every vector stays in cache while all
 * pairs consume it, register-tiled (8 pairs per pass), in WebAssembly SIMD
 * where available (`kernel` picks the implementation; default `auto`).
 *
 * A pair with a non-finite coordinate on either side (or whose squared
 * distance overflows) is +Infinity apart: NaN never reaches a score.
 *
 *     ‖x_i − x_j‖² = Σ_c (x_ic − x_jc)²
 *
 * @example pairwiseDistances([Float64Array.of(0, 0), Float64Array.of(3, 4)], 'euclidean') // [0, 5, 5, 0]
 */
export function pairwiseDistances(vectors: Vectors, kind: DistanceKind = 'squared', out?: Float64Array, kernel: DistanceKernel = 'auto'): Float64Array {
  const n = vectors.length;
  const dist = out ?? new Float64Array(n * n);
  dist.fill(0);
  accumulateSquaredDistances(vectors, dist, kernel);
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

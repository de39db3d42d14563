import { isFiniteVector, type RuleInputs as Vectors } from '../vectors';
import { pairwiseDistances, type DistanceKind } from './pairwise';
import { sharedWorkspace } from './workspace';

/**
 * Which inputs are finite (every coordinate finite), read off the distance
 * matrix where it can be: a non-finite coordinate makes every distance of its
 * vector +Infinity, so a vector with one finite distance is finite. Only a
 * vector whose distances are all infinite is scanned — O(n²) instead of O(nd)
 * in the usual all-finite case.
 */
export function finiteFlags(vectors: Vectors, dist: Float64Array): boolean[] {
  const n = vectors.length;
  const finite: boolean[] = [];
  for (let i = 0; i < n; i++) {
    let some = false;
    for (let j = 0; j < n && !some; j++) some = j !== i && dist[i * n + j] < Infinity;
    finite.push(some || isFiniteVector(vectors[i]));
  }
  return finite;
}

/**
 * The least e such that, on inputs scaled by 2^−e, no squared distance of
 * finite inputs (at most d·(2·big)²) times n reaches 2^1022: scores, sums of
 * at most n − 1 distances, cannot overflow. The least, so that small
 * distances keep their precision (they lose it only below 2^(2e − 1022) in
 * the original units).
 */
export function selectionScaleExponent(big: number, n: number, d: number): number {
  return Math.ceil((Math.log2(d) + 2 * (1 + Math.log2(big)) + Math.log2(n) + 2 - 1022) / 2);
}

/**
 * The distances a selection (Krum, MULTI-KRUM, BULYAN, AGGREGATHOR) is made
 * on, with the finite flags of the inputs. When some distance between two
 * finite inputs exceeds MAX/n (overflowed to +Infinity, or large enough that
 * a score, a sum of at most n − 1 of them, could overflow), the distances are
 * recomputed on the inputs scaled by 2^−e, e from
 * {@link selectionScaleExponent} (finite inputs only): scaling by a power of two is exact, so every distance is the
 * true one times 2^−2e (squared) or 2^−e (Euclidean), rounded the same way,
 * and the selection is the one double arithmetic with an unbounded exponent
 * would make — up to distances that fall below 2^−1022 after scaling (below
 * 2^(2e − 1022) in the original units, e ≈ 490 for inputs of 1e300), which
 * lose precision; where that happens, `precisionLost` is true (the rules put
 * it in their diagnostics). Never lets overflow decide a
 * selection by index. `scoreScaleLog2` is log₂ of the factor the distances
 * (hence the scores) carry: 0 on the fast path.
 */
export function selectionDistances(vectors: Vectors, kind: DistanceKind, purpose: string): { dist: Float64Array; finite: boolean[]; scoreScaleLog2: number; precisionLost?: boolean } {
  const n = vectors.length;
  const out = sharedWorkspace.floats(purpose, n * n);
  let dist = pairwiseDistances(vectors, kind, out);
  const finite = finiteFlags(vectors, dist);
  const limit = Number.MAX_VALUE / n;
  let risk = false;
  for (let i = 0; i < n && !risk; i++) {
    const row = i * n;
    for (let j = i + 1; j < n; j++) {
      if (dist[row + j] > limit && finite[i] && finite[j]) { risk = true; break; }
    }
  }
  if (!risk) return { dist, finite, scoreScaleLog2: 0 };
  let big = 0;
  for (let i = 0; i < n; i++) {
    if (!finite[i]) continue;
    const v = vectors[i];
    for (let c = 0; c < v.length; c++) { const a = Math.abs(v[c]); if (a > big) big = a; }
  }
  const e = selectionScaleExponent(big, n, vectors[0].length);
  if (!(e > 0)) return { dist, finite, scoreScaleLog2: 0 };
  const s = 2 ** -e;
  const scaled = vectors.map((v, i) => (finite[i] ? v.map((x) => x * s) : v));
  const before = Float64Array.from(dist);
  dist = pairwiseDistances(scaled, kind, out);
  // a distance that was finite and non-zero and is now below the normal range lost bits to underflow
  let precisionLost = false;
  for (let p = 0; p < n * n && !precisionLost; p++) precisionLost = before[p] > 0 && before[p] < Infinity && dist[p] < 2 ** -1022;
  return { dist, finite, scoreScaleLog2: kind === 'squared' ? -2 * e : -e, precisionLost };
}

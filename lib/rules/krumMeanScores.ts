import { requireInteger, requireThat } from '../errors';
import type { Vectors } from '../vectors';
import { checkInputs, meanOfIndices } from './inputs';
import { countFalse, krumScores, scoreOrder } from './krum';
import { outsideGuarantee, type OutsideGuarantee } from './nonfinite';
import { checkOptions, DISTANCES } from './options';
import type { DistanceKind } from './pairwise';
import { selectionDistances } from './selectionDistances';
import type { Aggregation, InputVectors } from './types';

export interface KrumMeanOptions {
  f: number;
  /** Vectors averaged. Default n − f − 2 (the workbook's MULTI-KRUM; ByzFL's MultiKrum takes n − f, its Krum 1). */
  m?: number;
  /** Neighbours per score. Default n − f − 2 (the paper; ByzFL takes n − f − 1). */
  k?: number;
  distance?: DistanceKind;
}

/**
 * MULTI-KRUM with ByzFL's score: the mean, not the sum, of the distances to
 * the k nearest other inputs,
 *
 *     score(i) = (1/k) Σ_{i → j} ‖x_i − x_j‖²
 *
 * Dividing every score by the same k does not change their order, so the
 * selection is the workbook's MULTI-KRUM's except where two sums differ by
 * less than the rounding of the division (an ulp), which the mean can make
 * an exact tie, then broken by index. The scores in the diagnostics are the
 * means. Same admissibility (n >= 2f + 3), same non-finite convention.
 *
 * Worked example (f = 1, k = 2, m = 2): 0, 1, 2, 100, 3: sums 1 + 4 = 5,
 * 1 + 1 = 2, 1 + 1 = 2, 97² + 98², 1 + 4 = 5; means 2.5, 1, 1, …, 2.5;
 * selected {1, 2}: the output is 1.5, as with sums.
 *
 * @example multiKrumMeanScores([0, 1, 2, 100, 3].map((x) => Float64Array.of(x)), { f: 1, k: 2, m: 2 }).aggregate // [1.5]
 */
export function multiKrumMeanScores(vectors: InputVectors, options: KrumMeanOptions): Aggregation<{ n: number; f: number; k: number; m: number; scores: Float64Array; selected: number[]; outsideGuarantee?: OutsideGuarantee }> {
  const rule = options.m === 1 ? 'KRUM' : 'MULTI-KRUM';
  checkOptions(rule, options, ['f', 'm', 'k', 'distance'], { distance: DISTANCES });
  checkInputs(rule, vectors);
  const n = vectors.length;
  const { f } = options;
  requireInteger(rule, 'f', f, 0);
  requireThat(n >= 2 * f + 3, rule, 'n >= 2f + 3', { n, f });
  const k = options.k ?? n - f - 2;
  const m = options.m ?? n - f - 2;
  requireInteger(rule, 'k', k, 1, n - 1);
  requireInteger(rule, 'm', m, 1, n);
  const { dist, finite } = selectionDistances(vectors as Vectors, options.distance ?? 'squared', 'krumMean.distances');
  const { scores } = krumScores(dist, n, k);
  for (let i = 0; i < n; i++) scores[i] /= k;
  const selected = scoreOrder(Array.from({ length: n }, (_, i) => i), scores, finite).slice(0, m);
  const rows = [...selected].sort((a, b) => a - b);
  const aggregate = meanOfIndices(vectors, rows);
  let nan = 0, first = -1;
  for (let c = 0; c < aggregate.length; c++) if (aggregate[c] !== aggregate[c]) { nan++; if (first < 0) first = c; }
  const notice = outsideGuarantee(rule, f, { nan, first }, countFalse(finite));
  const diagnostics = { n, f, k, m, scores, selected };
  return { aggregate, diagnostics: notice ? { ...diagnostics, outsideGuarantee: notice } : diagnostics };
}

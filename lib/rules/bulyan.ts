import { requireThat, requireInteger } from '../errors';
import { checkVectors, type RuleInputs as Vectors } from '../vectors';
import { aroundMedianColumns } from './kernels/columnBlocks';
import { countFalse, krumScores, scoreOrder } from './krum';
import { nanForNonFinite, outsideGuarantee, type OutsideGuarantee } from './nonfinite';
import { checkOptions, DISTANCES } from './options';
import type { DistanceKind } from './pairwise';
import { selectionDistances } from './selectionDistances';
import type { Aggregation } from './types';
import { sharedWorkspace } from './workspace';

export interface BulyanOptions {
  f: number;
  distance?: DistanceKind;
}

export interface BulyanDiagnostics {
  n: number;
  f: number;
  /** θ = n − 2f vectors selected by repeated Krum. */
  theta: number;
  /** β = θ − 2f values averaged per coordinate around the median. */
  beta: number;
  /** The selected indices, in selection order. */
  selected: number[];
  /** The neighbour count Krum used in each round: max(1, |R| − f − 2) over the remaining set R. */
  roundK: number[];
  /** Present when distances overflowed and the selection was made on the inputs scaled by 2^(scoreScaleLog2/2) (squared; Euclidean: 2^scoreScaleLog2). */
  scoreScaleLog2?: number;
  /** Present when more than f inputs are non-finite or an output coordinate is NaN (lib/rules/nonfinite.ts). */
  /** Present when the scaled distances of the selection lost precision to underflow (tiny distances next to overflowing ones; see selectionDistances): the selection may differ from exact arithmetic's. */
  selectionPrecisionLost?: true;
  outsideGuarantee?: OutsideGuarantee;
}

/**
 * BULYAN as published (El Mhamdi, Guerraoui, Rouault, ICML 2018):
 *
 * 1. select θ = n − 2f inputs by applying Krum repeatedly to the remaining
 *    set R, each round scoring over k = max(1, |R| − f − 2) nearest neighbours
 *    within R (Krum's own neighbour count on |R| inputs; the paper leaves the
 *    last rounds, where |R| < 2f + 3, unspecified, so k is clamped at 1);
 * 2. per coordinate, average the β = θ − 2f selected values closest to their
 *    median.
 *
 * Requires n >= 4f + 3. Distances are computed once and reused across rounds.
 */
export function bulyan(vectors: Vectors, options: BulyanOptions): Aggregation<BulyanDiagnostics> {
  checkOptions('BULYAN', options, ['f', 'distance'], { distance: DISTANCES });
  const d = checkVectors('BULYAN', vectors);
  const n = vectors.length;
  const { f } = options;
  requireInteger('BULYAN', 'f', f, 0);
  requireThat(n >= 4 * f + 3, 'BULYAN', 'n >= 4f + 3', { n, f });
  const theta = n - 2 * f;
  const beta = theta - 2 * f;
  const { dist, finite, scoreScaleLog2, precisionLost } = selectionDistances(vectors, options.distance ?? 'squared', 'bulyan.distances');
  let remaining = Array.from({ length: n }, (_, i) => i);
  const selected: number[] = [];
  const roundK: number[] = [];
  for (let r = 0; r < theta; r++) {
    const k = Math.min(remaining.length - 1, Math.max(1, remaining.length - f - 2));
    roundK.push(k);
    const { scores } = krumScores(dist, n, k, remaining);
    const best = scoreOrder(remaining, scores, finite)[0];
    selected.push(best);
    remaining = remaining.filter((i) => i !== best);
  }
  const aggregate = coordinatewiseAroundMedian(vectors, selected, beta, d);
  const diagnostics: BulyanDiagnostics = { n, f, theta, beta, selected, roundK };
  if (scoreScaleLog2 !== 0) diagnostics.scoreScaleLog2 = scoreScaleLog2;
  if (precisionLost) diagnostics.selectionPrecisionLost = true;
  const notice = outsideGuarantee('BULYAN', f, nanForNonFinite(aggregate), countFalse(finite));
  if (notice) diagnostics.outsideGuarantee = notice;
  return { aggregate, diagnostics };
}

/**
 * Per coordinate, the average of the β values of `rows` closest to their
 * median (rows[which[·]], ties by position in `which`), a block of
 * coordinates at a time (lib/rules/kernels/columnBlocks.ts).
 */
export function coordinatewiseAroundMedian(rows: Vectors, which: readonly number[], beta: number, d: number): Float64Array {
  return aroundMedianColumns(rows, which, beta, new Float64Array(d), sharedWorkspace);
}

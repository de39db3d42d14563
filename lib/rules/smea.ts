import { requireInteger, requireThat } from '../errors';
import type { Vectors } from '../vectors';
import { checkInputs, meanOfIndices } from './inputs';
import { countFalse } from './krum';
import { outsideGuarantee, type OutsideGuarantee } from './nonfinite';
import { checkOptions } from './options';
import { selectionDistances } from './selectionDistances';
import { checkSubsetBudget, nextSubset } from './subsetBudget';
import { centredGram, symmetricEigen } from './symmetricEigen';
import type { Aggregation, InputVectors } from './types';

export interface SmeaOptions {
  f: number;
  /** Refuse calls whose enumeration is estimated above this many seconds. Default 10. */
  maxSeconds?: number;
}

export interface SmeaDiagnostics {
  n: number;
  f: number;
  /** The n − f averaged indices, ascending. */
  selected: number[];
  /** λ_max of their covariance (times 2^scoreScaleLog2 when present), +Infinity when every subset has a non-finite member. */
  lambdaMax: number;
  subsets: number;
  scoreScaleLog2?: number;
  outsideGuarantee?: OutsideGuarantee;
}

/** Measured: one unit (m³) of the Jacobi eigenvalues of one subset costs about this many seconds on the 2-core bench machine (1.1e-7 at n = 15, f = 3). */
const SECONDS_PER_UNIT = 1e-7;

/**
 * Smallest maximum eigenvalue averaging (Allouah, Guerraoui, Gupta, Pinot,
 * Stephan, "On the Privacy-Robustness-Utility Trilemma in Distributed
 * Learning", ICML 2023): the average of the n − f inputs whose empirical
 * covariance has the smallest largest eigenvalue,
 *
 *     S* ∈ argmin_{|S| = n − f} λ_max( (1/|S|) Σ_{i ∈ S} (x_i − x̄_S)(x_i − x̄_S)ᵀ ),   SMEA(x) = x̄_{S*}
 *
 * Ties: the lexicographically first minimiser. λ_max is computed exactly
 * (to rounding) and independently of d: the covariance of S has the non-zero
 * eigenvalues of its centred Gram matrix divided by |S|, which comes from the
 * pairwise squared distances (lib/rules/symmetricEigen.ts, classical MDS),
 * and the Gram matrix's eigenvalues come from Jacobi rotations. (ByzFL
 * estimates λ_max by one power-method step from a random vector, so its
 * selection is random.) Requires n >= 2f + 1. Cost: C(n, f) subsets ×
 * O((n − f)³), after the n² distances; calls estimated above `maxSeconds`
 * (default 10) are refused with the estimate. A subset with a non-finite
 * member has λ_max = +Infinity, so with at most f such inputs S* has none.
 *
 * Worked example (f = 1, d = 1): 0, 1, 2, 10: the variance of {0, 1, 2} is
 * 2/3, of {0, 1, 10} 20.22, of {0, 2, 10} 18.67, of {1, 2, 10} 16.22;
 * S* = {0, 1, 2}, SMEA = 1.
 *
 * @example smea([0, 1, 2, 10].map((x) => Float64Array.of(x)), { f: 1 }).aggregate // [1]
 */
export function smea(vectors: InputVectors, options: SmeaOptions): Aggregation<SmeaDiagnostics> {
  const rule = 'SMEA';
  checkOptions(rule, options, ['f', 'maxSeconds']);
  checkInputs(rule, vectors);
  const n = vectors.length;
  const { f } = options;
  const maxSeconds = options.maxSeconds ?? 10;
  requireInteger(rule, 'f', f, 0);
  requireThat(n >= 2 * f + 1, rule, 'n >= 2f + 1', { n, f });
  requireThat(maxSeconds > 0, rule, 'maxSeconds > 0', { maxSeconds });
  const m = n - f;
  const subsets = checkSubsetBudget(rule, n, f, m * m * m + n, SECONDS_PER_UNIT, maxSeconds);
  const { dist, finite, scoreScaleLog2 } = selectionDistances(vectors as Vectors, 'squared', 'smea.distances');
  const weights = new Float64Array(m).fill(1 / m);
  const gram = new Float64Array(m * m);
  const idx = Array.from({ length: m }, (_, i) => i);
  let best = Infinity, bestSet: number[] | null = null;
  do {
    if (!idx.every((i) => finite[i])) continue;
    centredGram(dist, n, idx, weights, true, gram);
    const { values } = symmetricEigen(gram, m, false);
    let top = 0;
    for (let i = 0; i < m; i++) if (values[i] > top) top = values[i];
    if (top < best) { best = top; bestSet = idx.slice(); }
  } while (nextSubset(idx, n));
  const selected = bestSet ?? Array.from({ length: n }, (_, i) => i).sort((a, b) => Number(finite[b]) - Number(finite[a]) || a - b).slice(0, m).sort((a, b) => a - b);
  const aggregate = meanOfIndices(vectors, selected);
  let nan = 0, first = -1;
  for (let c = 0; c < aggregate.length; c++) if (aggregate[c] !== aggregate[c]) { nan++; if (first < 0) first = c; }
  const diagnostics: SmeaDiagnostics = { n, f, selected, lambdaMax: best, subsets };
  if (scoreScaleLog2 !== 0) diagnostics.scoreScaleLog2 = scoreScaleLog2;
  const notice = outsideGuarantee(rule, f, { nan, first }, countFalse(finite));
  if (notice) diagnostics.outsideGuarantee = notice;
  return { aggregate, diagnostics };
}

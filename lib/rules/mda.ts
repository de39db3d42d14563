import { requireInteger, requireThat } from '../errors';
import type { Vectors } from '../vectors';
import { checkInputs, meanOfIndices } from './inputs';
import { countFalse } from './krum';
import { outsideGuarantee, type OutsideGuarantee } from './nonfinite';
import { checkOptions } from './options';
import { selectionDistances } from './selectionDistances';
import { checkSubsetBudget } from './subsetBudget';
import type { Aggregation, InputVectors } from './types';

export interface MdaOptions {
  f: number;
  /** Refuse calls whose enumeration is estimated above this many seconds. Default 10. */
  maxSeconds?: number;
}

export interface MdaDiagnostics {
  n: number;
  f: number;
  /** The n − f averaged indices, ascending. */
  selected: number[];
  /** Their diameter max_{i,j ∈ S} ‖x_i − x_j‖ (times 2^scoreScaleLog2 when present), +Infinity when every subset has a non-finite member. */
  diameter: number;
  /** Subsets whose diameter was computed in full (the search prunes the others). */
  subsetsVisited: number;
  scoreScaleLog2?: number;
  outsideGuarantee?: OutsideGuarantee;
}

/** One pair read of the search, with no pruning (the bound the estimate uses), costs about this many seconds on the 2-core bench machine; typical inputs prune most subsets (n = 31, f = 7: 8.5 ms instead of the 0.6 s estimate). */
const SECONDS_PER_PAIR = 2e-9;

/**
 * Minimum-diameter averaging (El Mhamdi, Guerraoui, Rouault, "Fast and
 * Robust Distributed Learning in High Dimension", SRDS 2020; the `brute`
 * rule of ByzantineMomentum and Garfield): the average of the n − f inputs
 * whose diameter is smallest,
 *
 *     MDA(x) = (1/(n − f)) Σ_{i ∈ S*} x_i,   S* ∈ argmin_{|S| = n − f} max_{i, j ∈ S} ‖x_i − x_j‖
 *
 * Ties: the lexicographically first minimising S (as both peers). Requires
 * n >= 2f + 1. Exact search: a depth-first enumeration of the subsets in
 * lexicographic order, abandoning a partial subset as soon as its diameter
 * reaches the best so far. Cost: at most C(n, f) subsets × (n − f)²/2 pair
 * reads after the n² distances — exponential in f; calls estimated above
 * `maxSeconds` (default 10) are refused with the estimate (n = 25, f = 5:
 * 53 130 subsets, instant; n = 51, f = 12: 1.6·10¹¹, refused).
 * An input with a non-finite coordinate is infinitely far from every other,
 * so with at most f of them S* has none; a selection on distances that
 * overflow is made on inputs scaled by a power of two (scoreScaleLog2).
 * Bound: any n − f correct inputs form a candidate, so diam(S*) <= Δ, the
 * diameter of the correct inputs; S* holds at least n − 2f >= 1 correct
 * inputs, and the output, a mean of points within diam(S*) of each of them,
 * is within Δ of each correct input in S*.
 *
 * Worked example (f = 1): 0, 1, 3, 10 on a line: the subsets of three have
 * diameters 3 ({0,1,3}), 10, 10, 9 ({1,3,10}); S* = {0, 1, 3}, MDA = 4/3.
 *
 * @example mda([0, 1, 3, 10].map((x) => Float64Array.of(x)), { f: 1 }).aggregate // [1.3333…]
 */
export function mda(vectors: InputVectors, options: MdaOptions): Aggregation<MdaDiagnostics> {
  const rule = 'MDA';
  checkOptions(rule, options, ['f', 'maxSeconds']);
  checkInputs(rule, vectors);
  const n = vectors.length;
  const { f } = options;
  const maxSeconds = options.maxSeconds ?? 10;
  requireInteger(rule, 'f', f, 0);
  requireThat(n >= 2 * f + 1, rule, 'n >= 2f + 1', { n, f });
  requireThat(maxSeconds > 0, rule, 'maxSeconds > 0', { maxSeconds });
  const m = n - f;
  checkSubsetBudget(rule, n, f, Math.max(1, (m * (m - 1)) / 2), SECONDS_PER_PAIR, maxSeconds);
  const { dist, finite, scoreScaleLog2 } = selectionDistances(vectors as Vectors, 'euclidean', 'mda.distances');
  const search = minimumDiameterSubset(dist, n, m);
  let selected = search.subset;
  if (selected === null) {
    // every subset has a non-finite member: the finite inputs first, then by index
    selected = Array.from({ length: n }, (_, i) => i).sort((a, b) => Number(finite[b]) - Number(finite[a]) || a - b).slice(0, m).sort((a, b) => a - b);
  }
  const aggregate = meanOfIndices(vectors, selected);
  let nan = 0, first = -1;
  for (let c = 0; c < aggregate.length; c++) if (aggregate[c] !== aggregate[c]) { nan++; if (first < 0) first = c; }
  const diagnostics: MdaDiagnostics = { n, f, selected, diameter: search.diameter, subsetsVisited: search.visited };
  if (scoreScaleLog2 !== 0) diagnostics.scoreScaleLog2 = scoreScaleLog2;
  const notice = outsideGuarantee(rule, f, { nan, first }, countFalse(finite));
  if (notice) diagnostics.outsideGuarantee = notice;
  return { aggregate, diagnostics };
}

/**
 * The lexicographically first m-subset of smallest diameter (n×n distances
 * `dist`), or null when every m-subset has an infinite diameter. Depth-first:
 * a partial subset is abandoned when its diameter is already >= the best.
 */
export function minimumDiameterSubset(dist: Float64Array, n: number, m: number): { subset: number[] | null; diameter: number; visited: number } {
  let best = Infinity, bestSet: number[] | null = null, visited = 0;
  const chosen = new Array<number>(m);
  const diam = new Float64Array(m + 1); // diam[k]: diameter of chosen[0..k)
  const visit = (k: number, from: number): void => {
    if (k === m) {
      visited++;
      best = diam[m];
      bestSet = chosen.slice();
      return;
    }
    for (let i = from; i <= n - (m - k); i++) {
      let dk = diam[k];
      const row = i * n;
      for (let p = 0; p < k && dk < best; p++) { const x = dist[row + chosen[p]]; if (x > dk) dk = x; }
      if (!(dk < best)) continue;
      chosen[k] = i;
      diam[k + 1] = dk;
      visit(k + 1, i + 1);
    }
  };
  visit(0, 0);
  return { subset: bestSet, diameter: best, visited };
}

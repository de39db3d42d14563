import { requireInteger, requireThat } from '../errors';
import type { Vectors } from '../vectors';
import { checkInputs, meanOfIndices } from './inputs';
import { checkOptions } from './options';
import type { Preaggregator } from './preaggregator';
import { selectSmallest } from './select';
import { selectionDistances } from './selectionDistances';
import type { InputVectors } from './types';

/**
 * Nearest-neighbour mixing (Allouah, Farhadkhani, Guerraoui, Gupta, Pinot,
 * Stephan, "Fixing by Mixing: A Recipe for Optimal Byzantine ML under
 * Heterogeneity", AISTATS 2023, Algorithm 1): every input is replaced by the
 * average of its n − f nearest inputs (itself included),
 *
 *     y_i = (1/(n − f)) Σ_{j ∈ N_i} x_j,   N_i = the n − f inputs nearest x_i
 *
 * and a rule F is then applied to y_1, …, y_n (F ∘ NNM). Ties by index.
 * Requires n >= 2f + 1. Permutation-equivariant and translation-equivariant.
 * An input with a non-finite coordinate is infinitely far from the others,
 * so a finite input's neighbourhood holds none while at most f exist; the
 * mixture of a non-finite input is NaN where its value enters. Cost: the n²
 * distances and n means of n − f vectors, O(n² d).
 *
 * Worked example (f = 1): 0, 1, 3, 10 on a line. N_0 = {0, 1, 3} (distances
 * 0, 1, 3), N_1 = {0, 1, 3}, N_3 = {0, 1, 3} (3, 2, 0 against 7), N_10 =
 * {1, 3, 10} (9, 7, 0 against 10): y = 4/3, 4/3, 4/3, 14/3.
 *
 * @example nnm([0, 1, 3, 10].map((x) => Float64Array.of(x)), { f: 1 }).vectors // [[1.33…], [1.33…], [1.33…], [4.66…]]
 */
export function nnm(vectors: InputVectors, options: { f: number }): { vectors: Float64Array[]; diagnostics: { neighbours: number[][] } } {
  const rule = 'NNM';
  checkOptions(rule, options, ['f']);
  checkInputs(rule, vectors);
  const n = vectors.length;
  const { f } = options;
  requireInteger(rule, 'f', f, 0);
  requireThat(n >= 2 * f + 1, rule, 'n >= 2f + 1', { n, f });
  const { dist } = selectionDistances(vectors as Vectors, 'squared', 'nnm.distances');
  const idx = new Int32Array(n);
  const neighbours: number[][] = [];
  const out: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) idx[j] = j;
    selectSmallest(idx, n, n - f, dist.subarray(i * n, i * n + n));
    const nb = Array.from(idx.subarray(0, n - f)).sort((a, b) => a - b);
    neighbours.push(nb);
    out.push(meanOfIndices(vectors, nb));
  }
  return { vectors: out, diagnostics: { neighbours } };
}

/** NNM as a {@link Preaggregator}. */
export const NNM: Preaggregator = { name: 'NNM', outputs: (n) => n, apply: (v, f) => nnm(v, { f }) };

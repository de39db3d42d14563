import { requireInteger, requireThat } from '../errors';
import { checkInputs, distancesTo, finiteVector, meanOfIndices } from './inputs';
import { countFalse } from './krum';
import { outsideGuarantee, type OutsideGuarantee } from './nonfinite';
import { checkOptions } from './options';
import { selectSmallest } from './select';
import type { Aggregation, InputVectors } from './types';

export interface MonnaOptions {
  f: number;
  /** The index of the input known to be correct (the aggregating node's own vector). Default 0, as ByzFL. */
  index?: number;
}

/**
 * MoNNA, the mean of the nearest neighbours of a trusted input (Farhadkhani,
 * Guerraoui, Gupta, Hoang, Pinot, Stephan, "Robust Collaborative Learning
 * with Linear Gradient Overhead", ICML 2023): in a peer-to-peer setting the
 * node's own vector x_idx is correct, and it averages its n − f nearest
 * inputs (itself included):
 *
 *     MoNNA(x) = (1/(n − f)) Σ_{i ∈ N(idx)} x_i,   N(idx) = the n − f inputs nearest x_idx
 *
 * Ties in distance by index. Requires n >= 2f + 1 and 0 <= index < n. Not
 * permutation-invariant (the trusted index is special); invariant under
 * permutations that keep it, and translation-equivariant. An input with a
 * non-finite coordinate is infinitely far, so with at most f of them none is
 * averaged; a non-finite trusted input is outside the guarantee.
 * Bound: every averaged input is at most as far from x_idx as the farthest
 * correct input (a correct one is left out only for a nearer one).
 *
 * Worked example (f = 1, index 0): 0, 1, 3, 10: distances from 0 are
 * 0, 1, 3, 10; the 3 nearest are 0, 1, 3: MoNNA = 4/3.
 *
 * @example monna([0, 1, 3, 10].map((x) => Float64Array.of(x)), { f: 1 }).aggregate // [1.3333…]
 */
export function monna(vectors: InputVectors, options: MonnaOptions): Aggregation<{ n: number; f: number; index: number; selected: number[]; outsideGuarantee?: OutsideGuarantee }> {
  const rule = 'MONNA';
  checkOptions(rule, options, ['f', 'index']);
  checkInputs(rule, vectors);
  const n = vectors.length;
  const { f } = options;
  const index = options.index ?? 0;
  requireInteger(rule, 'f', f, 0);
  requireThat(n >= 2 * f + 1, rule, 'n >= 2f + 1', { n, f });
  requireInteger(rule, 'index', index, 0, n - 1);
  // Only the distances from the trusted input are needed (n of them, not the n² of the matrix):
  // lib/rules/inputs.ts's distancesTo (WebAssembly SIMD over staged blocks; an overflowing or
  // non-finite entry redone exactly by distanceOf, +Infinity for a non-finite input).
  const pivot = vectors[index];
  const key = distancesTo(vectors, pivot instanceof Float64Array ? pivot : Float64Array.from(pivot));
  for (let i = 0; i < n; i++) if (!(key[i] < Infinity)) key[i] = Infinity; // distanceOf can give NaN for a NaN next to a huge coordinate
  key[index] = 0; // itself first, finite or not (the matrix's diagonal)
  const finite = vectors.map((v, i) => (i === index ? finiteVector(v) : key[i] < Infinity || finiteVector(v)));
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  selectSmallest(idx, n, n - f, key);
  const selected = Array.from(idx.subarray(0, n - f)).sort((a, b) => a - b);
  const aggregate = meanOfIndices(vectors, selected);
  let nan = 0, first = -1;
  for (let c = 0; c < aggregate.length; c++) if (aggregate[c] !== aggregate[c]) { nan++; if (first < 0) first = c; }
  // a non-finite trusted input is outside the guarantee whatever f is
  const nonFinite = finiteVector(vectors[index]) ? countFalse(finite) : Math.max(countFalse(finite), f + 1);
  const notice = outsideGuarantee(rule, f, { nan, first }, nonFinite);
  return { aggregate, diagnostics: notice ? { n, f, index, selected, outsideGuarantee: notice } : { n, f, index, selected } };
}

import { requireInteger, requireThat } from '../errors';
import { checkInputs, distancesTo } from './inputs';
import { checkOptions } from './options';
import { scaledAll, type Preaggregator } from './preaggregator';
import type { InputVectors } from './types';

/**
 * Static clipping (as in ByzFL's `Clipping`): every input is scaled down to
 * norm at most c,
 *
 *     y_i = min(1, c / ‖x_i‖) · x_i
 *
 * Depends on the origin (not translation-equivariant); permutation-
 * equivariant; ‖y_i‖ <= c. The norm of a huge finite input is computed
 * without overflow; an input with a non-finite coordinate is NaN in those
 * coordinates and 0 elsewhere (its norm is infinite, so its finite part is
 * scaled to 0), to be handled by the rule after it; so is a finite input
 * whose norm exceeds the double range.
 *
 * Worked example (c = 2): (3, 4) has norm 5 and becomes (1.2, 1.6); (1, 0) stays.
 *
 * @example staticClipping([Float64Array.of(3, 4), Float64Array.of(1, 0)], { c: 2 }).vectors // [[1.2, 1.6], [1, 0]]
 */
export function staticClipping(vectors: InputVectors, options: { c?: number } = {}): { vectors: Float64Array[]; diagnostics: { clipped: number[] } } {
  const rule = 'CLIPPING';
  checkOptions(rule, options, ['c']);
  checkInputs(rule, vectors);
  const { factors, clipped } = clippingFactors(vectors, options.c ?? 2);
  return { vectors: scaledAll(vectors, factors), diagnostics: { clipped } };
}

/**
 * Static clipping's factors min(1, c / ‖x_i‖), the inputs clipped, and whether Σ_i s_i x_i can be summed as it
 * stands: every norm finite and Σ_i s_i ‖x_i‖ (a bound on every partial sum of every coordinate) far from overflow.
 */
function clippingFactors(vectors: InputVectors, c: number): { factors: number[]; clipped: number[]; summable: boolean } {
  requireThat(c > 0 && c < Infinity, 'CLIPPING', 'a clipping threshold c > 0, finite', { c });
  const clipped: number[] = [];
  const norms = distancesTo(vectors, null);
  const factors = vectors.map((_, i) => {
    const r = norms[i];
    if (r > c) clipped.push(i);
    return r > c ? c / r : 1;
  });
  return { factors, clipped, summable: sumBound(factors, norms) < SUMMABLE };
}

/**
 * ARC, adaptive robust clipping (Allouah, Guerraoui, Gupta, Jellouli, Rizk,
 * Stephan, "The Vital Role of Gradient Clipping in Byzantine-Resilient
 * Distributed Learning", arXiv:2405.14432, 2024): the k = ⌊2f(n − f)/n⌋
 * inputs of largest norm are clipped to the (k + 1)-th largest norm,
 *
 *     y_i = min(1, ‖x_π(n−k)‖ / ‖x_i‖) · x_i,   ‖x_π(1)‖ <= … <= ‖x_π(n)‖
 *
 * Ties in norm by index; a non-finite norm is the largest. Requires
 * n >= 2f + 1 (then k >= f, so every input with a non-finite coordinate is
 * clipped; it is NaN there and 0 elsewhere). Permutation-equivariant, depends
 * on the origin. k = 0 (f = 0) leaves the inputs unchanged.
 *
 * Worked example (f = 1, n = 4): k = ⌊2·3/4⌋ = 1; norms 1, 2, 3, 10: the
 * largest (10) is clipped to 3.
 *
 * @example arc([1, 2, 3, 10].map((x) => Float64Array.of(x)), { f: 1 }).vectors // [[1], [2], [3], [3]]
 */
export function arc(vectors: InputVectors, options: { f: number }): { vectors: Float64Array[]; diagnostics: { clipped: number[]; threshold: number } } {
  const rule = 'ARC';
  checkOptions(rule, options, ['f']);
  checkInputs(rule, vectors);
  const n = vectors.length;
  const { f } = options;
  requireInteger(rule, 'f', f, 0);
  requireThat(n >= 2 * f + 1, rule, 'n >= 2f + 1', { n, f });
  const { factors, clipped, threshold } = arcFactors(vectors, f);
  return { vectors: scaledAll(vectors, factors), diagnostics: { clipped, threshold } };
}

/** ARC's factors, the inputs clipped, the threshold, and whether Σ_i s_i x_i can be summed as it stands (as above). */
function arcFactors(vectors: InputVectors, f: number): { factors: number[]; clipped: number[]; threshold: number; summable: boolean } {
  const n = vectors.length;
  const k = Math.floor((2 * f * (n - f)) / n);
  const norms = Array.from(distancesTo(vectors, null), (r) => (r === r ? r : Infinity));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => norms[a] - norms[b] || a - b);
  const threshold = norms[order[n - k - 1]];
  const clipped = order.slice(n - k).sort((a, b) => a - b);
  const isClipped = new Set(clipped);
  const factors = vectors.map((_, i) => (isClipped.has(i) && norms[i] > threshold ? threshold / norms[i] : 1));
  return { factors, clipped, threshold, summable: sumBound(factors, norms) < SUMMABLE };
}

/** Below this bound on |Σ_i s_i x_ic| no partial sum overflows (the double range ends near 1.8e308). */
const SUMMABLE = 1e300;

/** Σ_i s_i ‖x_i‖: NaN or +Infinity when a norm is (an input with a non-finite coordinate, or one beyond the range). */
function sumBound(factors: readonly number[], norms: ArrayLike<number>): number {
  let bound = 0;
  for (let i = 0; i < factors.length; i++) bound += factors[i] * norms[i];
  return bound;
}

/** Static clipping as a {@link Preaggregator}. */
export function clippingPreaggregator(c = 2): Preaggregator {
  return {
    name: `CLIPPING(c=${c})`,
    outputs: (n) => n,
    apply: (v) => staticClipping(v, { c }),
    scales: (v) => {
      checkInputs('CLIPPING', v);
      const { factors, clipped, summable } = clippingFactors(v, c);
      return summable ? { factors, diagnostics: { clipped } } : null;
    },
  };
}

/** ARC as a {@link Preaggregator}. */
export const ARC: Preaggregator = {
  name: 'ARC',
  outputs: (n) => n,
  apply: (v, f) => arc(v, { f }),
  scales: (v, f) => {
    checkInputs('ARC', v);
    requireInteger('ARC', 'f', f, 0);
    requireThat(v.length >= 2 * f + 1, 'ARC', 'n >= 2f + 1', { n: v.length, f });
    const { factors, clipped, threshold, summable } = arcFactors(v, f);
    return summable ? { factors, diagnostics: { clipped, threshold } } : null;
  },
};


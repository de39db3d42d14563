import { checkVectors, meanOf, type Vectors } from '../vectors';
import type { Aggregation } from './types';

/**
 * The plain average, the rule every robust rule is compared against:
 *
 *     AVG(x_1, …, x_n) = (1/n) Σ_i x_i
 *
 * It is not robust: one Byzantine input moves it arbitrarily far, and a single
 * NaN or ±Infinity coordinate makes that coordinate of the output NaN or
 * ±Infinity (IEEE arithmetic, by design: the average is the baseline that
 * shows what robustness buys).
 *
 * @example average([new Float64Array([0, 2]), new Float64Array([2, 4])]).aggregate // [1, 3]
 */
export function average(vectors: Vectors): Aggregation<{ n: number }> {
  checkVectors('AVERAGE', vectors);
  return { aggregate: meanOf(vectors), diagnostics: { n: vectors.length } };
}

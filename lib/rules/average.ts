import { checkVectors, meanOf, type RuleInputs as Vectors } from '../vectors';
import { finishMean, outsideGuarantee, type OutsideGuarantee } from './nonfinite';
import type { Aggregation } from './types';

/**
 * The plain average, the rule every robust rule is compared against:
 *
 *     AVG(x_1, …, x_n) = (1/n) Σ_i x_i
 *
 * It is not robust: one Byzantine input moves it arbitrarily far. Its
 * guarantee is f = 0, so under the workbook's convention (lib/rules/nonfinite.ts)
 * a coordinate with a NaN or ±Infinity input is NaN in the output (never
 * ±Infinity) and the diagnostics carry `outsideGuarantee`. Finite inputs give
 * a finite average: when the plain sum overflows (seven copies of 1.7e308),
 * that coordinate is summed again on values scaled by a power of two.
 *
 * @example average([new Float64Array([0, 2]), new Float64Array([2, 4])]).aggregate // [1, 3]
 */
export function average(vectors: Vectors): Aggregation<{ n: number; outsideGuarantee?: OutsideGuarantee }> {
  checkVectors('AVERAGE', vectors);
  const out = meanOf(vectors);
  const notice = outsideGuarantee('AVERAGE', 0, finishMean(out, vectors, null));
  return { aggregate: out, diagnostics: notice ? { n: vectors.length, outsideGuarantee: notice } : { n: vectors.length } };
}

import { checkVectors, meanOf, type RuleInputs as Vectors } from '../vectors';
import { arenaMean, stagedMean } from './kernels/arena';
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
 * Inputs allocated by allocateVectors (lib/rules/kernels/arena.ts: n rows of
 * one WebAssembly memory, the layout of a numpy (n, d) array) are summed in
 * place in WebAssembly SIMD; other Float64Array / Float32Array inputs are
 * staged into WebAssembly memory a block of coordinates at a time and summed
 * the same way (stagedMean; meanOf's JavaScript loop below 256 coordinates or
 * without SIMD): bit for bit the same result on every path.
 *
 * @example average([new Float64Array([0, 2]), new Float64Array([2, 4])]).aggregate // [1, 3]
 */
const NO_NAN = Object.freeze({ nan: 0, first: -1 });

export function average(vectors: Vectors): Aggregation<{ n: number; outsideGuarantee?: OutsideGuarantee }> {
  checkVectors('AVERAGE', vectors);
  const fast = arenaMean(vectors, null) ?? stagedMean(vectors, null);
  const out = fast ? fast.out : meanOf(vectors);
  const nan = fast?.finite ? NO_NAN : finishMean(out, vectors, null);
  const notice = outsideGuarantee('AVERAGE', 0, nan);
  return { aggregate: out, diagnostics: notice ? { n: vectors.length, outsideGuarantee: notice } : { n: vectors.length } };
}

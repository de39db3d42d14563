import { requireInteger, requireThat } from '../errors';
import type { Vectors } from '../vectors';
import { closestToCenterAverage } from './closestAverage';
import { trimmedMeanOfCoordinate } from './coordinatewise';
import { COLUMN_BLOCK } from './kernels/columnBlocks';
import { checkInputs } from './inputs';
import { outsideGuarantee, type OutsideGuarantee } from './nonfinite';
import { checkOptions } from './options';
import type { Aggregation, InputVectors } from './types';

/**
 * Phocas (Xie, Koyejo, Gupta, "Generalized Byzantine-tolerant SGD",
 * arXiv:1802.10116, 2018, Definition 5): per coordinate, the average of the
 * n − f values closest to the coordinate's f-trimmed mean,
 *
 *     Phocas_c = (1/(n − f)) Σ_{i ∈ N_c} x_ic,   N_c = the n − f indices nearest TM_c = (1/(n − 2f)) Σ_{j=f+1}^{n−f} x_(j)c
 *
 * (ties in distance by index; lib/rules/closestAverage.ts). Requires
 * n >= 2f + 1, as the trimmed mean. The trimmed mean of a coordinate with at
 * most f non-finite values is finite (they are all trimmed), so the output is
 * finite within the guarantee. Bound, as for MeaMed: the output lies within
 * R_c = max over correct i of |x_ic − TM_c| of TM_c, and TM_c within the
 * correct values' range [lo_c, hi_c].
 *
 * Worked example (f = 1, n = 4): values 0, 1, 2, 10; trimmed mean of 1, 2 is
 * 1.5; distances 1.5, 0.5, 0.5, 8.5; the 3 closest are 0, 1, 2: Phocas = 1.
 *
 * @example phocas([0, 1, 2, 10].map((x) => Float64Array.of(x)), { f: 1 }).aggregate // [1]
 */
export function phocas(vectors: InputVectors, options: { f: number }): Aggregation<{ n: number; f: number; outsideGuarantee?: OutsideGuarantee }> {
  const rule = 'PHOCAS';
  checkOptions(rule, options, ['f']);
  const d = checkInputs(rule, vectors);
  const n = vectors.length;
  const { f } = options;
  requireInteger(rule, 'f', f, 0);
  requireThat(n >= 2 * f + 1, rule, 'n >= 2f + 1', { n, f });
  // The trimmed mean is read off each block's sorted columns, which the closest stage sorts anyway: the same
  // ascending sums as trimmedMean (lib/rules/coordinatewise.ts), and its slow path where one is not finite.
  const center = new Float64Array(d), kept = n - 2 * f;
  const trimmedFromSorted = (S: Float64Array, width: number, c0: number) => {
    for (let c = 0; c < width; c++) {
      let s = 0;
      for (let p = f; p < n - f; p++) s += S[p * COLUMN_BLOCK + c];
      const y = s / kept;
      center[c0 + c] = y - y === 0 ? y : trimmedMeanOfCoordinate(vectors as Vectors, f, c0 + c);
    }
  };
  const out = new Float64Array(d);
  const nan = closestToCenterAverage(vectors, center, n - f, out, 'auto', trimmedFromSorted);
  const notice = outsideGuarantee(rule, f, nan);
  return { aggregate: out, diagnostics: notice ? { n, f, outsideGuarantee: notice } : { n, f } };
}

import { requireInteger, requireThat } from '../errors';
import { closestToCenterAverage } from './closestAverage';
import { checkInputs } from './inputs';
import { nanForNonFinite, outsideGuarantee, type OutsideGuarantee } from './nonfinite';
import { checkOptions } from './options';
import { coordinateMedianOf, EVEN_MEDIANS, type EvenMedian } from './orderStatistic';
import type { Aggregation, InputVectors } from './types';
import type { Vectors } from '../vectors';
import { aroundMedianColumns } from './kernels/columnBlocks';
import { sharedWorkspace } from './workspace';

const ALL = (n: number) => Array.from({ length: n }, (_, i) => i);

export interface MeamedOptions {
  f: number;
  /** The median of an even number of values (default 'midpoint', as numpy and ByzFL; ByzantineMomentum's torch.median is 'lower'). */
  even?: EvenMedian;
}

/**
 * MeaMed, the mean around the median (Xie, Koyejo, Gupta, "Generalized
 * Byzantine-tolerant SGD", arXiv:1802.10116, 2018, Definition 6): per
 * coordinate, the average of the n − f values closest to the coordinate's
 * median,
 *
 *     MeaMed_c = (1/(n − f)) Σ_{i ∈ N_c} x_ic,   N_c = the n − f indices nearest med_c = median(x_1c, …, x_nc)
 *
 * (ties in distance by index; the midpoint median by BULYAN's block kernel,
 * the lower and upper ones by lib/rules/closestAverage.ts). Requires
 * n >= 2f + 1 (the median must be a correct value or between two). With at
 * most f non-finite values in a coordinate, the median is finite and the
 * n − f values kept are all finite, so the output is finite. Bound: when
 * b Byzantine values are kept, b correct ones are not, and those are at
 * least as far from the median, so every kept value, hence the output, lies
 * in [med_c − R_c, med_c + R_c], R_c = max over correct i of |x_ic − med_c|,
 * with med_c itself within the correct values' range [lo_c, hi_c]: the
 * output lies in [lo_c − (hi_c − lo_c), hi_c + (hi_c − lo_c)] (not always in
 * [lo_c, hi_c]: a Byzantine value mirrored across the median is kept).
 *
 * Worked example (f = 1, n = 4): values 0, 1, 2, 10; median (1 + 2)/2 = 1.5;
 * distances 1.5, 0.5, 0.5, 8.5; the 3 closest are 0, 1, 2; MeaMed = 1.
 * With the lower median (1): distances 1, 0, 1, 9; again 0, 1, 2; MeaMed = 1.
 *
 * @example meamed([0, 1, 2, 10].map((x) => Float64Array.of(x)), { f: 1 }).aggregate // [1]
 */
export function meamed(vectors: InputVectors, options: MeamedOptions): Aggregation<{ n: number; f: number; even: EvenMedian; outsideGuarantee?: OutsideGuarantee }> {
  const rule = 'MEAMED';
  checkOptions(rule, options, ['f', 'even'], { even: EVEN_MEDIANS });
  const d = checkInputs(rule, vectors);
  const n = vectors.length;
  const { f } = options;
  const even = options.even ?? 'midpoint';
  requireInteger(rule, 'f', f, 0);
  requireThat(n >= 2 * f + 1, rule, 'n >= 2f + 1', { n, f });
  const out = new Float64Array(d);
  let nan: { nan: number; first: number };
  if (even === 'midpoint' || n % 2 === 1) {
    // BULYAN's second stage over all n inputs with β = n − f is MeaMed: the sorting-network
    // kernel (lib/rules/kernels/columnBlocks.ts), about 10× faster than a quickselect per coordinate
    aroundMedianColumns(vectors as Vectors, ALL(n), n - f, out, sharedWorkspace);
    nan = nanForNonFinite(out);
  } else {
    const center = coordinateMedianOf(vectors, { even }).aggregate;
    nan = closestToCenterAverage(vectors, center, n - f, out);
  }
  const notice = outsideGuarantee(rule, f, nan);
  return { aggregate: out, diagnostics: notice ? { n, f, even, outsideGuarantee: notice } : { n, f, even } };
}

import { requireInteger, requireThat } from '../errors';
import type { Vectors } from '../vectors';
import { medianColumns } from './kernels/columnBlocks';
import { checkInputs } from './inputs';
import { nanForNonFinite, outsideGuarantee, type OutsideGuarantee } from './nonfinite';
import { checkOptions } from './options';
import { orderKey, quickselectValues } from './select';
import type { Aggregation, InputVectors } from './types';
import { sharedWorkspace } from './workspace';

/** Which median of an even number of values: the midpoint of the two middle ones (numpy, ByzFL), the lower one (torch.median, ByzantineMomentum/Garfield) or the upper one. */
export type EvenMedian = 'midpoint' | 'lower' | 'upper';
export const EVEN_MEDIANS = ['midpoint', 'lower', 'upper'] as const;

/**
 * The coordinate-wise median with a choice of convention for even n:
 *
 *     midpoint: (x_(n/2) + x_(n/2+1)) / 2   lower: x_(n/2)   upper: x_(n/2+1)
 *
 * (x_(1) ≤ … ≤ x_(n) the sorted values of one coordinate; the three agree for
 * odd n). 'midpoint' is the workbook's MEDIAN (lib/rules/coordinatewise.ts),
 * the sorting-network kernel; the other two are an order statistic by
 * quickselect, O(n) per coordinate. Non-finite values are extreme (NaN and
 * +Infinity sort last), so with n >= 2f + 1 and at most f of them the output
 * is finite and within the range of the correct values.
 *
 * @example coordinateMedianOf([1, 2, 3, 10].map((x) => Float64Array.of(x)), { f: 1, even: 'lower' }).aggregate // [2]
 */
export function coordinateMedianOf(vectors: InputVectors, options: { f?: number; even?: EvenMedian } = {}): Aggregation<{ n: number; f: number; even: EvenMedian; outsideGuarantee?: OutsideGuarantee }> {
  const rule = 'MEDIAN';
  checkOptions(rule, options, ['f', 'even'], { even: EVEN_MEDIANS });
  const d = checkInputs(rule, vectors);
  const n = vectors.length;
  const f = options.f ?? 0;
  const even = options.even ?? 'midpoint';
  requireInteger(rule, 'f', f, 0);
  requireThat(n >= 2 * f + 1, rule, 'n >= 2f + 1', { n, f });
  const out = new Float64Array(d);
  if (even === 'midpoint' || n % 2 === 1) medianColumns(vectors as Vectors, out, sharedWorkspace);
  else orderStatisticColumns(vectors, even === 'lower' ? n / 2 - 1 : n / 2, out);
  const notice = outsideGuarantee(rule, f, nanForNonFinite(out));
  return { aggregate: out, diagnostics: notice ? { n, f, even, outsideGuarantee: notice } : { n, f, even } };
}

/** Per coordinate, the value of rank `rank` (0-based) in ascending order, NaN sorted as +Infinity. */
export function orderStatisticColumns(vectors: InputVectors, rank: number, out: Float64Array): Float64Array {
  const n = vectors.length;
  const scratch = sharedWorkspace.floats('orderStatistic.scratch', n);
  for (let c = 0; c < out.length; c++) {
    for (let i = 0; i < n; i++) scratch[i] = orderKey(vectors[i][c]);
    out[c] = quickselectValues(scratch, 0, n - 1, rank);
  }
  return out;
}
